// Main-thread cost of the first render on a phone (issue 11), trace-free and without Lighthouse: Chromium with
// a 390×844 touch viewport (DPR 3) and CDP CPU throttling ×4 (Lighthouse's mobile default; no network
// throttling — everything is on loopback), loading `/` and a React + ReactDOM-only page (built with the same
// vite config) alternately, each in a fresh context (cold HTTP cache). Long tasks come from a PerformanceObserver
// installed before any page script. Window: from navigation until the page is quiet — its content painted
// (a first data row of the table for `/`, the heading for the minimal page) and then QUIET_MS with no long task.
// TBT = Σ max(0, task − 50 ms) over tasks after first contentful paint (a task spanning FCP counts from FCP,
// as Lighthouse does); the longest task counts the whole window, before FCP too.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { percentile, round } from './lib/stats';

export const QUIET_MS = 5000;
const WINDOW_CAP_MS = 30_000;
export const CPU_THROTTLING_RATE = 4;
/** A data row's link or button: the loading skeleton's rows hold neither. */
export const APP_CONTENT = 'table tbody tr :is(a, button)';

export interface LongTask {
  start: number;
  duration: number;
}

export interface PageLoadFigures {
  tbt_ms: number;
  longest_task_ms: number;
  fcp_ms: number;
  content_ms: number;
  long_tasks: number;
}

export interface MainThreadResult {
  runs: number;
  cpu_throttling: number;
  quiet_ms: number;
  app_tbt_p50_ms: number;
  app_longest_task_p50_ms: number;
  app_longest_task_max_ms: number;
  app_fcp_p50_ms: number;
  app_rows_p50_ms: number;
  minimal_tbt_p50_ms: number;
  minimal_longest_task_p50_ms: number;
  minimal_fcp_p50_ms: number;
}

/** Lighthouse's Total Blocking Time: each task's part after FCP beyond 50 ms. */
export function totalBlockingTime(tasks: readonly LongTask[], fcp: number): number {
  let total = 0;
  for (const task of tasks) {
    const end = task.start + task.duration;
    if (end <= fcp) continue;
    total += Math.max(0, end - Math.max(task.start, fcp) - 50);
  }
  return total;
}

/** Installed before any page script. `selector` marks the content whose paint the window waits for. */
export function mainThreadHelpers(selector: string): string {
  return `
(() => {
  const state = { tasks: [], fcp: -1, contentAt: -1 };
  window.__mainThread = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') state.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const content = new MutationObserver(() => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    content.disconnect();
    requestAnimationFrame(() => setTimeout(() => { state.contentAt = performance.now(); }, 0));
  });
  content.observe(document, { subtree: true, childList: true });
})();
`;
}

interface PageState {
  tasks: LongTask[];
  fcp: number;
  contentAt: number;
}
declare const window: { __mainThread: PageState };

/** Polls until content is painted and QUIET_MS passed since it and since the last long task ended. */
export async function waitUntilQuiet(page: Page): Promise<PageState & { now: number }> {
  const started = Date.now();
  for (;;) {
    const state = await page.evaluate(() => ({ ...window.__mainThread, now: performance.now() }));
    const lastTaskEnd = Math.max(0, ...state.tasks.map((t) => t.start + t.duration));
    const ready = state.fcp >= 0 && state.contentAt >= 0;
    if (ready && state.now - Math.max(state.contentAt, lastTaskEnd) >= QUIET_MS) return state;
    if (Date.now() - started > WINDOW_CAP_MS) throw new Error(`page not quiet within ${WINDOW_CAP_MS} ms: ${page.url()}`);
    await page.waitForTimeout(250);
  }
}

/** A page in a fresh phone context (cold HTTP cache), the helpers watching `selector`, its CPU throttled. Close `context`. */
export async function openThrottledPhonePage(
  browser: Browser,
  selector: string,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  try {
    await context.addInitScript({ content: mainThreadHelpers(selector) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING_RATE });
    return { context, page, cdp };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** A fresh phone context, throttled, one load of `url`: the window's figures. */
async function measureLoad(browser: Browser, url: string, selector: string): Promise<PageLoadFigures> {
  const { context, page } = await openThrottledPhonePage(browser, selector);
  try {
    await page.goto(url);
    const state = await waitUntilQuiet(page);
    return {
      tbt_ms: totalBlockingTime(state.tasks, state.fcp),
      longest_task_ms: Math.max(0, ...state.tasks.map((t) => t.duration)),
      fcp_ms: state.fcp,
      content_ms: state.contentAt,
      long_tasks: state.tasks.length,
    };
  } finally {
    await context.close();
  }
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a built minimal app's dist/ on loopback (index.html for every unknown path). */
export async function serveStatic(distDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    const file = join(distDir, path === '/' ? 'index.html' : path);
    readFile(file)
      .catch(() => readFile(join(distDir, 'index.html')))
      .then((body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'text/html' });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** `runs` loads of each page, alternating so drift in the machine's load hits both. */
export async function runMainThreadBench(options: {
  browser: Browser;
  appUrl: string;
  minimalUrl: string;
  runs: number;
  log: (line: string) => void;
}): Promise<{ result: MainThreadResult; app: PageLoadFigures[]; minimal: PageLoadFigures[] }> {
  const app: PageLoadFigures[] = [];
  const minimal: PageLoadFigures[] = [];
  // One unmeasured load of each first: Chromium's own start-up work is not the page's.
  await measureLoad(options.browser, options.minimalUrl, 'h1');
  await measureLoad(options.browser, options.appUrl, APP_CONTENT);
  for (let i = 0; i < options.runs; i++) {
    minimal.push(await measureLoad(options.browser, options.minimalUrl, 'h1'));
    app.push(await measureLoad(options.browser, options.appUrl, APP_CONTENT));
  }
  const p50 = (values: number[]) => round(percentile(values, 50));
  const result: MainThreadResult = {
    runs: options.runs,
    cpu_throttling: CPU_THROTTLING_RATE,
    quiet_ms: QUIET_MS,
    app_tbt_p50_ms: p50(app.map((r) => r.tbt_ms)),
    app_longest_task_p50_ms: p50(app.map((r) => r.longest_task_ms)),
    app_longest_task_max_ms: round(Math.max(...app.map((r) => r.longest_task_ms))),
    app_fcp_p50_ms: p50(app.map((r) => r.fcp_ms)),
    app_rows_p50_ms: p50(app.map((r) => r.content_ms)),
    minimal_tbt_p50_ms: p50(minimal.map((r) => r.tbt_ms)),
    minimal_longest_task_p50_ms: p50(minimal.map((r) => r.longest_task_ms)),
    minimal_fcp_p50_ms: p50(minimal.map((r) => r.fcp_ms)),
  };
  const each = (runs: PageLoadFigures[]) => runs.map((r) => `${round(r.tbt_ms)}/${round(r.longest_task_ms)}`).join(' ');
  options.log(
    `  main thread (phone, CPU ×${CPU_THROTTLING_RATE}, ${options.runs} loads each; TBT/longest task ms): / ${each(app)}; minimal ${each(minimal)}`,
  );
  return { result, app, minimal };
}
