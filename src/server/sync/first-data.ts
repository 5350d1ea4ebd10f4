// Requests that arrive before any data is held (docs/api.md §2): they wait for the sync in flight, but
// only so long, and without data they fail with the reason and when the next attempt comes.
import { ApiError } from '../errors';
import { UpstreamError } from '../upstream/upstream-error';
import type { QuotaBudget } from './quota-budget';

/** Waits for the first sync in flight; past `waitMs` without data, a 504 (the request need not hang). */
export async function waitForFirstSync(inflight: Promise<void>, waitMs: number, hasData: () => boolean): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), waitMs)));
  const outcome = await Promise.race([inflight, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout' && !hasData())
    throw new ApiError(504, 'UPSTREAM_UNAVAILABLE', 'The lead service is slow to answer; try again shortly.');
}

/** Why there is no data: quota blocked, else the last failure, with Retry-After = time to the next attempt. */
export function noDataError(input: {
  budget: QuotaBudget;
  lastError: UpstreamError | null;
  nextAttemptAt: number | null;
  now: number;
}): ApiError {
  const { budget, nextAttemptAt } = input;
  if (budget.isBlocked) return new UpstreamError('rate-limit', 'blocked', false).toApiError(budget.secondsUntilReset());
  const failure = input.lastError ?? new UpstreamError('unavailable', 'no data', false);
  const retryAfter = nextAttemptAt === null ? undefined : Math.max(1, Math.ceil((nextAttemptAt - input.now) / 1000));
  return failure.toApiError(retryAfter);
}
