// The upstream client against a throwaway loopback server that misbehaves on demand:
// URL building, outbound headers, every timeout phase, size cap, shape checks and the retry policy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RotorClient, type RotorClientOptions } from '../../src/server/upstream/rotor-client';
import { UpstreamError } from '../../src/server/upstream/upstream-error';
import { okPage, sendJson, startFaultUpstream, type FaultUpstream, type Handler } from './support/fault-upstream';

let upstream: FaultUpstream;
let origin = '';
// Views on the shared fault server, so each case reads `handler = …` and `seen`.
let handler: Handler;
let seen: FaultUpstream['seen'] = [];

beforeAll(async () => {
  upstream = await startFaultUpstream((req, res) => handler(req, res));
  origin = upstream.origin;
  seen = upstream.seen;
});
afterAll(async () => {
  await upstream.close();
});
afterEach(() => {
  upstream.reset();
});

function client(options: Partial<RotorClientOptions> = {}) {
  let attempts = 0;
  const instance = new RotorClient({
    baseUrl: `${origin}/open-api`,
    apiKey: 'test-key-123456',
    timeouts: { connectMs: 1_000, headersMs: 300, bodyMs: 300 },
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    onAttempt: () => attempts++,
    ...options,
  });
  return { instance, attempts: () => attempts };
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected the call to fail');
}

describe('requests', () => {
  it('keeps the base path, drops trailing slashes, encodes params and ids', async () => {
    handler = (_req, res) => sendJson(res, 200, okPage());
    for (const base of [`${origin}/open-api`, `${origin}/open-api/`, `${origin}/open-api//`]) {
      const { instance } = client({ baseUrl: base });
      await instance.listLeads({ archived: true, limit: 1000, page: 2, search: 'a&b=c d', stage: 'Won', tags: ['x', 'y z'] });
      instance.close();
    }
    const expected = '/open-api/leads?archived=true&limit=1000&page=2&search=a%26b%3Dc+d&stage=Won&tags=x%2Cy+z';
    expect(seen.map((s) => s.url)).toEqual([expected, expected, expected]);

    handler = (_req, res) => sendJson(res, 200, JSON.stringify({ data: { id: 'a/b', name: 'X' }, status: 'success' }));
    const { instance } = client();
    expect(await instance.getLead('a/b?c')).toEqual({ id: 'a/b', name: 'X' });
    expect(seen.at(-1)?.url).toBe('/open-api/leads/a%2Fb%3Fc');
    instance.close();
  });

  it('sends only the key, the version and accept headers it builds itself', async () => {
    handler = (_req, res) => sendJson(res, 200, okPage());
    const { instance } = client();
    await instance.listLeads({});
    instance.close();
    const headers = seen[0]!.headers;
    expect(headers['x-api-key']).toBe('test-key-123456');
    expect(headers['rotor-api-version']).toBe('1.1.0');
    expect(headers.accept).toBe('application/json');
    expect(Object.keys(headers).sort()).toEqual(['accept', 'connection', 'host', 'rotor-api-version', 'x-api-key']);
  });

  it('returns one lead as null on 404 and validates the page shape', async () => {
    handler = (_req, res) => sendJson(res, 404, '{"status":"error","message":"Lead not found"}');
    const { instance } = client();
    expect(await instance.getLead('nope')).toBeNull();
    handler = (_req, res) =>
      sendJson(
        res,
        200,
        '{"data":[{"id":7,"name":3,"tags":["a",1],"priority":"urgent","location":[1,2],"projected_value":"x",' +
          '"updated_at":"2026-01-01","__proto__":{"polluted":true}}],' +
          '"pagination":{"has_more":false,"limit":50,"page":1,"total":1},"status":"success"}',
      );
    const page = await instance.listLeads({});
    // Wrong-typed fields are dropped; a numeric id is kept as the same id in string form;
    // fields the contract doesn't name pass through, except a prototype-changing key.
    expect(Array.from(page.leads)).toEqual([{ id: '7', tags: ['a'], location: [1, 2], updated_at: '2026-01-01' }]);
    expect(page.ids).toEqual(['7']);
    expect(Object.getPrototypeOf(page.leads.at(0))).toBe(Object.prototype);
    instance.close();
  });
});

describe('failures', () => {
  const cases: { name: string; handle: Handler; kind: UpstreamError['kind']; attempts: number }[] = [
    { name: '401', handle: (_q, r) => sendJson(r, 401, '{"status":"error","message":"no"}'), kind: 'authentication', attempts: 1 },
    { name: '403', handle: (_q, r) => sendJson(r, 403, '{"status":"error","message":"no"}'), kind: 'scope', attempts: 1 },
    { name: '429', handle: (_q, r) => sendJson(r, 429, '{"status":"error","message":"no"}'), kind: 'rate-limit', attempts: 1 },
    { name: '400', handle: (_q, r) => sendJson(r, 400, '{"status":"error","message":"no"}'), kind: 'malformed', attempts: 1 },
    { name: '500', handle: (_q, r) => sendJson(r, 500, '{"status":"error"}'), kind: 'unavailable', attempts: 1 },
    { name: '502', handle: (_q, r) => sendJson(r, 502, 'bad gateway'), kind: 'unavailable', attempts: 3 },
    { name: '503', handle: (_q, r) => sendJson(r, 503, ''), kind: 'unavailable', attempts: 3 },
    { name: '504', handle: (_q, r) => sendJson(r, 504, ''), kind: 'unavailable', attempts: 3 },
    {
      name: 'a redirect (not followed)',
      handle: (_q, r) => (r.writeHead(302, { location: 'http://127.0.0.1:1/' }), r.end()),
      kind: 'malformed',
      attempts: 1,
    },
    { name: 'a connection reset', handle: (req) => req.socket.destroy(), kind: 'unavailable', attempts: 3 },
    { name: 'no headers (hang)', handle: () => undefined, kind: 'timeout', attempts: 3 },
    {
      name: 'a slow-drip body',
      handle: (_q, r) => {
        r.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => r.write(' '), 50);
        r.on('close', () => clearInterval(timer));
      },
      kind: 'timeout',
      attempts: 3,
    },
    { name: 'truncated JSON', handle: (_q, r) => sendJson(r, 200, okPage().slice(0, 30)), kind: 'malformed', attempts: 1 },
    {
      name: 'an HTML page',
      handle: (_q, r) => (r.writeHead(200, { 'content-type': 'text/html' }), r.end('<html>down</html>')),
      kind: 'malformed',
      attempts: 1,
    },
    {
      name: 'data not an array',
      handle: (_q, r) => sendJson(r, 200, '{"data":{"items":[]},"pagination":null}'),
      kind: 'malformed',
      attempts: 1,
    },
    { name: 'a non-object lead', handle: (_q, r) => sendJson(r, 200, okPage([1 as unknown as object])), kind: 'malformed', attempts: 1 },
    { name: 'no has_more', handle: (_q, r) => sendJson(r, 200, '{"data":[],"pagination":{"page":1}}'), kind: 'malformed', attempts: 1 },
    {
      name: 'a body over the size cap',
      handle: (_q, r) => sendJson(r, 200, okPage([{ id: 'x', notes: 'n'.repeat(5000) }])),
      kind: 'malformed',
      attempts: 1,
    },
    {
      name: 'an oversized body without content-length',
      handle: (_q, r) => {
        r.writeHead(200, { 'content-type': 'application/json' });
        r.write('{"data":[');
        r.end('"'.padEnd(6000, 'x'));
      },
      kind: 'malformed',
      attempts: 1,
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.kind} after ${c.attempts} attempt(s), no upstream text in the error`, async () => {
      handler = c.handle;
      const { instance, attempts } = client({ maxBodyBytes: 4096 });
      const error = await failure(instance.listLeads({ archived: true }));
      instance.close();
      expect(error.kind).toBe(c.kind);
      expect(attempts()).toBe(c.attempts);
      expect(seen).toHaveLength(c.attempts);
      for (const text of ['no"', 'bad gateway', 'down', 'Ann', 'Lead not found']) expect(error.message).not.toContain(text);
    });
  }

  it('succeeds when a retry does: 503 then 200', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls === 1 ? sendJson(res, 503, '') : sendJson(res, 200, okPage()));
    const { instance, attempts } = client();
    const page = await instance.listLeads({});
    instance.close();
    expect(page.leads).toHaveLength(1);
    expect(attempts()).toBe(2);
  });
});
