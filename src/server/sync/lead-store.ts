// Holds the current LeadIndex and keeps it fresh within the quota (api.md §1–2, issue 2 item 5).
// - A sync pages `GET /leads?archived=true&limit=1000` to the end, builds a new index and swaps it in
//   whole; a failed sync leaves the previous index untouched (never a half sync).
// - Single flight: however many callers ask at once, one sync runs and they all share it.
// - Before any data, a request waits for the sync in flight (bounded) and then answers or fails with
//   the mapped upstream error. With data held, requests never wait and never fail because of upstream:
//   old data is served at once (stale) while a background sync refreshes it.
// - Spending follows QuotaBudget: background syncs stay within half the daily limit, a manual refresh
//   keeps a reserve, and after a 429 nothing is called until the UTC reset.
import type { DataMeta, SyncStatus } from '../../shared/api-types';
import type { Lead } from '../../shared/lead';
import { ApiError } from '../errors';
import { LeadIndex } from '../lead-index/lead-index';
import type { HeldLeads, LeadsToSave } from '../persistence/snapshot-store';
import type { ListLeadsParams, LeadPage } from '../upstream/rotor-client';
import { UpstreamError } from '../upstream/upstream-error';
import { releaseMemory } from './release-memory';
import { refreshIntervalMs, type CallKind, type Clock, type QuotaBudget } from './quota-budget';

export interface LeadSource {
  listLeads(params: ListLeadsParams, signal?: AbortSignal): Promise<LeadPage>;
}

interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SyncTuning {
  /** Page size of a sync: upstream's maximum. */
  pageLimit: number;
  /** A sync never fetches more pages than this, whatever has_more says (an upstream that never ends). */
  maxPages: number;
  /** How long a request with no data yet waits for the first sync before a 504. */
  firstSyncWaitMs: number;
  /** A manual refresh within this time of the last sync start is refused (REFRESH_TOO_SOON). */
  minRefreshGapMs: number;
  /** With no data held, a failed sync is retried after this long (requests meanwhile get its error). */
  failureRetryMs: number;
}

export const DEFAULT_SYNC_TUNING: SyncTuning = {
  pageLimit: 1000,
  maxPages: 500,
  firstSyncWaitMs: 15_000,
  minRefreshGapMs: 30_000,
  failureRetryMs: 60_000,
};

export interface LeadStoreOptions {
  source: LeadSource;
  budget: QuotaBudget;
  /** What /api/status reports as the data's origin. */
  origin: 'demo' | 'rotor';
  syncTtlMs: number;
  now?: Clock;
  log: Logger;
  tuning?: Partial<SyncTuning>;
  /** Told after each successful sync, with what is now held (DATA_DIR saves it). */
  onSynced?: (held: LeadsToSave) => void;
  /** Told when a sync ends, whatever the outcome (the rotor_sync_duration_seconds metric). */
  onSyncEnded?: (outcome: { kind: CallKind; ok: boolean; seconds: number }) => void;
}

/** What a request reads: one consistent index and the freshness of that index. */
export interface LeadSnapshot {
  index: LeadIndex;
  meta: DataMeta;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class LeadStore {
  /** Also what a snapshot saves: the index holds each lead's JSON text (compacted after a sync). */
  private index: LeadIndex | null = null;
  private syncedAt: number | null = null;
  private lastError: UpstreamError | null = null;
  private lastSyncStartedAt: number | null = null;
  /** Pages the last successful sync took: the cost of the next one. */
  private pagesPerSync = 1;
  private inflight: Promise<void> | null = null;
  private inflightKind: CallKind = 'foreground';
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly shutdown = new AbortController();
  private readonly now: Clock;
  private readonly tuning: SyncTuning;

  constructor(private readonly options: LeadStoreOptions) {
    this.now = options.now ?? Date.now;
    this.tuning = { ...DEFAULT_SYNC_TUNING, ...options.tuning };
  }

  /**
   * At boot. With no data: the first sync. With restored data: nothing while it is fresh (no upstream
   * call), a background refresh when it is already due; then the timer takes over.
   */
  start(): void {
    if (this.inflight !== null || this.closed) return;
    if (this.index === null) {
      void this.startSync('foreground');
      return;
    }
    this.revalidateIfDue();
    if (this.inflight === null) this.scheduleNext();
  }

  /** Before start(): serve saved data (from DATA_DIR) as if the sync that fetched it just ended. */
  restore(held: HeldLeads): void {
    if (this.index !== null || this.inflight !== null) return;
    const index = LeadIndex.build(held.leads);
    void index.compactAsync().then(() => setImmediate(releaseMemory), () => undefined);
    this.index = index;
    this.syncedAt = held.syncedAt;
    this.pagesPerSync = Math.max(1, held.pagesPerSync);
    // The refresh schedule counts from the saved sync: fresh data costs no call until it is due.
    this.lastSyncStartedAt = held.syncedAt;
  }

  /** What is held now, for a snapshot; null before any data. */
  held(): LeadsToSave | null {
    if (this.index === null || this.syncedAt === null) return null;
    return { leadTexts: this.index, syncedAt: this.syncedAt, pagesPerSync: this.pagesPerSync };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.shutdown.abort();
  }

  /** Resolves when no sync is running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.inflight !== null) await this.inflight;
  }

  /** The quota counter hears about every upstream attempt through here (wired to the client). */
  recordUpstreamAttempt(): void {
    this.options.budget.recordCall(this.inflightKind);
  }

  get refreshIntervalMs(): number {
    return refreshIntervalMs(this.options.syncTtlMs, this.options.budget.dailyLimit, this.pagesPerSync);
  }

  /**
   * The index for one request. With data held: at once (starting a background refresh when due).
   * Before any data: waits for the first sync, or throws the ApiError that explains why there is none.
   */
  async snapshot(): Promise<LeadSnapshot> {
    if (this.index === null) await this.waitForFirstData();
    else this.revalidateIfDue();
    const index = this.index as LeadIndex | null;
    if (index === null) throw this.noDataError();
    return { index, meta: this.meta() };
  }

  meta(): DataMeta {
    return {
      synced_at: this.syncedAt === null ? null : new Date(this.syncedAt).toISOString(),
      stale: this.isStale(),
    };
  }

  status(): SyncStatus {
    const next = this.nextRefreshAt();
    return {
      source: this.options.origin,
      ...this.meta(),
      syncing: this.inflight !== null,
      lead_count: this.index?.size ?? 0,
      upstream_requests_today: this.options.budget.usedToday,
      daily_limit: this.options.budget.dailyLimit,
      next_refresh_at: next === null ? null : new Date(next).toISOString(),
    };
  }

  /**
   * POST /api/refresh: joins a sync in flight, else starts one unless that would be too soon after the
   * last one or would eat into the quota reserve (then 429 REFRESH_TOO_SOON with Retry-After).
   */
  requestRefresh(): void {
    if (this.inflight !== null) return;
    const { budget } = this.options;
    const sinceLast = this.lastSyncStartedAt === null ? Infinity : this.now() - this.lastSyncStartedAt;
    if (sinceLast < this.tuning.minRefreshGapMs) {
      const seconds = Math.max(1, Math.ceil((this.tuning.minRefreshGapMs - sinceLast) / 1000));
      throw refreshTooSoon('The data was refreshed moments ago; try again shortly.', seconds);
    }
    if (!budget.canRefreshManually(this.pagesPerSync))
      throw refreshTooSoon(
        'Today’s request quota is nearly spent; the data refreshes on its own schedule until the daily reset.',
        budget.secondsUntilReset(),
      );
    void this.startSync('foreground');
  }

  private isStale(): boolean {
    if (this.lastError !== null) return true;
    return this.syncedAt !== null && this.now() - this.syncedAt > this.refreshIntervalMs;
  }

  private async waitForFirstData(): Promise<void> {
    const { budget } = this.options;
    if (this.inflight === null) {
      if (budget.isBlocked) return;
      const sinceLast = this.lastSyncStartedAt === null ? Infinity : this.now() - this.lastSyncStartedAt;
      // A sync that just failed is answered with its error rather than spending more quota on a retry.
      if (this.lastError !== null && sinceLast < this.tuning.failureRetryMs) return;
      void this.startSync('foreground');
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.tuning.firstSyncWaitMs);
    });
    const outcome = await Promise.race([this.inflight, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout' && this.index === null)
      throw new ApiError(504, 'UPSTREAM_UNAVAILABLE', 'The lead service is slow to answer; try again shortly.');
  }

  private noDataError(): ApiError {
    const { budget } = this.options;
    if (budget.isBlocked) return new UpstreamError('rate-limit', 'blocked', false).toApiError(budget.secondsUntilReset());
    const failure = this.lastError ?? new UpstreamError('unavailable', 'no data', false);
    return failure.toApiError(failure.kind === 'rate-limit' ? budget.secondsUntilReset() : undefined);
  }

  private revalidateIfDue(): void {
    if (this.inflight !== null || this.closed) return;
    const next = this.nextRefreshAt();
    if (next !== null && this.now() >= next) void this.startSync('background');
  }

  /** When the next background sync may run, or null when none is planned. */
  private nextRefreshAt(): number | null {
    if (this.closed) return null;
    const { budget } = this.options;
    if (budget.isBlocked || !budget.canSpend('background', this.pagesPerSync)) return budget.nextResetAt();
    if (this.lastSyncStartedAt === null) return this.now();
    const wait = this.index === null ? this.tuning.failureRetryMs : this.refreshIntervalMs;
    return this.lastSyncStartedAt + wait;
  }

  private scheduleNext(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.nextRefreshAt();
    if (next === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(1_000, next - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.inflight !== null) return;
      const due = this.nextRefreshAt();
      if (due !== null && this.now() >= due && this.options.budget.canSpend('background', this.pagesPerSync))
        void this.startSync('background');
      else this.scheduleNext();
    }, delay);
    this.timer.unref();
  }

  private startSync(kind: CallKind): Promise<void> {
    if (this.inflight !== null) return this.inflight;
    this.inflightKind = kind;
    this.lastSyncStartedAt = this.now();
    this.inflight = this.runSync(kind).finally(() => {
      this.inflight = null;
      this.inflightKind = 'foreground';
      if (!this.closed) this.scheduleNext();
    });
    return this.inflight;
  }

  private async runSync(kind: CallKind): Promise<void> {
    const started = performance.now();
    try {
      const { leads, pages } = await this.fetchAllLeads();
      if (this.closed) return;
      const index = LeadIndex.build(leads);
      // Replacing held data: sort orders are built and the leads turned into JSON text first (yielding
      // between steps), so no request on the new index pays for that and the parsed objects are
      // dropped before the swap; the old index answers meanwhile. With no data yet, waiting requests
      // get the index at once and this runs in the background.
      if (this.index !== null) await index.compactAsync().then(() => setImmediate(releaseMemory));
      else void index.compactAsync().then(() => setImmediate(releaseMemory), () => undefined);
      if (this.closed) return;
      // Swap in one assignment: a request reads either the old index or the new one, never a mix.
      this.index = index;
      this.syncedAt = this.now();
      this.lastError = null;
      this.pagesPerSync = pages;
      this.options.onSynced?.({ leadTexts: index, syncedAt: this.syncedAt, pagesPerSync: pages });
      this.options.log.info({ kind, leads: index.size, pages, ms: Math.round(performance.now() - started) }, 'sync done');
      this.options.onSyncEnded?.({ kind, ok: true, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      if (this.closed) return;
      const failure =
        error instanceof UpstreamError ? error : new UpstreamError('malformed', 'lead data could not be indexed', false);
      this.lastError = failure;
      if (failure.kind === 'rate-limit') this.options.budget.blockUntilReset();
      this.options.log.warn(
        { kind, failure: failure.kind, detail: failure.detail, ms: Math.round(performance.now() - started) },
        this.index === null ? 'sync failed, no data held yet' : 'sync failed, serving the data held',
      );
      this.options.onSyncEnded?.({ kind, ok: false, seconds: (performance.now() - started) / 1000 });
    }
  }

  private async fetchAllLeads(): Promise<{ leads: Lead[]; pages: number }> {
    const { pageLimit, maxPages } = this.tuning;
    const leads: Lead[] = [];
    const seenIds = new Set<string>();
    let pages = 0;
    for (let page = 1; page <= maxPages; page++) {
      if (this.options.budget.isBlocked) throw new UpstreamError('rate-limit', 'quota blocked mid-sync', false);
      const result = await this.options.source.listLeads(
        { archived: true, limit: pageLimit, page },
        this.shutdown.signal,
      );
      pages++;
      let fresh = 0;
      for (const lead of result.leads) {
        // Leads created during a sync shift later pages, so a lead can show up twice: keep the first.
        if (lead.id !== undefined) {
          if (seenIds.has(lead.id)) continue;
          seenIds.add(lead.id);
        }
        leads.push(lead);
        fresh++;
      }
      // Stop on the last page, an empty one, or a page of nothing new (an upstream ignoring `page`).
      // A short page with has_more still continues: an upstream may cap `limit` below what we asked.
      if (!result.hasMore || result.leads.length === 0 || fresh === 0) break;
      if (page === maxPages)
        this.options.log.warn({ maxPages }, 'sync stopped at the page cap although upstream reports more');
    }
    return { leads, pages };
  }
}

function refreshTooSoon(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'REFRESH_TOO_SOON', message, { 'retry-after': String(retryAfterSeconds) });
}
