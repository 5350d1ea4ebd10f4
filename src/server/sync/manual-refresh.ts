// When POST /api/refresh is refused (docs/api.md §2 "Freshness and the quota budget"), and in which words:
// too soon after the last sync's start, or the day's quota must keep one more full sync in reserve
// (always, in the once-a-day mode). The reason is in `error_code`'s message and Retry-After, so the SPA
// can say which applies ("try again in 18 s" vs "today's calls are kept for …").
import { ApiError } from '../errors';
import type { QuotaBudget } from './quota-budget';
import { refreshMode } from './refresh-policy';

export function manualRefreshRefusal(input: {
  sinceLastSyncMs: number;
  minGapMs: number;
  budget: QuotaBudget;
  pagesPerSync: number;
}): ApiError | null {
  const { sinceLastSyncMs, minGapMs, budget, pagesPerSync } = input;
  if (sinceLastSyncMs < minGapMs) {
    const seconds = Math.max(1, Math.ceil((minGapMs - sinceLastSyncMs) / 1000));
    return refreshTooSoon('The data was refreshed moments ago; try again shortly.', seconds);
  }
  if (budget.canRefreshManually(pagesPerSync)) return null;
  return refreshTooSoon(
    refreshMode(budget.dailyLimit, pagesPerSync) === 'interval'
      ? 'Today’s request quota is nearly spent; the data refreshes on its own schedule until the daily reset.'
      : 'A full refresh costs more than half of the daily request quota; the data refreshes once a day after the reset.',
    budget.secondsUntilReset(),
  );
}

function refreshTooSoon(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'REFRESH_TOO_SOON', message, { 'retry-after': String(retryAfterSeconds) });
}
