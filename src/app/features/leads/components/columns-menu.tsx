import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { LeadsTableInstance } from './leads-table';

// The panel loads when first wanted (the first load's budget, docs/performance.md); pointing at or focusing
// the button starts loading it, so it is usually there by the click.
const loadPanel = () => import('./columns-menu-panel');
const ColumnsMenuPanel = lazy(loadPanel);

/** "Columns": a popover of checkboxes, one per hideable column, in the table's order, each movable. */
export function ColumnsMenu({
  table,
  onReset,
  onMove,
}: {
  table: LeadsTableInstance;
  onReset: () => void;
  onMove?: (id: string, step: -1 | 1) => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative"
      role="presentation"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !rootRef.current?.contains(e.relatedTarget) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="btn max-sm:w-9 max-sm:px-0"
        title="Columns"
        aria-expanded={open}
        aria-controls={panelId}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        onClick={() => setOpen((v) => !v)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path fill="currentColor" d="M3 4h4v12H3V4Zm5 0h4v12H8V4Zm5 0h4v12h-4V4Z" opacity=".85" />
        </svg>
        <span className="max-sm:sr-only">Columns</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <ColumnsMenuPanel id={panelId} table={table} onReset={onReset} onMove={onMove} />
        </Suspense>
      )}
    </div>
  );
}
