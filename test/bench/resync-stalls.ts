// Issue 14 "no stalls", in-process: the data work of one 100k re-sync against a held 100k index — pages
// parsed and sanitised, the change-tracking merge, LeadIndex.buildAsync, warm-up and compaction, the swap's
// memory release and the snapshot write — with a 1 ms interval probe that reports every gap over 50 ms and
// which step was running. Run it with --cpu-prof or --trace-gc to see what a gap was.
// Run: node --expose-gc --import tsx test/bench/resync-stalls.ts [leads]   (not part of npm run bench)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { Lead } from '../../src/shared/lead';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { SnapshotStore } from '../../src/server/persistence/snapshot-store';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { mergeFullSync } from '../../src/server/sync/change-tracking';
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

async function timed<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  step = name;
  const started = performance.now();
  const result = await run();
  console.log(`  ${name}: ${Math.round(performance.now() - started)} ms`);
  return result;
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

/** The pages as the client gets them: each parsed and its leads sanitised as RotorClient.listLeads does. */
async function downloaded(pages: string[]): Promise<Lead[]> {
  const leads: Lead[] = [];
  for (const text of pages) {
    const page = await parseLeadPageText(text, text.length, new TimeSlice());
    if (page === null) throw new Error('a generated page was refused');
    for (const lead of page.leads) leads.push(lead);
    await pause();
  }
  return leads;
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
const fetched = await timed('download (parse + sanitise)', () => downloaded(secondPages));
const merged = await timed('mergeFullSync', () => mergeFullSync(fetched, held, true, new Date().toISOString(), new TimeSlice()));
const index = await timed('buildAsync', () => LeadIndex.buildAsync(merged.leads));
await timed('compactAsync (warm-up + compaction)', () => index.compactAsync(held.sortsInUse()));
fetched.length = 0;
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
if (process.env.STALLS_JSON !== undefined) writeFileSync(process.env.STALLS_JSON, JSON.stringify(gaps));
rmSync(dir, { recursive: true, force: true });
