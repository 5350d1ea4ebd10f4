// Scrolling a 1,000-row page (issue 11): desktop viewport, no throttling, `/?limit=1000` (the API's and the
// URL's largest page; the rows-per-page menu stops at 250 but keeps a hand-written limit). Inside the page the
// table's scroller is moved top to bottom by an equal step every animation frame for SCROLL_MS — the main
// thread then has to handle each scroll (the virtualizer re-renders) before the next frame — and the
// requestAnimationFrame deltas are the frame times. Element count: everything inside the scroller, at its most.
// Baseline in the same run: the same scroll of `/?limit=100` (100 rows; windowed like every page since
// branch perf-browser, so it measures the same body crossing 10× fewer rows per frame).
// Next to the frame times, the renderer main thread's CPU time over the passes (a Chromium trace's thread
// time): on a shared machine wall times swing with the load, CPU time much less.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { percentile, round } from './lib/stats';
import { mainThreadCpuMs, type TraceEvent } from './trace-tasks';

const SCROLL_MS = 3000;
const PASSES = 2;
const SCROLLER = '[role="region"][aria-label^="Leads table"]';

export interface ScrollResult {
  rows: number;
  frames: number;
  frame_p50_ms: number;
  frame_p95_ms: number;
  frame_max_ms: number;
  table_elements_max: number;
  document_elements_max: number;
  /** Renderer main-thread CPU time over all passes (trace thread time), ms. */
  main_thread_cpu_ms: number;
}

interface PassFigures {
  deltas: number[];
  tableElementsMax: number;
  documentElementsMax: number;
}

/**
 * One pass, as page source (a string, so the bundler's helpers never reach the page): from the top, each
 * animation frame sets scrollTop to the share of SCROLL_MS elapsed and records the delta since the last frame.
 */
function scrollPassScript(selector: string, durationMs: number, steps = 0): string {
  return `new Promise((resolve, reject) => {
  const scroller = document.querySelector(${JSON.stringify(selector)});
  if (!scroller) return reject(new Error('no table scroller'));
  scroller.scrollTop = 0;
  const distance = scroller.scrollHeight - scroller.clientHeight;
  const out = { deltas: [], tableElementsMax: 0, documentElementsMax: 0 };
  let started = -1;
  let last = -1;
  const frame = (time) => {
    if (started < 0) started = time;
    else out.deltas.push(time - last);
    last = time;
    out.tableElementsMax = Math.max(out.tableElementsMax, scroller.querySelectorAll('*').length);
    out.documentElementsMax = Math.max(out.documentElementsMax, document.getElementsByTagName('*').length);
    // steps > 0: a fixed number of equal steps, one per frame, whatever the frame rate (the same work for a
    // starved page as for a fast one: its CPU time compares builds on a loaded machine).
    const progress = ${steps} > 0 ? Math.min(1, out.deltas.length / ${steps}) : Math.min(1, (time - started) / ${durationMs});
    scroller.scrollTop = Math.round(distance * progress);
    if (progress < 1) requestAnimationFrame(frame);
    else resolve(out);
  };
  requestAnimationFrame(frame);
})`;
}

export interface ScrollPasses extends PassFigures {
  /** Renderer main-thread CPU time over the passes (trace thread time), ms. */
  cpuMs: number;
  /** Every pass's trace events, when asked for (`keepTraces`). */
  traces: TraceEvent[][];
}

/** `passes` traced scroll passes of the page's table, top to bottom; the page must show its rows. */
export async function scrollPasses(
  browser: Browser,
  page: Page,
  options: { passes?: number; categories?: string[]; keepTraces?: boolean; steps?: number } = {},
): Promise<ScrollPasses> {
  const out: ScrollPasses = { deltas: [], tableElementsMax: 0, documentElementsMax: 0, cpuMs: 0, traces: [] };
  for (let pass = 0; pass < (options.passes ?? PASSES); pass++) {
    await browser.startTracing(page, { categories: options.categories ?? ['toplevel'] });
    const figures = await page.evaluate<PassFigures>(scrollPassScript(SCROLLER, SCROLL_MS, options.steps));
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    out.cpuMs += mainThreadCpuMs(trace.traceEvents);
    if (options.keepTraces) out.traces.push(trace.traceEvents);
    out.deltas.push(...figures.deltas);
    out.tableElementsMax = Math.max(out.tableElementsMax, figures.tableElementsMax);
    out.documentElementsMax = Math.max(out.documentElementsMax, figures.documentElementsMax);
  }
  return out;
}

/** A desktop page at `/?limit=…` with its rows shown and settled, ready to scroll. */
export async function openScrollPage(
  browser: Browser,
  baseUrl: string,
  limit: number,
  setupContext?: (context: BrowserContext) => Promise<void>,
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  await setupContext?.(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/?limit=${limit}`);
  const pageLabel = page.getByText(`Showing 1–${limit.toLocaleString('en-US')} of `);
  await pageLabel.first().waitFor({ timeout: 30_000 });
  // Let the first render settle (fonts, the filters' lazy chunk) before scrolling.
  await page.waitForTimeout(1000);
  return { page, context };
}

export async function runScrollBench(options: {
  browser: Browser;
  baseUrl: string;
  limit: number;
  log: (line: string) => void;
}): Promise<ScrollResult> {
  const { page, context } = await openScrollPage(options.browser, options.baseUrl, options.limit);
  try {
    const rows = await page.locator(`${SCROLLER} tbody tr`).count();
    const { deltas, tableElementsMax, documentElementsMax, cpuMs } = await scrollPasses(options.browser, page);
    const result: ScrollResult = {
      rows,
      frames: deltas.length,
      frame_p50_ms: round(percentile(deltas, 50)),
      frame_p95_ms: round(percentile(deltas, 95)),
      frame_max_ms: round(Math.max(...deltas)),
      table_elements_max: tableElementsMax,
      document_elements_max: documentElementsMax,
      main_thread_cpu_ms: round(cpuMs),
    };
    options.log(
      `  scrolling /?limit=${options.limit}: ${result.frames} frames, p50 ${result.frame_p50_ms} ms, p95 ${result.frame_p95_ms} ms, ` +
        `max ${result.frame_max_ms} ms; main thread CPU ${result.main_thread_cpu_ms} ms; ${result.table_elements_max} elements in the table's scroller (${result.rows} rows rendered at the top)`,
    );
    return result;
  } finally {
    await context.close();
  }
}
