// Issue 14 "no stalls", in-process: the data work of one 100k re-sync against a held 100k index — pages
// parsed and sanitised, the change-tracking merge, LeadIndex.buildAsync, warm-up and compaction, the swap's
// memory release and the snapshot write — with a 1 ms interval probe that reports every gap over 50 ms and
// which step was running. Run it with --cpu-prof or --trace-gc to see what a gap was.
// Run: node --expose-gc --import tsx test/bench/resync-stalls.ts [leads]   (not part of npm run bench)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import type { LeadList } from '../../src/server/lead-index/lead-texts';
import { SnapshotStore } from '../../src/server/persistence/snapshot-store';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { mergeFullSync } from '../../src/server/sync/change-tracking';
import { fetchAllPages, type LeadSource } from '../../src/server/sync/fetch-pages';
import { releaseMemory, releaseMemoryWhenIdle } from '../../src/server/sync/release-memory';
import { parseLeadPageText } from '../../src/server/upstream/lead-page-text';

const count = Number(process.argv[2] ?? 100_000);
const STALL_MS = 50;
const PAGE = 1000;

let step = 'setup';
// The CPU this process used across a gap tells a block of our own (CPU ≈ the gap) from the machine not
// running us (a loaded machine: little CPU). It includes V8's helper threads, so it can exceed the gap.
const gaps: { step: string; ms: number; cpuMs: number; endUs: number }[] = [];
let last = performance.now();
let lastCpu = process.cpuUsage();
const probe = setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  if (now - last > STALL_MS) {
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    // endUs: CLOCK_MONOTONIC in µs, the clock of a --cpu-prof profile's sample times.
    gaps.push({ step, ms: Math.round(now - last), cpuMs: Math.round(cpuMs), endUs: Number(process.hrtime.bigint() / 1000n) });
    if (process.env.STALLS_LIVE === '1')
      console.log(`${Math.round(now)} ms: gap ${Math.round(now - last)} ms (CPU ${Math.round(cpuMs)}) in ${step}`);
  }
  last = now;
  lastCpu = cpu;
}, 1);

// GC pauses by step (PerformanceObserver 'gc' entries, placed by their start time): how much of each step
// the collector took, and its longest pause, whatever the machine's load did to the wall times.
const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const gcPauses: { at: number; ms: number; kind: string }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    gcPauses.push({
      at: entry.startTime,
      ms: entry.duration,
      kind: gcKinds[(entry as unknown as { detail: { kind: number } }).detail.kind] ?? 'other',
    });
}).observe({ entryTypes: ['gc'] });
const steps: { name: string; from: number; to: number; cpuMs: number }[] = [];

async function timed<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  step = name;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  steps.push({ name, from: started, to: performance.now(), cpuMs: Math.round((used.user + used.system) / 1000) });
  console.log(`  ${name}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

/** Per step: wall, CPU, and each GC kind's count · total ms · longest pause. */
function gcByStep(): Record<string, unknown>[] {
  return steps.map(({ name, from, to, cpuMs }) => {
    const row: Record<string, unknown> = { step: name, ms: Math.round(to - from), cpuMs };
    for (const kind of ['minor', 'major', 'incremental']) {
      const pauses = gcPauses.filter((gc) => gc.kind === kind && gc.at >= from && gc.at < to).map((gc) => gc.ms);
      const total = pauses.reduce((sum, ms) => sum + ms, 0);
      row[kind] = `${pauses.length} · ${Math.round(total)} · ${Math.round(Math.max(0, ...pauses) * 10) / 10}`;
    }
    return row;
  });
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Upstream's pages as JSON text (made before the measured part). */
function pageTexts(seed: number): string[] {
  const generated = generateDemoLeads(count, seed);
  const pages: string[] = [];
  for (let from = 0; from < count; from += PAGE)
    pages.push(JSON.stringify({ data: generated.slice(from, from + PAGE), pagination: { has_more: from + PAGE < count } }));
  return pages;
}

/**
 * The download as a sync makes it: fetchAllPages over the pages, each parsed and its leads sanitised as
 * RotorClient.listLeads does (a pause first, as a response arriving would give).
 */
async function downloaded(pages: string[]) {
  const source: LeadSource = {
    async listLeads({ page = 1 }) {
      await pause();
      const text = pages[page - 1] as string;
      const parsed = await parseLeadPageText(text, text.length, new TimeSlice());
      if (parsed === null) throw new Error('a generated page was refused');
      return parsed;
    },
  };
  const limits = { pageLimit: PAGE, maxPages: pages.length + 1, maxLeads: 2 * count, maxBytes: Number.MAX_SAFE_INTEGER };
  return (await fetchAllPages(source, limits, {})).leads;
}

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(path.join(tmpdir(), 'rotor-resync-stalls-'));
const store = new SnapshotStore({ dir, source: 'bench', log });
await store.prepare();

console.log(`held index, ${count} leads (not measured)`);
const firstLeads = (await mergeFullSync(await downloaded(pageTexts(1)), null, true, new Date().toISOString())).leads;
const held = await LeadIndex.buildAsync(firstLeads);
await held.compactAsync();
firstLeads.length = 0;
releaseMemory();
await new Promise((resolve) => setTimeout(resolve, 2000));
const secondPages = pageTexts(2);
await new Promise((resolve) => setTimeout(resolve, 1000));
gaps.length = 0;
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);
console.log(`RSS held: ${rss()} MB; re-sync:`);

const started = performance.now();
// Held until the index is compacted, as fetchAndMerge holds it.
let fetched: LeadList | null = await timed('download (parse + sanitise)', () => downloaded(secondPages));
const merged = await timed('mergeFullSync', () => mergeFullSync(fetched ?? [], held, true, new Date().toISOString(), new TimeSlice()));
const index = await timed('buildAsync', () => LeadIndex.buildAsync(merged.leads));
await timed('compactAsync (warm-up + compaction)', () => index.compactAsync(held.sortsInUse()));
fetched = null;
merged.leads.length = 0;
secondPages.length = 0;
// As the store does after a swap: the full GC waits for an idle event loop (here: the snapshot write's pauses or after).
if (process.env.STALLS_NO_RELEASE !== '1') await timed('swap: releaseMemoryWhenIdle', () => releaseMemoryWhenIdle());
await timed('snapshot write', () =>
  store.flush(
    { leadTexts: index, syncedAt: Date.now(), pagesPerSync: count / PAGE },
    { day: 0, used: 0, backgroundUsed: 0, blockedUntil: 0 },
  ),
);
step = 'after (GC settling)';
await new Promise((resolve) => setTimeout(resolve, Number(process.env.STALLS_SETTLE_MS ?? 3000)));
clearInterval(probe);
console.log(`re-sync total ${Math.round(performance.now() - started)} ms; RSS after: ${rss()} MB`);
console.log(`gaps > ${STALL_MS} ms: ${gaps.length === 0 ? 'none' : ''}`);
for (const gap of gaps) console.log(`  ${gap.ms} ms (CPU ${gap.cpuMs} ms) during ${gap.step}`);
console.log('GC pauses by step (count · total ms · longest ms):');
console.table(gcByStep());
if (process.env.STALLS_JSON !== undefined) writeFileSync(process.env.STALLS_JSON, JSON.stringify(gaps));
rmSync(dir, { recursive: true, force: true });
