// A real dashboard server for component tests: the embedded demo API on a loopback port and the real
// Fastify app (buildApp) syncing from it, with the SPA's api-client pointed at it. No fetch mocks.
import { createDemoApi, type DemoApi, type DemoApiOptions } from '../../../src/demo-api/app';
import { buildApp, type BuildAppOptions } from '../../../src/server/app';
import type { LeadsResponse } from '../../../src/shared/api-types';
import { setApiBaseUrl } from '../../../src/app/lib/api-client';

export const TEST_LEAD_COUNT = 320;
const TEST_API_KEY = 'component-test-key';

export interface TestServer {
  baseUrl: string;
  demoApi: DemoApi;
  /** The server's own answer for a query string (what the SPA should show). */
  leads(params?: Record<string, string | number | boolean>): Promise<LeadsResponse>;
  getJson<T>(path: string, init?: RequestInit): Promise<T>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  demo?: DemoApiOptions;
  serverApiKey?: string;
  sync?: BuildAppOptions['sync'];
  beforeServerStart?: (demoApi: DemoApi) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const demoApi = createDemoApi({ leadCount: TEST_LEAD_COUNT, seed: 11, apiKey: TEST_API_KEY, ...options.demo });
  const demoUrl = await demoApi.listen({ host: '127.0.0.1', port: 0 });
  options.beforeServerStart?.(demoApi);
  const app = await buildApp({
    logger: false,
    config: {
      port: 0,
      host: '127.0.0.1',
      upstream: { url: demoUrl, apiKey: options.serverApiKey ?? TEST_API_KEY, source: 'demo' },
      syncTtlSeconds: 300,
      dailyLimit: 1000,
      demoLeadCount: undefined,
    },
    sync: { pageLimit: 100, minRefreshGapMs: 0, firstSyncWaitMs: 5_000, ...options.sync },
    upstream: { retryBaseDelayMs: 5, retryMaxDelayMs: 20 },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('localhost', '127.0.0.1');
  setApiBaseUrl(baseUrl);

  const getJson = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, init);
    return (await response.json()) as T;
  };
  return {
    baseUrl,
    demoApi,
    getJson,
    leads: (params = {}) => {
      const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      return getJson<LeadsResponse>(`/api/leads?${query}`);
    },
    async close() {
      await app.close();
      await demoApi.close();
    },
  };
}
