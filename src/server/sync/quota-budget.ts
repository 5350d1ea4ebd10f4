// Counts this server's upstream calls per UTC day and decides what may still be spent.
// Rotor allows `dailyLimit` calls per key per day, resetting at 00:00 UTC (docs/api.md §1). The rules:
// - background syncs (timer, stale-while-revalidate) may spend at most half the limit per day, which
//   stretches the refresh interval to max(TTL, one day / (half the limit / pages per sync));
// - when one sync costs more than that half, one 'daily' sync a day may spend up to the limit minus a
//   small reserve (refresh-policy.ts decides when);
// - a manual refresh must leave a reserve of one more full sync in the day's quota;
// - after a 429 nothing is called until a few minutes after the next UTC midnight (our clock may run
//   ahead of Rotor's: a call at our 00:00:00 can still land in Rotor's spent day and earn another 429).

import { UpstreamError } from '../upstream/upstream-error';

export const DAY_MS = 86_400_000;

/** After a UTC midnight, wait this long plus up to RESET_JITTER_MS before trusting the quota reset. */
export const RESET_MARGIN_MS = 2 * 60_000;
export const RESET_JITTER_MS = 3 * 60_000;

/** foreground: a person asked (boot, manual refresh); background: the timer; daily: the once-a-day sync. */
export type CallKind = 'foreground' | 'background' | 'daily';

export type Clock = () => number;

export function nextUtcMidnight(nowMs: number): number {
  return (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS;
}

/** The moment after the next UTC midnight when calling again is safe; `jitter` in [0, 1). */
export function afterNextReset(nowMs: number, jitter: number): number {
  return nextUtcMidnight(nowMs) + RESET_MARGIN_MS + Math.floor(jitter * RESET_JITTER_MS);
}

/** Half the daily limit: what background syncs may spend per UTC day. */
export function backgroundBudget(dailyLimit: number): number {
  return Math.floor(dailyLimit / 2);
}

/** Calls the once-a-day sync leaves unspent for people using the same key elsewhere. */
export function dailySyncReserve(dailyLimit: number): number {
  return Math.max(1, Math.floor(dailyLimit / 10));
}

export type RefreshMode = 'interval' | 'daily' | 'unaffordable';

/** interval: a sync fits the background half; daily: once a day, up to the limit minus its reserve;
 *  unaffordable: not even that (refresh-policy.ts plans each). */
export function refreshMode(dailyLimit: number, pagesPerSync: number): RefreshMode {
  const pages = Math.max(1, pagesPerSync);
  if (pages <= backgroundBudget(dailyLimit)) return 'interval';
  if (pages <= dailyLimit - dailySyncReserve(dailyLimit)) return 'daily';
  return 'unaffordable';
}

/**
 * How often held data is refreshed in the background: at least the TTL, and never more often than
 * the background budget allows when every sync costs `pagesPerSync` calls.
 */
export function refreshIntervalMs(ttlMs: number, dailyLimit: number, pagesPerSync: number): number {
  const pages = Math.max(1, pagesPerSync);
  const budget = backgroundBudget(dailyLimit);
  if (budget < pages) return Math.max(ttlMs, DAY_MS);
  return Math.max(ttlMs, Math.ceil((DAY_MS * pages) / budget));
}

/** Calls a manual refresh must leave unspent: enough for one more full sync. */
export function manualRefreshReserve(pagesPerSync: number): number {
  return Math.max(1, pagesPerSync);
}

/** What DATA_DIR keeps of the budget, so a restart neither forgets calls spent nor a 429 block. */
export interface QuotaState {
  /** UTC day number (epoch ms / DAY_MS) the counts belong to. */
  day: number;
  used: number;
  backgroundUsed: number;
  /** Epoch ms until which nothing may be called (0: not blocked). */
  blockedUntil: number;
}

export class QuotaBudget {
  /** Told after every change of the counts or the block (DATA_DIR saves them). */
  onChange: (state: QuotaState) => void = () => {};
  private day: number;
  private used = 0;
  private backgroundUsed = 0;
  private blockedUntil = 0;

  constructor(
    readonly dailyLimit: number,
    private readonly now: Clock = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.day = Math.floor(now() / DAY_MS);
  }

  /** Starts a fresh count when a later UTC day has begun. Days only roll forward: a clock stepping
   *  back across midnight must not hand out the spent day's quota again. */
  private rollOver(): void {
    const today = Math.floor(this.now() / DAY_MS);
    if (today > this.day) {
      this.day = today;
      this.used = 0;
      this.backgroundUsed = 0;
    }
  }

  /** Every call attempt, retries included, whatever its answer. */
  recordCall(kind: CallKind): void {
    this.rollOver();
    this.used += 1;
    if (kind !== 'foreground') this.backgroundUsed += 1;
    this.onChange(this.state());
  }

  state(): QuotaState {
    this.rollOver();
    return { day: this.day, used: this.used, backgroundUsed: this.backgroundUsed, blockedUntil: this.blockedUntil };
  }

  /** At boot, from DATA_DIR: counts of an earlier UTC day are spent history and are dropped. */
  restore(saved: QuotaState): void {
    this.rollOver();
    // A file from a later day than our clock says (the clock stepped back): its counts still stand.
    if (saved.day > this.day) {
      this.day = saved.day;
      this.used = saved.used;
      this.backgroundUsed = saved.backgroundUsed;
    } else if (saved.day === this.day) {
      this.used = Math.max(this.used, saved.used);
      this.backgroundUsed = Math.max(this.backgroundUsed, saved.backgroundUsed);
    }
    // A block never outlasts the coming reset (and its margin), whatever the file says.
    this.blockedUntil = Math.max(this.blockedUntil, Math.min(saved.blockedUntil, afterNextReset(this.now(), 1)));
  }

  get usedToday(): number {
    this.rollOver();
    return this.used;
  }

  get backgroundUsedToday(): number {
    this.rollOver();
    return this.backgroundUsed;
  }

  get remainingToday(): number {
    return Math.max(0, this.dailyLimit - this.usedToday);
  }

  /** Upstream said 429: stop calling until its quota has surely reset. */
  blockUntilReset(): void {
    this.blockedUntil = afterNextReset(this.now(), this.random());
    this.onChange(this.state());
  }

  get isBlocked(): boolean {
    return this.now() < this.blockedUntil;
  }

  /** Epoch ms until which a 429 block holds (0 or past: none). */
  get blockedUntilMs(): number {
    return this.blockedUntil;
  }

  /** Whole seconds until calls may resume (the block's end, else the next UTC midnight), at least 1. */
  secondsUntilReset(): number {
    const until = this.isBlocked ? this.blockedUntil : nextUtcMidnight(this.now());
    return Math.max(1, Math.ceil((until - this.now()) / 1000));
  }

  nextResetAt(): number {
    return nextUtcMidnight(this.now());
  }

  /** Whether the day's quota has room for a call sequence of this kind and size. */
  canSpend(kind: CallKind, calls: number): boolean {
    if (this.isBlocked) return false;
    if (this.usedToday + calls > this.dailyLimit) return false;
    if (kind === 'daily') return this.usedToday + calls <= this.dailyLimit - dailySyncReserve(this.dailyLimit);
    return kind === 'foreground' || this.backgroundUsedToday + calls <= backgroundBudget(this.dailyLimit);
  }

  /** Pays for one attempt before it is sent; refuses it (UpstreamError) when its kind's share of the day is spent. */
  payAttempt(kind: CallKind): void {
    if (this.isBlocked) throw new UpstreamError('rate-limit', 'quota blocked mid-sync', false);
    if (!this.canSpend(kind, 1)) throw new UpstreamError('incomplete', `the day's ${kind} budget ran out mid-sync`, false);
    this.recordCall(kind);
  }

  /** A manual refresh spends one sync and must still leave the reserve. */
  canRefreshManually(pagesPerSync: number): boolean {
    return !this.isBlocked && this.remainingToday - pagesPerSync >= manualRefreshReserve(pagesPerSync);
  }
}
