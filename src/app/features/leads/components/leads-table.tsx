import { useMemo } from 'react';
import { useTable, type ColumnVisibilityState, type PaginationState, type SortingState, type Updater } from '@tanstack/react-table';
import type { Lead } from '../../../../shared/lead';
import { DEFAULT_SORT, isSortField, type LeadQuery, type SortSpec } from '../../../../shared/lead-query';
import { leadColumns, leadTableFeatures } from '../columns';
import { columnDragProps } from '../column-order';
import { rowClickProps } from './row-click';

const NO_ROWS: Lead[] = [];

/** Header click: ascending → descending → back to the default order (newest first). */
export function nextSort(keys: readonly SortSpec[], field: string): SortSpec | null {
  if (!isSortField(field)) return null;
  const current = keys[0] ?? DEFAULT_SORT[0]!;
  const primaryDefault = DEFAULT_SORT[0] as SortSpec;
  const isDefault = current.field === primaryDefault.field && current.descending === primaryDefault.descending;
  if (isDefault || current.field !== field) return { field, descending: false };
  if (!current.descending) return { field, descending: true };
  return null;
}

function resolve<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

export interface LeadsTableModel {
  rows: Lead[] | undefined;
  total: number | undefined;
  query: LeadQuery;
  columnVisibility: ColumnVisibilityState;
  onColumnVisibilityChange: (visibility: ColumnVisibilityState) => void;
  columnOrder: string[];
  onColumnOrderChange: (order: string[]) => void;
  onSortChange: (sort: SortSpec | null) => void;
  onPageChange: (page: number) => void;
  onLimitChange: (limit: number) => void;
}

/** The TanStack table over one server page: sorting and paging are the server's (manual mode), state is the URL's. */
export function useLeadsTable(model: LeadsTableModel) {
  const { query } = model;
  const sorting: SortingState = useMemo(() => query.sort.slice(0, 1).map((key) => ({ id: key.field, desc: key.descending })), [query.sort]);
  const pagination: PaginationState = useMemo(() => ({ pageIndex: query.page - 1, pageSize: query.limit }), [query.page, query.limit]);

  return useTable({
    features: leadTableFeatures,
    columns: leadColumns,
    data: model.rows ?? NO_ROWS,
    getRowId: (lead, index) => lead.id ?? `row-${index}`,
    manualSorting: true,
    manualPagination: true,
    rowCount: model.total ?? 0,
    autoResetPageIndex: false,
    state: { sorting, pagination, columnVisibility: model.columnVisibility, columnOrder: model.columnOrder },
    onColumnOrderChange: (updater) => model.onColumnOrderChange(resolve(updater, model.columnOrder)),
    onSortingChange: (updater) => {
      const next = resolve(updater, sorting)[0];
      model.onSortChange(next && isSortField(next.id) ? { field: next.id, descending: next.desc } : null);
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      if (next.pageSize !== pagination.pageSize) model.onLimitChange(next.pageSize);
      else if (next.pageIndex !== pagination.pageIndex) model.onPageChange(next.pageIndex + 1);
    },
    onColumnVisibilityChange: (updater) => model.onColumnVisibilityChange(resolve(updater, model.columnVisibility)),
  });
}

export type LeadsTableInstance = ReturnType<typeof useLeadsTable>;

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 16" className={`size-3 shrink-0 ${direction ? 'text-accent' : 'text-muted opacity-60 group-hover:opacity-100'}`}>
      <path d="M6 2 10 6H2z" fill="currentColor" opacity={direction === 'desc' ? 0.25 : 1} />
      <path d="M6 14 2 10h8z" fill="currentColor" opacity={direction === 'asc' ? 0.25 : 1} />
    </svg>
  );
}

const SKELETON_ROWS = Array.from({ length: 12 }, (_, i) => i);

interface LeadsTableProps {
  table: LeadsTableInstance;
  query: LeadQuery;
  /** First load: no rows yet, show a skeleton. */
  loading: boolean;
  /** Rows shown are the previous view's while the next one loads. */
  stale: boolean;
  onSortChange: (sort: SortSpec | null) => void;
  /** The keyboard's row highlight (j/k), by lead id. */
  highlightedId?: string | null;
  /** A click anywhere on a row (not on its links or buttons) opens the lead. */
  onRowClick?: (id: string) => void;
  /** Drag a header onto another to move it (wide screens). */
  onColumnOrderChange?: (order: string[]) => void;
}

export function LeadsTable({ table, query, loading, stale, onSortChange, highlightedId, onRowClick, onColumnOrderChange }: LeadsTableProps) {
  const columnOrder = table.state.columnOrder;
  const headerGroups = table.getHeaderGroups();
  const visibleColumnCount = table.getVisibleLeafColumns().length;
  return (
    <table aria-label="Leads" aria-busy={loading || stale} className="w-full border-separate border-spacing-0 text-sm">
      <thead>
        {headerGroups.map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const column = header.column;
              const meta = column.columnDef.meta;
              const canSort = column.getCanSort();
              const direction = column.getIsSorted();
              const ariaSort = !canSort ? undefined : direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={ariaSort}
                  {...(onColumnOrderChange ? columnDragProps(column.id, columnOrder, onColumnOrderChange) : {})}
                  className={`sticky top-0 z-10 border-b border-line bg-surface-2 px-3 py-2 font-semibold whitespace-nowrap text-muted first:sticky first:left-0 first:z-20 ${
                    meta?.numeric ? 'text-right' : 'text-left'
                  }`}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={() => onSortChange(nextSort(query.sort, column.id))}
                      className={`group -my-2 inline-flex cursor-pointer items-center gap-1 rounded-sm py-2 hover:text-ink ${meta?.numeric ? 'flex-row-reverse' : ''} ${
                        direction ? 'text-ink' : ''
                      }`}
                    >
                      {meta?.label ?? column.id}
                      <SortIcon direction={direction} />
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
      <tbody className={stale ? 'opacity-50 transition-opacity' : 'transition-opacity'}>
        {loading
          ? SKELETON_ROWS.map((i) => (
              <tr key={i} aria-hidden="true">
                {Array.from({ length: visibleColumnCount }, (_, c) => (
                  <td key={c} className="border-b border-line px-3 py-3">
                    <div className="h-4 animate-pulse rounded bg-line" style={{ width: `${50 + ((i * 7 + c * 13) % 45)}%` }} />
                  </td>
                ))}
              </tr>
            ))
          : table.getRowModel().rows.map((row) => (
              <tr key={row.id} {...rowClickProps(row.original.id, highlightedId, onRowClick)}>
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`border-b border-line px-3 py-2 align-middle whitespace-nowrap first:sticky first:left-0 first:bg-surface group-hover/row:first:bg-surface-2 ${
                      cell.column.columnDef.meta?.numeric ? 'text-right tabular-nums' : ''
                    }`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
      </tbody>
    </table>
  );
}
