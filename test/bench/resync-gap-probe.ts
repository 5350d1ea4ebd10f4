// Issue 14: a preload for the server process (node --import tsx --import ./test/bench/resync-gap-probe.ts)
// that records every event-loop gap over GAP_PROBE_MS (default 40) with its end time on the clock of a
// --cpu-prof profile (CLOCK_MONOTONIC µs), the process CPU across it and the GC pauses inside it, so
// resync-gap-report.ts can line each gap up with the profile's samples. monitorEventLoopDelay only gives
// the max; this says when. Written to GAP_PROBE_FILE when the process exits.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const file = process.env.GAP_PROBE_FILE;
const limitMs = Number(process.env.GAP_PROBE_MS ?? 40);

interface Gap {
  ms: number;
  cpuMs: number;
  endUs: number;
  endEpochMs: number;
  gc: { kind: string; ms: number }[];
}
const gaps: Gap[] = [];
const gcs: { startMs: number; ms: number; kind: string }[] = [];
const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

if (file !== undefined) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = gcKinds[(entry as unknown as { detail: { kind: number } }).detail.kind] ?? 'other';
      gcs.push({ startMs: entry.startTime, ms: entry.duration, kind });
      if (gcs.length > 20_000) gcs.splice(0, 10_000);
    }
  }).observe({ entryTypes: ['gc'] });

  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    if (now - last > limitMs) {
      const from = last;
      gaps.push({
        ms: Math.round(now - last),
        cpuMs: Math.round((cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000),
        endUs: Number(process.hrtime.bigint() / 1000n),
        endEpochMs: Date.now(),
        // GC pauses observed so far that started inside the gap (the observer reports them later; filled at exit).
        gc: [{ kind: 'from', ms: from }],
      });
    }
    last = now;
    lastCpu = cpu;
  }, 2).unref();

  process.on('exit', () => {
    for (const gap of gaps) {
      const from = gap.gc[0]?.ms ?? 0;
      gap.gc = gcs
        .filter((gc) => gc.startMs >= from && gc.startMs < from + gap.ms)
        .map((gc) => ({ kind: gc.kind, ms: Math.round(gc.ms * 10) / 10 }));
    }
    writeFileSync(file, JSON.stringify(gaps));
  });
}
