import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LeadsResponse } from '../../../../shared/api-types';
import type { FacetEntry, FacetSizes, LeadsSummary } from '../../../../shared/query-v2/response-types';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/sync-invalidation';
import { viewQueryKey, viewQueryToSearchParams, type FacetName, type ViewQuery } from '../view-query';

/**
 * The answer as docs/api.md §4 shapes it. Facets, sizes and summary are optional so a server without a part
 * of §4 (or a facet it does not list) degrades to a missing group, never a crash.
 */
export interface LeadsAnswer extends Omit<LeadsResponse, 'facets' | 'facet_sizes' | 'summary'> {
  facets: Partial<Record<FacetName, FacetEntry[]>>;
  facet_sizes?: Partial<FacetSizes>;
  summary?: LeadsSummary;
}

export function getLeads(query: ViewQuery, signal?: AbortSignal, facetLimit?: number): Promise<LeadsAnswer> {
  const params = viewQueryToSearchParams(query);
  if (facetLimit !== undefined) params.set('facet_limit', String(facetLimit));
  return apiRequest<LeadsAnswer>('/api/leads', { params, signal });
}

export const leadsKeys = {
  all: queryRoots.leads,
  lists: () => [...leadsKeys.all, 'list'] as const,
  /** The same view asked twice is one cache entry: the canonical key of the query. */
  list: (query: Partial<ViewQuery>) => [...leadsKeys.lists(), viewQueryKey(query)] as const,
  /** One facet listed in full ("Show all (n)"), for the filters of the view. */
  facet: (query: Partial<ViewQuery>, facetLimit: number) => [...leadsKeys.lists(), 'facets', facetLimit, viewQueryKey(query)] as const,
  detail: (id: string) => [...leadsKeys.all, 'detail', id] as const,
};

export function getLeadsQueryOptions(query: ViewQuery) {
  return queryOptions({
    queryKey: leadsKeys.list(query),
    queryFn: ({ signal }) => getLeads(query, signal),
    // The previous rows stay (dimmed) while the next page or filter loads: no flash of an empty table.
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}

export function useLeads(query: ViewQuery) {
  return useQuery(getLeadsQueryOptions(query));
}

/**
 * Facet lists past the default cap of 100 values, asked only when a rep opens "Show all" on a facet whose
 * `facet_sizes` says the page's answer left values out. One row, since only the facets are wanted.
 */
export function useFullFacets(query: ViewQuery, facetLimit: number | null) {
  const filtersOnly = { ...query, page: 1, limit: 1 };
  return useQuery({
    queryKey: leadsKeys.facet(filtersOnly, facetLimit ?? 0),
    queryFn: ({ signal }) => getLeads(filtersOnly, signal, facetLimit ?? undefined),
    enabled: facetLimit !== null,
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}
