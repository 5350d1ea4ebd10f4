// GET /metrics (api.md §7): Prometheus text from prom-client. Open to loopback peers (a scraper or
// `curl` on the same machine); from anywhere else only with `Authorization: Bearer <METRICS_TOKEN>`,
// and a plain 404 when no token is set, so the endpoint is not even discoverable from outside.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isLoopbackHost } from '../auth/addresses';
import { ApiError, notFound } from '../errors';
import type { LeadStore } from '../sync/lead-store';
import type { QuotaBudget } from '../sync/quota-budget';
import type { UpstreamFailureKind } from '../upstream/upstream-error';

/** What the server's parts report into; created before them, so they can be wired to it. */
export interface ServerMetrics {
  registry: Registry;
  upstreamAttempt: (outcome: 'ok' | UpstreamFailureKind) => void;
  syncEnded: (outcome: { kind: string; ok: boolean; seconds: number }) => void;
  /** Reads what gauges show at scrape time (nothing is copied on the hot path). */
  watch(sources: { store: LeadStore; budget: QuotaBudget; now: () => number }): void;
}

// Process metrics (CPU, RSS, event-loop lag, GC, handles) are per process, not per app: collected into
// one registry once, however many apps a test process builds, and merged into each scrape.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const upstreamRequests = new Counter({
    name: 'rotor_upstream_requests_total',
    help: 'Calls to the Rotor API (every attempt, retries included) by outcome: ok or the failure kind',
    labelNames: ['outcome'],
    registers: [registry],
  });
  // Seen at 0 from the start, so rate() and alerts work before the first failure of a kind.
  for (const outcome of ['ok', 'authentication', 'scope', 'rate-limit', 'timeout', 'unavailable', 'malformed'])
    upstreamRequests.labels(outcome).inc(0);
  const syncDuration = new Histogram({
    name: 'rotor_sync_duration_seconds',
    help: 'Wall time of full syncs (all pages fetched and indexed), by kind and result (ok or failed)',
    labelNames: ['kind', 'result'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  let sources: Parameters<ServerMetrics['watch']>[0] | null = null;
  const gauge = (name: string, help: string, read: (s: NonNullable<typeof sources>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (sources !== null) this.set(read(sources));
      },
    });
  gauge('rotor_quota_used_today', 'Rotor calls counted against the daily quota this UTC day', (s) => s.budget.usedToday);
  gauge('rotor_daily_limit', 'The key’s daily Rotor request quota (ROTOR_DAILY_LIMIT)', (s) => s.budget.dailyLimit);
  gauge('rotor_leads_held', 'Leads in the index being served', (s) => s.store.status().lead_count);
  // NaN before any data: an alert on age > N must not fire for "no data yet" (rotor_data_ready covers that).
  gauge('rotor_data_age_seconds', 'Seconds since the data being served was synced (NaN before any data)', (s) => {
    const syncedAt = s.store.meta().synced_at;
    return syncedAt === null ? NaN : Math.max(0, (s.now() - Date.parse(syncedAt)) / 1000);
  });
  gauge('rotor_data_ready', '1 once lead data is held (synced or restored), else 0 (as /readyz)', (s) =>
    s.store.meta().synced_at === null ? 0 : 1,
  );
  gauge('rotor_data_stale', '1 while the data served is stale (past its refresh interval or the last sync failed)', (s) =>
    s.store.meta().stale ? 1 : 0,
  );
  gauge('rotor_upstream_blocked', '1 while Rotor calls are paused after a 429 until the UTC reset', (s) => (s.budget.isBlocked ? 1 : 0));

  return {
    registry,
    upstreamAttempt: (outcome) => upstreamRequests.labels(outcome).inc(),
    syncEnded: ({ kind, ok, seconds }) => syncDuration.labels(kind, ok ? 'ok' : 'failed').observe(seconds),
    watch: (watched) => void (sources = watched),
  };
}

/** /metrics and the http_request_duration_seconds histogram (every route, labelled by its pattern). */
export function registerMetrics(app: FastifyInstance, metrics: ServerMetrics, token: string | undefined): void {
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The pattern, never the raw URL (unbounded label values); unmatched paths share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.labels(route, request.method, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });

  const expected = token === undefined ? null : digest(token);
  app.get('/metrics', async (request, reply) => {
    if (!isLocalScrape(request)) {
      if (expected === null) throw notFound();
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      // Compared as digests of equal length, in constant time: the token's length leaks nothing either.
      if (given === undefined || !timingSafeEqual(digest(given), expected))
        throw new ApiError(401, 'UNAUTHENTICATED', 'A valid metrics token is required.', { 'www-authenticate': 'Bearer' });
    }
    const merged = Registry.merge([processMetrics(), metrics.registry]);
    reply.header('cache-control', 'no-store').type(merged.contentType);
    return merged.metrics();
  });
}

/**
 * A scrape from this machine: the TCP peer is loopback and no proxy forwarded it. A reverse proxy on
 * the same host is also a loopback peer, so a request carrying forwarding headers counts as remote.
 */
function isLocalScrape(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress ?? '';
  if (!isLoopbackHost(peer)) return false;
  return request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
