import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LeadsResponse } from '../../../../shared/api-types';
import { formatSort, leadQueryToSearchParams, type LeadQuery } from '../../../../shared/lead-query';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/sync-invalidation';

/** The same view asked twice is one cache entry: search trimmed, list order irrelevant to the server. */
export function normalizeLeadQuery(query: LeadQuery): LeadQuery {
  return {
    ...query,
    search: query.search.trim(),
    stage: [...query.stage].sort(),
    tags: [...query.tags].sort(),
  };
}

export function getLeads(query: LeadQuery, signal?: AbortSignal): Promise<LeadsResponse> {
  return apiRequest<LeadsResponse>('/api/leads', { params: leadQueryToSearchParams(query), signal });
}

export const leadsKeys = {
  all: queryRoots.leads,
  lists: () => [...leadsKeys.all, 'list'] as const,
  /** Takes a query already passed through `normalizeLeadQuery`. Every server param is in the key, as plain values. */
  list: (normalized: LeadQuery) => [...leadsKeys.lists(), { ...normalized, sort: formatSort(normalized.sort) }] as const,
  detail: (id: string) => [...leadsKeys.all, 'detail', id] as const,
};

export function getLeadsQueryOptions(query: LeadQuery) {
  const normalized = normalizeLeadQuery(query);
  return queryOptions({
    queryKey: leadsKeys.list(normalized),
    queryFn: ({ signal }) => getLeads(normalized, signal),
    // The previous rows stay (dimmed) while the next page or filter loads: no flash of an empty table.
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
}

export function useLeads(query: LeadQuery) {
  return useQuery(getLeadsQueryOptions(query));
}
