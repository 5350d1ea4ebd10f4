import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LeadResponse, LeadsResponse } from '../../../../shared/api-types';
import type { Lead } from '../../../../shared/lead';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { leadsKeys } from './get-leads';

export function getLead(id: string, signal?: AbortSignal): Promise<LeadResponse> {
  return apiRequest<LeadResponse>(`/api/leads/${encodeURIComponent(id)}`, { signal });
}

/** A lead already on a loaded page, so the panel opens with content while the full record loads. */
function findCachedLead(queryClient: QueryClient, id: string): Lead | undefined {
  for (const [, page] of queryClient.getQueriesData<LeadsResponse>({ queryKey: leadsKeys.lists() })) {
    const lead = page?.data.find((candidate) => candidate.id === id);
    if (lead) return lead;
  }
  return undefined;
}

export function getLeadQueryOptions(id: string, queryClient?: QueryClient) {
  return queryOptions<LeadResponse>({
    queryKey: leadsKeys.detail(id),
    queryFn: ({ signal }) => getLead(id, signal),
    placeholderData: (): LeadResponse | undefined => {
      const cached = queryClient && findCachedLead(queryClient, id);
      return cached ? { status: 'success', data: cached } : undefined;
    },
    retry: shouldRetry,
  });
}

export function useLead(id: string) {
  const queryClient = useQueryClient();
  return useQuery(getLeadQueryOptions(id, queryClient));
}
