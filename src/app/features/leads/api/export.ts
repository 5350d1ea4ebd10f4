import { apiUrl } from '../../../lib/api-client';
import { viewQueryToSearchParams, type ViewFilter } from '../view-query';

/** The CSV of every lead matching the current filters and sort (no paging), as a plain download link. */
export function getExportUrl(filter: ViewFilter): string {
  const params = viewQueryToSearchParams(filter);
  // Callers may hand over the whole view (a ViewQuery is a ViewFilter too): an export is never paged.
  params.delete('page');
  params.delete('limit');
  return apiUrl('/api/export/leads.csv', params);
}

/**
 * The Excel workbook of the same leads (docs/api.md §2), holding only `columns` (field names, the table's
 * visible columns in its order). Built from the CSV link so both always carry the same filters and sort.
 */
export function getExcelExportUrl(filter: ViewFilter, columns: readonly string[]): string {
  const csv = new URL(getExportUrl(filter), 'http://csv.invalid');
  csv.searchParams.set('columns', columns.join(','));
  return apiUrl('/api/export/leads.xlsx', csv.searchParams);
}
