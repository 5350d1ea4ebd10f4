// Writing a 100k-lead DATA_DIR snapshot on the event loop: chunked, so the server keeps answering while it
// saves (the longest block well under one JSON.stringify of the whole set), and it reads back whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { SNAPSHOT_FILE, SnapshotStore } from '../../src/server/persistence/snapshot-store';
import { LeakWatch } from './support/leak-watch';

const leaks = new LeakWatch();
afterAll(() => {
  leaks.sweepDataDirs();
});

const dataDir = () => leaks.dataDir('rotor-data-');

describe('writing a 100k-lead snapshot', () => {
  it('keeps the event loop responsive (chunked), and reads back whole', async () => {
    const dir = dataDir();
    const leads = generateDemoLeads(100_000, 9);
    const log = { info: () => {}, warn: () => {}, error: (obj: object, msg: string) => console.error(msg, obj) };
    const store = new SnapshotStore({ dir, source: 'test-source', log });
    await store.prepare();

    const wholeStarted = performance.now();
    JSON.stringify(leads);
    const wholeMs = performance.now() - wholeStarted;

    const delay = monitorEventLoopDelay({ resolution: 5 });
    // A timer that would run every 5 ms: the longest gap between runs is the longest block.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    delay.enable();
    const started = performance.now();
    store.saveLeads({ leads, syncedAt: Date.UTC(2026, 10, 27), pagesPerSync: 100 });
    await store.flush(null, { day: 0, used: 0, backgroundUsed: 0, blockedUntil: 0 });
    const writeMs = performance.now() - started;
    delay.disable();
    clearInterval(ticker);

    const bytes = readFileSync(path.join(dir, SNAPSHOT_FILE)).length;
    console.log(
      `100k-lead snapshot: ${(bytes / 1e6).toFixed(1)} MB written in ${writeMs.toFixed(0)} ms; ` +
        `longest event-loop block ${longestGap.toFixed(0)} ms (p99 delay ${(delay.percentile(99) / 1e6).toFixed(1)} ms), ` +
        `vs ${wholeMs.toFixed(0)} ms for one JSON.stringify of the whole set`,
    );
    expect(longestGap).toBeLessThan(Math.max(100, wholeMs / 2));

    const reread = new SnapshotStore({ dir, source: 'test-source', log });
    const loadStarted = performance.now();
    const held = await reread.loadLeads();
    // At boot, before the server listens: read, parse and check the whole file in one go.
    console.log(`100k-lead snapshot read back (parse + checks) in ${(performance.now() - loadStarted).toFixed(0)} ms`);
    expect(held?.leads).toHaveLength(100_000);
    expect(held?.leads[4_321]).toEqual(leads[4_321]);
    expect(held?.pagesPerSync).toBe(100);
  }, 60_000);
});
