// The table body, windowed: only the rows in or near view are in the document, with spacer rows standing in
// for the rest, so the table keeps its full scroll height. Every page is windowed, not only big ones: a
// phone's first frame then lays out the dozen rows it shows rather than all 50 (docs/performance.md).
// The highlighted row (j/k) is always rendered, in its place, so the keyboard can focus it wherever it is.
import type { RefObject } from 'react';
import { LeadRow, ROW_HEIGHT_PX, type LeadRowModel } from './lead-row';
import type { LeadsTableInstance } from './use-leads-table';
import { useRowWindow } from './use-row-window';

interface LeadRowsProps {
  table: LeadsTableInstance;
  scrollRef: RefObject<HTMLElement | null>;
  /** The rows are the previous view's while the next one loads: dimmed. */
  stale: boolean;
  columnCount: number;
  highlightedId?: string | null | undefined;
  onRowClick?: ((id: string) => void) | undefined;
}

/** Index ranges [from, to) to render, in order and not overlapping: the window, and the highlighted row. */
export function renderedRanges(start: number, end: number, extra: number): Array<[number, number]> {
  if (extra < 0 || (extra >= start && extra < end)) return start < end ? [[start, end]] : [];
  const single: [number, number] = [extra, extra + 1];
  if (start >= end) return [single];
  if (extra === end) return [[start, end + 1]];
  if (extra === start - 1) return [[extra, end]];
  return extra < start ? [single, [start, end]] : [[start, end], single];
}

function Spacer({ rows, columnCount }: { rows: number; columnCount: number }) {
  if (rows <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columnCount} style={{ height: rows * ROW_HEIGHT_PX, padding: 0 }} />
    </tr>
  );
}

export function LeadRows({ table, scrollRef, stale, columnCount, highlightedId, onRowClick }: LeadRowsProps) {
  const rows: LeadRowModel[] = table.getRowModel().rows;
  const { start, end } = useRowWindow(scrollRef, rows.length, ROW_HEIGHT_PX);
  const highlightedIndex = highlightedId ? rows.findIndex((row) => row.original.id === highlightedId) : -1;
  const columnsKey = table
    .getVisibleLeafColumns()
    .map((column) => column.id)
    .join();
  const body: React.ReactNode[] = [];
  let next = 0;
  for (const [segment, [from, to]] of renderedRanges(start, end, highlightedIndex).entries()) {
    body.push(<Spacer key={`gap-${segment}`} rows={from - next} columnCount={columnCount} />);
    for (let index = from; index < to; index++) {
      const row = rows[index]!;
      body.push(
        <LeadRow
          key={row.id}
          row={row}
          table={table}
          index={index}
          highlighted={index === highlightedIndex}
          onRowClick={onRowClick}
          columnsKey={columnsKey}
        />,
      );
    }
    next = to;
  }
  body.push(<Spacer key="gap-end" rows={rows.length - next} columnCount={columnCount} />);
  return <tbody className={stale ? 'opacity-50 transition-opacity' : 'transition-opacity'}>{body}</tbody>;
}
