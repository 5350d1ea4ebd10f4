import { useEffect, useState } from 'react';
import { ApiRequestError } from '../../../lib/api-client';
import { formatAgo, formatDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/hooks';
import { useReloadOnSyncChange } from '../../../lib/sync-invalidation';
import { Spinner } from '../../../components/error-panel';
import { useStatus } from '../api/get-status';
import { useRefresh } from '../api/refresh';

/** "18 s", "4 min", "5 h 12 min": how long until a refused refresh may be asked again. */
function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}

/**
 * Why a refresh was refused, in words. The server says which rule applied through Retry-After (issue 13):
 * at most the manual-refresh gap (the status's setting) means "too soon"; longer is the quota reserve,
 * which lasts until the daily reset.
 */
function refusalText(error: unknown, minIntervalMs: number | undefined): string {
  if (error instanceof ApiRequestError && error.error_code === 'REFRESH_TOO_SOON') {
    const wait = error.retryAfterSeconds;
    const gapSeconds = minIntervalMs === undefined ? undefined : Math.ceil(minIntervalMs / 1000);
    if (wait !== null && gapSeconds !== undefined && wait > gapSeconds)
      return `Refresh skipped: today’s Rotor API calls are kept for the automatic refreshes until the daily reset in ${formatWait(wait)}.`;
    const when = gapSeconds === undefined ? 'moments' : `less than ${gapSeconds} seconds`;
    return `Refresh skipped: the data was refreshed ${when} ago; try again in ${formatWait(wait ?? 1)}.`;
  }
  if (error instanceof ApiRequestError && error.error_code === 'NETWORK_ERROR')
    return 'Refresh failed: the dashboard server cannot be reached.';
  return 'Refresh failed. Try again in a minute.';
}

/** Header: freshness ("Updated 2 min ago"), Refresh, stale warning, and the day's API quota use. */
export function StatusBar() {
  const now = useNow(15_000);
  const { data } = useStatus();
  const refresh = useRefresh();
  const [message, setMessage] = useState<string | null>(null);
  const status = data?.data;
  const syncing = !!status?.syncing || refresh.isPending;

  // A sync that ended (new data, or a failure that makes the held data stale) changes what the
  // lead answers say: reload what is on screen.
  // A poll that merged new leads changes last_poll_at: the table reloads (answers are local, so cheap).
  const syncState = status ? `${status.synced_at}|${status.stale}|${status.syncing}|${status.last_poll_at}` : null;
  useReloadOnSyncChange('leads', syncState, { settled: !status?.syncing });

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 10_000);
    return () => clearTimeout(timer);
  }, [message]);

  const syncedAt = status?.synced_at ? new Date(status.synced_at) : null;
  // `contents`: the parts sit in the header's own row, so a phone gets title + Refresh on one line and the
  // freshness/quota line under it. Before /api/status answers, that line holds invisible stand-in text of the
  // same size, so the page below does not jump when it arrives.
  return (
    <div className="contents text-sm">
      <div className="order-last flex basis-full flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted sm:order-none sm:basis-auto sm:justify-end sm:gap-x-4">
        {status ? (
          <>
            <span className="flex items-center gap-1.5">
              {status.stale && !syncing && (
                <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                  <span aria-hidden="true">⚠</span> Data may be out of date
                </span>
              )}
              {syncing ? (
                <span>Syncing with Rotor…</span>
              ) : syncedAt ? (
                <time dateTime={syncedAt.toISOString()} title={formatDateTime(syncedAt)}>
                  Updated {formatAgo(syncedAt, now)}
                </time>
              ) : (
                <span>Not synced yet</span>
              )}
            </span>
            <span className="tabular-nums" title="Rotor API calls used today by this dashboard (daily limit resets at 00:00 UTC)">
              {status.upstream_requests_today} / {status.daily_limit} API calls today
            </span>
          </>
        ) : (
          <span aria-hidden="true" className="invisible">
            Updated just now
          </span>
        )}
      </div>
      <button
        type="button"
        className="btn h-8 text-sm"
        aria-disabled={syncing}
        aria-busy={syncing}
        onClick={() => {
          if (syncing) {
            setMessage('Already syncing with Rotor; the table updates when it finishes.');
            return;
          }
          setMessage(null);
          refresh.mutate(undefined, { onError: (error) => setMessage(refusalText(error, status?.manual_refresh_min_interval_ms)) });
        }}
      >
        {syncing ? (
          <Spinner />
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
            <path fill="currentColor" d="M10 4a6 6 0 0 1 5.2 3H13v1.5h4.5V4H16v1.8A7.5 7.5 0 1 0 17.5 10H16a6 6 0 1 1-6-6Z" />
          </svg>
        )}
        Refresh
      </button>
      <span aria-live="polite" className="order-last basis-full text-xs text-amber-800 empty:hidden sm:text-right dark:text-amber-300">
        {message}
      </span>
    </div>
  );
}
