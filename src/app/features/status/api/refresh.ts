import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StatusResponse } from '../../../../shared/api-types';
import { apiRequest } from '../../../lib/api-client';
import { statusKeys } from './get-status';

export function refreshData(): Promise<StatusResponse> {
  return apiRequest<StatusResponse>('/api/refresh', { method: 'POST' });
}

/** Asks the server to re-sync now; the status it answers with replaces the cached one. */
export function useRefresh() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshData,
    onSuccess: (status) => queryClient.setQueryData(statusKeys.all, status),
  });
}
