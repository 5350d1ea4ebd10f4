import type { LeadFilter } from '../../../../shared/lead-query';
import { leadQueryToSearchParams } from '../../../../shared/lead-query';
import { apiUrl } from '../../../lib/api-client';

/** The CSV of every lead matching the current filters and sort (no paging), as a plain download link. */
export function getExportUrl(filter: LeadFilter): string {
  const { search, stage, tags, archived, sort } = filter;
  return apiUrl('/api/export/leads.csv', leadQueryToSearchParams({ search, stage, tags, archived, sort }));
}
