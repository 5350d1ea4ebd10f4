// Header: "I am u_alex" / "Choose who you are" (docs/ui.md "Me"). Hidden when the server knows the rep's
// owner id from their account (session.assigned_to): then `(me)` needs nothing from the browser.
import { lazy, Suspense, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { queryRoots } from '../../../lib/sync-invalidation';
import { useSession } from '../../auth/api/get-session';
import { meStore, useMe } from '../me-store';

const WhoAreYouDialog = lazy(() => import('./who-are-you-dialog'));

export function MeButton() {
  const session = useSession();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  if (!session.data || session.data.data.assigned_to) return null;

  function choose(owner: string | null) {
    if (owner === meStore.get()) return;
    meStore.set(owner);
    // `(me)` now means someone else: answers already loaded for it are wrong, not just old.
    void queryClient.resetQueries({ queryKey: queryRoots.leads });
  }

  return (
    <>
      <button ref={buttonRef} type="button" className="btn max-sm:btn-icon" onClick={() => setOpen(true)}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path fill="currentColor" d="M10 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm0 1.5c-3.3 0-6 1.8-6 4v1h12v-1c0-2.2-2.7-4-6-4Z" />
        </svg>
        {/* A phone shows the icon only (the header must fit one line); the name stays. */}
        <span className="max-sm:sr-only">{me ? `I am ${me}` : 'Choose who you are'}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <WhoAreYouDialog current={me} onChoose={choose} onClose={() => setOpen(false)} returnFocus={() => buttonRef.current} />
        </Suspense>
      )}
    </>
  );
}
