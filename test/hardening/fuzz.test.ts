// Random requests against the real app (demo API upstream, data held): query strings with unicode,
// percent-garbage, huge values, repeated keys and prototype-pollution names; random paths, methods,
// headers and bodies. Under /api/ every answer is a documented status with the JSON envelope (never a
// 5xx), and upstream only ever sees GET <base>/leads and GET <base>/leads/{id}.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/api-types';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';

/**
 * 200/202 success; 400, 404 and 429 (refresh too soon) from docs/api.md; 413/415 are body errors, INVALID_PARAMETER;
 * 204 and 401 UNAUTHENTICATED are the session routes' (issue 6: sign-out, no session).
 */
const API_STATUSES = new Set([200, 202, 204, 400, 401, 404, 413, 415, 429]);
const RUNS = { query: 4_000, path: 2_500, header: 2_000, body: 2_000 };

let h: Harness;
const leaks = new LeakWatch();
const logs = leaks.logStream('fuzz logs');
let cases = 0;

let spaDir = '';

beforeAll(async () => {
  // A small SPA build, so paths outside /api/ go through the static files and the history fallback.
  spaDir = mkdtempSync(path.join(tmpdir(), 'rotor-fuzz-spa-'));
  mkdirSync(path.join(spaDir, 'assets'));
  writeFileSync(path.join(spaDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(path.join(spaDir, 'assets', 'app-1234.js'), 'console.log(1)');
  h = await startHarness({
    staticDir: spaDir,
    demo: { leadCount: 150, apiKey: LEAK_KEY },
    serverApiKey: LEAK_KEY,
    logger: { level: 'info', stream: logs },
  });
});
afterAll(async () => {
  await h?.close();
  rmSync(spaDir, { recursive: true, force: true });
  leaks.expectNoLeak();
});

/** Documented answer shapes: the envelope for errors, success bodies for 2xx. */
function checkApiResponse(method: string, url: string, compressed: LightMyRequestResponse) {
  cases++;
  const response = decoded(compressed);
  leaks.addResponse(`${method} ${url}`, response);
  const where = `${method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`;
  expect(API_STATUSES.has(response.statusCode), where).toBe(true);
  if (method === 'HEAD' || response.statusCode === 204) return;
  const type = String(response.headers['content-type'] ?? '');
  if (response.statusCode >= 400) {
    expect(type, where).toMatch(/^application\/json/);
    const body = response.json();
    expect(Object.keys(body).sort(), where).toEqual(['error_code', 'message', 'status']);
    expect(body.status).toBe('error');
    expect(ERROR_CODES).toContain(body.error_code);
    expect(typeof body.message).toBe('string');
    if (response.statusCode === 429) expect(body.error_code).toBe('REFRESH_TOO_SOON');
    if (response.statusCode === 401) expect(body.error_code).toBe('UNAUTHENTICATED');
    return;
  }
  if (type.startsWith('text/csv')) return;
  expect(type, where).toMatch(/^application\/json/);
  expect(response.json().status, where).toBe('success');
}

/** The response with its body decompressed (the header fuzz asks for gzip, br and deflate). */
function decoded(response: LightMyRequestResponse): LightMyRequestResponse {
  const encoding = response.headers['content-encoding'];
  if (encoding === undefined || response.rawPayload.length === 0) return response;
  const decode = { gzip: zlib.gunzipSync, br: zlib.brotliDecompressSync, deflate: zlib.inflateSync }[String(encoding)];
  if (decode === undefined) throw new Error(`unexpected content-encoding ${String(encoding)}`);
  const rawPayload = decode(response.rawPayload);
  const body = rawPayload.toString('utf8');
  return { ...response, rawPayload, body, json: () => JSON.parse(body) } as LightMyRequestResponse;
}

function expectOnlyAllowedUpstreamCalls() {
  for (const request of h.demo.requests) {
    expect(request.method).toBe('GET');
    expect(request.path).toMatch(/^\/open-api\/leads(\/[^/]+)?$/);
  }
}

// ---- building blocks ----

const DANGEROUS_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];
const PARAM_NAMES = ['search', 'stage', 'tags', 'archived', 'page', 'limit', 'sort', 'utm_source', ...DANGEROUS_NAMES];
const GARBAGE = [
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '%FF%FE',
  '%u0041',
  '+',
  '&',
  '=',
  '==',
  '#',
  '?',
  ';',
  '%2',
  '\u{1F600}',
  '\u0000',
  'ǅ',
  'ﬃ',
  'İ',
  '𝔘',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', 'true', 'false', '0', '-1', '1e3', '1.5', '999999999999999999999', 'NaN', '-created_at', 'name'),
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
/** A query component: properly encoded text, or raw garbage as a hand-typed URL might carry. */
const component = fc.oneof(
  anyText.map((text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
  fc.array(fc.constantFrom(...GARBAGE), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom('a', 'b', ',', ' ', '-', 'Won', 'solar'), { maxLength: 12 }).map((parts) => encodeURIComponent(parts.join(''))),
);
const paramName = fc.oneof(
  fc.constantFrom(...PARAM_NAMES),
  component,
  fc.constantFrom(...PARAM_NAMES).map((name) => `${name}[]`),
);
const queryString = fc
  .array(fc.tuple(paramName, fc.option(component, { nil: undefined })), { maxLength: 8 })
  .map((pairs) => pairs.map(([name, value]) => (value === undefined ? name : `${name}=${value}`)).join('&'));

/** Raw URLs can't carry spaces, controls or non-ASCII: a client would have to escape those. */
const urlSafe = (text: string) => text.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c.replace(/[\uD800-\uDFFF]/g, '\uFFFD')));

describe('fuzzing', () => {
  it(`${RUNS.query} random query strings on the read routes`, async () => {
    const routes = ['/api/leads', '/api/export/leads.csv', '/api/status', '/api/leads/', `/api/leads/${h.demo.leads[0]!.id}`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), queryString, async (route, query) => {
        const url = urlSafe(`${route}?${query}`);
        const response = await h.app.inject({ method: 'GET', url });
        checkApiResponse('GET', url, response);
      }),
      { numRuns: RUNS.query },
    );
    expectOnlyAllowedUpstreamCalls();
  });

  it(`${RUNS.path} random paths and methods under /api/`, async () => {
    const segment = fc.oneof(
      fc.constantFrom('leads', 'status', 'refresh', 'export', 'leads.csv', '..', '.', '', '%2e%2e', '%2F', ...DANGEROUS_NAMES),
      component,
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => encodeURIComponent(text)),
      fc.integer({ min: 100, max: 3_000 }).map((n) => 'a'.repeat(n)),
    );
    const methods = http.METHODS.filter((method) => method !== 'CONNECT');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.constantFrom('/api/', '/api/', '/api/', '/', '/assets/', '/api', '/assets/app-1234.js/', '/index.html/'),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.option(queryString),
        async (method, prefix, segments, query) => {
          const url = urlSafe(`${prefix}${segments.join('/')}${query === null ? '' : `?${query}`}`);
          // Half of them as page navigations, which the SPA's history fallback answers.
          const headers = segments.length % 2 === 0 ? { accept: 'text/html,*/*' } : {};
          const response = await h.app.inject({ method: method as 'GET', url, headers });
          // Outside /api/ (dot segments may normalise out of it too) the answer is the SPA's: just never a 5xx.
          if (!new URL(`http://x${url}`).pathname.startsWith('/api/')) {
            cases++;
            expect(response.statusCode, `${method} ${url}`).toBeLessThan(500);
            return;
          }
          checkApiResponse(method, url, response);
        },
      ),
      { numRuns: RUNS.path },
    );
    expectOnlyAllowedUpstreamCalls();
  });

  it(`${RUNS.header} random headers`, async () => {
    const headerName = fc.oneof(
      fc.constantFrom(
        'accept',
        'accept-encoding',
        'accept-language',
        'cookie',
        'authorization',
        'x-api-key',
        'x-forwarded-for',
        'x-forwarded-proto',
        'x-forwarded-host',
        'forwarded',
        'origin',
        'referer',
        'if-none-match',
        'if-modified-since',
        'range',
        'content-type',
        'user-agent',
        'x-http-method-override',
        'rotor-api-version',
        'x-forwarded-email',
        'x-real-ip',
      ),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
    );
    // Header values: visible ASCII and spaces, as HTTP allows; sometimes long; sometimes the key itself,
    // which must not be echoed (in a query value it may be: a selected facet value is listed back).
    const headerValue = fc.oneof(
      fc.stringMatching(/^[\x20-\x7e]{0,200}$/),
      fc.constantFrom(
        'gzip, br, deflate',
        'identity;q=0',
        '*/*;q=0',
        'bytes=0-1,5-',
        'text/html',
        LEAK_KEY,
        '127.0.0.1, ::1',
        '__proto__=1',
      ),
      fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'v'.repeat(n)),
    );
    const routes = [
      '/api/leads?search=a',
      '/api/export/leads.csv?sort=name',
      '/api/status',
      `/api/leads/${h.demo.leads[1]!.id}`,
      '/api/nope',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.dictionary(headerName, headerValue, { maxKeys: 6 }),
        fc.constantFrom('GET', 'HEAD'),
        async (url, headers, method) => {
          const response = await h.app.inject({ method: method as 'GET', url, headers });
          checkApiResponse(method, url, response);
        },
      ),
      { numRuns: RUNS.header },
    );
    expectOnlyAllowedUpstreamCalls();
  });

  it(`${RUNS.body} random bodies`, async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        '',
        'application/json;;',
        '*/*',
        'application/vnd.api+json',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,15}$/),
    );
    const body = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '{',
        '[]',
        'null',
        '{"a":1}'.repeat(4000),
      ),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    );
    const routes = ['/api/refresh', '/api/leads', '/api/status', '/api/export/leads.csv', '/api/leads/x1', '/api/session'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
        contentType,
        body,
        async (url, method, type, payload) => {
          const headers = type === '' ? {} : { 'content-type': type };
          const response = await h.app.inject({ method: method as 'POST', url, headers, payload });
          checkApiResponse(method, url, response);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: RUNS.body },
    );
    expectOnlyAllowedUpstreamCalls();
  });

  it("a path segment over the router limit is a 400, not Fastify's 414 (found by the path fuzz)", async () => {
    for (const url of [`/api/leads/${'a'.repeat(1100)}/`, `/api/leads/${'a'.repeat(1100)}`, `/api/${'b'.repeat(5000)}/x`]) {
      const response = await h.app.inject({ method: 'GET', url });
      checkApiResponse('GET', url, response);
      if (response.statusCode !== 404) expect(response.json()).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });
      expect(response.statusCode).not.toBe(414);
    }
  });

  it('paths the static files refuse to resolve (`//`, `%00`) are 404 NOT_FOUND, not 403 (found by the path fuzz)', async () => {
    for (const url of ['/api//', '/api/%00=/', '/api/leads//x', '/assets//', '/%00']) {
      const response = await h.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ status: 'error', error_code: 'NOT_FOUND' });
    }
  });

  it('covered at least 10,000 cases', () => {
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });
});
