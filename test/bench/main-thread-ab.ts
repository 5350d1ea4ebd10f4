// Issue 11's phone first render, A/B: throttled phone loads (main-thread.ts: CPU ×4, 390×844, fresh context each)
// of several SPA builds, alternately, in rounds, against one real server with 10k demo leads — every build sees
// the same machine state, which a whole `npm run bench -- browser` per build (minutes apart) does not give.
// Each build is a folder holding a Vite build (`dist/` of some checkout); the browser gets its files from there
// and /api from the server (scroll-ab.ts does the same for the scroll).
// Run: npx tsx test/bench/main-thread-ab.ts [rounds] name=path/to/dist name=path/to/dist …
// MAIN_THREAD_AB_TRACE=1: each load also traced (which makes it slower: compare builds within one mode), and
// every task ≥ 50 ms printed with its largest self times by trace event. MAIN_THREAD_AB_PROFILE=1 (with the
// trace): also the JS functions the CDP sampling profiler saw in each such task (a build made with
// `npx vite build --minify false --outDir …` names them).
import { launchBrowser } from '../e2e/support/browser';
import { abArguments, serveBuild } from './lib/ab-builds';
import { percentile, round } from './lib/stats';
import { APP_CONTENT, openThrottledPhonePage, totalBlockingTime, waitUntilQuiet } from './main-thread';
import { startDemoUpstream, startProxy } from './proxy';
import { topSelfTimes, type CpuProfile } from './main-thread-profile';
import { longTasks, selfTimeByEvent, type TraceEvent } from './trace-tasks';

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading'];

const { rounds, builds } = abArguments('main-thread-ab.ts');
const traced = process.env.MAIN_THREAD_AB_TRACE === '1';
const profiled = traced && process.env.MAIN_THREAD_AB_PROFILE === '1';

interface Load {
  tbt: number;
  longest: number;
  rows: number;
}

const upstream = await startDemoUpstream(10_000);
const server = await startProxy(upstream.url, 'server-main-thread-ab');
const browser = await launchBrowser();
const loads = new Map<string, Load[]>(builds.map((build) => [build.name, []]));
try {
  await fetch(`${server.baseUrl}/api/leads`).then((response) => response.arrayBuffer());
  // One unmeasured load first: Chromium's own start-up work is not the page's.
  for (let round_ = -1; round_ < rounds; round_++) {
    const order = round_ % 2 === 0 ? builds : [...builds].reverse();
    for (const build of round_ < 0 ? builds.slice(0, 1) : order) {
      const { context, page, cdp } = await openThrottledPhonePage(browser, APP_CONTENT);
      try {
        await serveBuild(page, build.dir);
        if (traced) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        if (profiled) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        await page.goto(`${server.baseUrl}/`);
        const state = await waitUntilQuiet(page);
        const profile = profiled ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile : undefined;
        const trace = traced ? (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }) : undefined;
        if (round_ < 0) continue;
        const load = {
          tbt: totalBlockingTime(state.tasks, state.fcp),
          longest: Math.max(0, ...state.tasks.map((t) => t.duration)),
          rows: state.contentAt,
        };
        loads.get(build.name)?.push(load);
        const tasks = state.tasks.map((t) => `${round(t.start)}+${round(t.duration)}`).join(' ');
        console.log(
          `round ${round_ + 1} ${build.name}: TBT ${round(load.tbt)}, longest ${round(load.longest)}, FCP ${round(state.fcp)}, rows ${round(load.rows)} ms; tasks ${tasks}`,
        );
        for (const task of trace ? longTasks(trace.traceEvents, 50) : []) {
          const top = selfTimeByEvent(trace?.traceEvents ?? [], task, 6)
            .map((entry) => `${entry.name} ${entry.self_ms}`)
            .join('; ');
          console.log(`    task ${round(task.dur / 1000)} ms: ${top}`);
          if (profile)
            console.log(
              `      JS: ${topSelfTimes(profile, task.ts, task.ts + task.dur, 10)
                .map((entry) => `${entry.name} ${entry.self_ms}`)
                .join('; ')}`,
            );
        }
      } finally {
        await context.close();
      }
    }
  }
  console.log(`\nall rounds (${rounds} loads each; p50, and each load's figure):`);
  for (const build of builds) {
    const list = loads.get(build.name) ?? [];
    const line = (pick: (load: Load) => number) =>
      `${round(percentile(list.map(pick), 50))} (${list.map((load) => round(pick(load))).join(' / ')})`;
    console.log(`${build.name}: TBT ${line((l) => l.tbt)}; longest task ${line((l) => l.longest)}; rows ${line((l) => l.rows)} ms`);
  }
} finally {
  await browser.close();
  await server.stop();
  await upstream.process.stop();
}
