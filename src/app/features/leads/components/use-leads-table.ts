// The TanStack table over one server page: sorting and paging are the server's (manual mode), state is the URL's.
import { useMemo } from 'react';
import { useTable, type ColumnVisibilityState, type PaginationState, type SortingState, type Updater } from '@tanstack/react-table';
import type { Lead } from '../../../../shared/lead';
import { leadColumns, leadTableFeatures } from '../columns';
import type { ViewQuery } from '../view-query';

const NO_ROWS: Lead[] = [];

function resolve<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

export interface LeadsTableModel {
  rows: Lead[] | undefined;
  total: number | undefined;
  query: ViewQuery;
  columnVisibility: ColumnVisibilityState;
  onColumnVisibilityChange: (visibility: ColumnVisibilityState) => void;
  columnOrder: string[];
  onColumnOrderChange: (order: string[]) => void;
  onPageChange: (page: number) => void;
  onLimitChange: (limit: number) => void;
}

export function useLeadsTable(model: LeadsTableModel) {
  const { query } = model;
  const sorting: SortingState = useMemo(() => query.sort.map((key) => ({ id: key.field, desc: key.descending })), [query.sort]);
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
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      if (next.pageSize !== pagination.pageSize) model.onLimitChange(next.pageSize);
      else if (next.pageIndex !== pagination.pageIndex) model.onPageChange(next.pageIndex + 1);
    },
    onColumnVisibilityChange: (updater) => model.onColumnVisibilityChange(resolve(updater, model.columnVisibility)),
  });
}

export type LeadsTableInstance = ReturnType<typeof useLeadsTable>;
