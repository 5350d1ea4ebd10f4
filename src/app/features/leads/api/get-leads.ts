import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LeadsResponse } from '../../../../shared/api-types';
import { canonicalLeadQuery, leadQueryKey, leadQueryToSearchParams, type LeadQuery } from '../../../../shared/lead-query';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/sync-invalidation';

export function getLeads(query: LeadQuery, signal?: AbortSignal): Promise<LeadsResponse> {
  return apiRequest<LeadsResponse>('/api/leads', { params: leadQueryToSearchParams(query), signal });
}

export const leadsKeys = {
  all: queryRoots.leads,
  lists: () => [...leadsKeys.all, 'list'] as const,
  /** The same view asked twice is one cache entry: the shared canonical key of the query. */
  list: (query: LeadQuery) => [...leadsKeys.lists(), leadQueryKey(query)] as const,
  detail: (id: string) => [...leadsKeys.all, 'detail', id] as const,
};

export function getLeadsQueryOptions(query: LeadQuery) {
  const canonical = canonicalLeadQuery(query);
  return queryOptions({
    queryKey: leadsKeys.list(canonical),
    queryFn: ({ signal }) => getLeads(canonical, signal),
    // The previous rows stay (dimmed) while the next page or filter loads: no flash of an empty table.
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}

export function useLeads(query: LeadQuery) {
  return useQuery(getLeadsQueryOptions(query));
}
