// Issue 14 "instant restarts": loading a 100k-lead snapshot, the old way (one readFile + JSON.parse +
// sanitise + LeadIndex.build, all before listening) against the new one (line by line, sanitised as
// read, LeadIndex.buildAsync), each with the event loop's longest stall while it ran.
// Run: npx tsx test/bench/snapshot-load.ts [leads]   (not part of npm run bench: ~1 min)
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { SNAPSHOT_FILE, SnapshotStore } from '../../src/server/persistence/snapshot-store';
import { sanitizeLead } from '../../src/server/upstream/sanitize-lead';

const count = Number(process.argv[2] ?? 100_000);
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(path.join(tmpdir(), 'rotor-snapshot-bench-'));
const store = new SnapshotStore({ dir, source: 'bench', log });
await store.prepare();
await store.flush(
  { leads: generateDemoLeads(count, 1), syncedAt: Date.now(), pagesPerSync: 100 },
  { day: 0, used: 0, backgroundUsed: 0, blockedUntil: 0 },
);

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  await run();
  const ms = Math.round(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the monitor see a stall that ended the run
  delay.disable();
  console.log(`${label}: ${ms} ms, longest event-loop stall ${Math.round(delay.max / 1e6)} ms`);
}

for (let round = 1; round <= 2; round++) {
  await timed(`${count} leads, before (readFile + JSON.parse + sanitise + build)`, async () => {
    const parsed = JSON.parse(await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { leads: Record<string, unknown>[] };
    LeadIndex.build(parsed.leads.map(sanitizeLead));
  });
  await timed(`${count} leads, after (line by line + buildAsync)`, async () => {
    const held = await new SnapshotStore({ dir, source: 'bench', log }).loadLeads();
    await LeadIndex.buildAsync(held!.leads);
  });
}
rmSync(dir, { recursive: true, force: true });
