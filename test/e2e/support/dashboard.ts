// One real dashboard per test file: the embedded demo API on a loopback port, the real Fastify server
// syncing from it and serving the production SPA build, and one Chromium. Each file gets its own
// instances, so fault knobs, quota and localStorage never leak between files.
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { DemoApi, DemoApiOptions } from '../../../src/demo-api/app';
import type { AppConfig, BuildAppOptions } from '../../../src/server/app';
import type { AuthConfig } from '../../../src/server/config';
import { startHarness, type Harness } from '../../support/dashboard-harness';
import { launchBrowser, skipBrowserSuites } from './browser';

/** Small enough to keep totals under 1,000 (no thousands separators to guess), large enough for many pages. */
export const E2E_LEAD_COUNT = 320;
export const E2E_SEED = 7;
export const E2E_API_KEY = 'e2e-demo-key';

export interface DashboardOptions {
  demo?: DemoApiOptions;
  /** The key the server sends upstream; default the demo's key (a different one simulates a revoked key). */
  serverApiKey?: string;
  /** Seconds before held data counts as stale (the server's ROTOR_SYNC_TTL). */
  syncTtlSeconds?: number;
  /** Daily quota the server budgets against. */
  dailyLimit?: number;
  /** Other server settings, e.g. an auth mode. */
  config?: Partial<AppConfig>;
  /** Server sync knobs; by default a manual Refresh is allowed at once (no 30 s gap) and syncs page by 100. */
  sync?: BuildAppOptions['sync'];
  /** Console errors this suite provokes on purpose (matched against "text (url)"), e.g. an error status it sets up. */
  expectedConsoleErrors?: RegExp[];
  /** Runs after the demo API is up and before the server starts (and syncs), e.g. to spend its quota. */
  beforeServerStart?: (demo: DemoApi) => void;
}

export type RunningDashboard = Harness;

export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  return startHarness({
    demo: { leadCount: E2E_LEAD_COUNT, seed: E2E_SEED, apiKey: E2E_API_KEY, ...options.demo },
    listen: true,
    // The page's first load meets the boot sync, as a user's would (loading and error states included).
    waitForSync: false,
    ...(options.serverApiKey !== undefined ? { serverApiKey: options.serverApiKey } : {}),
    ...(options.beforeServerStart ? { beforeServerStart: options.beforeServerStart } : {}),
    staticDir: inject('spaDir'),
    config: { syncTtlSeconds: options.syncTtlSeconds ?? 300, dailyLimit: options.dailyLimit ?? 1000, ...options.config },
    // Several upstream pages per sync (as with a real company's leads); fast retries so failures show quickly.
    sync: { pageLimit: 100, minRefreshGapMs: 0, ...options.sync },
    clientTuning: { retryBaseDelayMs: 10, retryMaxDelayMs: 50 },
  });
}

export interface DashboardSuite {
  readonly dashboard: RunningDashboard;
  readonly browser: Browser;
  /** A fresh browser context (own storage) and page; closed after the test. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Lets the current test provoke console errors matching this (e.g. a 404 for a lead it asks for on purpose). */
  expectConsoleError(pattern: RegExp): void;
  /** Opens a dashboard URL path like `/?stage=Won` and waits for the page to load. */
  open(path?: string, options?: BrowserContextOptions): Promise<Page>;
}

export const DESKTOP_VIEWPORT = { width: 1440, height: 900 };

/**
 * Registers hooks that start a dashboard and a browser for the enclosing suite and stop them after it.
 * The returned object's getters are valid inside tests.
 */
export function useDashboard(options: DashboardOptions = {}): DashboardSuite {
  let dashboard: RunningDashboard | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  // Uncaught exceptions and console errors (failed loads, CSP refusals, React errors) fail the test that
  // caused them, even if the screen looked right.
  let pageErrors: string[] = [];
  let consoleErrors: string[] = [];
  let expectedInTest: RegExp[] = [];

  beforeAll(async () => {
    if (skipBrowserSuites) return;
    [dashboard, browser] = await Promise.all([startDashboard(options), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    const expected = [...(options.expectedConsoleErrors ?? []), ...expectedInTest];
    const errors = [...pageErrors, ...consoleErrors.filter((text) => !expected.some((pattern) => pattern.test(text)))];
    pageErrors = [];
    consoleErrors = [];
    expectedInTest = [];
    if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
  });

  const suite: DashboardSuite = {
    get dashboard() {
      if (!dashboard) throw new Error('dashboard not started');
      return dashboard;
    },
    get browser() {
      if (!browser) throw new Error('browser not started');
      return browser;
    },
    async newPage(contextOptions = {}) {
      const context = await suite.browser.newContext({
        viewport: DESKTOP_VIEWPORT,
        locale: 'en-US',
        timezoneId: 'UTC',
        acceptDownloads: true,
        ...contextOptions,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      page.setDefaultTimeout(10_000);
      return page;
    },
    expectConsoleError(pattern) {
      expectedInTest.push(pattern);
    },
    async open(path = '/', contextOptions) {
      const page = await suite.newPage(contextOptions);
      await page.goto(new URL(path, suite.dashboard.baseUrl).href);
      return page;
    },
  };
  return suite;
}

/** Users-file sign-in over plain http on loopback, as the sign-in and shared-views suites run it. */
export const usersFileAuth = (usersFile: string): AuthConfig => ({
  mode: 'users-file',
  usersFile,
  sessionSecret: 'e2e-session-secret-0123456789abcdef',
  trustedProxies: [],
  cookieSecure: false,
});
