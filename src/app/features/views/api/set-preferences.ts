// PUT /api/preferences (docs/api.md "Preferences"): set or clear the signed-in rep's default view. The
// answer (the query in canonical form) replaces the cached preferences.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Preferences, PreferencesResponse } from '../../../../shared/preferences';
import { apiRequest } from '../../../lib/api-client';
import { preferencesKeys } from './get-preferences';

/** Shared with the failure notice (components/default-save-error.tsx), which watches these mutations. */
export const SET_PREFERENCES_KEY = ['preferences', 'set'] as const;

export function useSetPreferences(username: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: SET_PREFERENCES_KEY,
    mutationFn: (preferences: Preferences) => apiRequest<PreferencesResponse>('/api/preferences', { method: 'PUT', body: preferences }),
    onSuccess: (answer) => queryClient.setQueryData(preferencesKeys.of(username ?? ''), answer),
  });
}
