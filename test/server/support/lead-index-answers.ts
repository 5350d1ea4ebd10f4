// The lead index as production reads it: `queryJson` (what /api/leads sends) and `matchingLazy` (what the
// CSV export walks), plus small query builders shared by the lead-index tests.
import type { Lead } from '../../../src/shared/lead';
import { DEFAULT_LEAD_QUERY, type LeadFilter, type LeadQuery, type SortField } from '../../../src/shared/lead-query';
import type { LeadIndex } from '../../../src/server/lead-index/lead-index';

export const query = (overrides: Partial<LeadQuery> = {}): LeadQuery => ({ ...DEFAULT_LEAD_QUERY, ...overrides });
export const sortBy = (field: SortField, descending = false) => ({ sort: { field, descending } });
export const ids = (leads: readonly Lead[]) => leads.map((lead) => lead.id);
export const json = (lead: Lead) => JSON.stringify(lead);

/** `queryJson`'s answer with each lead parsed back, as a client of the API sees it. */
export function answer(index: LeadIndex, q: LeadQuery) {
  const { dataJson, total, facets } = index.queryJson(q);
  return { data: dataJson.map((text) => JSON.parse(text) as Lead), dataJson, total, facets };
}

/** Every match in sort order, as the CSV export reads them (the held objects until compaction). */
export const matching = (index: LeadIndex, filter: LeadFilter): Lead[] => [...index.matchingLazy(filter).leads];

export const searchIds = (index: LeadIndex, search: string) => ids(answer(index, query({ search, limit: 1000 })).data);
