// "Views" (docs/ui.md "Views"): a menu button; the menu itself and its dialogs load when first opened.
import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import type { ViewsState } from '../use-views-state';
import { DefaultSaveError } from './default-save-error';
import type { ViewDialogMode } from './view-dialogs';

const ViewsMenuPanel = lazy(() => import('./views-menu-panel'));
const ViewDialog = lazy(() => import('./view-dialogs'));

export function ViewsMenu({ state }: { state: ViewsState }) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<ViewDialogMode | null>(null);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback((focusButton = true) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }, []);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className="btn max-sm:w-9 max-sm:px-0"
        title="Views"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path fill="currentColor" d="M3 4.5h14V6H3zm0 4.75h14v1.5H3zM3 14h9v1.5H3z" />
        </svg>
        <span className="max-sm:sr-only">Views</span>
      </button>
      {!open && <DefaultSaveError />}
      {open && (
        <Suspense fallback={null}>
          <ViewsMenuPanel id={menuId} state={state} rootRef={rootRef} onClose={close} onDialog={setDialog} />
        </Suspense>
      )}
      {dialog && (
        <Suspense fallback={null}>
          <ViewDialog mode={dialog} canShare={state.canShare} onClose={() => setDialog(null)} returnFocus={() => buttonRef.current} />
        </Suspense>
      )}
    </div>
  );
}
