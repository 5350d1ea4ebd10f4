// DATA_DIR in-process: a restarted app answers from the snapshot at once with no upstream call while
// it is fresh, the quota count (and a 429 block) survive, and corrupt, truncated or foreign files are
// set aside with one log line. The cost of writing a 100k-lead snapshot: snapshot-write.test.ts.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/demo-api/app';
import { buildApp } from '../../src/server/app';
import { QUOTA_FILE, SNAPSHOT_FILE } from '../../src/server/persistence/snapshot-store';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';
import { testServerConfig } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const leaks = new LeakWatch();
let demo: DemoApi;
let upstreamUrl = '';
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  demo = createDemoApi({ leadCount: 2_300, seed: 3, apiKey: LEAK_KEY });
  upstreamUrl = await demo.listen();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  demo.resetFaults();
  demo.requests.length = 0;
});
afterAll(async () => {
  await demo.close();
  leaks.sweepDataDirs();
  leaks.expectNoLeak();
});

const dataDir = () => leaks.dataDir('rotor-data-');

const clock = (start = Date.UTC(2026, 10, 27, 10, 0, 0)) => fakeClock(start);

async function boot(dir: string, now: () => number, options: { apiKey?: string; url?: string } = {}) {
  const logs = leaks.logStream('app logs');
  const app = await buildApp({
    config: testServerConfig({ dataDir: dir }),
    upstream: { url: options.url ?? upstreamUrl, apiKey: options.apiKey ?? LEAK_KEY, source: 'rotor' },
    logger: { level: 'info', stream: logs },
    now,
    clientTuning: { timeouts: { connectMs: 500, headersMs: 500, bodyMs: 1_000 }, retryBaseDelayMs: 1, retryMaxDelayMs: 5 },
  });
  apps.push(app);
  await app.ready();
  const get = async (url: string) => {
    const response = await app.inject(url);
    leaks.addResponse(url, response);
    return response;
  };
  return { app, logs: logs.lines, get };
}

async function stop(app: FastifyInstance) {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

const ids = (body: { data: { id: string }[] }) => body.data.map((lead) => lead.id);
const logMessages = (lines: string[]) => lines.map((line) => JSON.parse(line) as { msg: string; [key: string]: unknown });

describe('restart', () => {
  it('answers from the snapshot at once, with no upstream call while fresh; the quota count survives', async () => {
    const dir = dataDir();
    const time = clock();
    const first = await boot(dir, time.now);
    await first.app.leadStore.settled();
    const before = (await first.get('/api/leads?limit=1000&archived=true&sort=name')).json();
    expect(demo.requests).toHaveLength(3);
    await stop(first.app); // onClose flushes
    expect(readdirSync(dir).sort()).toEqual([QUOTA_FILE, SNAPSHOT_FILE].sort());

    time.advance(60_000);
    demo.requests.length = 0;
    const second = await boot(dir, time.now);
    const after = (await second.get('/api/leads?limit=1000&archived=true&sort=name')).json();
    expect(after.meta).toEqual({ synced_at: before.meta.synced_at, stale: false });
    expect(ids(after)).toEqual(ids(before));
    expect(after.pagination.total).toBe(2_300);
    const status = (await second.get('/api/status')).json().data;
    expect(status).toMatchObject({ upstream_requests_today: 3, lead_count: 2_300, syncing: false });
    // Due when the saved sync's interval ends, not at boot.
    expect(Date.parse(status.next_refresh_at)).toBe(Date.parse(before.meta.synced_at) + second.app.leadStore.refreshIntervalMs);
    expect(second.app.leadStore.refreshIntervalMs).toBe(518_400); // the saved cost per sync (3 pages) is restored too
    await second.app.leadStore.settled();
    expect(demo.requests).toHaveLength(0);
  });

  it('a snapshot older than the refresh interval is served at once, stale, while one background sync refreshes it', async () => {
    const dir = dataDir();
    const time = clock();
    const first = await boot(dir, time.now);
    await first.app.leadStore.settled();
    await stop(first.app);
    // 3 calls per sync within half of 1000 a day: every 518.4 s at most (more than the 300 s TTL).
    expect(first.app.leadStore.refreshIntervalMs).toBe(518_400);
    time.advance(518_401);
    demo.requests.length = 0;
    const second = await boot(dir, time.now);
    const served = (await second.get('/api/leads?archived=true')).json();
    expect(served.meta.stale).toBe(true);
    expect(served.pagination.total).toBe(2_300);
    await second.app.leadStore.settled();
    expect(demo.requests).toHaveLength(3);
    expect((await second.get('/api/leads')).json().meta).toEqual({ synced_at: new Date(time.now()).toISOString(), stale: false });
    expect((await second.get('/api/status')).json().data.upstream_requests_today).toBe(6);
  });

  it('with upstream down after the restart, the saved data is served (stale once due) and nothing fails', async () => {
    const dir = dataDir();
    const time = clock();
    const first = await boot(dir, time.now);
    await first.app.leadStore.settled();
    await stop(first.app);
    demo.faults.failWith = { status: 500, remaining: Infinity };
    time.advance(600_000);
    const second = await boot(dir, time.now);
    for (let i = 0; i < 3; i++) {
      const response = await second.get('/api/leads?archived=true');
      expect(response.statusCode).toBe(200);
      expect(response.json().meta.stale).toBe(true);
      expect(response.json().pagination.total).toBe(2_300);
      await second.app.leadStore.settled();
    }
    expect((await second.get('/api/status')).json().data).toMatchObject({ stale: true, lead_count: 2_300, upstream_requests_today: 4 });
  });

  it('the count starts again on a new UTC day; a 429 block holds across a restart until the reset', async () => {
    const dir = dataDir();
    const time = clock(Date.UTC(2026, 10, 27, 23, 0, 0));
    const first = await boot(dir, time.now);
    await first.app.leadStore.settled();
    await stop(first.app);
    time.advance(DAY_MS);
    const nextDay = await boot(dir, time.now);
    await nextDay.app.leadStore.settled();
    // Yesterday's 3 calls are forgotten; today's are the stale snapshot's refresh.
    expect((await nextDay.get('/api/status')).json().data.upstream_requests_today).toBe(3);
    await stop(nextDay.app);

    // A 429 with no data: blocked until after midnight, and a restart doesn't lift that.
    const blockedDir = dataDir();
    demo.faults.failWith = { status: 429, remaining: Infinity };
    const blocked = await boot(blockedDir, time.now);
    await blocked.app.leadStore.settled();
    expect((await blocked.get('/api/leads')).statusCode).toBe(503);
    await stop(blocked.app);
    demo.resetFaults();
    demo.requests.length = 0;
    const again = await boot(blockedDir, time.now);
    const response = await again.get('/api/leads');
    expect(response.statusCode).toBe(503);
    expect(response.json().error_code).toBe('RATE_LIMIT_EXCEEDED');
    // Until the block's end: 2–5 min after midnight (our clock may run ahead of Rotor's).
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(3600 + 120);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(3600 + 300);
    expect(demo.requests).toHaveLength(0);
  });
});

describe('damaged or foreign files', () => {
  async function withSnapshot(damage: (file: string) => void, options: { apiKey?: string; url?: string } = {}) {
    const dir = dataDir();
    const time = clock();
    const first = await boot(dir, time.now);
    await first.app.leadStore.settled();
    await stop(first.app);
    damage(path.join(dir, SNAPSHOT_FILE));
    demo.requests.length = 0;
    const second = await boot(dir, time.now, options);
    const response = await second.get('/api/leads?archived=true');
    return { dir, second, response };
  }

  const damages: [string, (file: string) => void][] = [
    ['truncated', (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)))],
    ['cut at the last byte', (file) => writeFileSync(file, readFileSync(file).subarray(0, readFileSync(file).length - 3))],
    ['garbage', (file) => writeFileSync(file, Buffer.from([0xff, 0x00, 0x7b, 0x22]))],
    ['empty', (file) => writeFileSync(file, '')],
    [
      'a lead missing',
      (file) => {
        const parsed = JSON.parse(readFileSync(file, 'utf8'));
        parsed.leads.pop();
        writeFileSync(file, JSON.stringify(parsed));
      },
    ],
    ['another format', (file) => writeFileSync(file, JSON.stringify({ format: 'something-else', leads: [] }))],
  ];
  for (const [name, damage] of damages) {
    it(`${name}: set aside with one log line, a fresh sync serves, no crash`, async () => {
      const { dir, second, response } = await withSnapshot(damage);
      expect(response.statusCode).toBe(200);
      expect(response.json().pagination.total).toBe(2_300);
      expect(demo.requests).toHaveLength(3);
      const aside = readdirSync(dir).filter((entry) => entry.startsWith(`${SNAPSHOT_FILE}.corrupt-`));
      expect(aside).toHaveLength(1);
      const lines = logMessages(second.logs).filter((line) => line.msg === 'saved data set aside');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ file: SNAPSHOT_FILE, moved_to: aside[0] });
    });
  }

  it('another key (maybe another company) or another upstream: foreign, set aside', async () => {
    for (const options of [{ apiKey: `${LEAK_KEY}-other` }, { url: upstreamUrl.replace('/open-api', '/other-api') }]) {
      const { dir, second } = await withSnapshot(() => undefined, options);
      const lines = logMessages(second.logs).filter((line) => line.msg === 'saved data set aside');
      expect(lines.map((line) => line.file).sort()).toEqual([QUOTA_FILE, SNAPSHOT_FILE].sort());
      expect(String(lines[0]!.reason)).toMatch(/foreign/);
      expect(readdirSync(dir).filter((entry) => entry.includes('.corrupt-'))).toHaveLength(2);
      await stop(second.app);
    }
  });

  it('a corrupt quota file is set aside; a temp file left by a crash is removed', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, QUOTA_FILE), '{"format":"rotor-dashboard/quota@1","used":');
    writeFileSync(path.join(dir, `${SNAPSHOT_FILE}.tmp-123-abcd`), '{"half":');
    const { app, logs, get } = await boot(dir, clock().now);
    await app.leadStore.settled();
    expect((await get('/api/status')).json().data.upstream_requests_today).toBe(3);
    expect(readdirSync(dir)).not.toContain(`${SNAPSHOT_FILE}.tmp-123-abcd`);
    expect(logMessages(logs).filter((line) => line.msg === 'saved data set aside')).toHaveLength(1);
  });

  it('failing writes (here: the file names taken by directories) are logged once per file, not per call', async () => {
    const dir = dataDir();
    for (const name of [SNAPSHOT_FILE, QUOTA_FILE]) {
      mkdirSync(path.join(dir, name, 'occupied'), { recursive: true });
    }
    const time = clock();
    const { app, logs, get } = await boot(dir, time.now);
    await app.leadStore.settled();
    time.advance(600_000);
    await get('/api/leads'); // a second sync: more quota and snapshot writes that fail
    await app.leadStore.settled();
    expect((await get('/api/leads')).statusCode).toBe(200);
    await stop(app);
    const failures = logMessages(logs).filter((line) => line.msg === 'saving data failed; it is kept in memory');
    expect(failures.map((line) => line.file).sort()).toEqual([QUOTA_FILE, SNAPSHOT_FILE].sort());
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    for (const name of [SNAPSHOT_FILE, QUOTA_FILE]) rmSync(path.join(dir, name), { recursive: true });
  });

  it('an unusable DATA_DIR is logged once per component and the server runs without saving', async () => {
    const parent = dataDir();
    const blocker = path.join(parent, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const { app, logs, get } = await boot(path.join(blocker, 'data'), clock().now);
    await app.leadStore.settled();
    expect((await get('/api/leads')).statusCode).toBe(200);
    // Once per component that uses it (saved data, saved views), never per call.
    const unusable = logMessages(logs)
      .filter((line) => /DATA_DIR is not usable/.test(line.msg))
      .map((line) => line.msg);
    expect(unusable.sort()).toEqual([
      'DATA_DIR is not usable; running without saved data',
      'DATA_DIR is not usable; saving a view will fail',
    ]);
    await stop(app);
  });
});
