// /api/session: who is signed in, sign in, sign out.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionResponse } from '../../../../shared/api-types';
import { apiRequest, shouldRetry } from '../../../lib/api-client';

export const sessionKeys = { all: ['session'] as const };

export function getSession(signal?: AbortSignal): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('/api/session', { signal });
}

export function useSession() {
  return useQuery(
    queryOptions({ queryKey: sessionKeys.all, queryFn: ({ signal }) => getSession(signal), retry: shouldRetry, staleTime: 5 * 60_000 }),
  );
}

export function signIn(username: string, password: string): Promise<void> {
  // A 401 here is a wrong password, shown by the form itself, not a reason to ask for a sign-in.
  return apiRequest<void>('/api/session', { method: 'POST', body: { username, password }, reportUnauthenticated: false });
}

export function signOut(): Promise<void> {
  return apiRequest<void>('/api/session', { method: 'DELETE', body: {} });
}
