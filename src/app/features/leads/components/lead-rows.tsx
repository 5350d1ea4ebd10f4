// The table body, windowed: only the rows in or near view are in the document, with spacer rows standing in
// for the rest, so the table keeps its full scroll height. Every page is windowed, not only big ones: a
// phone's first frame then lays out the dozen rows it shows rather than all 50 (docs/performance.md).
// The highlighted row (j/k) and the row holding focus are always rendered, in their places: the keyboard can
// focus a row wherever it is, and focus is not lost when its row scrolls far out of view.
import { useDeferredValue, useRef, useState, type FocusEvent, type RefObject } from 'react';
import { LeadRow, ROW_HEIGHT_REM, rowHeightPx, type LeadRowModel } from './lead-row';
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

/** Index ranges [from, to) to render, in order, merged: the window, and single rows kept outside it. */
export function renderedRanges(start: number, end: number, kept: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [
    [start, end],
    ...kept.filter((index) => index >= 0).map((index): [number, number] => [index, index + 1]),
  ];
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of ranges) {
    if (from >= to) continue;
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function Spacer({ rows, columnCount }: { rows: number; columnCount: number }) {
  if (rows <= 0) return null;
  return (
    // Invisible: a spacer moves as rows render above it, and a box that paints nothing is no layout shift.
    <tr aria-hidden="true" className="invisible">
      <td colSpan={columnCount} style={{ height: `${rows * ROW_HEIGHT_REM}rem`, padding: 0 }} />
    </tr>
  );
}

export function LeadRows({ table, scrollRef, stale, columnCount, highlightedId, onRowClick }: LeadRowsProps) {
  const rows: LeadRowModel[] = table.getRowModel().rows;
  // The body's first rows (a page's first answer) are the costliest part of a first render: the body mounts
  // with none — its spacer already as tall as the rows, so nothing below moves — and renders them in a
  // deferred render, which React slices, yielding to the browser, instead of one long task on a phone
  // (docs/performance.md). Later answers render at once, as before.
  const ready = useDeferredValue(true, false);
  const [rowPx] = useState(rowHeightPx);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // No rows until the deferred render: the window's first columns wait for rows to be painted (use-row-window.ts).
  const inView = useRowWindow(scrollRef, bodyRef, ready ? rows.length : 0, rowPx, columnCount);
  const { start, end } = ready ? inView : { start: 0, end: 0 };
  // While a scroll crosses rows, the rows entering render only the columns in view (use-row-window.ts); the
  // rows already shown when it started keep theirs, and so do the highlighted and the focused row (a cell
  // holding focus is never emptied).
  const [focusedId, setFocusedId] = useState<string | undefined>();
  const indexOf = (id: string | null | undefined) => (id ? rows.findIndex((row) => row.original.id === id) : -1);
  const highlightedIndex = indexOf(highlightedId);
  const focusedIndex = indexOf(focusedId);
  const scroll = inView.columns;
  const columnsOf = (index: number) =>
    scroll === null || (index >= scroll.fullStart && index < scroll.fullEnd) || index === highlightedIndex || index === focusedIndex
      ? null
      : scroll.span;
  const onFocus = (event: FocusEvent) => {
    const place = Number(event.target.closest('tr')?.getAttribute('aria-rowindex'));
    const id = rows[place - 2]?.original.id;
    if (id && id !== focusedId) setFocusedId(id);
  };
  const columnsKey = table
    .getVisibleLeafColumns()
    .map((column) => column.id)
    .join();
  const body: React.ReactNode[] = [];
  let next = 0;
  for (const [segment, [from, to]] of renderedRanges(start, end, [highlightedIndex, focusedIndex]).entries()) {
    body.push(<Spacer key={`gap-${segment}`} rows={from - next} columnCount={columnCount} />);
    for (let index = from; index < to; index++) {
      const row = rows[index]!;
      body.push(
        <LeadRow
          key={row.id}
          row={row}
          index={index}
          highlighted={index === highlightedIndex}
          onRowClick={onRowClick}
          columnsKey={columnsKey}
          columns={columnsOf(index)}
        />,
      );
    }
    next = to;
  }
  body.push(<Spacer key="gap-end" rows={rows.length - next} columnCount={columnCount} />);
  return (
    <tbody ref={bodyRef} className={stale ? 'opacity-50 transition-opacity' : 'transition-opacity'} onFocus={onFocus}>
      {body}
    </tbody>
  );
}
