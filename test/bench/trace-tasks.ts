// Reading a Chromium trace (JSON event format): the renderer main thread's longest task, and the self time
// of the trace events nested in it (a task's own EvaluateScript, FunctionCall, Layout, ParseHTML…).
import { round } from './lib/stats';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time (CPU) in µs, where Chromium records it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

export interface TraceTask {
  pid: number;
  tid: number;
  ts: number;
  dur: number;
}

interface Interval {
  label: string;
  start: number;
  end: number;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function rendererMainThreads(events: readonly TraceEvent[]): Set<string> {
  const threads = new Set<string>();
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') threads.add(`${event.pid}:${event.tid}`);
  return threads;
}

export function longestTask(events: readonly TraceEvent[]): TraceTask | undefined {
  const main = rendererMainThreads(events);
  let best: TraceTask | undefined;
  for (const event of events) {
    if (event.ph !== 'X' || !TASK_NAMES.has(event.name) || !main.has(`${event.pid}:${event.tid}`)) continue;
    if (!best || (event.dur ?? 0) > best.dur) best = { pid: event.pid, tid: event.tid, ts: event.ts, dur: event.dur ?? 0 };
  }
  return best;
}

function labelOf(event: TraceEvent): string {
  const data = event.args?.data;
  const script = data?.url ? ` ${data.url.split('/').pop()}` : '';
  const fn = data?.functionName ? ` ${data.functionName}` : '';
  return `${event.name}${fn}${script}`;
}

/** Intervals of one thread inside [from, to]: X events as they are, B/E pairs matched by a stack. */
function intervals(events: readonly TraceEvent[], task: TraceTask): Interval[] {
  const from = task.ts;
  const to = task.ts + task.dur;
  const out: Interval[] = [];
  const open: TraceEvent[] = [];
  const sorted = events.filter((e) => e.pid === task.pid && e.tid === task.tid).sort((a, b) => a.ts - b.ts);
  for (const event of sorted) {
    if (event.ph === 'X' && event.dur !== undefined) out.push({ label: labelOf(event), start: event.ts, end: event.ts + event.dur });
    else if (event.ph === 'B') open.push(event);
    else if (event.ph === 'E') {
      const begin = open.pop();
      if (begin) out.push({ label: labelOf(begin), start: begin.ts, end: event.ts });
    }
  }
  return out.filter((i) => i.start >= from && i.end <= to && !TASK_NAMES.has(i.label));
}

/** Self time (own duration minus nested events) per event label inside the task, largest first. */
export function selfTimeByEvent(events: readonly TraceEvent[], task: TraceTask, count: number): { name: string; self_ms: number }[] {
  // Outer before inner: by start, then the longer first.
  const list = intervals(events, task).sort((a, b) => a.start - b.start || b.end - a.end);
  const totals = new Map<string, number>();
  const stack: Interval[] = [];
  const add = (label: string, us: number) => totals.set(label, (totals.get(label) ?? 0) + us);
  let covered = 0;
  for (const interval of list) {
    while (stack.length > 0 && (stack[stack.length - 1] as Interval).end <= interval.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.label, -(interval.end - interval.start));
    else covered += interval.end - interval.start;
    add(interval.label, interval.end - interval.start);
    stack.push(interval);
  }
  add('(task time in no traced event)', task.dur - covered);
  return [...totals.entries()]
    .map(([name, us]) => ({ name, self_ms: round(us / 1000) }))
    .sort((a, b) => b.self_ms - a.self_ms)
    .slice(0, count);
}

/**
 * CPU time (thread time) of the renderer main thread's tasks, in ms: outermost tasks only (a task nested in
 * another is already counted in it). What the page cost the CPU, which other processes on a shared machine
 * distort far less than wall times.
 */
export function mainThreadCpuMs(events: readonly TraceEvent[]): number {
  const main = rendererMainThreads(events);
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && main.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let total = 0;
  const outerEnd = new Map<string, number>();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    if (task.ts < (outerEnd.get(thread) ?? -Infinity)) continue;
    outerEnd.set(thread, task.ts + (task.dur ?? 0));
    total += task.tdur ?? 0;
  }
  return total / 1000;
}

/** The whole trace's span on the renderer main thread, as one "task" (for `selfTimeByEvent` over a pass). */
export function mainThreadSpan(events: readonly TraceEvent[]): TraceTask | undefined {
  const main = rendererMainThreads(events);
  let span: TraceTask | undefined;
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || !main.has(`${event.pid}:${event.tid}`)) continue;
    if (!span) span = { pid: event.pid, tid: event.tid, ts: event.ts, dur: event.dur };
    const end = Math.max(span.ts + span.dur, event.ts + event.dur);
    span.ts = Math.min(span.ts, event.ts);
    span.dur = end - span.ts;
  }
  return span;
}

/**
 * CPU time (thread time of outermost events) per thread name, over every process in the trace, ms, largest
 * first: where a frame's work runs besides the main thread (compositor, raster workers, GPU, viz).
 */
export function cpuByThreadName(events: readonly TraceEvent[]): { name: string; cpu_ms: number }[] {
  const names = new Map<string, string>();
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name) names.set(`${event.pid}:${event.tid}`, event.args.name);
  const sorted = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outerEnd = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const event of sorted) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ts < (outerEnd.get(thread) ?? -Infinity)) continue;
    outerEnd.set(thread, event.ts + (event.dur ?? 0));
    // Numbered pools (CompositorTileWorker1, 2…) summed under one name.
    const name = (names.get(thread) ?? 'unnamed').replace(/\d+$/, '');
    totals.set(name, (totals.get(name) ?? 0) + (event.tdur ?? 0));
  }
  return [...totals.entries()].map(([name, us]) => ({ name, cpu_ms: round(us / 1000) })).sort((a, b) => b.cpu_ms - a.cpu_ms);
}

/** The renderer main thread's outermost tasks of at least `minMs`, in order (a phone load's long tasks, one by one). */
export function longTasks(events: readonly TraceEvent[], minMs: number): TraceTask[] {
  const main = rendererMainThreads(events);
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) >= minMs * 1000)
    .map((e) => ({ pid: e.pid, tid: e.tid, ts: e.ts, dur: e.dur ?? 0 }))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // A task nested in another (Chromium records both names for one task) is already in it.
  return tasks.filter(
    (task, i) => !tasks.slice(0, i).some((outer) => outer.tid === task.tid && outer.ts + outer.dur >= task.ts + task.dur),
  );
}
