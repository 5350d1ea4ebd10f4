// A real dashboard server for component tests: the embedded demo API on a loopback port and the real
// Fastify app (buildApp) syncing from it, with the SPA's api-client pointed at it. No fetch mocks.
import type { DemoApi, DemoApiOptions } from '../../../src/demo-api/app';
import type { BuildAppOptions } from '../../../src/server/app';
import { setApiBaseUrl } from '../../../src/app/lib/api-client';
import { startHarness, type Harness, type HarnessOptions } from '../../support/dashboard-harness';

export const TEST_LEAD_COUNT = 320;
const TEST_API_KEY = 'component-test-key';

export type TestServer = Harness;

export interface TestServerOptions {
  demo?: DemoApiOptions;
  serverApiKey?: string;
  sync?: BuildAppOptions['sync'];
  beforeServerStart?: (demo: DemoApi) => void;
  /** Other server settings, e.g. a DATA_DIR holding saved views. */
  config?: HarnessOptions['config'];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startHarness({
    demo: { leadCount: TEST_LEAD_COUNT, seed: 11, apiKey: TEST_API_KEY, ...options.demo },
    listen: true,
    // The SPA's first load meets the boot sync, as a user's would (loading and error states included).
    waitForSync: false,
    ...(options.serverApiKey !== undefined ? { serverApiKey: options.serverApiKey } : {}),
    ...(options.beforeServerStart ? { beforeServerStart: options.beforeServerStart } : {}),
    ...(options.config ? { config: options.config } : {}),
    sync: { pageLimit: 100, minRefreshGapMs: 0, firstSyncWaitMs: 5_000, ...options.sync },
    clientTuning: { retryBaseDelayMs: 5, retryMaxDelayMs: 20 },
  });
  setApiBaseUrl(server.baseUrl);
  return server;
}
