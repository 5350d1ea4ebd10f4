import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../api/get-session';
import { signOut } from '../api/sign-out';
import { requireSignIn } from '../session-state';

/** Header: who is signed in, and "Sign out" (users-file mode only; SSO signs out at the proxy). */
export function SessionMenu() {
  const { data } = useSession();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const session = data?.data;
  if (!session || session.mode !== 'users-file' || !session.username) return null;

  async function onSignOut() {
    setPending(true);
    try {
      await signOut();
    } catch {
      // The cookie may still be set: stay signed in rather than pretend.
      setPending(false);
      return;
    }
    setPending(false);
    // Forget what was loaded: nothing of it should show to the next person at this screen.
    queryClient.clear();
    requireSignIn('You have signed out.');
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-muted">
        Signed in as <span className="font-medium text-ink">{session.username}</span>
      </span>
      <button type="button" className="btn" onClick={() => void onSignOut()} disabled={pending}>
        Sign out
      </button>
    </div>
  );
}
