// GET /api/session: who is signed in, and in which auth mode.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionResponse } from '../../../../shared/api-types';
import { apiRequest, shouldRetry } from '../../../lib/api-client';

export const sessionKeys = { all: ['session'] as const };

export function getSession(signal?: AbortSignal): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('/api/session', { signal });
}

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => getSession(signal),
    retry: shouldRetry,
    staleTime: 5 * 60_000,
  });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}
