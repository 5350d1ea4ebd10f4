// Auth, version header, the daily quota with its UTC reset, the fault knobs and the request log.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/demo-api/app';
import { demoApiOptionsFromEnv } from '../../src/demo-api/env-options';

const headers = { 'x-api-key': 'test-key', 'rotor-api-version': '1.1.0' };
const opened: DemoApi[] = [];
function demoApi(options: Parameters<typeof createDemoApi>[0] = {}): DemoApi {
  const api = createDemoApi({ leadCount: 200, apiKey: 'test-key', ...options });
  opened.push(api);
  return api;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((api) => api.close()));
});

describe('auth and version', () => {
  it.each([
    ['missing key', { 'rotor-api-version': '1.1.0' }],
    ['wrong key', { 'x-api-key': 'nope', 'rotor-api-version': '1.1.0' }],
    ['key in another header', { authorization: 'Bearer test-key', 'rotor-api-version': '1.1.0' }],
  ])('answers 401 AUTHENTICATION_REQUIRED for a %s', async (_case, requestHeaders) => {
    const api = demoApi();
    for (const url of ['/open-api/leads', `/open-api/leads/${api.leads[0]!.id}`, '/open-api/nothing-here']) {
      const response = await api.app.inject({ url, headers: requestHeaders });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        status: 'error',
        error_code: 'AUTHENTICATION_REQUIRED',
        message: 'Authentication required. Provide x-api-key header.',
      });
    }
    expect(api.quota.used).toBe(0); // unauthenticated calls do not count
  });

  it.each([
    ['missing', undefined],
    ['old', '1.0.0'],
    ['garbage', 'latest'],
  ])('answers 400 with a clear envelope when rotor-api-version is %s', async (_case, version) => {
    const api = demoApi();
    const response = await api.app.inject({
      url: '/open-api/leads',
      headers: version === undefined ? { 'x-api-key': 'test-key' } : { 'x-api-key': 'test-key', 'rotor-api-version': version },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ status: 'error', error_code: 'UNSUPPORTED_API_VERSION' });
    expect(body.message).toContain('rotor-api-version');
    expect(body.message).toContain('1.1.0');
  });

  it('takes its key from the options, else "demo" (DEMO_API_KEY is read by npm run demo-api only)', async () => {
    const byDefault = demoApi({ apiKey: undefined });
    const fromEnv = demoApi(demoApiOptionsFromEnv({ DEMO_API_KEY: 'from-env' }));
    const version = { 'rotor-api-version': '1.1.0' };
    expect((await byDefault.app.inject({ url: '/open-api/leads', headers: { ...version, 'x-api-key': 'demo' } })).statusCode).toBe(200);
    expect((await fromEnv.app.inject({ url: '/open-api/leads', headers: { ...version, 'x-api-key': 'from-env' } })).statusCode).toBe(200);
    expect((await fromEnv.app.inject({ url: '/open-api/leads', headers: { ...version, 'x-api-key': 'demo' } })).statusCode).toBe(401);
  });
});

describe('daily quota', () => {
  it('counts every authenticated request and answers 429 past the limit, naming the limit', async () => {
    const api = demoApi({ dailyLimit: 3 });
    const statuses: number[] = [];
    for (const url of ['/open-api/leads', '/open-api/leads/unknown', '/open-api/leads?limit=0', '/open-api/leads', '/open-api/leads/x']) {
      statuses.push((await api.app.inject({ url, headers })).statusCode);
    }
    expect(statuses).toEqual([200, 404, 400, 429, 429]);
    const refused = await api.app.inject({ url: '/open-api/leads', headers });
    expect(refused.json()).toEqual({
      status: 'error',
      error_code: 'RATE_LIMIT_EXCEEDED',
      message: 'Daily API key request limit of 3 exceeded',
    });
  });

  it('uses 1000 by default and honours a spent quota set by the test', async () => {
    const api = demoApi();
    expect(api.quota).toEqual({ used: 0, limit: 1000 });
    await api.app.inject({ url: '/open-api/leads', headers });
    expect(api.quota.used).toBe(1);
    api.quota.used = api.quota.limit;
    const response = await api.app.inject({ url: '/open-api/leads', headers });
    expect(response.statusCode).toBe(429);
    expect(response.json().message).toBe('Daily API key request limit of 1000 exceeded');
  });

  it('resets at 00:00 UTC by the injected clock', async () => {
    let clock = Date.parse('2026-11-27T23:59:58.000Z');
    const api = demoApi({ dailyLimit: 2, now: () => clock });
    const status = async () => (await api.app.inject({ url: '/open-api/leads', headers })).statusCode;
    expect([await status(), await status(), await status()]).toEqual([200, 200, 429]);
    clock = Date.parse('2026-11-27T23:59:59.999Z');
    expect(await status()).toBe(429);
    clock = Date.parse('2026-11-28T00:00:00.000Z');
    expect(await status()).toBe(200);
    expect(api.quota.used).toBe(1);
    expect(await status()).toBe(200);
    expect(await status()).toBe(429);
  });

  it('takes its limit from DEMO_DAILY_LIMIT when started by npm run demo-api', () => {
    expect(demoApi(demoApiOptionsFromEnv({ DEMO_DAILY_LIMIT: '25' })).quota.limit).toBe(25);
    expect(demoApiOptionsFromEnv({ DEMO_LEADS: '300', DEMO_LATENCY_MS: '5', DEMO_LOG: '1' })).toEqual({
      logger: true,
      leadCount: 300,
      faults: { latencyMs: 5 },
    });
    expect(demoApiOptionsFromEnv({ DEMO_LEADS: 'x', DEMO_DAILY_LIMIT: '' })).toEqual({ logger: false });
  });
});

describe('fault knobs', () => {
  const expectedBodies = {
    401: { status: 'error', error_code: 'AUTHENTICATION_REQUIRED', message: 'Authentication required. Provide x-api-key header.' },
    403: {
      status: 'error',
      error_code: 'INSUFFICIENT_SCOPE',
      message: "Forbidden: required scope 'leads:read' not granted for this API key",
    },
    429: { status: 'error', error_code: 'RATE_LIMIT_EXCEEDED', message: 'Daily API key request limit of 1000 exceeded' },
    500: { status: 'error', message: 'Internal server error' },
  } as const;

  it.each([401, 403, 429, 500] as const)('failWith %i answers Rotor’s documented envelope, counting down', async (status) => {
    const api = demoApi();
    api.faults.failWith = { status, remaining: 2 };
    const first = await api.app.inject({ url: '/open-api/leads', headers });
    expect(first.statusCode).toBe(status);
    expect(first.json()).toEqual(expectedBodies[status]);
    expect(api.faults.failWith.remaining).toBe(1);
    expect((await api.app.inject({ url: `/open-api/leads/${api.leads[0]!.id}`, headers })).statusCode).toBe(status);
    expect((await api.app.inject({ url: '/open-api/leads', headers })).statusCode).toBe(200);
  });

  it.each([502, 503, 504] as const)('failWith %i answers a JSON error envelope', async (status) => {
    const api = demoApi();
    api.faults.failWith = { status, remaining: Infinity };
    for (let i = 0; i < 3; i++) {
      const response = await api.app.inject({ url: '/open-api/leads', headers });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ status: 'error' });
    }
    api.resetFaults();
    expect(api.faults).toEqual({ latencyMs: 0, failWith: null, hang: false, malformed: null, paging: null, beforePage: null });
    expect((await api.app.inject({ url: '/open-api/leads', headers })).statusCode).toBe(200);
  });

  it('malformed bodies come with status 200', async () => {
    const api = demoApi();
    api.faults.malformed = 'truncated-json';
    const truncated = await api.app.inject({ url: '/open-api/leads', headers });
    expect(truncated.statusCode).toBe(200);
    expect(truncated.headers['content-type']).toMatch(/application\/json/);
    expect(() => JSON.parse(truncated.body)).toThrow();

    api.faults.malformed = 'html';
    const html = await api.app.inject({ url: `/open-api/leads/${api.leads[0]!.id}`, headers });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toMatch(/^<!DOCTYPE html>/);

    api.faults.malformed = 'wrong-shape';
    const wrong = await api.app.inject({ url: '/open-api/leads', headers });
    expect(wrong.statusCode).toBe(200);
    const body = wrong.json();
    expect(Array.isArray(body.data)).toBe(false);
    expect(body.pagination).toBeNull();

    // Error answers stay errors.
    expect((await api.app.inject({ url: '/open-api/leads/unknown', headers })).json()).toMatchObject({ error_code: 'NOT_FOUND' });
  });

  it('latencyMs delays every answer', async () => {
    const api = demoApi({ faults: { latencyMs: 120 } });
    const started = performance.now();
    const responses = await Promise.all([
      api.app.inject({ url: '/open-api/leads', headers }),
      api.app.inject({ url: '/open-api/leads' }), // a 401 is delayed too
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401]);
  });

  it('hang accepts the request and never answers (seen through a client timeout), and close() still returns', async () => {
    const api = demoApi();
    const baseUrl = await api.listen();
    api.faults.hang = true;
    const started = performance.now();
    await expect(fetch(`${baseUrl}/leads`, { headers, signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|abort/i);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(api.requests).toHaveLength(1);
    // A second hanging request is still open when the API closes.
    const pending = fetch(`${baseUrl}/leads`, { headers }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toHaveLength(2);
    await api.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('over real HTTP', () => {
  it('listen() resolves to a 127.0.0.1 base URL with the base path, and serves leads through fetch', async () => {
    const api = demoApi();
    const baseUrl = await api.listen();
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open-api$/);
    const url = new URL(`${baseUrl}/leads`);
    url.searchParams.set('limit', '5');
    url.searchParams.set('search', 'é');
    const response = await fetch(url, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as {
      data: { name?: string | null; email?: string | null; phone?: string | null }[];
      pagination: { total: number };
    };
    const expectedTotal = api.leads.filter(
      (l) => l.archived !== true && [l.name, l.email, l.phone].some((v) => typeof v === 'string' && v.toLowerCase().includes('é')),
    ).length;
    expect(body.pagination.total).toBe(expectedTotal);
    expect(body.data.length).toBe(Math.min(5, expectedTotal));

    const custom = demoApi({ basePath: '/v1/rotor/' });
    expect(await custom.listen()).toMatch(/\/v1\/rotor$/);
  });
});

describe('request log', () => {
  it('records every request in order with method, path, first-wins query and headers', async () => {
    const api = demoApi();
    await api.app.inject({ url: '/open-api/leads?page=2&tags=solar%2Chot&page=3', headers });
    await api.app.inject({ url: '/open-api/leads/abc' });
    await api.app.inject({ method: 'POST', url: '/open-api/leads', headers, payload: {} });
    expect(api.requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/open-api/leads'],
      ['GET', '/open-api/leads/abc'],
      ['POST', '/open-api/leads'],
    ]);
    expect(api.requests[0]!.query).toEqual({ page: '2', tags: 'solar,hot' });
    expect(api.requests[0]!.headers['rotor-api-version']).toBe('1.1.0');
    expect(api.requests[1]!.headers['x-api-key']).toBeUndefined();
  });
});
