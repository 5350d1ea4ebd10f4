// Issue 5's facet click → rows painted, A/B: the browser section's facet clicks (browser.ts: stage checkboxes
// toggled on and off in turn, timed inside the page from the input event to the frame after the rows changed)
// of several SPA builds, alternately, in rounds, against one real server with 10k demo leads — every build sees
// the same machine state. Each click is also split: input → the answer's last byte (Resource Timing of
// /api/leads), → the rows changed in the DOM, → the frame after; and the long animation frames (≥ 50 ms)
// from the input until 500 ms after the rows were painted (a second heavy frame after the rows shows there).
// Run: npx tsx test/bench/facet-ab.ts [rounds] name=path/to/dist name=path/to/dist …
// FACET_AB_CLICKS (default 10): clicks per build per round. FACET_AB_VERBOSE=1: every click's split.
// FACET_AB_PROFILE=1: the CDP sampling profiler over each build's clicks, the JS functions by total (inclusive)
// time per click; FACET_AB_TRACE=1: a Chromium trace of each build's clicks, the main thread's self time by
// trace event per click (build without minifying to read the names: npx vite build --minify false --outDir …).
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { abArguments, serveBuild } from './lib/ab-builds';
import { PAGE_HELPERS, timeInteraction } from './browser';
import { percentile, round } from './lib/stats';
import { startDemoUpstream, startProxy } from './proxy';
import { longTasks, mainThreadCpuMs, mainThreadSpan, selfTimeByEvent, type TraceEvent } from './trace-tasks';

const { rounds, builds } = abArguments('facet-ab.ts');
const clicks = Number(process.env.FACET_AB_CLICKS ?? 10);
const profiled = process.env.FACET_AB_PROFILE === '1';
const traced = process.env.FACET_AB_TRACE === '1';
// Always traced (toplevel at least): the renderer main thread's CPU time over the clicks, the figure other
// processes on the machine distort least.
const TRACE_CATEGORIES = traced ? ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] : ['toplevel'];
const cpuPerClick = new Map<string, number[]>(); // build → main-thread CPU per click, ms, one entry per round

interface CpuProfile {
  nodes: Array<{ id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** Each function's inclusive time (a sample counts once for every distinct function on its stack), per click. */
function totalTimes(profile: CpuProfile, count: number, perClicks: number): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const delta = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || frame.functionName === '(root)' || frame.functionName === '(idle)') continue;
      seen.add(`${frame.functionName || '(anonymous)'}@${frame.url.split('/').pop() || 'native'}:${frame.lineNumber + 1}`);
    }
    for (const key of seen) totals.set(key, (totals.get(key) ?? 0) + delta);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${name} ${round(ms / perClicks)}`)
    .join('; ');
}

interface Click {
  total: number;
  response: number;
  /** Input → the fetch of /api/leads started (-1: the answer came from the client's cache). */
  request: number;
  /** /api/leads fetches the click made (more than 1: a duplicate request). */
  fetches: number;
  rowsChanged: number;
  /** Long animation frames after the input: [start after input, duration] in ms. */
  frames: Array<[number, number]>;
}

/** Long animation frames, recorded from the page's start (an init script, before any page script). */
const FRAME_RECORDER = `
window.__loaf = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__loaf.push([e.startTime, e.duration]); })
    .observe({ type: 'long-animation-frame', buffered: true });
} catch {}
`;

declare const window: { __bench: { lastInputAt: number; rowsChangedAt: number }; __loaf: Array<[number, number]> };

async function splitOfLastClick(page: Page, total: number): Promise<Click> {
  await page.waitForTimeout(500);
  return page.evaluate((totalMs) => {
    const input = window.__bench.lastInputAt;
    const answers = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/leads') && entry.startTime >= input) as unknown as Array<{
      startTime: number;
      responseEnd: number;
    }>;
    const responseEnd = Math.max(...answers.map((entry) => entry.responseEnd));
    const fetchStart = Math.min(...answers.map((entry) => entry.startTime));
    return {
      total: totalMs,
      response: Number.isFinite(responseEnd) ? responseEnd - input : -1,
      request: Number.isFinite(fetchStart) ? fetchStart - input : -1,
      fetches: answers.length,
      rowsChanged: window.__bench.rowsChangedAt - input,
      frames: window.__loaf
        .filter(([start, duration]) => start + duration > input && start < input + totalMs + 500)
        .map(([start, duration]): [number, number] => [Math.round(start - input), Math.round(duration)]),
    };
  }, total);
}

const upstream = await startDemoUpstream(10_000);
const server = await startProxy(upstream.url, 'server-facet-ab');
const browser = await launchBrowser();
const samples = new Map<string, Click[]>(builds.map((build) => [build.name, []]));
try {
  await fetch(`${server.baseUrl}/api/leads`).then((response) => response.arrayBuffer());
  for (let round_ = 0; round_ < rounds; round_++) {
    const order = round_ % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
      try {
        await serveBuild(context, build.dir);
        await context.addInitScript({ content: PAGE_HELPERS + FRAME_RECORDER });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto(server.baseUrl + '/');
        await page.waitForFunction(() => (window.__bench as unknown as { firstRowsAt: number }).firstRowsAt >= 0, null, {
          timeout: 15_000,
        });
        await page.waitForTimeout(1000);
        const boxes = page.getByRole('group', { name: 'Stage' }).getByRole('checkbox');
        const count = await boxes.count();
        const list = samples.get(build.name)!;
        const cdp = profiled ? await context.newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        for (let i = 0; i < clicks; i++) {
          const box = boxes.nth(Math.floor(i / 2) % count);
          const total = await timeInteraction(page, () => box.click());
          if (total >= 0) list.push(await splitOfLastClick(page, total));
        }
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
        cpuPerClick.set(build.name, [...(cpuPerClick.get(build.name) ?? []), mainThreadCpuMs(trace.traceEvents) / clicks]);
        if (traced) {
          const span = mainThreadSpan(trace.traceEvents);
          const events = span ? selfTimeByEvent(trace.traceEvents, span, 16) : [];
          console.log(
            `  ${build.name}, main thread self time per click (ms): ${events.map((e) => `${e.name} ${round(e.self_ms / clicks)}`).join('; ')}`,
          );
          for (const task of longTasks(trace.traceEvents, 50))
            console.log(
              `    task ${round(task.dur / 1000)} ms: ${selfTimeByEvent(trace.traceEvents, task, 8)
                .map((e) => `${e.name} ${round(e.self_ms)}`)
                .join('; ')}`,
            );
        }
        if (cdp) {
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
          console.log(
            `  ${build.name}, JS by total time per click (ms): ${totalTimes(profile, Number(process.env.FACET_AB_PROFILE_TOP ?? 14), clicks)}`,
          );
        }
        const mine = list.slice(-clicks);
        console.log(`round ${round_ + 1} ${build.name}: clicks ${mine.map((c) => round(c.total)).join(' / ')} ms`);
        if (process.env.FACET_AB_VERBOSE === '1')
          for (const c of mine)
            console.log(
              `  painted ${round(c.total)} fetches ${c.fetches} request ${round(c.request)} answer ${round(c.response)} rows ${round(c.rowsChanged)} frames ${JSON.stringify(c.frames)}`,
            );
      } finally {
        await context.close();
      }
    }
  }
  console.log(`\nall rounds (${rounds} × ${clicks} clicks), p50 (p95) in ms from the input:`);
  for (const build of builds) {
    const list = samples.get(build.name) ?? [];
    const stat = (pick: (c: Click) => number) => {
      const values = list.map(pick);
      return `${round(percentile(values, 50))} (${round(percentile(values, 95))})`;
    };
    const frames = list.flatMap((c) => c.frames);
    console.log(
      `${build.name}: painted ${stat((c) => c.total)}; answer received ${stat((c) => c.response)}; rows in the DOM ` +
        `${stat((c) => c.rowsChanged)}; long frames ${frames.length} in ${list.length} clicks, ` +
        `durations p50 ${round(
          percentile(
            frames.map((f) => f[1]),
            50,
          ),
        )} max ${Math.max(0, ...frames.map((f) => f[1]))}; ` +
        `starting after the paint: ${list.filter((c) => c.frames.some(([start]) => start > c.total)).length} clicks; ` +
        `main-thread CPU per click, each round: ${(cpuPerClick.get(build.name) ?? []).map(round).join(' / ')} ms`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  await upstream.process.stop();
}
