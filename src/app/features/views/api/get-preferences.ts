// GET /api/preferences (docs/api.md "Preferences"): the signed-in rep's own default view. Asked only in an
// auth mode; without one the server answers 404 and the default lives in localStorage.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PreferencesResponse } from '../../../../shared/preferences';
import { apiRequest, shouldRetry } from '../../../lib/api-client';

/** Per user: a rep signing out and another signing in at the same browser never sees the first one's. */
export const preferencesKeys = { of: (username: string) => ['preferences', username] as const };

export function getPreferences(signal?: AbortSignal): Promise<PreferencesResponse> {
  return apiRequest<PreferencesResponse>('/api/preferences', { signal });
}

export function usePreferences(username: string | null) {
  return useQuery({
    ...queryOptions({
      queryKey: preferencesKeys.of(username ?? ''),
      queryFn: ({ signal }) => getPreferences(signal),
      retry: shouldRetry,
      staleTime: 5 * 60_000,
    }),
    enabled: username !== null,
  });
}
