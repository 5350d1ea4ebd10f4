import { useEffect, useId, useRef, useState } from 'react';
import type { LeadsTableInstance } from './leads-table';
import { ColumnMoveButtons } from './column-move-buttons';

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

  const order = table.state.columnOrder;
  const columns = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
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
        onClick={() => setOpen((v) => !v)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
          <path fill="currentColor" d="M3 4h4v12H3V4Zm5 0h4v12H8V4Zm5 0h4v12h-4V4Z" opacity=".85" />
        </svg>
        <span className="max-sm:sr-only">Columns</span>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-30 mt-1 max-h-[70vh] w-64 overflow-y-auto rounded-lg border border-line bg-surface p-2 shadow-lg"
        >
          <fieldset>
            <legend className="px-1.5 pb-1 text-xs font-semibold text-muted">Show columns</legend>
            {columns.map((column) => (
              <ColumnMoveButtons
                key={column.id}
                label={column.columnDef.meta?.label ?? column.id}
                onMove={onMove && column.getIsVisible() ? (step) => onMove(column.id, step) : undefined}
              >
                <label className="flex flex-1 cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-2">
                  <input
                    type="checkbox"
                    className="size-4 accent-[var(--accent)]"
                    checked={column.getIsVisible()}
                    onChange={(e) => column.toggleVisibility(e.target.checked)}
                  />
                  {column.columnDef.meta?.label ?? column.id}
                </label>
              </ColumnMoveButtons>
            ))}
          </fieldset>
          <div className="mt-1 border-t border-line pt-1">
            <button type="button" className="link w-full rounded-md px-1.5 py-1 text-left text-sm" onClick={onReset}>
              Reset to default columns
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
