// Issue 14 "instant restarts": the server listens before the saved leads are loaded; requests arriving
// meanwhile wait for that one load (never refused), /readyz says 503 until it is done, and the snapshot
// is read line by line — with files in another layout (a whole document on one line, as a hand-written
// or older file could be) still read by the whole-file path.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { buildApp } from '../../src/server/app';
import { SNAPSHOT_FILE, SnapshotStore, sourceIdentity } from '../../src/server/persistence/snapshot-store';
import type { ResolvedUpstream } from '../../src/server/upstream/resolve-upstream';
import { LeakWatch } from './support/leak-watch';

const leaks = new LeakWatch();
const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(() => {
  leaks.sweepDataDirs();
});

// Nothing listens there: a fresh snapshot means no call is made; a call would fail and show in the status.
const upstream: ResolvedUpstream = { url: 'http://127.0.0.1:9/open-api', apiKey: 'snapshot-load-key', source: 'rotor' };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function writeSnapshot(dir: string, count: number): Promise<void> {
  const store = new SnapshotStore({ dir, source: sourceIdentity(upstream, undefined), log: silent });
  await store.prepare();
  await store.flush(
    { leads: generateDemoLeads(count, 4), syncedAt: Date.now(), pagesPerSync: Math.ceil(count / 1000) },
    { day: 0, used: 0, backgroundUsed: 0, blockedUntil: 0 },
  );
}

async function boot(dir: string) {
  const app = await buildApp({
    config: { port: 0, host: '127.0.0.1', syncTtlSeconds: 3600, dailyLimit: 1000, demoLeadCount: undefined, dataDir: dir },
    upstream,
    logger: false,
  });
  apps.push(app);
  await app.ready();
  return app;
}

describe('restart with a big snapshot', () => {
  it('is ready to listen before the leads are loaded; requests meanwhile wait for them', async () => {
    const dir = leaks.dataDir('rotor-snapload-');
    await writeSnapshot(dir, 20_000);
    const app = await boot(dir);
    // Straight after ready (what listen waits for): still loading.
    const [ready, leads, status] = await Promise.all([
      app.inject('/readyz'),
      app.inject('/api/leads?archived=true'),
      app.inject('/api/status'),
    ]);
    expect(ready.statusCode).toBe(503);
    expect(leads.statusCode).toBe(200);
    expect(leads.json().pagination.total).toBe(20_000);
    expect(status.json().data).toMatchObject({ lead_count: 20_000, upstream_requests_today: 0, last_error: null, sync_progress: null });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('reads a snapshot written as one line (another layout) by the whole-file path', async () => {
    const dir = leaks.dataDir('rotor-snapload-');
    await writeSnapshot(dir, 1_500);
    const file = path.join(dir, SNAPSHOT_FILE);
    writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
    const app = await boot(dir);
    const leads = await app.inject('/api/leads?archived=true');
    expect(leads.json().pagination.total).toBe(1_500);
    expect((await app.inject('/api/status')).json().data.upstream_requests_today).toBe(0);
  });
});
