// The dashboard server, composed but not listening (main.ts listens; tests use inject or port 0).
// Upstream client → quota budget → lead store → routes, plus security headers, compression,
// the JSON error envelope and the static SPA.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import { loggerOptions, type LogSettings } from './logger';
import { registerAuth, trustedProxyOption, type AuthOptions } from './plugins/auth';
import { registerCompression } from './plugins/compression';
import { hostPolicy, registerHostCheck } from './plugins/host-check';
import { createServerMetrics, registerMetrics } from './plugins/metrics';
import { frameworkErrorHandler, registerErrorHandling, type HistoryFallback } from './plugins/error-handling';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerStaticSpa } from './plugins/static-spa';
import { exportRoutes } from './routes/export';
import { healthRoutes } from './routes/health';
import { leadRoutes } from './routes/leads';
import { preferenceRoutes } from './routes/preferences';
import { sessionRoutes } from './routes/session';
import { statusRoutes } from './routes/status';
import { viewRoutes } from './routes/views';
import { callerOwnerId } from './views/me';
import { ViewStore } from './views/view-store';
import { inMemoryOnly, ViewsFile } from './views/views-file';
import { SnapshotStore, sourceIdentity, type LeadsToSave } from './persistence/snapshot-store';
import { LeadStore, type SyncTuning } from './sync/lead-store';
import { QuotaBudget, type Clock } from './sync/quota-budget';
import { RotorClient, type RotorClientOptions } from './upstream/rotor-client';
import type { ResolvedUpstream } from './upstream/resolve-upstream';

export interface BuildAppOptions {
  /** The settings; where data comes from is `upstream`, not the config's unresolved setting. */
  config: AppConfig;
  /** From resolveUpstream (upstream/resolve-upstream.ts): Rotor, or the embedded demo API already listening. */
  upstream: ResolvedUpstream;
  /** false: silent. Otherwise the level and, for tests, a stream capturing the lines. */
  logger?: LogSettings | false;
  /** The built SPA (dist/); without it only /api/* is served. */
  staticDir?: string;
  /** Wall clock in ms (quota day, staleness, CSV file name). */
  now?: Clock;
  /** Test knobs: timeouts, retry delays and their jitter, body cap. */
  clientTuning?: Pick<RotorClientOptions, 'timeouts' | 'maxBodyBytes' | 'maxRetries' | 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'random'>;
  /** Test knob: failed sign-ins allowed per IP and per user in a window (default 5 a minute). */
  loginLimits?: AuthOptions['loginLimits'];
  /** Test knobs: first-sync wait, refresh gap, page cap, per-sync caps. */
  sync?: Partial<SyncTuning>;
}

/** The server config as buildApp reads it: everything but the upstream setting, which arrives resolved. */
export type AppConfig = Omit<ServerConfig, 'upstream'>;

declare module 'fastify' {
  interface FastifyInstance {
    leadStore: LeadStore;
  }
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, upstream } = options;
  const now = options.now ?? Date.now;

  const app = Fastify({
    logger: loggerOptions(options.logger === false ? { level: false } : (options.logger ?? {}), [upstream.apiKey]),
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: true,
    // Only POST /api/refresh takes a body, and it ignores it.
    bodyLimit: 16 * 1024,
    // Long enough that any over-long lead id is our 400, not Fastify's 414.
    routerOptions: { maxParamLength: 1024 },
    // X-Forwarded-For/-Proto only from AUTH_TRUSTED_PROXIES (client IP for rate limits, https for Secure cookies).
    trustProxy: trustedProxyOption(config.auth),
  });

  const budget = new QuotaBudget(config.dailyLimit, now);
  const metrics = createServerMetrics();
  const syncLog = app.log.child({ component: 'sync' });
  const saved =
    config.dataDir === undefined
      ? null
      : new SnapshotStore({
          dir: config.dataDir,
          source: sourceIdentity(upstream, config.demoLeadCount),
          log: app.log.child({ component: 'data-dir' }),
          now,
        });
  // The store pays for each attempt per call (it knows which share of the quota a sync spends).
  const client = new RotorClient({
    baseUrl: upstream.url,
    apiKey: upstream.apiKey,
    ...options.clientTuning,
    onAttempt: () => logFirstCall(),
    onAttemptDone: metrics.upstreamAttempt,
    log: app.log.child({ component: 'upstream' }),
  });
  const store = new LeadStore({
    source: client,
    budget,
    origin: upstream.source,
    syncTtlMs: config.syncTtlSeconds * 1000,
    ...(config.pollIntervalSeconds === undefined
      ? {}
      : { pollSetting: config.pollIntervalSeconds === 'auto' ? ('auto' as const) : config.pollIntervalSeconds * 1000 }),
    now,
    log: syncLog,
    onSyncEnded: metrics.syncEnded,
    ...(options.sync ? { tuning: options.sync } : {}),
    ...(saved ? { onSynced: (held: LeadsToSave) => saved.saveLeads(held) } : {}),
  });
  // "sync starting" is said with the process's first upstream call, not at boot: a restart on fresh
  // saved data makes none. Only host and path: the URL cannot hold credentials (config refuses them).
  const upstreamOrigin = new URL(upstream.url);
  const startingFields = { upstream: upstreamOrigin.origin + upstreamOrigin.pathname, source: upstream.source };
  let firstCallLogged = false;
  function logFirstCall(): void {
    if (firstCallLogged) return;
    firstCallLogged = true;
    syncLog.info(startingFields, 'sync starting');
  }
  app.decorate('leadStore', store);
  metrics.watch({ store, budget, now });

  // First hook of all: a request for a foreign host name (DNS rebinding) gets nothing, static files included.
  registerHostCheck(app, hostPolicy(config.auth?.mode, config.allowedHosts));
  registerSecurityHeaders(app);
  await registerCompression(app);
  let historyFallback: HistoryFallback | undefined;
  if (options.staticDir !== undefined) historyFallback = await registerStaticSpa(app, options.staticDir);
  registerErrorHandling(app, historyFallback ? { historyFallback } : {});
  // Outside /api/*: no session, no rate limit (a load balancer or scraper polls them).
  registerMetrics(app, metrics, config.metricsToken);
  await app.register(healthRoutes, { store });

  const authenticator = await registerAuth(app, {
    host: config.host,
    auth: config.auth,
    dataDir: config.dataDir,
    apiRateLimit: config.apiRateLimit,
    now,
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
  });
  await app.register(sessionRoutes, { authenticator });
  await app.register(leadRoutes, { store, now });
  await app.register(exportRoutes, { store, now });
  await app.register(statusRoutes, { store });
  // Saved views: DATA_DIR/views.json, or memory only without DATA_DIR (tests, hand-built configs).
  const views = new ViewStore(
    config.dataDir === undefined ? inMemoryOnly : new ViewsFile(config.dataDir, app.log.child({ component: 'views' }), now),
    now,
  );
  await app.register(viewRoutes, { views, authenticator });
  await app.register(preferenceRoutes, { dataDir: config.dataDir, authenticator, now });
  // What `(me)` stands for in a request (src/server/views/me.ts resolveMeInQuery uses it).
  app.decorate('callerOwnerId', (request: FastifyRequest) => callerOwnerId(request, (user) => authenticator.ownerIdOf(user)));

  app.addHook('onReady', async () => {
    await views.load();
    // Saved data first: a restart answers from it and spends no call while it is fresh. The leads load
    // after the server listens (a 100k snapshot takes seconds): requests meanwhile wait for that load.
    if (saved && (await saved.prepare())) {
      const quota = await saved.loadQuota();
      if (quota) budget.restore(quota);
      budget.onChange = (state) => saved.saveQuota(state);
      const started = performance.now();
      store.startAfterLoading(saved.loadLeads(), (held) =>
        syncLog.info(
          {
            leads: held.leads.length,
            synced_at: new Date(held.syncedAt).toISOString(),
            stale: store.meta().stale,
            load_ms: Math.round(performance.now() - started),
          },
          'serving saved data',
        ),
      );
    } else {
      store.start();
    }
  });
  // Graceful close: requests in flight finish, but a keep-alive connection must not hold the close open
  // until its idle timeout (browsers keep them): answers sent while closing say `connection: close`, and
  // connections that go idle meanwhile are closed.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });
  // After in-flight requests have finished (Fastify closes the listener first): stop syncing, save.
  app.addHook('onClose', async () => {
    store.close();
    client.close();
    if (saved) await saved.flush(store.held(), budget.state());
  });
  return app;
}
