// The one way tests start a real dashboard: the embedded demo API on an ephemeral loopback port and the
// real Fastify app (buildApp) syncing from it. Server tests answer through app.inject; component,
// browser and HTTP-level tests pass `listen: true` and reach it at `baseUrl`. Small data and short
// upstream timeouts keep tests fast. Tests with an upstream of their own (a fault server, a scripted
// one) call buildApp with `testServerConfig` and an `upstream` of their own.
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { createDemoApi, type DemoApi, type DemoApiOptions } from '../../src/demo-api/app';
import { buildApp, type AppConfig, type BuildAppOptions } from '../../src/server/app';
import type { FacetEntry, FacetValue, LeadsResponse } from '../../src/shared/api-types';

export const TEST_KEY = 'test-key-0123456789';

/**
 * A complete server config for tests: loopback, ephemeral port, default TTL and quota, no DATA_DIR and no
 * auth mode (so nothing is written and nothing asks for a sign-in) unless `overrides` says otherwise.
 */
export function testServerConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { port: 0, host: '127.0.0.1', syncTtlSeconds: 300, dailyLimit: 1000, demoLeadCount: undefined, ...overrides };
}

export interface HarnessOptions extends Omit<BuildAppOptions, 'config' | 'upstream'> {
  /** Demo API data, key, faults; default 300 leads, seed 11, key TEST_KEY. */
  demo?: DemoApiOptions;
  /** The key the server sends upstream; default the demo's (a different one simulates a revoked key). */
  serverApiKey?: string;
  config?: Partial<AppConfig>;
  /** Runs after the demo API is up and before the server starts (and syncs), e.g. to spend its quota. */
  beforeServerStart?: (demo: DemoApi) => void;
  /** Also listen on a loopback port (`baseUrl`), for tests that need real HTTP: a browser, fetch, raw sockets. */
  listen?: boolean;
  /** Wait for the boot sync before returning (default true). */
  waitForSync?: boolean;
}

export interface Harness {
  app: FastifyInstance;
  demo: DemoApi;
  /** The demo API's base URL (path included), for calling it directly. */
  upstreamUrl: string;
  /** The dashboard's own origin; only with `listen: true`. */
  readonly baseUrl: string;
  /** Requests the demo API has received for lead data. */
  upstreamCalls(): number;
  /** GET a dashboard path such as `/api/leads?stage=Won` (through app.inject) and parse its JSON. */
  getJson<T = any>(url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  /** The server's own answer for a view, as the SPA's filter panel shows it (ShownLeads). */
  leads(params?: Record<string, string | number | boolean>): Promise<ShownLeads>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { demo: demoOptions, serverApiKey, config, beforeServerStart, listen, waitForSync, ...appOptions } = options;
  const demo = createDemoApi({ leadCount: 300, seed: 11, apiKey: TEST_KEY, ...demoOptions });
  const upstreamUrl = await demo.listen();
  beforeServerStart?.(demo);
  const app = await buildApp({
    logger: false,
    clientTuning: { timeouts: { connectMs: 1_000, headersMs: 1_000, bodyMs: 2_000 }, retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
    ...appOptions,
    config: testServerConfig(config),
    upstream: { url: upstreamUrl, apiKey: serverApiKey ?? demoOptions?.apiKey ?? TEST_KEY, source: 'demo' },
  });
  // app.listen also readies the app; the returned address may name localhost, which some clients resolve to ::1.
  const baseUrl = listen ? (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1') : undefined;
  if (!listen) await app.ready();
  if (waitForSync !== false) await app.leadStore.settled();

  const getJson: Harness['getJson'] = async (url) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  return {
    app,
    demo,
    upstreamUrl,
    get baseUrl() {
      if (baseUrl === undefined) throw new Error('baseUrl: start the harness with listen: true');
      return baseUrl;
    },
    upstreamCalls: () => demo.requests.length,
    getJson,
    async leads(params = {}) {
      const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
      return shownLeads((await getJson<LeadsResponse>(`/api/leads?${query}`)).body);
    },
    async close() {
      // A component test's SPA may leave a request open when it ends (a fetch jsdom never finishes reading):
      // closing must not wait for it. Server shutdown itself is tested in test/hardening/graceful-shutdown.
      if (listen) app.server.closeAllConnections();
      await app.close();
      await demo.close();
    },
  };
}

/** A `start` for a test file: every harness it starts is closed after each test. */
export function useHarnesses(): (options?: HarnessOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.close()));
  });
  return async (options) => {
    const h = await startHarness(options);
    started.push(h);
    return h;
  };
}

/**
 * The server's answer as the SPA's current filter panel shows it: the stage and tag facets as named values and
 * counts (the panel has no no-value row yet, docs/api.md §4's `value: null` bucket is left out).
 */
export type ShownLeads = Omit<LeadsResponse, 'facets'> & { facets: { stage: FacetValue[]; tags: FacetValue[] } };

/** `/api/leads`'s answer as the panel shows it (see ShownLeads). */
export const shownLeads = (answer: LeadsResponse): ShownLeads => ({
  ...answer,
  facets: { stage: named(answer.facets.stage), tags: named(answer.facets.tags) },
});

const named = (entries: readonly FacetEntry[]): FacetValue[] =>
  entries.flatMap((entry) => (entry.value === null ? [] : [{ value: entry.value, count: entry.count }]));
