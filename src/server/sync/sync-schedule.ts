// When the next full sync and the next poll are due, for the LeadStore. The facts both plans depend on
// (the last sync start and poll, failures in a row, what a sync costs, this round's jitter) live here,
// and the plans are computed from them and the quota budget by refresh-policy.ts and poll-policy.ts.
import type { LeadStoreOptions } from './lead-store-options';
import { planPoll, type PollPlan } from './poll-policy';
import type { Clock } from './quota-budget';
import { modeWarning, planRefresh, refreshMode, syncIntervalMs, type RefreshPlan } from './refresh-policy';

type ScheduleOptions = Pick<LeadStoreOptions, 'budget' | 'syncTtlMs' | 'pollSetting' | 'log'>;

export class SyncSchedule {
  private lastStart: number | null = null;
  private lastPoll: number | null = null;
  /** Failed syncs since the last complete one (drives the backoff). */
  private failuresInRow = 0;
  /** Pages the last successful sync took: the cost of the next one. */
  private pages = 1;
  private jitter: number;

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
    return syncIntervalMs(this.options.syncTtlMs, this.options.budget.dailyLimit, this.pages, this.options.pollSetting);
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
    const { budget } = this.options;
    if (this.lastStart !== null) this.clampedLastStart();
    return planRefresh({
      now: this.now(),
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

  pollPlan(hasData: boolean): PollPlan {
    const { budget, pollSetting } = this.options;
    if (pollSetting === undefined || !hasData) return { at: null, intervalMs: null };
    const sync = this.refreshPlan(hasData);
    const lastLookAt = Math.max(this.lastPoll ?? -Infinity, this.lastStart ?? -Infinity);
    return planPoll({
      ...{ now: this.now(), dailyLimit: budget.dailyLimit, pagesPerSync: this.pages, ttlMs: this.options.syncTtlMs },
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
