// The whole server against an upstream that fails each way, before any data and with data held:
// every failure gives its documented status and envelope within a bounded time, the app keeps
// answering, held data keeps being served (stale), and upstream calls follow the retry rules
// (timeouts, resets: 1 + 2 retries; everything else: one call, no retry).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { buildApp } from '../../src/server/app';
import {
  okPage,
  misbehaviours,
  sendJson,
  startFaultUpstream,
  UPSTREAM_ERROR_TEXT,
  type FaultUpstream,
} from '../server/support/fault-upstream';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';
import { testServerConfig } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const MAX_BODY_BYTES = 256 * 1024;
/** Short deadlines only where the fault is a timeout (3 attempts must fit BOUND_BEFORE_DATA_MS). */
const SHORT_TIMEOUTS = { connectMs: 300, headersMs: 200, bodyMs: 200 };
/** Everywhere else: a prompt answer that a loaded machine delivers after 200 ms must not count as a
 *  timeout and be retried (that made "1 call" 2 at load ~17). */
const PATIENT_TIMEOUTS = { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 };
const TIMEOUT_FAULTS = new Set(['hang', 'slow-drip body']);
/** Worst case before data: three timed-out attempts plus backoff, well inside firstSyncWaitMs. */
const BOUND_BEFORE_DATA_MS = 2_500;
/** With data held nothing waits for upstream. */
const BOUND_WITH_DATA_MS = 500;

const LEADS = generateDemoLeads(120, 5);
const serveLeads = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, okPage(LEADS));

type Expected = { status: number; code: string; attempts: number };
const EXPECTED: Record<keyof ReturnType<typeof misbehaviours>, Expected> = {
  hang: { status: 504, code: 'UPSTREAM_UNAVAILABLE', attempts: 3 },
  'connection reset': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 3 },
  'slow-drip body': { status: 504, code: 'UPSTREAM_UNAVAILABLE', attempts: 3 },
  'truncated JSON': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 1 },
  'HTML error page': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 1 },
  'wrong shape': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 1 },
  'oversized body': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 1 },
  '500': { status: 502, code: 'UPSTREAM_UNAVAILABLE', attempts: 1 },
  '401': { status: 502, code: 'AUTHENTICATION_REQUIRED', attempts: 1 },
  '403': { status: 502, code: 'INSUFFICIENT_SCOPE', attempts: 1 },
  '429': { status: 503, code: 'RATE_LIMIT_EXCEEDED', attempts: 1 },
};

let upstream: FaultUpstream;
const leaks = new LeakWatch();
const logs = leaks.logStream('fault-matrix logs');
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  upstream = await startFaultUpstream(serveLeads);
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  upstream.reset();
});
afterAll(async () => {
  await upstream.close();
  leaks.expectNoLeak();
});

/** 10:00 UTC on a fixed day; advanced by hand. */
const clock = () => fakeClock(Date.UTC(2026, 10, 27, 10, 0, 0));

async function startApp(now: () => number, fault: string) {
  const app = await buildApp({
    config: testServerConfig(),
    upstream: { url: upstream.baseUrl, apiKey: LEAK_KEY, source: 'rotor' },
    logger: { level: 'debug', stream: logs },
    now,
    clientTuning: {
      timeouts: TIMEOUT_FAULTS.has(fault) ? SHORT_TIMEOUTS : PATIENT_TIMEOUTS,
      maxBodyBytes: MAX_BODY_BYTES,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
    },
    sync: { firstSyncWaitMs: 5_000 },
  });
  apps.push(app);
  return app;
}

async function timed(app: FastifyInstance, url: string, method: 'GET' | 'POST' = 'GET') {
  const started = performance.now();
  const response: LightMyRequestResponse = await app.inject({
    method,
    url,
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' } } : {}),
  });
  const ms = performance.now() - started;
  leaks.addResponse(`${method} ${url}`, response);
  expect(response.body).not.toContain(UPSTREAM_ERROR_TEXT);
  return { response, ms };
}

function expectEnvelope(response: LightMyRequestResponse, expected: Expected) {
  expect(response.statusCode).toBe(expected.status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toEqual({ status: 'error', error_code: expected.code, message: expect.any(String) });
  // Retry-After: to the next attempt — after a 429, the block's end 2–5 min past midnight (14 h away).
  const retryAfter = Number(response.headers['retry-after']);
  if (expected.code === 'RATE_LIMIT_EXCEEDED') expect(retryAfter).toBeGreaterThanOrEqual(14 * 3600 + 120);
  expect(retryAfter).toBeLessThanOrEqual(expected.code === 'RATE_LIMIT_EXCEEDED' ? 14 * 3600 + 300 : 30);
}

/** Every call a sync makes is the list call; nothing else is ever asked of upstream. */
function expectOnlyListCalls() {
  for (const request of upstream.seen) {
    expect(request.method).toBe('GET');
    expect(request.url).toMatch(/^\/open-api\/leads\?archived=true&limit=1000&page=\d+$/);
    expect(request.headers['x-api-key']).toBe(LEAK_KEY);
  }
}

const cases = Object.entries(misbehaviours(MAX_BODY_BYTES)) as [
  keyof typeof EXPECTED,
  ReturnType<typeof misbehaviours>[keyof typeof EXPECTED],
][];

describe('before any data', () => {
  for (const [name, handler] of cases) {
    const expected = EXPECTED[name];
    it(`${name} → ${expected.status} ${expected.code} within ${BOUND_BEFORE_DATA_MS} ms after ${expected.attempts} call(s); recovers`, async () => {
      upstream.handler = handler;
      const time = clock();
      const app = await startApp(time.now, name);
      await app.ready(); // the boot sync starts
      for (const url of ['/api/leads', '/api/leads?stage=Won&sort=name', '/api/leads/abc', '/api/export/leads.csv']) {
        const { response, ms } = await timed(app, url);
        expectEnvelope(response, expected);
        expect(ms).toBeLessThan(BOUND_BEFORE_DATA_MS);
      }
      await app.leadStore.settled();
      // One failed sync answers every request; no call behind the requests' backs.
      expect(upstream.seen).toHaveLength(expected.attempts);
      expectOnlyListCalls();
      const status = await timed(app, '/api/status');
      expect(status.response.statusCode).toBe(200);
      expect(status.response.json().data).toMatchObject({ lead_count: 0, synced_at: null, upstream_requests_today: expected.attempts });

      // Still up: once upstream heals (and the backoff — or, after a 429, the block past the UTC reset — has passed) data flows.
      upstream.handler = serveLeads;
      time.advance(expected.code === 'RATE_LIMIT_EXCEEDED' ? 14 * 3600_000 + 300_000 : 61_000);
      const healed = await timed(app, '/api/leads?limit=1000&archived=true');
      expect(healed.response.statusCode).toBe(200);
      expect(healed.response.json().pagination.total).toBe(LEADS.length);
      expect(healed.response.json().meta.stale).toBe(false);
    });
  }
});

describe('with data held', () => {
  for (const [name, handler] of cases) {
    const expected = EXPECTED[name];
    it(`${name} during a refresh: the held data is served at once, stale; ${expected.attempts} call(s)`, async () => {
      upstream.handler = serveLeads;
      const time = clock();
      const app = await startApp(time.now, name);
      await app.ready();
      await app.leadStore.settled();
      const fresh = await timed(app, '/api/leads?limit=1000&archived=true');
      expect(fresh.response.json().meta.stale).toBe(false);
      const freshIds = fresh.response.json().data.map((lead: { id: string }) => lead.id);
      // The boot sync may have retried an attempt that timed out (short deadlines on a loaded machine):
      // count what it paid, and wait until each of those requests has reached upstream before forgetting
      // them, so none lands among the refresh's calls.
      const bootCalls: number = (await timed(app, '/api/status')).response.json().data.upstream_requests_today;
      for (const deadline = Date.now() + 2_000; upstream.seen.length < bootCalls && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(upstream.seen).toHaveLength(bootCalls);
      upstream.seen.length = 0;

      upstream.handler = handler;
      time.advance(301_000); // past the TTL: the next request starts a background refresh
      for (const url of ['/api/leads?limit=1000&archived=true', '/api/leads/' + freshIds[0], '/api/export/leads.csv', '/api/status']) {
        const { response, ms } = await timed(app, url);
        expect(response.statusCode, url).toBe(200);
        expect(ms).toBeLessThan(BOUND_WITH_DATA_MS);
      }
      await app.leadStore.settled();
      expect(upstream.seen).toHaveLength(expected.attempts);
      expectOnlyListCalls();

      const during = await timed(app, '/api/leads?limit=1000&archived=true');
      expect(during.response.statusCode).toBe(200);
      expect(during.response.json().meta).toEqual({ synced_at: fresh.response.json().meta.synced_at, stale: true });
      expect(during.response.json().data.map((lead: { id: string }) => lead.id)).toEqual(freshIds);
      // A manual refresh while upstream is broken is accepted or refused, never a 5xx.
      time.advance(31_000);
      const refresh = await timed(app, '/api/refresh', 'POST');
      expect([202, 429]).toContain(refresh.response.statusCode);
      await app.leadStore.settled();
      // No more calls than one more sync's worth, and none at all once a 429 has blocked the day.
      const extra = upstream.seen.length - expected.attempts;
      expect(extra).toBeLessThanOrEqual(expected.code === 'RATE_LIMIT_EXCEEDED' ? 0 : expected.attempts);
      const status = (await timed(app, '/api/status')).response.json().data;
      expect(status).toMatchObject({ stale: true, lead_count: LEADS.length, upstream_requests_today: bootCalls + upstream.seen.length });
    });
  }
});
