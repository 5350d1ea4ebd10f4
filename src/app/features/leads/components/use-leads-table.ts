// The TanStack table over one server page: which columns show and in what order. Sorting and paging are the
// server's and the URL's, outside the table.
import { useTable, type ColumnVisibilityState, type Updater } from '@tanstack/react-table';
import type { Lead } from '../../../../shared/lead';
import { leadColumns, leadTableFeatures } from '../columns';

const NO_ROWS: Lead[] = [];

function resolve<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

export interface LeadsTableModel {
  rows: Lead[] | undefined;
  columnVisibility: ColumnVisibilityState;
  onColumnVisibilityChange: (visibility: ColumnVisibilityState) => void;
  columnOrder: string[];
  onColumnOrderChange: (order: string[]) => void;
}

export function useLeadsTable(model: LeadsTableModel) {
  return useTable({
    features: leadTableFeatures,
    columns: leadColumns,
    data: model.rows ?? NO_ROWS,
    getRowId: (lead, index) => lead.id ?? `row-${index}`,
    state: { columnVisibility: model.columnVisibility, columnOrder: model.columnOrder },
    onColumnOrderChange: (updater) => model.onColumnOrderChange(resolve(updater, model.columnOrder)),
    onColumnVisibilityChange: (updater) => model.onColumnVisibilityChange(resolve(updater, model.columnVisibility)),
  });
}

export type LeadsTableInstance = ReturnType<typeof useLeadsTable>;
