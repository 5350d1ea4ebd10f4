// Lead answers and /api/status describe the same held copy of Rotor's data: when one of them shows that the
// copy changed, the other is reloaded. The query-key roots of both live here, so neither feature imports the
// other's keys (features import `lib`, never each other).
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export const queryRoots = {
  leads: ['leads'],
  status: ['status'],
} as const;

export type SyncedQueries = keyof typeof queryRoots;

interface ReloadOptions {
  /** False while a sync is still running: its end is the change that counts. */
  settled?: boolean;
  /** Also reload on the first state seen (not only on a change from an earlier one). */
  initial?: boolean;
}

/**
 * Invalidates the `reload` queries when `syncState` — what this side knows of the held data (e.g. its
 * `synced_at`) — changes to a new non-empty value.
 */
export function useReloadOnSyncChange(
  reload: SyncedQueries,
  syncState: string | null | undefined,
  { settled = true, initial = false }: ReloadOptions = {},
): void {
  const queryClient = useQueryClient();
  const last = useRef(initial ? null : syncState);
  useEffect(() => {
    const previous = last.current;
    last.current = syncState;
    if (!syncState || !settled || syncState === previous) return;
    if (previous || initial) void queryClient.invalidateQueries({ queryKey: queryRoots[reload] });
  }, [syncState, settled, initial, reload, queryClient]);
}
