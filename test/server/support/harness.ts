// A real dashboard server for tests: the embedded demo API on a loopback port and the real Fastify
// app syncing from it, answering through app.inject. Small data and short timeouts keep tests fast.
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { createDemoApi, type DemoApi, type DemoApiOptions } from '../../../src/demo-api/app';
import { buildApp, type BuildAppOptions } from '../../../src/server/app';
import type { ServerConfig } from '../../../src/server/config';

export const TEST_KEY = 'test-key-0123456789';

export interface Harness {
  app: FastifyInstance;
  demo: DemoApi;
  /** The demo API's base URL (path included), for calling it directly. */
  upstreamUrl: string;
  /** Requests the demo API has received for lead data. */
  upstreamCalls(): number;
  getJson<T = any>(url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Omit<BuildAppOptions, 'config'> {
  demo?: DemoApiOptions;
  /** The key the server sends; default the demo's. */
  serverKey?: string;
  config?: Partial<ServerConfig>;
  /** Wait for the boot sync before returning (default true). */
  waitForSync?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const demo = createDemoApi({ leadCount: 300, seed: 11, apiKey: TEST_KEY, ...options.demo });
  const url = await demo.listen();
  const { demo: _demo, serverKey, config, waitForSync, ...appOptions } = options;
  const app = await buildApp({
    logger: false,
    upstream: { timeouts: { connectMs: 1_000, headersMs: 1_000, bodyMs: 2_000 }, retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
    ...appOptions,
    config: {
      port: 0,
      host: '127.0.0.1',
      upstream: { url, apiKey: serverKey ?? options.demo?.apiKey ?? TEST_KEY, source: 'demo' },
      syncTtlSeconds: 300,
      dailyLimit: 1000,
      demoLeadCount: undefined,
      ...config,
    },
  });
  await app.ready();
  if (waitForSync !== false) await app.leadStore.settled();
  return {
    app,
    demo,
    upstreamUrl: url,
    upstreamCalls: () => demo.requests.length,
    async getJson(target) {
      const response = await app.inject({ method: 'GET', url: target });
      return { status: response.statusCode, body: response.json(), headers: response.headers };
    },
    async close() {
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
