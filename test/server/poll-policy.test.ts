// Issue 13: polls of the newest page between full syncs, as pure functions (poll-policy.ts) — the
// timetable per data size, the next poll given the day's spending, and whole simulated days of the
// planner (polls + full syncs) against the background half of the limit.
import { describe, expect, it } from 'vitest';
import { pagesFor, planPoll, POLL_TARGET_MS, timetable, type PollInput, type PollSetting } from '../../src/server/sync/poll-policy';
import { DAY_MS, backgroundBudget } from '../../src/server/sync/quota-budget';
import { planRefresh } from '../../src/server/sync/refresh-policy';

const NINE = Date.UTC(2026, 10, 27, 9, 0, 0);
const MIDNIGHT = Date.UTC(2026, 10, 28);
const TTL = 300_000;
const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

describe('timetable', () => {
  it('at the default limit: looks at page 1 every 4 min 50 s, full syncs as often as the rest allows', () => {
    const at = (leads: number) => timetable(pagesFor(leads), 1000, TTL, 'auto');
    // 1,000 leads or fewer: a full sync is one call, the same as a poll.
    expect(at(1000)).toEqual({ pollIntervalMs: null, syncIntervalMs: 300_000, callsPerDay: 288 });
    expect(at(2500)).toMatchObject({ pollIntervalMs: POLL_TARGET_MS, callsPerDay: 492 });
    expect(minutes(at(2500).syncIntervalMs)).toBe(17.6);
    expect(at(10_000)).toMatchObject({ pollIntervalMs: POLL_TARGET_MS, syncIntervalMs: 72 * 60_000, callsPerDay: 480 });
    expect(at(100_000)).toMatchObject({ pollIntervalMs: POLL_TARGET_MS, syncIntervalMs: DAY_MS / 2, callsPerDay: 496 });
    // 250k: one sync a day leaves 246 calls, so polls stretch to fit; 500k: the sync takes the whole half.
    expect(at(250_000)).toMatchObject({ syncIntervalMs: DAY_MS, callsPerDay: 496 });
    expect(minutes(at(250_000).pollIntervalMs)).toBe(5.8);
    expect(at(500_000)).toEqual({ pollIntervalMs: null, syncIntervalMs: DAY_MS, callsPerDay: 500 });
  });

  it('never plans more than the background half, whatever the size, limit or setting', () => {
    for (const limit of [100, 150, 1000, 5000])
      for (const pages of [1, 2, 3, 10, 37, 100, 250, 499, 500])
        for (const setting of ['auto', 60_000, 600_000] as PollSetting[]) {
          const table = timetable(pages, limit, TTL, setting);
          if (pages <= backgroundBudget(limit))
            expect(table.callsPerDay, `${limit}/${pages}/${setting}`).toBeLessThanOrEqual(backgroundBudget(limit));
          if (table.pollIntervalMs !== null)
            expect(table.pollIntervalMs).toBeGreaterThanOrEqual(setting === 'auto' ? POLL_TARGET_MS : setting);
        }
  });

  it('ROTOR_POLL_INTERVAL: 0 turns polls off (the plain budget interval); a longer interval leaves more to full syncs', () => {
    expect(timetable(10, 1000, TTL, 0)).toEqual({ pollIntervalMs: null, syncIntervalMs: 1_728_000, callsPerDay: 500 });
    const slow = timetable(10, 1000, TTL, 900_000);
    expect(slow.pollIntervalMs).toBe(900_000);
    expect(slow.syncIntervalMs).toBeLessThan(timetable(10, 1000, TTL, 'auto').syncIntervalMs);
  });

  it('daily mode (a sync costs more than the half): polls share the day with the daily sync, within the limit minus its reserve', () => {
    // 100k leads with a limit of 150: the daily sync takes 100, polls get 35 of the remaining 50.
    const table = timetable(100, 150, TTL, 'auto');
    expect(table.callsPerDay).toBeLessThanOrEqual(150 - 15);
    expect(minutes(table.pollIntervalMs)).toBe(41.1);
  });
});

describe('planPoll', () => {
  const input = (over: Partial<PollInput> = {}): PollInput => ({
    now: NINE,
    dailyLimit: 1000,
    pagesPerSync: 10,
    ttlMs: TTL,
    setting: 'auto',
    usedToday: 100,
    backgroundUsedToday: 100,
    blockedUntil: 0,
    lastLookAt: NINE,
    nextSyncAt: NINE + 72 * 60_000,
    syncKind: 'background',
    jitter: 0,
    ...over,
  });

  it('one interval after the last look at page 1 (a poll or a full sync)', () => {
    expect(planPoll(input())).toEqual({ at: NINE + POLL_TARGET_MS, intervalMs: POLL_TARGET_MS });
    expect(planPoll(input({ now: NINE + 1000, lastLookAt: NINE - 60_000 })).at).toBe(NINE - 60_000 + POLL_TARGET_MS);
  });

  it('off: setting 0, one page per sync, or no data held yet', () => {
    expect(planPoll(input({ setting: 0 })).at).toBeNull();
    expect(planPoll(input({ pagesPerSync: 1 })).at).toBeNull();
    expect(planPoll(input({ lastLookAt: null })).at).toBeNull();
  });

  it('keeps what the full syncs still planned today need; short of that, spreads the polls left over the day', () => {
    // 15 h left of the day, syncs every 72 min from 10:12: 12 syncs × 10 calls = 120 held back.
    expect(planPoll(input({ backgroundUsedToday: 100 })).at).toBe(NINE + POLL_TARGET_MS);
    // 10 calls left for 15 h: 22 looks (10 polls, 12 syncs), about every 41 min.
    expect(planPoll(input({ backgroundUsedToday: 500 - 130 })).at).toBe(NINE + Math.ceil((15 * 3_600_000) / 22));
    expect(planPoll(input({ backgroundUsedToday: 500 - 120 })).at).toBe(MIDNIGHT + 120_000);
  });

  it('a 429 block holds polls too; the daily-mode sync keeps its share of the limit', () => {
    expect(planPoll(input({ blockedUntil: MIDNIGHT + 200_000 })).at).toBe(MIDNIGHT + 200_000);
    const daily = input({ dailyLimit: 150, pagesPerSync: 100, syncKind: 'daily', nextSyncAt: MIDNIGHT + 120_000 });
    expect(planPoll({ ...daily, usedToday: 135, backgroundUsedToday: 35 }).at).toBe(MIDNIGHT + 120_000);
    expect(planPoll({ ...daily, usedToday: 110, backgroundUsedToday: 10 }).at).toBeLessThan(MIDNIGHT);
    // Before today's daily sync has run, polls leave it its 100 calls.
    expect(planPoll({ ...daily, nextSyncAt: NINE + 60_000, usedToday: 35, backgroundUsedToday: 35 }).at).toBe(MIDNIGHT + 120_000);
  });
});

/** The store's loop on pure functions: whichever of sync and poll is due first runs (a sync wins ties). */
function simulateDays(leads: number, days: number, limit = 1000) {
  const pages = pagesFor(leads);
  let now = Date.UTC(2026, 10, 27, 0, 0, 0);
  const end = now + days * DAY_MS;
  let day = -1;
  let used = 0;
  let lastSync: number | null = now;
  let lastPoll: number | null = null;
  const callsPerDay: number[] = [];
  let maxLookGap = 0;
  let lastLook = now;
  let syncs = 1; // the boot sync
  used = pages; // the boot sync (foreground) at 00:00
  day = Math.floor(now / DAY_MS);
  callsPerDay.push(0);
  while (now < end) {
    const common = { now, dailyLimit: limit, usedToday: used, backgroundUsedToday: callsPerDay.at(-1)!, blockedUntil: 0, jitter: 0 };
    const sync = planRefresh({
      ...common,
      ttlMs: TTL,
      pagesPerSync: pages,
      lastSyncStartedAt: lastSync,
      failures: 0,
      hasData: true,
      pollSetting: 'auto',
    });
    const poll = planPoll({
      ...common,
      pagesPerSync: pages,
      ttlMs: TTL,
      setting: 'auto',
      lastLookAt: Math.max(lastSync ?? 0, lastPoll ?? 0),
      nextSyncAt: sync.at,
      syncKind: sync.kind,
    });
    const next = Math.min(sync.at ?? Infinity, poll.at ?? Infinity);
    if (!Number.isFinite(next) || next >= end) break;
    now = Math.max(now, next);
    if (Math.floor(now / DAY_MS) !== day) {
      day = Math.floor(now / DAY_MS);
      used = 0;
      callsPerDay.push(0);
    }
    const isSync = sync.at !== null && sync.at <= now;
    const cost = isSync ? pages : 1;
    used += cost;
    callsPerDay[callsPerDay.length - 1]! += cost;
    maxLookGap = Math.max(maxLookGap, now - lastLook);
    lastLook = now;
    if (isSync) {
      lastSync = now;
      syncs++;
    } else lastPoll = now;
  }
  return { callsPerDay, maxLookGap, syncsPerDay: syncs / days };
}

describe('simulated days of polls and full syncs (fake time, pure planner)', () => {
  it.each([
    [2_500, 300_000],
    [10_000, 300_000],
    [100_000, 300_000],
    // One full sync a day takes the whole half (its start slips past the reset margin).
    [500_000, DAY_MS + 300_000],
  ])('%i leads: background calls ≤ 500 every UTC day; page 1 looked at every %i ms at most', (leads, maxGap) => {
    const run = simulateDays(leads, 3);
    for (const calls of run.callsPerDay) expect(calls).toBeLessThanOrEqual(500);
    expect(run.maxLookGap).toBeLessThanOrEqual(maxGap);
    if (leads === 10_000) expect(run.syncsPerDay).toBeGreaterThanOrEqual(19);
    if (leads === 100_000) expect(run.syncsPerDay).toBeGreaterThanOrEqual(1.9);
  });
});
