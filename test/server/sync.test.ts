// Sync, single flight, stale-while-revalidate, the quota budget and the errors before any data,
// through the real app and the real demo API (paging edge cases: sync-paging-guards.test.ts; the budget's
// own arithmetic: quota-budget.test.ts).
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { useHarnesses } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const start = useHarnesses();

/** A controllable clock: 23:00 UTC, one hour before the quota reset. */
const clock = (start = Date.UTC(2026, 10, 27, 23, 0, 0)) => fakeClock(start);

const leadIds = (body: { data: { id?: string }[] }) => body.data.map((lead) => lead.id);

describe('sync', () => {
  it('50 simultaneous cold requests cause exactly one sync of ⌈N/1000⌉ calls', async () => {
    for (const count of [2000, 2500]) {
      const h = await start({ demo: { leadCount: count, faults: { latencyMs: 30 } }, waitForSync: false });
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => h.getJson(`/api/leads?page=${(i % 5) + 1}&archived=true`)));
      expect(responses.every((r) => r.status === 200 && r.body.pagination.total === count)).toBe(true);
      expect(h.upstreamCalls()).toBe(Math.ceil(count / 1000));
      expect(h.demo.requests.every((r) => r.query.archived === 'true' && r.query.limit === '1000')).toBe(true);
      expect(h.demo.requests.map((r) => r.query.page)).toEqual(Array.from({ length: Math.ceil(count / 1000) }, (_, i) => String(i + 1)));
    }
  });

  it('browsing makes no upstream calls', async () => {
    const h = await start({ demo: { leadCount: 1200 } });
    const before = h.upstreamCalls();
    expect(before).toBe(2);
    const id = h.demo.leads[3]!.id!;
    for (let i = 0; i < 40; i++) {
      await h.getJson(`/api/leads?page=${i + 1}&limit=${(i % 9) + 1}&sort=${i % 2 ? '-name' : 'value_score'}&search=${'ae'[i % 2]}`);
      await h.getJson(`/api/leads/${id}`);
    }
    await h.app.inject('/api/export/leads.csv?archived=true');
    await h.getJson('/api/status');
    expect(h.upstreamCalls()).toBe(before);
  });

  it('serves the held data, marked stale, when a refresh fails; fresh again once one succeeds', async () => {
    const c = clock(Date.UTC(2026, 10, 27, 9, 0, 0));
    const h = await start({ demo: { leadCount: 150 }, now: c.now });
    const fresh = await h.getJson('/api/leads?limit=1000&archived=true');
    expect(fresh.body.meta.stale).toBe(false);

    h.demo.faults.failWith = { status: 500, remaining: Infinity };
    c.advance(301_000); // past the TTL (one page per sync: the interval is the TTL)
    const during = await h.getJson('/api/leads?limit=1000&archived=true');
    expect(during.status).toBe(200);
    expect(during.body.meta.stale).toBe(true);
    expect(leadIds(during.body)).toEqual(leadIds(fresh.body));
    await h.app.leadStore.settled();
    const callsAfterFailure = h.upstreamCalls();
    expect(callsAfterFailure).toBe(2); // the failing background sync: one call, 500 is not retried

    const after = await h.getJson('/api/leads?limit=1000&archived=true');
    expect(after.body.meta).toEqual({ synced_at: fresh.body.meta.synced_at, stale: true });
    expect(leadIds(after.body)).toEqual(leadIds(fresh.body));
    expect((await h.getJson('/api/status')).body.data.stale).toBe(true);
    expect(h.upstreamCalls()).toBe(callsAfterFailure); // no retry before the next interval

    h.demo.resetFaults();
    c.advance(301_000);
    await h.getJson('/api/leads');
    await h.app.leadStore.settled();
    const recovered = await h.getJson('/api/leads');
    expect(recovered.body.meta.stale).toBe(false);
    expect(Date.parse(recovered.body.meta.synced_at)).toBe(c.now());
  });

  it('stale-while-revalidate picks up new data without making the request wait', async () => {
    const c = clock(Date.UTC(2026, 10, 27, 9, 0, 0));
    const h = await start({ demo: { leadCount: 100 }, now: c.now });
    const first = await h.getJson('/api/leads?archived=true');
    h.demo.leads = h.demo.leads.slice(10);
    c.advance(301_000);
    const served = await h.getJson('/api/leads?archived=true');
    expect(served.body.pagination.total).toBe(100); // answered at once from the old index
    await h.app.leadStore.settled();
    const updated = await h.getJson('/api/leads?archived=true');
    expect(updated.body.pagination.total).toBe(90);
    expect(first.body.meta.synced_at).not.toBe(updated.body.meta.synced_at);
  });

  it('background syncs stay within half the daily limit per UTC day', async () => {
    // 3 pages per sync, limit 12 → background budget 6 → a background sync every 12 h at most.
    const c = clock(Date.UTC(2026, 10, 27, 0, 0, 0));
    const h = await start({ demo: { leadCount: 2100 }, now: c.now, config: { dailyLimit: 12, syncTtlSeconds: 1 } });
    expect(h.upstreamCalls()).toBe(3);
    expect(h.app.leadStore.refreshIntervalMs).toBe(DAY_MS / 2);
    const callsPerDay = new Map<number, number>([[Math.floor(c.now() / DAY_MS), 3]]);
    // A request every 2 hours for three days: each finds the data stale only when the interval allows.
    for (let step = 0; step < 36; step++) {
      c.advance(2 * 60 * 60 * 1000);
      const before = h.upstreamCalls();
      const response = await h.getJson('/api/leads');
      expect(response.status).toBe(200);
      await h.app.leadStore.settled();
      const day = Math.floor(c.now() / DAY_MS);
      callsPerDay.set(day, (callsPerDay.get(day) ?? 0) + h.upstreamCalls() - before);
    }
    const [first, ...rest] = [...callsPerDay.values()];
    expect(first).toBeLessThanOrEqual(3 + 6);
    for (const calls of rest) expect(calls).toBeLessThanOrEqual(6);
    expect(rest.some((calls) => calls > 0)).toBe(true);
  });
});

describe('before any data', () => {
  const cases = [
    {
      name: '401',
      faults: { failWith: { status: 401 as const, remaining: Infinity } },
      status: 502,
      code: 'AUTHENTICATION_REQUIRED',
      calls: 1,
    },
    { name: '403', faults: { failWith: { status: 403 as const, remaining: Infinity } }, status: 502, code: 'INSUFFICIENT_SCOPE', calls: 1 },
    {
      name: '429',
      faults: { failWith: { status: 429 as const, remaining: Infinity } },
      status: 503,
      code: 'RATE_LIMIT_EXCEEDED',
      calls: 1,
    },
    {
      name: '500',
      faults: { failWith: { status: 500 as const, remaining: Infinity } },
      status: 502,
      code: 'UPSTREAM_UNAVAILABLE',
      calls: 1,
    },
    {
      name: '503',
      faults: { failWith: { status: 503 as const, remaining: Infinity } },
      status: 502,
      code: 'UPSTREAM_UNAVAILABLE',
      calls: 3,
    },
    { name: 'timeout', faults: { hang: true }, status: 504, code: 'UPSTREAM_UNAVAILABLE', calls: 3 },
    { name: 'truncated JSON', faults: { malformed: 'truncated-json' as const }, status: 502, code: 'UPSTREAM_UNAVAILABLE', calls: 1 },
    { name: 'an HTML page', faults: { malformed: 'html' as const }, status: 502, code: 'UPSTREAM_UNAVAILABLE', calls: 1 },
    { name: 'the wrong shape', faults: { malformed: 'wrong-shape' as const }, status: 502, code: 'UPSTREAM_UNAVAILABLE', calls: 1 },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code} after ${c.calls} upstream call(s)`, async () => {
      const time = clock();
      const h = await start({
        demo: { leadCount: 50, faults: c.faults },
        now: time.now,
        // Short deadlines only where the hang needs them: a cold first answer on a busy machine can take
        // longer than 150 ms, and a timed-out 401 would be retried.
        clientTuning: {
          timeouts:
            c.name === 'timeout' ? { connectMs: 500, headersMs: 150, bodyMs: 150 } : { connectMs: 2_000, headersMs: 3_000, bodyMs: 3_000 },
          retryBaseDelayMs: 1,
          retryMaxDelayMs: 5,
        },
        waitForSync: false,
      });
      for (const url of ['/api/leads', '/api/leads?stage=Won', '/api/leads/abc', '/api/export/leads.csv']) {
        const response = await h.app.inject(url);
        expect(response.statusCode, url).toBe(c.status);
        expect(response.json()).toEqual({ status: 'error', error_code: c.code, message: expect.any(String) });
        expect(response.body).not.toMatch(/Forbidden|Authentication required|Daily API key|Internal server error|Maintenance/);
        // Retry-After: the time to the next attempt — after the 429 block (2–5 min past midnight), else the
        // first backoff step (30 s, jittered to 15–30 s).
        const retryAfter = Number(response.headers['retry-after']);
        if (c.code === 'RATE_LIMIT_EXCEEDED') expect(retryAfter).toBeGreaterThanOrEqual(3720);
        else expect(retryAfter).toBeGreaterThanOrEqual(15);
        expect(retryAfter).toBeLessThanOrEqual(c.code === 'RATE_LIMIT_EXCEEDED' ? 3900 : 30);
      }
      // One failed sync answers every request; nothing is retried behind the requests' backs.
      expect(h.upstreamCalls()).toBe(c.calls);
      const status = (await h.getJson('/api/status')).body.data;
      expect(status).toMatchObject({ synced_at: null, lead_count: 0, syncing: false, upstream_requests_today: c.calls });
      expect(status.last_error).toEqual(expect.any(String));
    });
  }

  it('after a 429 nothing is called until a few minutes after the UTC reset, then data comes', async () => {
    const time = clock();
    // The demo's real quota is spent: its 429 is what the boot sync meets.
    const h2 = await start({ demo: { leadCount: 50, dailyLimit: 5 }, now: time.now, waitForSync: false });
    h2.demo.quota.used = 5;
    await h2.app.leadStore.settled();
    const refused = await h2.app.inject('/api/leads');
    expect(refused.statusCode).toBe(503);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(3600 + 120);
    expect(retryAfter).toBeLessThanOrEqual(3600 + 300);
    time.advance(30 * 60 * 1000);
    const later = await h2.app.inject('/api/leads');
    expect(later.headers['retry-after']).toBe(String(retryAfter - 1800));
    expect((await h2.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } })).statusCode).toBe(
      429,
    );
    expect(h2.upstreamCalls()).toBe(1);
    h2.demo.quota.used = 0;
    time.advance(30 * 60 * 1000 + 1); // 00:00:00.001: our midnight, maybe not yet Rotor's
    expect((await h2.app.inject('/api/leads')).statusCode).toBe(503);
    expect(h2.upstreamCalls()).toBe(1);
    time.advance(5 * 60_000);
    const next = await h2.app.inject('/api/leads');
    expect(next.statusCode).toBe(200);
    expect(h2.upstreamCalls()).toBe(2);
  });

  it('a request waits for the first sync, but only so long', async () => {
    const h = await start({ demo: { leadCount: 50, faults: { latencyMs: 400 } }, sync: { firstSyncWaitMs: 100 }, waitForSync: false });
    const early = await h.app.inject('/api/leads');
    expect(early.statusCode).toBe(504);
    expect(early.json().error_code).toBe('UPSTREAM_UNAVAILABLE');
    await h.app.leadStore.settled();
    const late = await h.app.inject('/api/leads');
    expect(late.statusCode).toBe(200);
    expect(h.upstreamCalls()).toBe(1);
  });
});

describe('POST /api/refresh', () => {
  it('is refused within 30 s of the last sync, coalesces with one in flight, and costs one sync', async () => {
    const c = clock(Date.UTC(2026, 10, 27, 9, 0, 0));
    const h = await start({ demo: { leadCount: 2100 }, now: c.now });
    expect(h.upstreamCalls()).toBe(3);
    const tooSoon = await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().error_code).toBe('REFRESH_TOO_SOON');
    expect(tooSoon.headers['retry-after']).toBe('30');

    c.advance(31_000);
    h.demo.faults.latencyMs = 20;
    const first = await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    const second = await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    expect(first.statusCode).toBe(202);
    expect(first.json().data.syncing).toBe(true);
    expect(second.statusCode).toBe(202);
    await h.app.leadStore.settled();
    expect(h.upstreamCalls()).toBe(6);
    const status = (await h.getJson('/api/status')).body.data;
    expect(status).toMatchObject({ syncing: false, upstream_requests_today: 6, synced_at: new Date(c.now()).toISOString() });
    expect((await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } })).statusCode).toBe(
      429,
    );
  });

  it('is refused when it would eat into the reserve of one more full sync', async () => {
    const c = clock(); // 23:00 UTC
    // 3 pages per sync; limit 8: boot sync spends 3, 5 left; a refresh would leave 2 < 3.
    const h = await start({ demo: { leadCount: 2100 }, now: c.now, config: { dailyLimit: 8 } });
    c.advance(31_000);
    const refused = await h.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error_code).toBe('REFRESH_TOO_SOON');
    expect(Number(refused.headers['retry-after'])).toBe(3600 - 31);
    expect(h.upstreamCalls()).toBe(3);
  });
});
