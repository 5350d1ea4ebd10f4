// The real server process: SIGTERM finishes, saves and exits 0; a restart serves the same data at once
// with zero upstream calls and the quota count intact. Then kill -9 while a snapshot is being written:
// the restart loads the previous snapshot or the new one — never a broken one, never a crash.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUOTA_FILE, SNAPSHOT_FILE } from '../../src/server/persistence/snapshot-store';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';
import { logLines, type ServerProcess } from '../support/server-process';
import { useDemoUpstream, useServerProcesses } from './support/server-processes';

const leaks = new LeakWatch();
const servers = useServerProcesses(leaks);
const start = (env: Record<string, string>) => servers.start({ env });
const stop = servers.stop;

const dataDir = () => leaks.dataDir('rotor-restart-');

async function getJson(child: ServerProcess, target: string) {
  const response = await fetch(child.baseUrl + target);
  const text = await response.text();
  leaks.add(`${target} response`, JSON.stringify([...response.headers]) + text);
  return { status: response.status, body: JSON.parse(text) };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('SIGTERM and restart', () => {
  const upstream = useDemoUpstream({ leadCount: 2_500, seed: 21, apiKey: LEAK_KEY });

  it('saves on SIGTERM (exit 0); the restart serves the same data at once with zero upstream calls', async () => {
    const dir = dataDir();
    const env = { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: LEAK_KEY, DATA_DIR: dir };
    const first = await start(env);
    const synced = await waitFor(async () => {
      const { body } = await getJson(first, '/api/status');
      return body.data.synced_at !== null && !body.data.syncing ? body.data : undefined;
    }, 'the first sync');
    expect(synced).toMatchObject({ source: 'rotor', lead_count: 2_500, upstream_requests_today: 3 });
    const before = await getJson(first, '/api/leads?archived=true&limit=1000&sort=-value_score&page=2');
    expect(upstream.demo.requests).toHaveLength(3);

    const exit = await stop(first);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(readdirSync(dir).sort()).toEqual([QUOTA_FILE, SNAPSHOT_FILE].sort());
    const firstLog = logLines(first.output()).map((line) => line.msg);
    expect(firstLog).toContain('snapshot saved');
    // The save after the sync may still be running when the signal comes: shutdown waits for it.
    expect(firstLog.at(-1)).toBe('stopped');
    expect(firstLog.indexOf('shutting down')).toBeGreaterThan(firstLog.indexOf('sync done'));

    const second = await start(env);
    // The very first request after listening already has the data.
    const after = await getJson(second, '/api/leads?archived=true&limit=1000&sort=-value_score&page=2');
    expect(after.status).toBe(200);
    expect(after.body.meta).toEqual({ synced_at: before.body.meta.synced_at, stale: false });
    expect(after.body.data).toEqual(before.body.data);
    const status = (await getJson(second, '/api/status')).body.data;
    expect(status).toMatchObject({ lead_count: 2_500, upstream_requests_today: 3, syncing: false, synced_at: synced.synced_at });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(upstream.demo.requests).toHaveLength(3); // not one call since the restart
    expect(logLines(second.output()).map((line) => line.msg)).toContain('serving saved data');
    expect(await stop(second)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('SIGTERM lets a request in flight finish (here: one waiting for the first sync), then saves', async () => {
    const dir = dataDir();
    upstream.demo.faults.latencyMs = 400; // 3 pages: the first sync takes over a second
    upstream.demo.requests.length = 0;
    try {
      const child = await start({ ROTOR_API_URL: upstream.url, ROTOR_API_KEY: LEAK_KEY, DATA_DIR: dir });
      const inFlight = getJson(child, '/api/leads?archived=true&limit=1');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(upstream.demo.requests.length).toBeLessThan(3); // the sync is still running
      const exit = stop(child);
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body.pagination.total).toBe(2_500);
      const ended = await exit;
      if (ended.code !== 0) console.log(child.output());
      expect(ended).toEqual({ code: 0, signal: null });
      expect(readdirSync(dir)).toContain(SNAPSHOT_FILE);
    } finally {
      upstream.demo.resetFaults();
    }
  }, 60_000);

  it('a second signal during shutdown exits at once', async () => {
    const dir = dataDir();
    upstream.demo.faults.hang = true; // a sync that never ends keeps nothing from closing, but makes a slow moment
    try {
      const child = await start({ ROTOR_API_URL: upstream.url, ROTOR_API_KEY: LEAK_KEY, DATA_DIR: dir });
      const signalled = performance.now();
      child.signal('SIGTERM');
      child.signal('SIGTERM');
      const exit = await child.exited;
      expect(performance.now() - signalled).toBeLessThan(3_000);
      await stop(child); // exited already: only its bookkeeping and the leak check of its output
      expect([0, 1]).toContain(exit.code);
    } finally {
      upstream.demo.resetFaults();
    }
  }, 60_000);
});

describe('kill -9 during a snapshot write', () => {
  // The embedded demo with 25k leads, re-synced about every second (TTL 1 s and a quota big enough
  // that the background budget allows it), so a snapshot write of ~16 MB is always coming up.
  const busyEnv = (dir: string) => ({ DATA_DIR: dir, DEMO_LEADS: '25000', ROTOR_SYNC_TTL: '1', ROTOR_DAILY_LIMIT: '10000000' });
  // The same data with a long TTL: the restart must not sync before we look.
  const calmEnv = (dir: string) => ({ ...busyEnv(dir), ROTOR_SYNC_TTL: '3600' });

  const snapshotHeader = (dir: string) => {
    const parsed = JSON.parse(readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8'));
    expect(parsed.leads).toHaveLength(parsed.lead_count);
    return { synced_at: parsed.synced_at as string, lead_count: parsed.lead_count as number };
  };

  it('leaves the previous or the new snapshot, and the restart serves it', async () => {
    const dir = dataDir();
    const outcomes: string[] = [];
    // Kill at once when the temp file appears, and later into the write.
    for (const delayMs of [0, 1_000]) {
      const started = performance.now();
      const busy = await start(busyEnv(dir));
      // A complete snapshot first, then the start of the next write.
      await waitFor(async () => (readdirSync(dir).includes(SNAPSHOT_FILE) ? true : undefined), 'a first snapshot', 60_000);
      const previous = snapshotHeader(dir);
      await waitFor(
        async () => (readdirSync(dir).some((name) => name.startsWith(`${SNAPSHOT_FILE}.tmp-`)) ? true : undefined),
        'a snapshot write in progress',
        60_000,
      );
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      expect(await stop(busy, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

      // On disk: one whole snapshot (the previous or the new one), maybe a stray temp file.
      const onDisk = snapshotHeader(dir);
      expect(onDisk.lead_count).toBe(25_000);
      outcomes.push(onDisk.synced_at === previous.synced_at ? 'previous' : 'new');

      const calm = await start(calmEnv(dir));
      const status = (await getJson(calm, '/api/status')).body.data;
      expect(status).toMatchObject({ lead_count: 25_000, synced_at: onDisk.synced_at, syncing: false });
      const leads = await getJson(calm, '/api/leads?archived=true&limit=5');
      expect(leads.status).toBe(200);
      expect(leads.body.pagination.total).toBe(25_000);
      const messages = logLines(calm.output()).map((line) => line.msg);
      expect(messages).toContain('serving saved data');
      expect(messages).not.toContain('saved data set aside');
      expect(readdirSync(dir).filter((name) => name.includes('.tmp-') || name.includes('.corrupt-'))).toEqual([]);
      expect(await stop(calm)).toEqual({ code: 0, signal: null });
      console.log(`kill after ${delayMs} ms: round took ${Math.round(performance.now() - started)} ms`);
    }
    console.log(`kill -9 mid-write, restart loaded: ${outcomes.join(', ')} snapshot`);
  }, 120_000);
});
