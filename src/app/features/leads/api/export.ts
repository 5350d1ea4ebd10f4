import type { LeadFilter } from '../../../../shared/lead-query';
import { leadQueryToSearchParams } from '../../../../shared/lead-query';
import { apiUrl } from '../../../lib/api-client';

/** The CSV of every lead matching the current filters and sort (no paging), as a plain download link. */
export function getExportUrl(filter: LeadFilter): string {
  const { search, stage, tags, archived, sort } = filter;
  return apiUrl('/api/export/leads.csv', leadQueryToSearchParams({ search, stage, tags, archived, sort }));
}

/**
 * The Excel workbook of the same leads (docs/api.md §2), holding only `columns` (field names, the table's
 * visible columns in its order). Built from the CSV link so both always carry the same filters and sort.
 */
export function getExcelExportUrl(filter: LeadFilter, columns: readonly string[]): string {
  const csv = new URL(getExportUrl(filter), 'http://csv.invalid');
  csv.searchParams.set('columns', columns.join(','));
  return apiUrl('/api/export/leads.xlsx', csv.searchParams);
}
