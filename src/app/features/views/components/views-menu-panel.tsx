// The open "Views" menu (code-split: the first paint shows only its button). Built-in views first, then the
// saved ones the rep may see (shared ones marked); "Save view…"; rename/delete of the open view for its
// owner; "Set as my default". Keyboard: ↓/↑ move, Home/End, Enter/Space choose, Escape closes back to the
// button, Tab leaves.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { View } from '../../../../shared/views';
import { useDefaultView } from '../default-view';
import type { ViewsState } from '../use-views-state';
import type { ViewDialogMode } from './view-dialogs';

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

function ActionItem({
  checked = false,
  disabled,
  onClick,
  children,
}: {
  checked?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" role="menuitem" className={itemClass} disabled={disabled} onClick={onClick}>
      <Check on={checked} />
      {children}
    </button>
  );
}

interface ViewsMenuPanelProps {
  id: string;
  state: ViewsState;
  /** The menu and its button: a press outside both closes the menu. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** Closes the menu; focus goes back to the button unless it moves on by itself (Tab). */
  onClose: (focusButton?: boolean) => void;
  onDialog: (mode: ViewDialogMode) => void;
}

export default function ViewsMenuPanel({ id, state, rootRef, onClose, onDialog }: ViewsMenuPanelProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const defaultView = useDefaultView();
  const { views, active } = state;

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];

  useEffect(() => {
    // Focus the open view's item (else the first) when the menu opens.
    const list = items();
    (list.find((item) => item.getAttribute('aria-current') === 'true') ?? list[0])?.focus();
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) onClose(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [rootRef, onClose]);

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
      onClose();
    } else if (event.key === 'Tab') onClose(false);
  }

  function choose(action: () => void) {
    onClose();
    action();
  }

  const builtins = views?.filter((view) => view.builtin) ?? [];
  const saved = views?.filter((view) => !view.builtin) ?? [];
  const editable = active && state.canEdit(active) ? active : null;
  const current = defaultView.current;
  const isDefault = (view: View) => current?.viewId === view.id;
  const currentIsDefault = !!current && current.query === state.viewQuery;
  const viewItems = (list: View[]) =>
    list.map((view) => (
      <ViewItem
        key={view.id}
        view={view}
        active={view === active}
        isDefault={isDefault(view)}
        username={state.username}
        onChoose={() => choose(() => state.openView(view))}
      />
    ));

  return (
    <div
      ref={menuRef}
      id={id}
      role="menu"
      aria-label="Views"
      tabIndex={-1}
      onKeyDown={onMenuKeyDown}
      className="absolute left-0 z-30 mt-1 max-h-[70vh] w-72 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-line bg-surface p-1.5 shadow-lg"
    >
      {state.failed && !views && <p className="px-2 py-1.5 text-sm text-muted">Views could not be loaded.</p>}
      {state.loading && <p className="px-2 py-1.5 text-sm text-muted">Loading views…</p>}
      <div role="group" aria-label="Built-in views">
        {viewItems(builtins)}
      </div>
      {saved.length > 0 && (
        <>
          <div role="separator" className="my-1 border-t border-line" />
          <div role="group" aria-label="Saved views">
            {viewItems(saved)}
          </div>
        </>
      )}
      <div role="separator" className="my-1 border-t border-line" />
      <ActionItem onClick={() => choose(() => onDialog({ kind: 'save', query: state.viewQuery }))}>Save view…</ActionItem>
      {editable && (
        <>
          <ActionItem onClick={() => choose(() => onDialog({ kind: 'rename', view: editable }))}>Rename view…</ActionItem>
          <ActionItem onClick={() => choose(() => onDialog({ kind: 'delete', view: editable }))}>Delete view…</ActionItem>
        </>
      )}
      <ActionItem
        checked={currentIsDefault}
        disabled={currentIsDefault}
        onClick={() => choose(() => defaultView.set({ viewId: active?.id ?? null, query: state.viewQuery }))}
      >
        Set as my default
      </ActionItem>
      {current && <ActionItem onClick={() => choose(() => defaultView.set(null))}>Clear my default</ActionItem>}
    </div>
  );
}
