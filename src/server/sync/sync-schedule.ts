// When the next full sync and the next poll are due, for the LeadStore. The facts both plans depend on
// (the last sync start and poll, failures in a row, what a sync costs, this round's jitter) live here,
// and the plans are computed from them and the quota budget by refresh-policy.ts and poll-policy.ts.
// Every request asks whether a refresh is due, so the plans are memoised (see `plans`).
import type { LeadStoreOptions } from './lead-store-options';
import { planPoll, type PollPlan } from './poll-policy';
import { nextUtcMidnight, type Clock } from './quota-budget';
import { modeWarning, planRefresh, refreshMode, syncIntervalMs, type RefreshPlan } from './refresh-policy';

type ScheduleOptions = Pick<LeadStoreOptions, 'budget' | 'syncTtlMs' | 'pollSetting' | 'log'>;

/** The next full sync and the next poll, planned together (the poll plan leaves room for the sync). */
export interface Plans {
  refresh: RefreshPlan;
  poll: PollPlan;
}

interface PlansMemo {
  plans: Plans;
  /** What the plans were computed from (planInputs), compared whole. */
  inputs: number[];
  computedAt: number;
  /** The plans hold for any clock reading in [computedAt, validUntil) while the inputs stay equal. */
  validUntil: number;
}

export class SyncSchedule {
  private lastStart: number | null = null;
  private lastPoll: number | null = null;
  /** Failed syncs since the last complete one (drives the backoff). */
  private failuresInRow = 0;
  /** Pages the last successful sync took: the cost of the next one. */
  private pages = 1;
  private jitter: number;
  private memo: PlansMemo | null = null;
  private interval: { pages: number; ms: number } | null = null;

  constructor(
    private readonly options: ScheduleOptions,
    private readonly now: Clock,
    private readonly random: () => number,
  ) {
    this.jitter = random();
  }

  get pagesPerSync(): number {
    return this.pages;
  }

  get failures(): number {
    return this.failuresInRow;
  }

  get lastSyncStartedAt(): number | null {
    return this.lastStart;
  }

  get lastPollAt(): number | null {
    return this.lastPoll;
  }

  get refreshIntervalMs(): number {
    // A pure function of the sync's cost (the limit, TTL and poll setting are fixed): asked per request (staleness).
    if (this.interval?.pages !== this.pages) {
      const ms = syncIntervalMs(this.options.syncTtlMs, this.options.budget.dailyLimit, this.pages, this.options.pollSetting);
      this.interval = { pages: this.pages, ms };
    }
    return this.interval.ms;
  }

  /** Since the last sync start; Infinity before any. */
  sinceLastSyncMs(): number {
    return this.lastStart === null ? Infinity : this.now() - this.clampedLastStart();
  }

  /** Saved data restored at boot: the schedule counts from the sync that fetched it. */
  restored(syncedAt: number, pagesPerSync: number): void {
    this.lastStart = syncedAt;
    this.pages = Math.max(1, pagesPerSync);
  }

  syncStarted(): void {
    this.lastStart = this.now();
  }

  /** Returns whether the sync's cost changed the refresh mode (then warnIfNotInterval is due). */
  syncSucceeded(pages: number): boolean {
    this.failuresInRow = 0;
    const modeBefore = refreshMode(this.options.budget.dailyLimit, this.pages);
    this.pages = pages;
    return refreshMode(this.options.budget.dailyLimit, this.pages) !== modeBefore;
  }

  syncFailed(): void {
    this.failuresInRow++;
  }

  /** After each sync, whatever its outcome: the next round's retry and post-midnight spread. */
  syncEnded(): void {
    this.jitter = this.random();
  }

  /** Returns the poll's start time. */
  pollStarted(): number {
    this.lastPoll = this.now();
    return this.lastPoll;
  }

  refreshPlan(hasData: boolean): RefreshPlan {
    return this.plans(hasData).refresh;
  }

  pollPlan(hasData: boolean): PollPlan {
    return this.plans(hasData).poll;
  }

  /**
   * Both plans, memoised: every request asks whether one is due. The clock enters the plans only through
   * its UTC day, "is a block still on" and "has the last start or poll passed", and in a due plan (at ≤ now);
   * so with equal inputs they are the same at any reading from the computation up to the first planned
   * time or the next UTC midnight, whichever comes first (a 429 block ending meanwhile leaves them too:
   * each `at` is max(plan, blockedUntil), and one that was the block's end is due by then anyway).
   */
  plans(hasData: boolean): Plans {
    const now = this.now();
    const memo = this.memo;
    if (memo !== null && now >= memo.computedAt && now < memo.validUntil && sameNumbers(memo.inputs, this.planInputs(hasData)))
      return memo.plans;
    const plans = this.plansAfresh(hasData, now);
    // A last start or poll after `now` (the clock stepped back) is not memoised: `min(last, now)` moves with the clock.
    const lookedAt = Math.max(this.lastStart ?? -Infinity, this.lastPoll ?? -Infinity);
    const validUntil = lookedAt > now ? now : Math.min(plans.refresh.at ?? Infinity, plans.poll.at ?? Infinity, nextUtcMidnight(now));
    this.memo = { plans, inputs: this.planInputs(hasData), computedAt: now, validUntil };
    return plans;
  }

  /** Both plans computed now, without the memo (also the memo's reference in its test). */
  plansAfresh(hasData: boolean, now = this.now()): Plans {
    const refresh = this.computeRefreshPlan(hasData, now);
    return { refresh, poll: this.computePollPlan(hasData, now, refresh) };
  }

  /** Everything but the clock that the plans read. */
  private planInputs(hasData: boolean): number[] {
    const { budget } = this.options;
    return [
      hasData ? 1 : 0,
      this.lastStart ?? NaN,
      this.lastPoll ?? NaN,
      this.failuresInRow,
      this.pages,
      this.jitter,
      budget.usedToday,
      budget.backgroundUsedToday,
      budget.blockedUntilMs,
    ];
  }

  private computeRefreshPlan(hasData: boolean, now: number): RefreshPlan {
    const { budget } = this.options;
    if (this.lastStart !== null) this.clampedLastStart();
    return planRefresh({
      now,
      ttlMs: this.options.syncTtlMs,
      dailyLimit: budget.dailyLimit,
      pagesPerSync: this.pages,
      usedToday: budget.usedToday,
      backgroundUsedToday: budget.backgroundUsedToday,
      blockedUntil: budget.blockedUntilMs,
      lastSyncStartedAt: this.lastStart,
      failures: this.failuresInRow,
      hasData,
      jitter: this.jitter,
      ...(this.options.pollSetting === undefined ? {} : { pollSetting: this.options.pollSetting }),
    });
  }

  private computePollPlan(hasData: boolean, now: number, sync: RefreshPlan): PollPlan {
    const { budget, pollSetting } = this.options;
    if (pollSetting === undefined || !hasData) return { at: null, intervalMs: null };
    const lastLookAt = Math.max(this.lastPoll ?? -Infinity, this.lastStart ?? -Infinity);
    return planPoll({
      ...{ now, dailyLimit: budget.dailyLimit, pagesPerSync: this.pages, ttlMs: this.options.syncTtlMs },
      ...{ setting: pollSetting, usedToday: budget.usedToday, backgroundUsedToday: budget.backgroundUsedToday },
      ...{ blockedUntil: budget.blockedUntilMs, nextSyncAt: sync.at, syncKind: sync.kind, jitter: this.jitter },
      lastLookAt: Number.isFinite(lastLookAt) ? lastLookAt : null,
    });
  }

  /** At startup and when the cost of a sync changes the mode: operators see why refreshes are rare. */
  warnIfNotInterval(): void {
    const { dailyLimit } = this.options.budget;
    const warning = modeWarning(refreshMode(dailyLimit, this.pages));
    if (warning !== null) this.options.log.warn({ pages_per_sync: this.pages, daily_limit: dailyLimit }, warning);
  }

  /** A last start "in the future" means the clock stepped back: it counts as now from here on. */
  private clampedLastStart(): number {
    const now = this.now();
    if (this.lastStart !== null && this.lastStart > now) this.lastStart = now;
    return this.lastStart ?? now;
  }
}

/** Equal length and equal entries, NaN equal to NaN (a null time). */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}
