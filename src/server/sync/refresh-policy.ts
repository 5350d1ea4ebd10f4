// When the next automatic sync runs, as a pure function of the budget's state and the last syncs
// (no store, no timers: tested on its own). The store asks it after every sync and on every request.
// - 'interval': a sync costs ≤ half the daily limit → every refreshIntervalMs, within that half.
// - 'daily': a sync costs more than the half but fits the limit minus a small reserve → one sync a day,
//   a few minutes after the UTC reset (data as fresh as the quota allows at any size).
// - 'unaffordable': even the whole day's quota cannot pay one sync → no automatic sync; keep serving.
// - After a failed sync: exponential backoff (30 s doubling to 15 min, jittered), never beyond what the
//   mode's budget allows; before any data this is the only way a sync is retried.
// With polls of the newest page (poll-policy.ts) the full-sync interval is the one their timetable leaves.
import {
  DAY_MS,
  afterNextReset,
  backgroundBudget,
  dailySyncReserve,
  refreshIntervalMs,
  refreshMode,
  type CallKind,
  type RefreshMode,
} from './quota-budget';
import { timetable, type PollSetting } from './poll-policy';

export { refreshMode, type RefreshMode } from './quota-budget';

export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 15 * 60_000;

export interface RefreshInput {
  now: number;
  ttlMs: number;
  dailyLimit: number;
  /** Calls one full sync costs (pages of the last complete sync; 1 before any). */
  pagesPerSync: number;
  usedToday: number;
  backgroundUsedToday: number;
  /** Epoch ms a 429 block lasts until (0: none). */
  blockedUntil: number;
  /** Start of the last sync attempt, whatever its outcome (null: none yet). */
  lastSyncStartedAt: number | null;
  /** Failed syncs since the last complete one. */
  failures: number;
  hasData: boolean;
  /** In [0, 1): spreads retries and post-midnight starts so servers sharing a key don't align. */
  jitter: number;
  /** Polls between full syncs (absent: none, the sync interval is the plain budget one). */
  pollSetting?: PollSetting;
}

export interface RefreshPlan {
  mode: RefreshMode;
  /** When the next automatic sync may start (epoch ms); null: none planned. */
  at: number | null;
  /** Which share of the quota it spends. */
  kind: CallKind;
}

/** The log line for a mode that is not the regular interval. */
export function modeWarning(mode: RefreshMode): string | null {
  if (mode === 'daily') return 'a full sync costs more than half the daily limit: refreshing once a day, after the UTC reset';
  if (mode === 'unaffordable') return 'a full sync costs more than the daily limit allows: no automatic refresh, serving the data held';
  return null;
}

/** Backoff after the n-th failure in a row (n ≥ 1): 30 s · 2ⁿ⁻¹ up to 15 min, jittered to 50–100%. */
export function retryDelayMs(failures: number, jitter: number): number {
  const full = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
  return Math.round(full * (0.5 + jitter / 2));
}

export function planRefresh(input: RefreshInput): RefreshPlan {
  const { now, dailyLimit, jitter } = input;
  const pages = Math.max(1, input.pagesPerSync);
  const mode = refreshMode(dailyLimit, pages);
  const kind: CallKind = mode === 'daily' ? 'daily' : 'background';
  if (mode === 'unaffordable' && input.hasData) return { mode, at: null, kind };
  // A start "in the future" means the clock stepped back: count it as now.
  const last = input.lastSyncStartedAt === null ? null : Math.min(input.lastSyncStartedAt, now);
  const day = Math.floor(now / DAY_MS);
  const tomorrow = afterNextReset(now, jitter);

  let at: number;
  if (last === null) at = now;
  else if (input.failures > 0) {
    const backoff = retryDelayMs(input.failures, jitter);
    // With data held a failure never delays the next sync beyond the regular interval.
    at = last + (input.hasData && mode === 'interval' ? Math.min(backoff, intervalOf(input, pages)) : backoff);
  } else if (mode === 'interval') at = last + intervalOf(input, pages);
  // 'daily': once per UTC day, a few minutes after its reset.
  else at = Math.floor(last / DAY_MS) < day ? Math.max(now, afterNextReset(now - DAY_MS, jitter)) : tomorrow;

  // What today's share of the quota cannot pay waits for the reset (the only spend before data is the
  // foreground boot sync: retries before data are background too, so failures cannot eat the day).
  const affordable =
    kind === 'daily'
      ? input.usedToday + pages <= dailyLimit - dailySyncReserve(dailyLimit)
      : input.backgroundUsedToday + pages <= backgroundBudget(dailyLimit) && input.usedToday + pages <= dailyLimit;
  if (!affordable) at = Math.max(at, tomorrow);
  if (input.blockedUntil > now) at = Math.max(at, input.blockedUntil);
  return { mode, at, kind };
}

function intervalOf(input: RefreshInput, pages: number): number {
  return syncIntervalMs(input.ttlMs, input.dailyLimit, pages, input.pollSetting);
}

/** Between full syncs: the plain budget interval, or what the polls' timetable leaves (poll-policy.ts). */
export function syncIntervalMs(ttlMs: number, dailyLimit: number, pages: number, pollSetting?: PollSetting): number {
  if (pollSetting === undefined) return refreshIntervalMs(ttlMs, dailyLimit, pages);
  return timetable(pages, dailyLimit, ttlMs, pollSetting).syncIntervalMs;
}
