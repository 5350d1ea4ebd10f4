import { useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { LeadsSummary } from '../../../../shared/query-v2/response-types';
import { nextSort } from '../multi-sort';
import type { ViewQuery, ViewSort } from '../view-query';
import { TotalsRow } from './totals-row';
import type { LeadsTableInstance } from './use-leads-table';
import { LeadRows } from './lead-rows';
import { rowHeightPx } from './lead-row';
import { firstViewColumns } from './use-row-window';
import { columnDragProps } from '../column-order';

export { useLeadsTable, type LeadsTableInstance, type LeadsTableModel } from './use-leads-table';

/** The arrow, and for a secondary key its position ("2", "3") beside it. */
function SortIcon({ direction, position }: { direction: false | 'asc' | 'desc'; position: number }) {
  return (
    <>
      {position > 1 && (
        // Seen, not read: the button keeps the column's name; aria-sort names the primary key only.
        <span aria-hidden="true" className="rounded-sm bg-accent-soft px-1 text-[0.65rem] leading-4 font-semibold text-ink tabular-nums">
          {position}
        </span>
      )}
      <svg
        aria-hidden="true"
        viewBox="0 0 12 16"
        className={`size-3 shrink-0 ${direction ? 'text-accent' : 'text-muted opacity-60 group-hover:opacity-100'}`}
      >
        <path d="M6 2 10 6H2z" fill="currentColor" opacity={direction === 'desc' ? 0.25 : 1} />
        <path d="M6 14 2 10h8z" fill="currentColor" opacity={direction === 'asc' ? 0.25 : 1} />
      </svg>
    </>
  );
}

const SKELETON_ROWS = Array.from({ length: 12 }, (_, i) => i);

/**
 * The loading skeleton: pulsing bars in the columns that can be in view, one empty cell spanning the rest (a
 * phone's first frame then styles ~5 cells a row, not 13; use-row-window.ts).
 */
function LoadingRows({ columnCount }: { columnCount: number }) {
  const [shown] = useState(() => Math.min(columnCount, firstViewColumns(columnCount, rowHeightPx(true))?.to ?? columnCount));
  return (
    <tbody>
      {SKELETON_ROWS.map((i) => (
        <tr key={i} aria-hidden="true">
          {Array.from({ length: Math.min(shown, columnCount) }, (_, c) => (
            <td key={c} className="border-b border-line px-3 py-3">
              <div className="h-4 animate-pulse rounded bg-line" style={{ width: `${50 + ((i * 7 + c * 13) % 45)}%` }} />
            </td>
          ))}
          {shown < columnCount && <td colSpan={columnCount - shown} className="border-b border-line" />}
        </tr>
      ))}
    </tbody>
  );
}

interface LeadsTableProps {
  table: LeadsTableInstance;
  query: ViewQuery;
  /** First load: no rows yet, show a skeleton. */
  loading: boolean;
  /** Rows shown are the previous view's while the next one loads. */
  stale: boolean;
  onSortChange: (sort: ViewSort | null) => void;
  summary: LeadsSummary | undefined;
  /** The element that scrolls the table (row virtualization follows it). */
  scrollRef: RefObject<HTMLElement | null>;
  /** The keyboard's row highlight (j/k), by lead id. */
  highlightedId?: string | null;
  /** A click anywhere on a row (not on its links or buttons) opens the lead. */
  onRowClick?: (id: string) => void;
  /** Drag a header onto another to move it (wide screens). */
  onColumnOrderChange?: (order: string[]) => void;
}

export function LeadsTable({
  table,
  query,
  loading,
  stale,
  onSortChange,
  summary,
  scrollRef,
  highlightedId,
  onRowClick,
  onColumnOrderChange,
}: LeadsTableProps) {
  const columnOrder = table.state.columnOrder;
  const headerGroups = table.getHeaderGroups();
  const visibleColumns = table.getVisibleLeafColumns();
  const visibleColumnCount = visibleColumns.length;
  const sortBy = (field: string, additive: boolean) => onSortChange(nextSort(query.sort, field, additive));
  const onHeaderClick = (field: string) => (e: MouseEvent) => sortBy(field, e.shiftKey);
  // Shift+Enter on the focused header button: a keyboard click carries no shiftKey, so it is caught here.
  const onHeaderKey = (field: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      sortBy(field, true);
    }
  };
  // The windowed body renders only the rows in view: tell assistive technology how many rows there are
  // (the header row, the data rows, the totals row), and each rendered row its position (lead-row.tsx).
  const dataRowCount = loading ? 0 : table.getRowModel().rows.length;
  const rowCount = loading ? undefined : 1 + dataRowCount + (summary ? 1 : 0);
  return (
    <table
      aria-label="Leads"
      aria-busy={loading || stale}
      aria-rowcount={rowCount}
      // Fixed layout: column widths come from the headers (columns.tsx), not from measuring every cell.
      className="w-full min-w-max table-fixed border-separate border-spacing-0 text-sm"
    >
      <thead>
        {headerGroups.map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const column = header.column;
              const meta = column.columnDef.meta;
              const canSort = meta?.sortable === true;
              const position = query.sort.findIndex((key) => key.field === column.id) + 1;
              const key = query.sort[position - 1];
              const direction = key ? (key.descending ? 'desc' : 'asc') : false;
              // Only the primary key's header says how the table is sorted (one aria-sort per table).
              const ariaSort = position === 1 ? (key?.descending ? 'descending' : 'ascending') : undefined;
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={ariaSort}
                  {...(onColumnOrderChange ? columnDragProps(column.id, columnOrder, onColumnOrderChange) : {})}
                  className={`sticky top-0 z-10 border-b border-line bg-surface-2 px-3 py-2 font-semibold whitespace-nowrap text-muted first:sticky first:left-0 first:z-20 ${meta?.width ?? ''} ${
                    meta?.numeric ? 'text-right' : 'text-left'
                  }`}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={onHeaderClick(column.id)}
                      onKeyDown={onHeaderKey(column.id)}
                      className={`group -my-2 inline-flex cursor-pointer items-center gap-1 rounded-sm py-2 hover:text-ink ${meta?.numeric ? 'flex-row-reverse' : ''} ${
                        direction ? 'text-ink' : ''
                      }`}
                    >
                      {meta?.label ?? column.id}
                      <SortIcon direction={direction} position={position} />
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      {loading ? (
        <LoadingRows columnCount={visibleColumnCount} />
      ) : (
        <LeadRows
          table={table}
          scrollRef={scrollRef}
          stale={stale}
          columnCount={visibleColumnCount}
          highlightedId={highlightedId}
          onRowClick={onRowClick}
        />
      )}
      <TotalsRow summary={loading ? undefined : summary} columnIds={visibleColumns.map((c) => c.id)} />
    </table>
  );
}
