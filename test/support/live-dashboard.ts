// A real dashboard listening on loopback: the embedded demo API on an ephemeral port and the real
// Fastify app (buildApp) syncing from it. Component, browser and sign-in tests all start it this way;
// server unit tests that only need app.inject use test/server/support/harness.ts.
import type { FastifyInstance } from 'fastify';
import { createDemoApi, type DemoApi, type DemoApiOptions } from '../../src/demo-api/app';
import { buildApp, type BuildAppOptions } from '../../src/server/app';
import type { ServerConfig } from '../../src/server/config';
import type { FacetEntry, FacetValue, LeadsResponse } from '../../src/shared/api-types';

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

export interface LiveDashboardOptions extends Omit<BuildAppOptions, 'config'> {
  /** Demo API data and key; the key is also what the server sends unless `serverApiKey` says otherwise. */
  demo: DemoApiOptions & { apiKey: string };
  /** The key the server sends upstream (a different one simulates a revoked key). */
  serverApiKey?: string;
  config?: Partial<Omit<ServerConfig, 'upstream'>>;
  /** Runs after the demo API is up and before the server starts (and syncs), e.g. to spend its quota. */
  beforeServerStart?: (demoApi: DemoApi) => void;
}

export interface LiveDashboard {
  app: FastifyInstance;
  baseUrl: string;
  demoApi: DemoApi;
  /** GET (or `init`) a dashboard path such as `/api/leads?stage=Won` and parse its JSON. */
  getJson<T>(path: string, init?: RequestInit): Promise<T>;
  /** The server's own answer for a view: what the SPA should show. */
  leads(params?: Record<string, string | number | boolean>): Promise<ShownLeads>;
  close(): Promise<void>;
}

export async function startLiveDashboard(options: LiveDashboardOptions): Promise<LiveDashboard> {
  const { demo, serverApiKey, config, beforeServerStart, ...appOptions } = options;
  const demoApi = createDemoApi(demo);
  const demoUrl = await demoApi.listen();
  beforeServerStart?.(demoApi);
  const app = await buildApp({
    logger: false,
    ...appOptions,
    config: {
      port: 0,
      host: '127.0.0.1',
      syncTtlSeconds: 300,
      dailyLimit: 1000,
      demoLeadCount: undefined,
      ...config,
      upstream: { url: demoUrl, apiKey: serverApiKey ?? demo.apiKey, source: 'demo' },
    },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('localhost', '127.0.0.1');

  const getJson = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(new URL(path, baseUrl), init);
    return (await response.json()) as T;
  };
  return {
    app,
    baseUrl,
    demoApi,
    getJson,
    leads: async (params = {}) => {
      const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
      return shownLeads(await getJson<LeadsResponse>(`/api/leads?${query}`));
    },
    async close() {
      await app.close();
      await demoApi.close();
    },
  };
}
