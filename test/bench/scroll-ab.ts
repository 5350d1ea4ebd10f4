// Issue 11's 1,000-row scroll, A/B: only the scroll pass (scrolling.ts) of several SPA builds, alternately, in
// rounds, against one real server with 10k demo leads — so every build sees the same machine state, which a
// whole `npm run bench -- browser` per build (minutes apart on a shared machine) does not give.
// Each build is a folder holding a Vite build (`dist/` of a checkout of some commit); the browser gets its
// files from that folder (Playwright routes every non-/api request there) and /api from the server.
// Run: npx tsx test/bench/scroll-ab.ts [rounds] name=path/to/dist name=path/to/dist …
// SCROLL_AB_LIMIT (default 1000): rows per page. SCROLL_AB_TRACE=1: also Chromium's devtools.timeline
// categories, and per build the main thread's self time by trace event and CPU time per thread name (the
// tracing itself costs CPU, so compare builds within one mode only). SCROLL_AB_SLOW=14 (with SCROLL_AB_TRACE=1):
// also the main-thread tasks of at least that many ms per build — how many, and their self time by trace event
// summed (what the slow frames hold: a GC, a large commit, layout).
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { abArguments, serveBuild } from './lib/ab-builds';
import { percentile, round } from './lib/stats';
import { startDemoUpstream, startProxy } from './proxy';
import { openScrollPage, scrollPasses } from './scrolling';
import { cpuByThreadName, longTasks, mainThreadSpan, selfTimeByEvent, type TraceEvent } from './trace-tasks';

const { rounds, builds } = abArguments('scroll-ab.ts');
const limit = Number(process.env.SCROLL_AB_LIMIT ?? 1000);
const traced = process.env.SCROLL_AB_TRACE === '1';
// A fixed number of equal steps per pass, one per frame, instead of 3 s (SCROLL_AB_STEPS=180: a 60 Hz pass's
// frames): every build does the same work, so main-thread CPU per pass compares builds on a loaded machine.
const steps = Number(process.env.SCROLL_AB_STEPS ?? 0);
const slowMs = Number(process.env.SCROLL_AB_SLOW ?? 0);
const categories = traced
  ? ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', ...(slowMs > 0 ? ['blink_gc', 'v8'] : [])]
  : ['toplevel'];

/** The build's files for every page of the context. */
const servingBuild = (dir: string) => (context: BrowserContext) => serveBuild(context, dir);

interface Sample {
  deltas: number[];
  cpuMs: number;
  traces: TraceEvent[][];
}

const upstream = await startDemoUpstream(10_000);
const server = await startProxy(upstream.url, 'server-scroll-ab');
const browser = await launchBrowser();
const samples = new Map<string, Sample[]>(builds.map((build) => [build.name, []]));
try {
  await fetch(`${server.baseUrl}/api/leads`).then((response) => response.arrayBuffer());
  for (let round_ = 0; round_ < rounds; round_++) {
    // Alternate the order each round, so a drift in the machine's load does not always favour the same build.
    const order = round_ % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const { page, context } = await openScrollPage(browser, server.baseUrl, limit, servingBuild(build.dir));
      try {
        const result = await scrollPasses(browser, page, { categories, keepTraces: traced, steps });
        samples.get(build.name)?.push({ deltas: result.deltas, cpuMs: result.cpuMs, traces: result.traces });
        console.log(
          `round ${round_ + 1} ${build.name}: ${result.deltas.length} frames, p50 ${round(percentile(result.deltas, 50))} ` +
            `p95 ${round(percentile(result.deltas, 95))} ms, main-thread CPU ${round(result.cpuMs)} ms`,
        );
      } finally {
        await context.close();
      }
    }
  }
  console.log(`\nall rounds (${limit} rows, ${rounds} rounds × 2 passes of 3 s):`);
  for (const build of builds) {
    const list = samples.get(build.name) ?? [];
    const deltas = list.flatMap((sample) => sample.deltas);
    const share = (ms: number) => round((100 * deltas.filter((d) => d > ms).length) / deltas.length);
    console.log(
      `${build.name}: ${deltas.length} frames, p50 ${round(percentile(deltas, 50))} p95 ${round(percentile(deltas, 95))} ms, ` +
        `frames > 20 ms ${share(20)}%, main-thread CPU per pass ${list.map((s) => round(s.cpuMs / 2)).join(' / ')} ms, ` +
        // A pass lasts 3 s whatever the frame rate: a build that gets more frames does more per-frame work.
        `per frame ${round(list.reduce((sum, s) => sum + s.cpuMs, 0) / deltas.length)} ms`,
    );
    if (!traced) continue;
    const events = list.flatMap((sample) => sample.traces);
    const selfTotals = new Map<string, number>();
    const threadTotals = new Map<string, number>();
    for (const trace of events) {
      const span = mainThreadSpan(trace);
      if (span)
        for (const entry of selfTimeByEvent(trace, span, 12)) selfTotals.set(entry.name, (selfTotals.get(entry.name) ?? 0) + entry.self_ms);
      for (const entry of cpuByThreadName(trace)) threadTotals.set(entry.name, (threadTotals.get(entry.name) ?? 0) + entry.cpu_ms);
    }
    const perPass = (totals: Map<string, number>) =>
      [...totals.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([name, ms]) => `${name} ${round(ms / events.length)}`)
        .join('; ');
    console.log(`  main thread self time per pass (ms): ${perPass(selfTotals)}`);
    console.log(`  CPU per thread per pass (ms): ${perPass(threadTotals)}`);
    if (slowMs <= 0) continue;
    const slowTotals = new Map<string, number>();
    let slowCount = 0;
    for (const trace of events)
      for (const task of longTasks(trace, slowMs)) {
        slowCount++;
        for (const entry of selfTimeByEvent(trace, task, 8)) slowTotals.set(entry.name, (slowTotals.get(entry.name) ?? 0) + entry.self_ms);
      }
    const perSlow = [...slowTotals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, ms]) => `${name} ${round(ms / Math.max(1, slowCount))}`)
      .join('; ');
    console.log(`  tasks ≥ ${slowMs} ms: ${round(slowCount / events.length)} per pass; self time per such task (ms): ${perSlow}`);
  }
} finally {
  await browser.close();
  await server.stop();
  await upstream.process.stop();
}
