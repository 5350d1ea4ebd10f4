import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StatusResponse, SyncProgress } from '../../../../shared/api-types';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/sync-invalidation';

export const statusKeys = { all: queryRoots.status };

export function getStatus(signal?: AbortSignal): Promise<StatusResponse> {
  return apiRequest<StatusResponse>('/api/status', { signal });
}

/** Polled: quickly while a sync runs (to show when it ends), slowly otherwise (freshness and quota). */
export function getStatusQueryOptions() {
  return queryOptions({
    queryKey: statusKeys.all,
    queryFn: ({ signal }) => getStatus(signal),
    refetchInterval: (query) => (query.state.data?.data.syncing ? 2_000 : 30_000),
    retry: shouldRetry,
  });
}

export function useStatus() {
  return useQuery(getStatusQueryOptions());
}

/** The first sync's progress while the server holds no data yet (null otherwise): the leads screen's loading state. */
export function useFirstSyncProgress(): SyncProgress | null {
  const status = useStatus().data?.data;
  return status?.synced_at === null ? (status.sync_progress ?? null) : null;
}
