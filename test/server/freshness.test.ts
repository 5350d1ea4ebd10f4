// Issue 13 through the real app and the demo API (its test control adds and edits leads as a rep would
// in Rotor; fake clock): a new lead shows within one poll, a stage edit after the next full sync with
// previous_stage and stage_changed_at, a restart keeps them, a poll page without a held lead runs a
// full sync, an inconsistent sync drops nothing and resets no history, and a simulated day of polls and
// syncs stays within half the daily limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { POLL_TARGET_MS } from '../../src/server/sync/poll-policy';
import { fakeClock } from '../support/fake-clock';
import { useHarnesses, type Harness } from '../support/dashboard-harness';

const start = useHarnesses();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NINE = Date.UTC(2026, 10, 27, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const status = async (h: Harness) => (await h.getJson('/api/status')).body.data;
const lead = async (h: Harness, id: string): Promise<Lead> => (await h.getJson(`/api/leads/${id}`)).body.data;
const fresh = (id: string, over: Partial<Lead> = {}): Lead => ({
  id,
  name: `Fresh ${id}`,
  stage: 'New',
  created_at: '2030-01-01T00:00:00.000Z',
  ...over,
});

async function boot(options: { dataDir?: string; at?: number; leadCount?: number; dailyLimit?: number } = {}) {
  const clock = fakeClock(options.at ?? NINE);
  const h = await start({
    demo: { leadCount: options.leadCount ?? 2500, testControl: true },
    now: clock.now,
    config: {
      pollIntervalSeconds: 'auto',
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.dailyLimit ? { dailyLimit: options.dailyLimit } : {}),
    },
  });
  /** Moves the clock and lets whatever is due (a poll, a full sync) run, as a request would. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await h.getJson('/api/leads');
    await h.app.leadStore.settled();
  };
  return { h, clock, advance };
}

/** The oldest lead: never on the newest page, so only a full sync sees an edit of it. */
const oldest = async (h: Harness): Promise<Lead> => (await h.getJson('/api/leads?archived=true&sort=created_at&limit=1')).body.data[0];

describe('polls of the newest page', () => {
  it('a lead added upstream shows within one poll (one call), first seen then; status says when the next poll is', async () => {
    const { h, clock, advance } = await boot();
    expect(await status(h)).toMatchObject({ last_poll_at: null, next_poll_at: iso(NINE + POLL_TARGET_MS), pages_per_sync: 3 });
    h.demo.upsertLead(fresh('fresh-1'));
    const calls = h.upstreamCalls();
    await advance(POLL_TARGET_MS - 1);
    expect(h.upstreamCalls()).toBe(calls);
    await advance(1);
    expect(h.upstreamCalls() - calls).toBe(1);
    expect(h.demo.requests.at(-1)!.query).toMatchObject({ page: '1', limit: '1000', archived: 'true' });
    expect(await lead(h, 'fresh-1')).toMatchObject({
      name: 'Fresh fresh-1',
      first_seen_at: iso(clock.now()),
      stage_changed_at: null,
      previous_stage: null,
    });
    expect(await status(h)).toMatchObject({
      lead_count: 2501,
      last_poll_at: iso(clock.now()),
      next_poll_at: iso(clock.now() + POLL_TARGET_MS),
      syncing: false,
    });
    // Leads held from the first sync were first seen then.
    expect((await oldest(h)).first_seen_at).toBe(iso(NINE));
  });

  it('a poll page holding no lead already held (over 1,000 created since the last look) runs a full sync', async () => {
    const { h, advance } = await boot();
    h.demo.leads = [...Array.from({ length: 1000 }, (_, i) => fresh(`burst-${i}`)), ...h.demo.leads];
    const calls = h.upstreamCalls();
    await advance(POLL_TARGET_MS);
    await h.app.leadStore.settled();
    expect(h.upstreamCalls() - calls).toBe(1 + 4);
    expect((await status(h)).lead_count).toBe(3500);
  });
});

describe('change tracking', () => {
  it('a stage edit shows after the next full sync with previous_stage and stage_changed_at; a restart keeps them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'freshness-'));
    dirs.push(dataDir);
    const { h, clock, advance } = await boot({ dataDir });
    const target = await oldest(h);
    const stage = target.stage === 'Won' ? 'Lost' : 'Won';
    h.demo.upsertLead({ id: target.id!, stage });
    await advance(POLL_TARGET_MS); // a poll: the oldest lead is not on the newest page
    expect((await lead(h, target.id!)).stage).toBe(target.stage);
    const syncAt = NINE + h.app.leadStore.refreshIntervalMs;
    await advance(syncAt - clock.now());
    const moved = await lead(h, target.id!);
    expect(moved).toMatchObject({ stage, previous_stage: target.stage ?? null, stage_changed_at: iso(syncAt), first_seen_at: iso(NINE) });
    // The CSV carries the three fields; stage_changed_at sorts (changed leads first, nulls last).
    const csv = await h.app.inject({ method: 'GET', url: '/api/export/leads.csv?archived=true' });
    expect(csv.body.split('\r\n')[0]).toContain('first_seen_at,stage_changed_at,previous_stage');
    expect((await h.getJson('/api/leads?archived=true&sort=-stage_changed_at&limit=1')).body.data[0].id).toBe(target.id);
    await h.close();

    // Restart on the snapshot (fresh, so no call): the history is served as it was.
    const again = await start({ demo: { leadCount: 2500 }, now: clock.now, config: { pollIntervalSeconds: 'auto', dataDir } });
    expect(again.upstreamCalls()).toBe(0);
    expect(await lead(again, target.id!)).toMatchObject({
      stage,
      previous_stage: target.stage ?? null,
      stage_changed_at: iso(syncAt),
      first_seen_at: iso(NINE),
    });
  });

  it('leads deleted while a sync pages: nothing held is dropped and no history resets; the next consistent sync drops them', async () => {
    const { h, clock, advance } = await boot();
    const all = h.demo.leads;
    const newest = (await h.getJson('/api/leads?archived=true&limit=100&sort=-created_at')).body.data as Lead[];
    const gone = new Set(newest.map((l) => l.id));
    const target = await oldest(h);
    h.demo.upsertLead({ id: target.id!, stage: 'Moved' });
    await advance(h.app.leadStore.refreshIntervalMs);
    const changedAt = (await lead(h, target.id!)).stage_changed_at;
    expect(changedAt).toBe(iso(clock.now()));

    h.demo.faults.beforePage = (page) => {
      if (page === 2 && h.demo.leads.length === all.length) h.demo.leads = h.demo.leads.filter((l) => !gone.has(l.id));
    };
    await advance(h.app.leadStore.refreshIntervalMs);
    h.demo.faults.beforePage = null;
    expect(await status(h)).toMatchObject({ lead_count: 2500, last_error: null });
    expect(await lead(h, newest[0]!.id!)).toMatchObject({ first_seen_at: iso(NINE) });
    expect(await lead(h, target.id!)).toMatchObject({ stage: 'Moved', stage_changed_at: changedAt, first_seen_at: iso(NINE) });

    await advance(h.app.leadStore.refreshIntervalMs);
    expect((await status(h)).lead_count).toBe(2400);
    expect((await h.getJson(`/api/leads/${newest[0]!.id!}`)).status).toBe(404);
    expect(await lead(h, target.id!)).toMatchObject({ stage: 'Moved', stage_changed_at: changedAt, first_seen_at: iso(NINE) });
  });
});

describe('a simulated day (fake clock) of polls and full syncs', () => {
  // Through the store at a limit of 120 (half: 60 calls), so a day is ~60 steps on a busy test machine;
  // the default limit's day (≤ 500 calls, page 1 every 5 min) is simulated in poll-policy.test.ts.
  it('2,500 leads, limit 120: polls and full syncs stay within half the limit over the UTC day', async () => {
    const dayStart = Date.UTC(2026, 10, 27);
    const { h, clock } = await boot({ at: dayStart + 1000, dailyLimit: 120 });
    const callsAt: number[] = [];
    const counted = h.upstreamCalls();
    const onRequest = h.demo.requests.push.bind(h.demo.requests);
    h.demo.requests.push = (...items) => {
      callsAt.push(clock.now());
      return onRequest(...items);
    };
    let lastLook = clock.now();
    let maxGap = 0;
    let iterations = 0;
    const t0 = Date.now();
    while (clock.now() < dayStart + DAY_MS + 3_600_000 && Date.now() - t0 < 100_000) {
      const s = await status(h);
      const next = Math.min(...[s.next_refresh_at, s.next_poll_at].filter((at) => at !== null).map((at: string) => Date.parse(at)));
      clock.set(Math.max(clock.now(), next));
      const before = h.upstreamCalls();
      await h.getJson('/api/leads');
      await h.app.leadStore.settled();
      iterations++;
      if (h.upstreamCalls() > before) {
        maxGap = Math.max(maxGap, clock.now() - lastLook);
        lastLook = clock.now();
      } else clock.advance(1_000); // due but nothing could start: never spin on one instant
    }
    const firstDay = callsAt.filter((at) => at < dayStart + DAY_MS).length;
    const polls = h.demo.requests.filter((r) => r.query.page === '1').length;
    // The boot sync (3 calls) is foreground, outside the background half.
    expect(counted + firstDay).toBeLessThanOrEqual(60 + 3);
    expect(counted + firstDay).toBeGreaterThan(50);
    expect(polls).toBeGreaterThan(20); // polls and syncs both ran
    expect(iterations).toBeGreaterThan(0);
    // 60 calls a day: one sync a day at most, polls spread evenly (24 h / ~57) between.
    expect(maxGap).toBeLessThanOrEqual(40 * 60_000);
  }, 120_000);
});
