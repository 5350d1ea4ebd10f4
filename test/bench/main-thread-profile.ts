// What the longest first-render task is, when it goes over the target: one throttled phone load of `/` with a
// Chromium trace (which renderer work the task holds: script, style, layout, parse…) and the CDP sampling
// profiler (which functions, counting only samples inside that task), from navigation until the first rows are
// painted + 1 s. The production build has no source maps: names are minified, the script and line:column say
// where to look (the bench prints them for a person to map).
import type { Browser } from 'playwright-core';
import { APP_CONTENT, openThrottledPhonePage } from './main-thread';
import { round } from './lib/stats';
import { longestTask, selfTimeByEvent, type TraceEvent } from './trace-tasks';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  name: string;
  self_ms: number;
}

export interface FirstRenderProfile {
  longest_task_ms: number;
  /** Renderer work inside the longest task, by trace event (self time). */
  events: SelfTime[];
  /** JS functions sampled inside the longest task (self time). */
  functions: SelfTime[];
}

/** Self time per function (name + script + line:column) of samples within [from, to] µs, largest first. */
export function topSelfTimes(profile: CpuProfile, from: number, to: number, count: number): SelfTime[] {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let time = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    // A sample's delta is the time since the previous sample: charge it to the frame seen now.
    const delta = deltas[i] ?? 0;
    time += delta;
    const frame = frameOf.get(samples[i] as number);
    if (!frame || time < from || time > to) continue;
    const script = frame.url.split('/').pop() || '(native)';
    const key = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + delta / 1000);
  }
  return [...totals.entries()]
    .map(([name, ms]) => ({ name, self_ms: round(ms) }))
    .filter((entry) => entry.self_ms >= 1)
    .sort((a, b) => b.self_ms - a.self_ms)
    .slice(0, count);
}

declare const window: { __mainThread: { contentAt: number } };

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading'];

export async function profileFirstRender(browser: Browser, appUrl: string, count = 10): Promise<FirstRenderProfile> {
  const { context, page, cdp } = await openThrottledPhonePage(browser, APP_CONTENT);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await cdp.send('Profiler.start');
    await page.goto(appUrl);
    await page.waitForFunction(() => window.__mainThread.contentAt >= 0, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const task = longestTask(trace.traceEvents);
    if (!task) return { longest_task_ms: 0, events: [], functions: [] };
    return {
      longest_task_ms: round(task.dur / 1000),
      events: selfTimeByEvent(trace.traceEvents, task, count),
      // Trace and profiler timestamps are both Chromium's monotonic clock in µs.
      functions: topSelfTimes(profile, task.ts, task.ts + task.dur, count),
    };
  } finally {
    await context.close();
  }
}
