// The lead index as production reads it: `queryJson` (what /api/leads sends) and `matchingLazy` (what the
// CSV export walks), plus small query builders shared by the lead-index tests. Queries go through the same
// resolution as a request (resolveFilter) at a fixed clock.
import type { Lead } from '../../../src/shared/lead';
import {
  DEFAULT_LEAD_QUERY,
  selection,
  type FacetParam,
  type LeadFilter,
  type LeadQuery,
  type SortField,
  type SortSpec,
} from '../../../src/shared/lead-query';
import type { FacetEntry } from '../../../src/shared/api-types';
import type { LeadIndex } from '../../../src/server/lead-index/lead-index';
import { resolveFilter, type ResolvedFilter } from '../../../src/server/query-v2/resolve-filter';
import type { FacetSelection } from '../../../src/shared/query-v2/facet-list';

/** The clock `today` is resolved at in these tests. */
export const TEST_NOW = Date.parse('2026-12-01T12:00:00Z');

/** A query's overrides, with the shorthands older tests use: a facet as plain values, one sort key alone. */
export type LooseQuery = Partial<Omit<LeadQuery, FacetParam | 'sort'>> &
  Partial<Record<FacetParam, FacetSelection | readonly string[]>> & { sort?: SortSpec | readonly SortSpec[] };

export function query(overrides: LooseQuery = {}): LeadQuery {
  const q: Record<string, unknown> = { ...DEFAULT_LEAD_QUERY };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && name !== 'sort') q[name] = selection(value as string[]);
    else if (name === 'sort') q[name] = Array.isArray(value) ? value : [value];
    else q[name] = value;
  }
  return q as unknown as LeadQuery;
}
export const sortBy = (field: SortField, descending = false) => ({ sort: { field, descending } });
export const ids = (leads: readonly Lead[]) => leads.map((lead) => lead.id);
export const json = (lead: Lead) => JSON.stringify(lead);

export function resolved(q: LeadFilter, now = TEST_NOW): ResolvedFilter {
  const result = resolveFilter(q, now);
  if (!result.ok) throw new Error(result.message);
  return result.filter;
}

/** `queryJson`'s answer with each lead parsed back, as a client of the API sees it. */
export function answer(index: LeadIndex, q: LeadQuery) {
  const result = index.queryJson({ filter: resolved(q), sort: q.sort, page: q.page, limit: q.limit, facetLimit: q.facet_limit });
  return { ...result, data: result.dataJson.map((text) => JSON.parse(text) as Lead) };
}

/** Every match in sort order, as the CSV export reads them (the held objects until compaction). */
export const matching = (index: LeadIndex, filter: LeadFilter): Lead[] => [...index.matchingLazy(resolved(filter), filter.sort).leads];

export const searchIds = (index: LeadIndex, search: string) => ids(answer(index, query({ search, limit: 1000 })).data);

/** A facet list's named entries as `{ value, count }` (what the §2 tests state), the no-value bucket left out. */
export const named = (entries: readonly FacetEntry[]) =>
  entries.flatMap((entry) => (entry.value === null ? [] : [{ value: entry.value, count: entry.count }]));
