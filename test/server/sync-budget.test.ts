// Issue 15 items 2, 3, 6, 7: refreshing never stalls (a sync costing more than half the limit runs once a
// day after the reset), failures before any data back off and stop at the budget, clock steps neither
// hand out a spent day again nor block refreshes, and retries leak no listeners or uncounted attempts.
// Through the real app and the demo API in a fault mode, on a fake clock.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { useHarnesses, type Harness } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const start = useHarnesses();
const status = async (h: Harness) => (await h.getJson('/api/status')).body.data;
const DAY = Date.UTC(2026, 10, 27);
/** Generous deadlines: with a limit of 3–5 calls, one retried page on a busy machine would change the counts. */
const PATIENT = { timeouts: { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 } };

describe('a sync costing more than half the daily limit', () => {
  it('runs once per UTC day, a few minutes after the reset, and says so in /api/status', async () => {
    // 2,500 leads = 3 calls per sync; limit 5: the background half (2) can never pay one.
    const clock = fakeClock(DAY + 9 * 3600_000);
    const h = await start({
      demo: { leadCount: 2500, dailyLimit: 1000 },
      now: clock.now,
      config: { dailyLimit: 5 },
      clientTuning: PATIENT,
    });
    expect(h.upstreamCalls()).toBe(3);
    const first = await status(h);
    expect(first).toMatchObject({ refresh_mode: 'daily', pages_per_sync: 3 });
    const next = Date.parse(first.next_refresh_at);
    expect(next).toBeGreaterThanOrEqual(DAY + DAY_MS + 120_000);
    expect(next).toBeLessThanOrEqual(DAY + DAY_MS + 300_000);
    clock.advance(31_000);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/refresh',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/once a day/);

    // Three days: requests through the day and just before midnight start nothing; the first request
    // once the reset's margin (2–5 min) has passed starts the day's one sync (3 calls).
    for (let day = 1; day <= 3; day++) {
      const midnight = DAY + day * DAY_MS;
      for (const at of [midnight - 12 * 3600_000, midnight - 60_000, midnight + 60_000, midnight + 301_000, midnight + 12 * 3600_000]) {
        clock.set(at);
        expect((await h.getJson('/api/leads')).status).toBe(200);
        await h.app.leadStore.settled();
        expect(h.upstreamCalls(), new Date(at).toISOString()).toBe(3 + 3 * (at > midnight + 300_000 ? day : day - 1));
      }
    }
    expect((await status(h)).stale).toBe(false);
  }, 60_000);

  it('when one sync costs more than the whole limit allows: serves what it holds, no automatic refresh, logged', async () => {
    const lines: string[] = [];
    const clock = fakeClock(DAY + 9 * 3600_000);
    const h = await start({
      demo: { leadCount: 2500 },
      now: clock.now,
      config: { dailyLimit: 3 },
      clientTuning: PATIENT,
      logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
    });
    expect(await status(h)).toMatchObject({ refresh_mode: 'unaffordable', next_refresh_at: null, lead_count: 2500 });
    expect(lines.some((line) => line.includes('costs more than the daily limit allows'))).toBe(true);
    clock.advance(2 * DAY_MS);
    expect((await h.getJson('/api/leads')).status).toBe(200);
    await h.app.leadStore.settled();
    expect(h.upstreamCalls()).toBe(3);
  });
});

describe('failing syncs before any data', () => {
  for (const failWith of [{ status: 500 as const }, { status: 503 as const }]) {
    it(`HTTP ${failWith.status}, a request every 5 minutes for a day: backoff, Retry-After to the next attempt, stops at the budget`, async () => {
      const clock = fakeClock(DAY);
      const h = await start({
        demo: { leadCount: 50, faults: { failWith: { ...failWith, remaining: Infinity } } },
        now: clock.now,
        config: { dailyLimit: 20 },
      });
      for (let step = 0; step < 24 * 12; step++) {
        const response = await h.app.inject('/api/leads');
        expect(response.statusCode).toBe(502);
        const next = (await status(h)).next_refresh_at;
        expect(Number(response.headers['retry-after'])).toBe(Math.max(1, Math.ceil((Date.parse(next) - clock.now()) / 1000)));
        await h.app.leadStore.settled();
        clock.advance(5 * 60_000);
      }
      // The boot sync (foreground: 1 attempt, or 3 with the client's retries of a 503) plus exactly the
      // background half (10 attempts, retries included), then nothing until the next day.
      expect(h.upstreamCalls()).toBe((failWith.status === 503 ? 3 : 1) + 10);
    }, 60_000);
  }
});

describe('clock steps', () => {
  it('a clock stepping back across midnight does not reset the day’s count', async () => {
    const clock = fakeClock(DAY + 30_000);
    const h = await start({ demo: { leadCount: 2500 }, now: clock.now });
    expect((await status(h)).upstream_requests_today).toBe(3);
    clock.set(DAY - 60_000);
    expect((await status(h)).upstream_requests_today).toBe(3);
    clock.set(DAY + 60_000);
    expect((await status(h)).upstream_requests_today).toBe(3);
  });

  it('a last sync start in the future (clock stepped back) blocks a manual refresh for at most the usual gap', async () => {
    const clock = fakeClock(DAY + 9 * 3600_000);
    const h = await start({ demo: { leadCount: 500 }, now: clock.now });
    clock.advance(-2 * 3600_000);
    const post = () =>
      h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' }, payload: '{}' });
    const refused = await post();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
    clock.advance(31_000);
    expect((await post()).statusCode).toBe(202);
    await h.app.leadStore.settled();
    expect(h.upstreamCalls()).toBe(2);
  });
});

describe('retries', () => {
  it('leave no abort listener on the store’s long-lived signal', async () => {
    const h = await start({ demo: { leadCount: 50 }, sync: { minRefreshGapMs: 0 } });
    h.demo.faults.failWith = { status: 503, remaining: Infinity };
    const signal = (h.app.leadStore as unknown as { shutdown: AbortController }).shutdown.signal;
    for (let i = 0; i < 8; i++) {
      await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' }, payload: '{}' });
      await h.app.leadStore.settled();
    }
    expect(h.upstreamCalls()).toBe(1 + 8 * 3); // each refresh: an attempt and two retries, 16 backoff sleeps
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('an abort during the backoff sends and counts no further attempt', async () => {
    const h = await start({
      demo: { leadCount: 50 },
      sync: { minRefreshGapMs: 0 },
      clientTuning: { retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000, random: () => 0.5 },
    });
    h.demo.faults.failWith = { status: 503, remaining: Infinity };
    await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' }, payload: '{}' });
    while (h.upstreamCalls() < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await h.app.close(); // the sync is in its 30 s backoff now
    expect(h.upstreamCalls()).toBe(2);
    expect(h.app.leadStore.status().upstream_requests_today).toBe(2);
  });
});
