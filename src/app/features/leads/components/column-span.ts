// Which of the table's columns are in view sideways, from the header cells' offsets (fixed table layout: every
// row's cells sit under its header). Used while a vertical scroll is under way, and (from the window's width
// alone) for a table's first rows (use-row-window.ts).
import { NAME_COLUMN_MIN_REM, NARROWEST_COLUMN_REM } from '../columns';

/** Visible columns [from, to) by position; the first column (Name, sticky) is always rendered besides. */
export interface ColumnSpan {
  from: number;
  to: number;
}

/** Columns rendered beyond each side edge of the view. */
const OVERSCAN_COLUMNS = 1;

/**
 * The columns in view of `scroller`, or null (render every column) when they all are, or there is no layout
 * to read: a scroller with no width, a table without a header row.
 */
export function columnsInView(scroller: HTMLElement, table: HTMLTableElement | null): ColumnSpan | null {
  const cells = table?.tHead?.rows[0]?.cells;
  const width = scroller.clientWidth;
  if (!cells || cells.length === 0 || width <= 0) return null;
  const left = scroller.scrollLeft;
  const right = left + width;
  let from = -1;
  let to = 0;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index]!;
    if (cell.offsetLeft < right && cell.offsetLeft + cell.offsetWidth > left) {
      if (from < 0) from = index;
      to = index + 1;
    }
  }
  if (from < 0) return null;
  const span = { from: Math.max(0, from - OVERSCAN_COLUMNS), to: Math.min(cells.length, to + OVERSCAN_COLUMNS) };
  // Every column in view (a wide screen): nothing to leave out, and nothing to fill in when the scroll settles.
  return span.from === 0 && span.to === cells.length ? null : span;
}

/**
 * The columns that can be in view of a table scrolled to its left edge in a window `windowPx` wide, without
 * reading any layout (a first render: reading offsets then would force a layout of the whole page): the Name
 * column and every other column at their narrowest widths (columns.tsx), so the guess never leaves out a
 * column in view. Null when every column may be in view (a wide screen).
 */
export function columnsInWindow(columnCount: number, windowPx: number, rootPx: number): ColumnSpan | null {
  if (windowPx <= 0 || rootPx <= 0) return null;
  const besideName = Math.max(0, windowPx / rootPx - NAME_COLUMN_MIN_REM);
  const to = 1 + Math.ceil(besideName / NARROWEST_COLUMN_REM) + OVERSCAN_COLUMNS;
  return to >= columnCount ? null : { from: 0, to };
}
