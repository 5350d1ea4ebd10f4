// "Views" (docs/ui.md "Views"): a menu button. Built-in views first, then the saved ones the rep may see
// (shared ones marked); "Save view…"; rename/delete of the open view for its owner; "Set as my default".
// Menu keyboard: ↓/↑ move, Home/End, Enter/Space choose, Escape closes back to the button, Tab leaves.
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { View } from '../../../../shared/views';
import { useDefaultView } from '../default-view';
import type { ViewsState } from '../use-views-state';
import type { ViewDialogMode } from './view-dialogs';

const ViewDialog = lazy(() => import('./view-dialogs'));

const itemClass =
  'flex w-full cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-surface-2 focus-visible:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-50';

function Check({ on }: { on: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={`size-4 shrink-0 ${on ? 'text-accent' : 'invisible'}`}>
      <path fill="currentColor" d="M6.2 11.6 2.9 8.3l1-1 2.3 2.2 5.9-5.9 1 1z" />
    </svg>
  );
}

function ViewItem({
  view,
  active,
  isDefault,
  username,
  onChoose,
}: {
  view: View;
  active: boolean;
  isDefault: boolean;
  username: string | null;
  onChoose: () => void;
}) {
  const markId = useId();
  const byOther = view.shared && !view.builtin && view.owner !== null && view.owner !== username;
  const mark = view.builtin ? null : view.shared ? (byOther ? `Shared by ${view.owner}` : 'Shared') : null;
  return (
    <button
      type="button"
      role="menuitem"
      className={itemClass}
      aria-label={view.name}
      aria-describedby={mark || isDefault ? markId : undefined}
      aria-current={active ? 'true' : undefined}
      onClick={onChoose}
    >
      <Check on={active} />
      <span className="min-w-0 flex-1 truncate">{view.name}</span>
      {(mark || isDefault) && (
        <span id={markId} className="chip shrink-0">
          {[isDefault ? 'Default' : null, mark].filter(Boolean).join(' · ')}
        </span>
      )}
    </button>
  );
}

export function ViewsMenu({ state }: { state: ViewsState }) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<ViewDialogMode | null>(null);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const defaultView = useDefaultView();
  const { views, active } = state;

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];

  useEffect(() => {
    if (!open) return;
    // Focus the open view's item (else the first) when the menu opens.
    const list = items();
    (list.find((item) => item.getAttribute('aria-current') === 'true') ?? list[0])?.focus();
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  }

  function choose(action: () => void) {
    close();
    action();
  }

  const builtins = views?.filter((view) => view.builtin) ?? [];
  const saved = views?.filter((view) => !view.builtin) ?? [];
  const editable = active && state.canEdit(active) ? active : null;
  const current = defaultView.current;
  const isDefault = (view: View) => current?.viewId === view.id;
  const currentIsDefault = !!current && current.query === state.viewQuery;

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className="btn"
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
        Views
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Views"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          className="absolute left-0 z-30 mt-1 max-h-[70vh] w-72 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-line bg-surface p-1.5 shadow-lg"
        >
          {state.failed && !views && <p className="px-2 py-1.5 text-sm text-muted">Views could not be loaded.</p>}
          {state.loading && <p className="px-2 py-1.5 text-sm text-muted">Loading views…</p>}
          <div role="group" aria-label="Built-in views">
            {builtins.map((view) => (
              <ViewItem
                key={view.id}
                view={view}
                active={view === active}
                isDefault={isDefault(view)}
                username={state.username}
                onChoose={() => choose(() => state.openView(view))}
              />
            ))}
          </div>
          {saved.length > 0 && (
            <>
              <div role="separator" className="my-1 border-t border-line" />
              <div role="group" aria-label="Saved views">
                {saved.map((view) => (
                  <ViewItem
                    key={view.id}
                    view={view}
                    active={view === active}
                    isDefault={isDefault(view)}
                    username={state.username}
                    onChoose={() => choose(() => state.openView(view))}
                  />
                ))}
              </div>
            </>
          )}
          <div role="separator" className="my-1 border-t border-line" />
          <button
            type="button"
            role="menuitem"
            className={itemClass}
            onClick={() => choose(() => setDialog({ kind: 'save', query: state.viewQuery }))}
          >
            <Check on={false} />
            Save view…
          </button>
          {editable && (
            <>
              <button
                type="button"
                role="menuitem"
                className={itemClass}
                onClick={() => choose(() => setDialog({ kind: 'rename', view: editable }))}
              >
                <Check on={false} />
                Rename view…
              </button>
              <button
                type="button"
                role="menuitem"
                className={itemClass}
                onClick={() => choose(() => setDialog({ kind: 'delete', view: editable }))}
              >
                <Check on={false} />
                Delete view…
              </button>
            </>
          )}
          <button
            type="button"
            role="menuitem"
            className={itemClass}
            disabled={currentIsDefault}
            onClick={() => choose(() => defaultView.set({ viewId: active?.id ?? null, query: state.viewQuery }))}
          >
            <Check on={currentIsDefault} />
            Set as my default
          </button>
          {current && (
            <button type="button" role="menuitem" className={itemClass} onClick={() => choose(() => defaultView.set(null))}>
              <Check on={false} />
              Clear my default
            </button>
          )}
        </div>
      )}
      {dialog && (
        <Suspense fallback={null}>
          <ViewDialog mode={dialog} canShare={state.canShare} onClose={() => setDialog(null)} returnFocus={() => buttonRef.current} />
        </Suspense>
      )}
    </div>
  );
}
