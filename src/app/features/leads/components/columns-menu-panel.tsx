// The Columns menu's panel (columns-menu.tsx): loaded when the menu is first opened.
import type { LeadsTableInstance } from './leads-table';
import { ColumnMoveButtons } from './column-move-buttons';

/** Checkboxes, one per hideable column, in the table's order, each movable; and a reset. */
export default function ColumnsMenuPanel({
  id,
  table,
  onReset,
  onMove,
}: {
  id: string;
  table: LeadsTableInstance;
  onReset: () => void;
  onMove?: ((id: string, step: -1 | 1) => void) | undefined;
}) {
  const order = table.state.columnOrder;
  const columns = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return (
    <div
      id={id}
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
  );
}
