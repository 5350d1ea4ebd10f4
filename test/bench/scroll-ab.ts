// Issue 11's 1,000-row scroll, A/B: only the scroll pass (scrolling.ts) of several SPA builds, alternately, in
// rounds, against one real server with 10k demo leads — so every build sees the same machine state, which a
// whole `npm run bench -- browser` per build (minutes apart on a shared machine) does not give.
// Each build is a folder holding a Vite build (`dist/` of a checkout of some commit); the browser gets its
// files from that folder (Playwright routes every non-/api request there) and /api from the server.
// Run: npx tsx test/bench/scroll-ab.ts [rounds] name=path/to/dist name=path/to/dist …
// SCROLL_AB_LIMIT (default 1000): rows per page. SCROLL_AB_TRACE=1: also Chromium's devtools.timeline
// categories, and per build the main thread's self time by trace event and CPU time per thread name (the
// tracing itself costs CPU, so compare builds within one mode only).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { percentile, round } from './lib/stats';
import { startDemoUpstream, startProxy } from './proxy';
import { openScrollPage, scrollPasses } from './scrolling';
import { cpuByThreadName, mainThreadSpan, selfTimeByEvent, type TraceEvent } from './trace-tasks';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const rounds = Number(process.argv[2] ?? 3);
const builds = process.argv.slice(3).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir) throw new Error(`expected name=dist-folder, got ${arg}`);
  return { name, dir };
});
if (!Number.isInteger(rounds) || rounds < 1 || builds.length === 0) throw new Error('usage: scroll-ab.ts rounds name=dist …');
const limit = Number(process.env.SCROLL_AB_LIMIT ?? 1000);
const traced = process.env.SCROLL_AB_TRACE === '1';
const categories = traced ? ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz'] : ['toplevel'];

/** Every request outside /api answered from the build's folder (unknown paths: index.html, as the server does). */
function serveBuild(dir: string) {
  return async (context: BrowserContext) => {
    await context.route(
      (url) => !url.pathname.startsWith('/api'),
      async (route) => {
        const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^(\.\.[/\\])+/, '');
        const file = join(dir, path === '/' ? 'index.html' : path);
        const body = await readFile(file).catch(() => undefined);
        if (body) await route.fulfill({ body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        else await route.fulfill({ body: await readFile(join(dir, 'index.html')), contentType: 'text/html' });
      },
    );
  };
}

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
      const { page, context } = await openScrollPage(browser, server.baseUrl, limit, serveBuild(build.dir));
      try {
        const result = await scrollPasses(browser, page, { categories, keepTraces: traced });
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
  }
} finally {
  await browser.close();
  await server.stop();
  await upstream.process.stop();
}
