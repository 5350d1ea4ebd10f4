// The bench's main-thread arithmetic: Lighthouse's TBT rule, the trace's self-time split and its CPU time.
import { describe, expect, it } from 'vitest';
import { seededRandom } from './lib/stats';
import { totalBlockingTime, type LongTask } from './main-thread';
import { longestTask, mainThreadCpuMs, selfTimeByEvent, type TraceEvent } from './trace-tasks';

describe('totalBlockingTime', () => {
  const random = seededRandom(11);
  const tasks: LongTask[] = Array.from({ length: 40 }, () => ({ start: random() * 5000, duration: 50 + random() * 400 }));
  const fcp = 2000;

  it('counts nothing of a task that ends before FCP, or of the first 50 ms of a task', () => {
    expect(
      totalBlockingTime(
        tasks.filter((t) => t.start + t.duration <= fcp),
        fcp,
      ),
    ).toBe(0);
    expect(totalBlockingTime([{ start: fcp + 10, duration: 50 }], fcp)).toBe(0);
  });

  it('adds each task after FCP beyond 50 ms, and only the part after FCP of one that spans it', () => {
    const after = tasks.filter((t) => t.start >= fcp);
    const excess = after.reduce((sum, t) => sum + (t.duration - 50), 0);
    expect(totalBlockingTime(after, fcp)).toBeCloseTo(excess, 6);
    const spanning: LongTask = { start: fcp - 100, duration: 300 };
    expect(totalBlockingTime([spanning], fcp)).toBeCloseTo(spanning.start + spanning.duration - fcp - 50, 6);
    expect(totalBlockingTime([...after, spanning], fcp)).toBeCloseTo(excess + totalBlockingTime([spanning], fcp), 6);
  });
});

describe('selfTimeByEvent', () => {
  const thread = { pid: 1, tid: 7 };
  const meta: TraceEvent = { name: 'thread_name', ph: 'M', ts: 0, ...thread, args: { name: 'CrRendererMain' } };
  const x = (name: string, ts: number, dur: number): TraceEvent => ({ name, ph: 'X', ts, dur, ...thread });
  const events: TraceEvent[] = [
    meta,
    x('RunTask', 1000, 20),
    x('RunTask', 2000, 900),
    x('EvaluateScript', 2010, 300),
    x('FunctionCall', 2020, 200),
    { name: 'Layout', ph: 'B', ts: 2400, ...thread },
    { name: 'Layout', ph: 'E', ts: 2700, ...thread },
    x('Paint', 2750, 100),
    x('RunTask', 5000, 10),
  ];

  it('finds the longest task of the renderer main thread and splits it into self times that add up to it', () => {
    const task = longestTask(events);
    expect(task).toMatchObject({ ts: 2000, dur: 900 });
    const split = new Map(selfTimeByEvent(events, task!, 20).map((e) => [e.name, e.self_ms]));
    expect([...split.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(task!.dur / 1000, 6);
    // The script's own time excludes the call nested in it.
    expect(split.get('EvaluateScript')).toBeCloseTo((300 - 200) / 1000, 6);
    expect(split.get('Layout')).toBeCloseTo((2700 - 2400) / 1000, 6);
  });
});

describe('mainThreadCpuMs', () => {
  const main = { pid: 1, tid: 7 };
  const other = { pid: 2, tid: 3 };
  const task = (ts: number, dur: number, tdur: number, thread = main): TraceEvent => ({
    name: 'RunTask',
    ph: 'X',
    ts,
    dur,
    tdur,
    ...thread,
  });
  const outer = [task(1000, 500, 300), task(3000, 100, 90)];
  const events: TraceEvent[] = [
    { name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', ts: 0, ...other, args: { name: 'Compositor' } },
    ...outer,
    task(1100, 200, 150), // nested in the first: already in its thread time
    task(1000, 900, 800, other), // another thread
  ];

  it("sums the thread time of the renderer main thread's outermost tasks", () => {
    const expected = outer.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000;
    expect(mainThreadCpuMs(events)).toBeCloseTo(expected, 6);
  });
});
