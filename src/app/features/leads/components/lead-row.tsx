import { memo } from 'react';
import type { Lead } from '../../../../shared/lead';
import type { ColumnSpan } from './column-span';
import { rowClickProps } from './row-click';
import type { LeadsTableInstance } from './use-leads-table';

export type LeadRowModel = ReturnType<LeadsTableInstance['getRowModel']>['rows'][number];

/**
 * Every row is this tall, in rem so it grows with the reader's font size (cells clip what does not fit), so
 * the rows in view follow from the scroll position alone: nothing is measured while scrolling
 * (use-row-window.ts). Two short lines fit (a follow-up date). The class below is the same height.
 */
export const ROW_HEIGHT_REM = 2.75;
const ROW_HEIGHT_CLASS = 'h-11';

/**
 * The row height in CSS pixels, from the root font size. `fresh`: read it now (a table's loading rows, while
 * the page is small); otherwise the last value read — a table that mounts with its answer does not read it,
 * since a computed style read while the render's DOM changes are not yet styled forces a style recalc of the
 * whole page (a first answer's render on a phone).
 */
let rowPx: number | undefined;
export function rowHeightPx(fresh = false): number {
  if (rowPx && !fresh) return rowPx;
  const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize);
  rowPx = ROW_HEIGHT_REM * (Number.isFinite(rootPx) && rootPx > 0 ? rootPx : 16);
  return rowPx;
}

/** The keyboard's row highlight (j/k) and the click on a row that opens its lead (row-click.ts). */
export interface RowInteraction {
  highlightedId?: string | null | undefined;
  onRowClick?: ((id: string) => void) | undefined;
}

interface LeadRowProps {
  row: LeadRowModel;
  /** The row's place on the page (0-based): aria-rowindex after the header row. */
  index: number;
  highlighted: boolean;
  onRowClick?: ((id: string) => void) | undefined;
  /** The visible columns in order: the table instance is the same object when they change, so this tells memo. */
  columnsKey: string;
  /** Render only these columns' content (and the first), the other cells empty; null: every column. */
  columns: ColumnSpan | null;
}

// Only the first cell is sticky (the Name column); every cell shares the rest.
const CELL_CLASS = `${ROW_HEIGHT_CLASS} overflow-hidden border-b border-line px-3 py-0 align-middle text-ellipsis whitespace-nowrap`;
const FIRST_CELL_CLASS = `${CELL_CLASS} sticky left-0 bg-surface group-hover/row:bg-surface-2`;

// Memoized: scrolling re-renders the body when the rows in view change, and only the rows that newly come
// into view need rendering. Each cell's content is the column's render function called directly, not through
// a component per cell (TanStack's FlexRender): fewer components to render per row while scrolling.
export const LeadRow = memo(function LeadRow({ row, index, highlighted, onRowClick, columns }: LeadRowProps) {
  const lead: Lead = row.original;
  // An archived lead (only listed with "Include archived") is muted; its Name cell carries an "Archived" badge.
  const archived = lead.archived === true;
  const click = rowClickProps(lead.id, highlighted ? lead.id : null, onRowClick);
  const cells = row.getVisibleCells();
  const outOfView = (position: number) => columns !== null && position !== 0 && (position < columns.from || position >= columns.to);
  const content: React.ReactNode[] = [];
  for (let position = 0; position < cells.length; position++) {
    // Out of view while a scroll crosses the row: one empty cell spanning the run of such columns (the same
    // width, fixed layout), filled when the scroll settles.
    if (outOfView(position)) {
      let span = 1;
      while (position + span < cells.length && outOfView(position + span)) span++;
      content.push(<td key={`blank-${position}`} colSpan={span} className={CELL_CLASS} />);
      position += span - 1;
      continue;
    }
    const cell = cells[position]!;
    const def = cell.column.columnDef;
    const meta = def.meta;
    const value: unknown = cell.getValue();
    content.push(
      <td
        key={cell.id}
        title={meta?.plainText && typeof value === 'string' && value !== '' ? value : undefined}
        className={`${position === 0 ? FIRST_CELL_CLASS : CELL_CLASS} ${meta?.numeric ? 'text-right tabular-nums' : ''}`}
      >
        {typeof def.cell === 'function' ? def.cell(cell.getContext()) : def.cell}
      </td>,
    );
  }
  return (
    <tr aria-rowindex={index + 2} {...click} className={`${click.className} ${archived ? 'text-muted' : ''}`}>
      {content}
    </tr>
  );
});
