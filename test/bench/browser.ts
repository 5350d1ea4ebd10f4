// Browser section: Chromium (playwright-core) on the production build served by the real server
// with 10k demo leads. Times are taken inside the page: from the input event (mousedown/keydown,
// captured on the document) to the first animation frame after the table's rows changed, so
// Playwright's own round trips are not counted. Baselines from the same page in the same run: a raw
// fetch() of a comparable API query, and a navigation to a plain JSON document of the same server.
import type { Browser, Page } from 'playwright-core';
import { browserPath, launchBrowser, missingBrowserReason } from '../e2e/support/browser';
import type { LeadsResponse } from '../../src/shared/api-types';
import { percentile, round } from './lib/stats';
import { startDemoUpstream, startProxy } from './proxy';
import { loadMixSource } from './query-mix';
import { buildMinimalApp } from './bundle';
import { runMainThreadBench, serveStatic, type MainThreadResult } from './main-thread';
import { profileFirstRender, type FirstRenderProfile } from './main-thread-profile';
import { runScrollBench, type ScrollResult } from './scrolling';

/** Issue 11's target: no task over this on first render; over it, the bench profiles one load. */
export const LONGEST_TASK_TARGET_MS = 150;

export interface BrowserResult {
  first_rows_ms: number;
  first_rows_p95_ms: number;
  facet_click_p50_ms: number;
  facet_click_p95_ms: number;
  search_p50_ms: number;
  search_p95_ms: number;
  next_page_p50_ms: number;
  next_page_p95_ms: number;
  api_fetch_p50_ms: number;
  navigation_baseline_ms: number;
  trials: number;
  timeouts: number;
  main_thread?: MainThreadResult;
  /** One traced and profiled phone load, when a first-render task went over the target. */
  main_thread_profile?: FirstRenderProfile;
  /** Baseline for scroll_1000: 100 rows, not virtualized. */
  scroll_100?: ScrollResult;
  scroll_1000?: ScrollResult;
}

/** Installed before any page script: input timestamps and a "rows changed" watcher. */
export const PAGE_HELPERS = `
(() => {
  const bench = {
    lastInputAt: 0,
    firstRowsAt: -1,
    /** When the watcher saw the rows differ (the DOM change; the painted frame comes after). */
    rowsChangedAt: -1,
    rowsSignature() {
      const table = document.querySelector('table');
      if (!table) return '';
      const rows = table.querySelectorAll('tbody tr');
      let text = '';
      for (const row of rows) text += row.textContent + '\\n';
      return text;
    },
    /** Resolves to performance.now() at the frame after the rows differ from now (or -1 on timeout). */
    arm(timeoutMs) {
      const before = bench.rowsSignature();
      bench.changed = new Promise((resolve) => {
        let done = false;
        const check = () => {
          if (done) return;
          const now = bench.rowsSignature();
          if (now !== before && now.trim() !== '') {
            done = true;
            observer.disconnect();
            clearTimeout(timer);
            bench.rowsChangedAt = performance.now();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => { done = true; observer.disconnect(); resolve(-1); }, timeoutMs);
      });
    },
  };
  window.__bench = bench;
  for (const type of ['mousedown', 'keydown']) {
    document.addEventListener(type, () => { bench.lastInputAt = performance.now(); }, true);
  }
  // First rows: the first frame after the table holds at least one data row with a lead name.
  const firstRows = new MutationObserver(() => {
    const row = document.querySelector('table tbody tr');
    if (row && row.querySelector('button, a')) {
      firstRows.disconnect();
      requestAnimationFrame(() => setTimeout(() => { bench.firstRowsAt = performance.now(); }, 0));
    }
  });
  firstRows.observe(document, { subtree: true, childList: true });
})();
`;

type Bench = { lastInputAt: number; firstRowsAt: number; rowsChangedAt: number; changed: Promise<number>; arm(timeoutMs: number): void };
// The page's `window` as these callbacks see it (they run in Chromium; this file is Node code without the DOM lib).
declare const window: { __bench: Bench };

const TRIAL_TIMEOUT_MS = 5000;

/** Arms the watcher, performs the input, and returns input → painted rows in ms (or -1). */
export async function timeInteraction(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate((timeout) => window.__bench.arm(timeout), TRIAL_TIMEOUT_MS);
  await act();
  return page.evaluate(async () => {
    const end = await window.__bench.changed;
    return end < 0 ? -1 : end - window.__bench.lastInputAt;
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(60);
}

export async function runBrowserBench(options: {
  leads: number;
  trials: number;
  mainThreadRuns: number;
  log: (line: string) => void;
}): Promise<BrowserResult> {
  if (browserPath === null) throw new Error(missingBrowserReason);
  const upstream = await startDemoUpstream(options.leads);
  let browser: Browser | undefined;
  try {
    const server = await startProxy(upstream.url, 'server-browser');
    try {
      // The first /api/leads waits for the boot sync; the browser starts on synced data.
      await fetch(`${server.baseUrl}/api/leads`).then((r) => r.arrayBuffer());
      // Name/email/phone fragments from the data the server holds; one distinct term per trial.
      const searchTerms = (await loadMixSource(server.baseUrl, 3)).searchTerms;
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
      await context.addInitScript({ content: PAGE_HELPERS });
      let timeouts = 0;
      const keep = (samples: number[], value: number) => (value < 0 ? (timeouts += 1) : samples.push(value));

      // Navigation → first rows, on fresh pages (HTTP cache of the context kept, as for a returning user).
      const firstRows: number[] = [];
      const navigationBaseline: number[] = [];
      for (let i = 0; i < 10; i++) {
        const page = await context.newPage();
        await page.goto(server.baseUrl + '/');
        await page.waitForFunction(() => window.__bench.firstRowsAt >= 0, null, { timeout: 15_000 });
        if (i > 0) firstRows.push(await page.evaluate(() => window.__bench.firstRowsAt)); // first load compiles caches
        await page.goto(server.baseUrl + '/api/status');
        navigationBaseline.push(await page.evaluate<number>("performance.getEntriesByType('navigation')[0].responseEnd"));
        await page.close();
      }

      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(server.baseUrl + '/');
      await page.waitForFunction(() => window.__bench.firstRowsAt >= 0, null, { timeout: 15_000 });

      // Facet clicks: toggle stage checkboxes on and off in turn.
      const stageBoxes = page.getByRole('group', { name: 'Stage' }).getByRole('checkbox');
      const stageCount = await stageBoxes.count();
      if (stageCount === 0) throw new Error('no Stage checkboxes found');
      const facetClicks: number[] = [];
      for (let i = 0; i < options.trials; i++) {
        const box = stageBoxes.nth(Math.floor(i / 2) % stageCount);
        keep(facetClicks, await timeInteraction(page, () => box.click()));
        await settle(page);
      }

      // Search keystrokes: replace the search text with the next term; from the last keystroke.
      const searchbox = page.getByRole('searchbox', { name: 'Search leads' });
      const searches: number[] = [];
      for (let i = 0; i < options.trials; i++) {
        const term = searchTerms[i % searchTerms.length] ?? 'a';
        await searchbox.click();
        await page.keyboard.press('ControlOrMeta+A');
        keep(searches, await timeInteraction(page, () => page.keyboard.type(term)));
        await settle(page);
      }
      await searchbox.fill('');
      await page.waitForTimeout(600);

      // Next page: walk forward through the default view.
      await page.goto(server.baseUrl + '/');
      await page.waitForFunction(() => window.__bench.firstRowsAt >= 0, null, { timeout: 15_000 });
      const nextButton = page.getByRole('button', { name: 'Next page' });
      const nextPages: number[] = [];
      for (let i = 0; i < options.trials; i++) {
        keep(nextPages, await timeInteraction(page, () => nextButton.click()));
        await settle(page);
      }

      // Baseline: the same kind of request straight from the page (fetch + JSON parse).
      const stageValues = ((await (await fetch(`${server.baseUrl}/api/leads`)).json()) as LeadsResponse).facets.stage.map((f) => f.value);
      const apiFetches: number[] = [];
      for (let i = 0; i < options.trials; i++) {
        const url = `/api/leads?stage=${encodeURIComponent(stageValues[i % stageValues.length] ?? '')}&page=${1 + (i % 5)}`;
        apiFetches.push(
          await page.evaluate(async (target) => {
            const started = performance.now();
            await (await fetch(target)).json();
            return performance.now() - started;
          }, url),
        );
      }

      const p50 = (samples: number[]) => round(percentile(samples, 50));
      const p95 = (samples: number[]) => round(percentile(samples, 95));
      const result: BrowserResult = {
        first_rows_ms: p50(firstRows),
        first_rows_p95_ms: p95(firstRows),
        facet_click_p50_ms: p50(facetClicks),
        facet_click_p95_ms: p95(facetClicks),
        search_p50_ms: p50(searches),
        search_p95_ms: p95(searches),
        next_page_p50_ms: p50(nextPages),
        next_page_p95_ms: p95(nextPages),
        api_fetch_p50_ms: p50(apiFetches),
        navigation_baseline_ms: p50(navigationBaseline),
        trials: options.trials,
        timeouts,
      };
      // Issue 11: the main thread on a phone next to a React-only page, and scrolling 1,000 rows.
      const minimalApp = buildMinimalApp();
      const minimalServer = await serveStatic(minimalApp.distDir);
      try {
        const mainThread = await runMainThreadBench({
          browser,
          appUrl: server.baseUrl + '/',
          minimalUrl: minimalServer.url,
          runs: options.mainThreadRuns,
          log: options.log,
        });
        result.main_thread = mainThread.result;
        if (mainThread.result.app_longest_task_p50_ms > LONGEST_TASK_TARGET_MS) {
          result.main_thread_profile = await profileFirstRender(browser, server.baseUrl + '/');
          const { longest_task_ms, events, functions } = result.main_thread_profile;
          const list = (entries: { name: string; self_ms: number }[]) => entries.map((e) => `${e.name} ${e.self_ms}`).join('; ');
          options.log(`  profiled load's longest task ${longest_task_ms} ms; self time by trace event (ms): ${list(events)}`);
          options.log(`  JS functions sampled in it (ms): ${list(functions)}`);
        }
      } finally {
        await minimalServer.close();
        minimalApp.remove();
      }
      result.scroll_100 = await runScrollBench({ browser, baseUrl: server.baseUrl, limit: 100, log: options.log });
      result.scroll_1000 = await runScrollBench({ browser, baseUrl: server.baseUrl, limit: 1000, log: options.log });

      options.log(
        `  browser: first rows ${result.first_rows_ms} ms, facet ${result.facet_click_p50_ms}/${result.facet_click_p95_ms} ms, ` +
          `search ${result.search_p50_ms} ms, next page ${result.next_page_p50_ms} ms, api fetch ${result.api_fetch_p50_ms} ms` +
          (timeouts > 0 ? `, ${timeouts} trials timed out` : ''),
      );
      return result;
    } finally {
      await browser?.close();
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }
}
