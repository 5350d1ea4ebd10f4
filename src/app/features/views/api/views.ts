// /api/views (docs/api.md §2 "Saved views"): the list, and save / rename / share / delete. One file for
// the resource: the list query and the mutations that refresh it.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { View, ViewResponse, ViewsResponse } from '../../../../shared/views';
import { apiRequest, shouldRetry } from '../../../lib/api-client';

export const viewsKeys = { all: ['views'] as const };

export function getViews(signal?: AbortSignal): Promise<ViewsResponse> {
  return apiRequest<ViewsResponse>('/api/views', { signal });
}

export function getViewsQueryOptions() {
  return queryOptions({ queryKey: viewsKeys.all, queryFn: ({ signal }) => getViews(signal), retry: shouldRetry, staleTime: 60_000 });
}

export function useViews() {
  return useQuery(getViewsQueryOptions());
}

export interface NewView {
  name: string;
  query: string;
  shared: boolean;
}

export type ViewChange = { id: string } & Partial<NewView>;

/** Save, change or delete a view; on success the list is loaded again (another rep may have changed it too). */
export function useViewMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: viewsKeys.all });
  const create = useMutation({
    mutationFn: (view: NewView) => apiRequest<ViewResponse>('/api/views', { method: 'POST', body: view }).then((r) => r.data),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...change }: ViewChange) =>
      apiRequest<ViewResponse>(`/api/views/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }).then((r) => r.data),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (view: View) => apiRequest<void>(`/api/views/${encodeURIComponent(view.id)}`, { method: 'DELETE', body: {} }),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
