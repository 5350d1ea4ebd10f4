import { apiUrl } from '../../../lib/api-client';
import { viewQueryToSearchParams, type ViewFilter } from '../view-query';

/** The CSV of every lead matching the current filters and sort (no paging), as a plain download link. */
export function getExportUrl(filter: ViewFilter): string {
  return apiUrl('/api/export/leads.csv', viewQueryToSearchParams(filter));
}
