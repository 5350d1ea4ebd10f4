// Holds the current LeadIndex and keeps it fresh within the quota (docs/api.md §1–2, "Freshness and the quota budget").
// - A sync (fetch-pages.ts) pages `GET /leads?archived=true&limit=1000` to the end; the new index replaces
//   the old one whole, and only when the pages add up to upstream's total (never a partial set) and,
//   when it would drop more than half the held leads, only once a second sync in a row agrees.
// - Single flight: however many callers ask at once, one sync runs and they all share it.
// - When syncs run is refresh-policy.ts (interval, once a day, backoff after failures); every attempt
//   is paid from QuotaBudget before it is sent, and a sync stops where its share of the quota ends.
// - Between full syncs, polls of the newest page (poller.ts, when poll-policy.ts says) add new leads;
//   polls and syncs run one at a time. Every lead carries its change tracking (change-tracking.ts).
//   When either is due is refresh-trigger.ts (per request and by a timer), from sync-schedule.ts's plans.
// - Before any data, a request waits for the sync in flight (bounded), else fails at once with the last
//   error and Retry-After = time to the next attempt. With data held, requests never wait and never
//   fail because of upstream: old data is served at once (stale) while a background sync refreshes it.
import type { DataMeta, SyncProgress, SyncStatus } from '../../shared/api-types';
import type { ApiError } from '../errors';
import type { LeadIndex } from '../lead-index/lead-index';
import type { HeldLeads, LeadsToSave } from '../persistence/snapshot-store';
import { UpstreamError } from '../upstream/upstream-error';
import { noDataError, waitForFirstSync } from './first-data';
import { fetchAndMerge, syncProgressAfter } from './full-sync';
import { runPoll } from './poller';
import { RefreshTrigger } from './refresh-trigger';
import { releaseMemoryWhenIdle } from './release-memory';
import type { CallKind, Clock } from './quota-budget';
import { DEFAULT_SYNC_TUNING, type IndexView, type LeadStoreOptions, type SyncTuning } from './lead-store-options';
import { indexOfSavedLeads } from './saved-leads';
import { ShrinkGuard } from './shrink-guard';
import { manualRefreshRefusal } from './manual-refresh';
import { DataFreshness } from './data-freshness';
import { SwapWarmers } from './swap-warmers';
import { SyncSchedule } from './sync-schedule';

export type { LeadSource } from './fetch-pages';
export { DEFAULT_SYNC_TUNING, type IndexView, type LeadStoreOptions, type SyncTuning } from './lead-store-options';

export class LeadStore {
  /** Also what the DATA_DIR snapshot saves: the index holds each lead's JSON text once compacted. */
  private index: LeadIndex | null = null;
  /** synced_at and staleness (meta). */
  private readonly freshness: DataFreshness;
  private readonly schedule: SyncSchedule;
  private readonly shrinkGuard = new ShrinkGuard();
  private inflight: Promise<void> | null = null;
  /** The running sync's progress (/api/status `sync_progress`). */
  private progress: SyncProgress | null = null;
  /** The DATA_DIR snapshot loading at boot: requests wait for it (one load, however many wait). */
  private loading: Promise<void> | null = null;
  /** What is in flight: a poll is not a sync for /api/status, and a refresh waits for it. */
  private inflightKind: 'sync' | 'poll' = 'sync';
  /** Starts syncs and polls when due (per request and by its timer). */
  private readonly trigger: RefreshTrigger;
  private closed = false;
  private readonly shutdown = new AbortController();
  private readonly now: Clock;
  private readonly tuning: SyncTuning;
  /** Run on a new index before it replaces one that answers requests (warmBeforeSwap). */
  private readonly swapWarmers: SwapWarmers;

  constructor(private readonly options: LeadStoreOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = new SyncSchedule(options, this.now, options.random ?? Math.random);
    this.tuning = { ...DEFAULT_SYNC_TUNING, ...options.tuning };
    this.swapWarmers = new SwapWarmers(options.log);
    this.freshness = new DataFreshness(this.now, () => this.refreshIntervalMs);
    this.trigger = new RefreshTrigger(this.schedule, this.now, {
      hasData: () => this.index !== null,
      busy: () => this.inflight !== null,
      closed: () => this.closed,
      startSync: (kind) => void this.startSync(kind),
      startPoll: () => this.startPoll(),
    });
  }

  /**
   * At boot. With no data: the first sync. With restored data: nothing while it is fresh (no upstream
   * call), a background refresh when it is already due; then the timer takes over.
   */
  start(): void {
    if (this.inflight !== null || this.closed) return;
    this.schedule.warnIfNotInterval();
    if (this.index === null) {
      void this.startSync('foreground');
      return;
    }
    this.trigger.revalidateIfDue();
    if (this.inflight === null) this.trigger.scheduleNext();
  }

  /**
   * At boot with DATA_DIR, instead of start(): the saved leads load in the background while the server
   * already listens; requests arriving meanwhile wait for that one load (`current`), then start() runs.
   */
  startAfterLoading(load: Promise<HeldLeads | null>, onRestored?: (held: HeldLeads) => void): void {
    this.loading = load
      .then(async (held) => {
        if (held === null || this.closed) return;
        await this.restore(held);
        onRestored?.(held);
      })
      .catch((error: unknown) => this.options.log.warn({ error: String(error) }, 'saved data could not be loaded; starting without it'))
      .finally(() => {
        this.loading = null;
        this.start();
      });
  }

  /** Resolves once saved data loading at boot (if any) is in place. */
  async loaded(): Promise<void> {
    if (this.loading !== null) await this.loading;
  }

  /** Before start(): serve saved data (from DATA_DIR) as if the sync that fetched it just ended. */
  async restore(held: HeldLeads): Promise<void> {
    if (this.index !== null || this.inflight !== null) return;
    const index = await indexOfSavedLeads(held, Math.min(held.syncedAt, this.now()), this.options.log);
    if (this.index !== null || this.inflight !== null || this.closed) return;
    void index.compactAsync().then(
      () => releaseMemoryWhenIdle(),
      () => undefined,
    );
    this.index = index;
    const syncedAt = Math.min(held.syncedAt, this.now());
    this.freshness.synced(syncedAt, { succeeded: false });
    // The refresh schedule counts from the saved sync: fresh data costs no call until it is due.
    this.schedule.restored(syncedAt, held.pagesPerSync);
  }

  /** What is held now, for the DATA_DIR snapshot; null before any data. */
  held(): LeadsToSave | null {
    const { syncedAt } = this.freshness;
    if (this.index === null || syncedAt === null) return null;
    return { leadTexts: this.index, syncedAt, pagesPerSync: this.schedule.pagesPerSync };
  }

  close(): void {
    this.closed = true;
    this.trigger.stop();
    this.shutdown.abort();
  }

  /** Resolves when no sync is running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    await this.loaded();
    while (this.inflight !== null) await this.inflight;
  }

  /**
   * `warm` runs on each new index of a sync or poll before it replaces the held one, while the held one
   * still answers: e.g. the response cache answers the popular queries on it (routes/leads.ts), so they
   * are not all cold at once after the swap. Not for the first data (requests are waiting for it).
   */
  warmBeforeSwap(warm: (next: LeadIndex) => Promise<void>): void {
    this.swapWarmers.add(warm);
  }

  get refreshIntervalMs(): number {
    return this.schedule.refreshIntervalMs;
  }

  /**
   * The index for one request. With data held: at once (starting a background refresh when due).
   * Before any data: waits for the first sync, or throws the ApiError that explains why there is none.
   */
  async current(): Promise<IndexView> {
    if (this.loading !== null) await this.loading;
    if (this.index === null) await this.waitForFirstData();
    else this.trigger.revalidateIfDue();
    const index = this.index;
    if (index === null) throw this.noDataError();
    return { index, meta: this.meta() };
  }

  meta(): DataMeta {
    return this.freshness.meta();
  }

  status(): SyncStatus {
    const plan = this.trigger.plan();
    return {
      source: this.options.origin,
      ...this.meta(),
      syncing: this.inflight !== null && this.inflightKind === 'sync',
      lead_count: this.index?.size ?? 0,
      upstream_requests_today: this.options.budget.usedToday,
      daily_limit: this.options.budget.dailyLimit,
      next_refresh_at: iso(plan.at),
      refresh_mode: plan.mode,
      pages_per_sync: this.schedule.pagesPerSync,
      last_error: this.freshness.lastError === null ? null : describe(this.freshness.lastError),
      manual_refresh_min_interval_ms: this.tuning.minRefreshGapMs,
      sync_progress: this.progress === null ? null : { ...this.progress },
      last_poll_at: iso(this.schedule.lastPollAt),
      next_poll_at: iso(this.trigger.pollPlan().at),
    };
  }

  /**
   * POST /api/refresh: joins a sync in flight, else starts one unless that would be too soon after the
   * last one or would eat into the quota reserve (then 429 REFRESH_TOO_SOON with Retry-After).
   */
  requestRefresh(): void {
    if (this.inflight !== null && this.inflightKind === 'sync') return;
    const refusal = manualRefreshRefusal({
      sinceLastSyncMs: this.schedule.sinceLastSyncMs(),
      minGapMs: this.tuning.minRefreshGapMs,
      budget: this.options.budget,
      pagesPerSync: this.schedule.pagesPerSync,
    });
    if (refusal !== null) throw refusal;
    if (this.inflight !== null) void this.inflight.then(() => this.startSync('foreground'));
    else void this.startSync('foreground');
  }

  private async waitForFirstData(): Promise<void> {
    // Before data only the plan starts syncs (boot, then backoff): requests never add calls.
    if (this.inflight === null) this.trigger.revalidateIfDue();
    if (this.inflight !== null) await waitForFirstSync(this.inflight, this.tuning.firstSyncWaitMs, () => this.index !== null);
  }

  private noDataError(): ApiError {
    return noDataError({
      budget: this.options.budget,
      lastError: this.freshness.lastError,
      nextAttemptAt: this.trigger.plan().at,
      now: this.now(),
    });
  }

  private startSync(kind: CallKind): Promise<void> {
    if (this.inflight !== null) return this.inflight;
    this.schedule.syncStarted();
    this.progress = { pages_done: 0, pages_expected: null, leads_received: 0, leads_expected: null };
    this.inflightKind = 'sync';
    this.inflight = this.runSync(kind).finally(() => {
      this.inflight = null;
      this.progress = null;
      this.schedule.syncEnded();
      if (!this.closed) this.trigger.scheduleNext();
    });
    return this.inflight;
  }

  private startPoll(): void {
    const held = this.index;
    if (this.inflight !== null || held === null) return;
    const at = this.schedule.pollStarted();
    this.inflightKind = 'poll';
    const poll = runPoll({
      ...this.options,
      held,
      at,
      call: { signal: this.shutdown.signal, onAttempt: () => this.options.budget.payAttempt('background') },
      // A sync that swapped in meanwhile is newer than this page's merge.
      stillCurrent: () => !this.closed && this.index === held,
      beforeSwap: (index) => this.swapWarmers.warm(index),
      swapIn: (index) => {
        this.index = index;
        this.options.onSynced?.({
          leadTexts: index,
          syncedAt: this.freshness.syncedAt ?? this.now(),
          pagesPerSync: this.schedule.pagesPerSync,
        });
      },
    });
    this.inflight = poll.then((gap) => {
      this.inflight = null;
      if (this.closed) return;
      // More than a page created since the last look: only a full sync shows them all.
      if (gap && this.options.budget.canSpend('background', this.schedule.pagesPerSync)) void this.startSync('background');
      else this.trigger.scheduleNext();
    });
  }

  private async runSync(kind: CallKind): Promise<void> {
    const started = performance.now();
    const { log } = this.options;
    try {
      const { maxLeadsPerSync: maxLeads, maxBytesPerSync: maxBytes, pageLimit, maxPages } = this.tuning;
      const fetched = await fetchAndMerge({
        ...{ source: this.options.source, log, held: this.index, shrinkGuard: this.shrinkGuard },
        limits: { pageLimit, maxPages, maxLeads, maxBytes },
        call: { signal: this.shutdown.signal, onAttempt: () => this.options.budget.payAttempt(kind) },
        startedAt: this.schedule.lastSyncStartedAt ?? this.now(),
        onPage: (page) => (this.progress = syncProgressAfter(page, pageLimit)),
      });
      const { index } = fetched;
      const replacing = this.index !== null;
      if (replacing && !this.closed) await this.swapWarmers.warm(index);
      if (this.closed) return;
      // Swap in one assignment: a request reads either the old index or the new one, never a mix.
      this.index = index;
      // The replaced index and the sync's parsed pages are garbage only now (release-memory.ts).
      if (replacing) releaseMemoryWhenIdle();
      const syncedAt = this.now();
      this.freshness.synced(syncedAt, { succeeded: true });
      this.shrinkGuard.reset();
      const modeChanged = this.schedule.syncSucceeded(fetched.pages);
      this.options.onSynced?.({ leadTexts: index, syncedAt, pagesPerSync: fetched.pages });
      log.info({ kind, leads: index.size, pages: fetched.pages, ms: Math.round(performance.now() - started) }, 'sync done');
      if (modeChanged) this.schedule.warnIfNotInterval();
      this.options.onSyncEnded?.({ kind, ok: true, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      if (this.closed) return;
      const failure = error instanceof UpstreamError ? error : new UpstreamError('malformed', 'lead data could not be indexed', false);
      this.freshness.failed(failure);
      this.schedule.syncFailed();
      if (failure.httpStatus === 429) this.options.budget.blockUntilReset();
      const fields = { kind, failure: failure.kind, detail: failure.detail, failures: this.schedule.failures };
      const timing = { next_attempt_at: iso(this.trigger.plan().at), ms: Math.round(performance.now() - started) };
      log.warn({ ...fields, ...timing }, this.index === null ? 'sync failed, no data held yet' : 'sync failed, serving the data held');
      this.options.onSyncEnded?.({ kind, ok: false, seconds: (performance.now() - started) / 1000 });
    }
  }
}

/** For /api/status: our own words only (UpstreamError details never carry upstream text). */
function describe(failure: UpstreamError): string {
  return `${failure.kind}: ${failure.detail}`;
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());
