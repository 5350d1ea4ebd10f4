// Issue 9 through a listening server, as an attacker would send it: raw HTTP with a chosen Host header
// (DNS rebinding), cross-site POST/DELETE shapes, huge list params, formula-bearing CSV cells, and the
// one-time warning about X-Forwarded-For from an undeclared proxy.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { ErrorEnvelope } from '../../src/shared/api-types';
import type { Lead } from '../../src/shared/lead';
import { csvRecords } from '../support/csv';
import { useHarnesses, type HarnessOptions } from '../support/dashboard-harness';

const KEY = 'security-test-key-123';
const staticDir = mkdtempSync(path.join(tmpdir(), 'sec-dist-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rotor Leads</title>');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

const startHarness = useHarnesses();
const start = (options: HarnessOptions = {}) =>
  startHarness({ demo: { apiKey: KEY, leadCount: 60, seed: 3 }, staticDir, listen: true, ...options });

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (fetch would not let us set Host). */
function raw(baseUrl: string, method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path: pathname, headers, setHost: !('host' in headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const envelopeOf = (response: RawResponse) => JSON.parse(response.body) as ErrorEnvelope;

describe('DNS rebinding: the Host header must be one the server expects', () => {
  const PATHS = ['/api/export/leads.csv', '/api/leads', '/api/status', '/', '/index.html', '/leads/some-client-route', '/api/nope'];

  it('without an auth mode: a foreign Host gets 421 FORBIDDEN_HOST on every path, static files included', async () => {
    const d = await start();
    const port = new URL(d.baseUrl).port;
    for (const host of [
      'attacker.example:' + port,
      'attacker.example',
      '192.168.1.20:' + port,
      'localhost.attacker.example',
      '127.0.0.1.nip.io',
    ]) {
      for (const pathname of PATHS) {
        const response = await raw(d.baseUrl, 'GET', pathname, { host, accept: 'text/html' });
        expect(response.status, `${host} ${pathname}`).toBe(421);
        expect(envelopeOf(response)).toEqual({ status: 'error', error_code: 'FORBIDDEN_HOST', message: expect.any(String) });
        expect(response.body).not.toContain('@');
      }
    }
    // No Host at all (HTTP/1.0 style) is not a loopback name either.
    expect((await raw(d.baseUrl, 'GET', '/api/leads', { host: '' })).status).toBe(421);
    // The refused requests cost nothing and leaked nothing; loopback names keep working, any port.
    for (const host of ['127.0.0.1:' + port, 'localhost:' + port, 'LOCALHOST', '127.1.2.3:9', '[::1]:' + port, '[::1]']) {
      const response = await raw(d.baseUrl, 'GET', '/api/leads?limit=1', { host });
      expect(response.status, host).toBe(200);
    }
    expect((await raw(d.baseUrl, 'GET', '/', { host: 'localhost', accept: 'text/html' })).status).toBe(200);
  });

  it('with an auth mode, ALLOWED_HOSTS (plus loopback names) is applied the same way; unset, any host passes', async () => {
    const auth = { mode: 'trusted-header' as const, header: 'x-user', trustedProxies: ['127.0.0.1', '::1'], cookieSecure: false };
    const limited = await start({ config: { auth, allowedHosts: ['leads.example.com', 'other.example:8443'] } });
    const asUser = (host: string, pathname = '/api/status') => raw(limited.baseUrl, 'GET', pathname, { host, 'x-user': 'ana' });
    expect((await asUser('leads.example.com')).status).toBe(200);
    expect((await asUser('LEADS.example.com:443')).status).toBe(200);
    expect((await asUser('other.example:8443')).status).toBe(200);
    expect((await asUser('other.example:9999')).status).toBe(421);
    expect((await asUser('127.0.0.1')).status).toBe(200);
    const refused = await asUser('attacker.example');
    expect(refused.status).toBe(421);
    expect(envelopeOf(refused).error_code).toBe('FORBIDDEN_HOST');
    expect((await raw(limited.baseUrl, 'GET', '/', { host: 'attacker.example', accept: 'text/html' })).status).toBe(421);

    const open = await start({ config: { auth } });
    expect((await raw(open.baseUrl, 'GET', '/api/status', { host: 'anything.example', 'x-user': 'ana' })).status).toBe(200);
  });
});

describe('cross-site POST/DELETE: a JSON content type is required in every mode', () => {
  it('without an auth mode: POST /api/refresh and DELETE /api/session without JSON → 415, with it (body or not) → answered', async () => {
    const d = await start();
    const callsBefore = d.upstreamCalls();
    const shapes: [string, string, Record<string, string>, string | undefined][] = [
      ['POST', '/api/refresh', {}, undefined],
      ['POST', '/api/refresh', { 'content-type': 'text/plain' }, '{}'],
      ['POST', '/api/refresh', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
      ['POST', '/api/refresh', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
      ['DELETE', '/api/session', {}, undefined],
      ['POST', '/api/session', { 'content-type': 'text/plain' }, '{"username":"a","password":"b"}'],
    ];
    for (const [method, pathname, headers, body] of shapes) {
      const response = await raw(d.baseUrl, method, pathname, headers, body);
      expect(response.status, `${method} ${pathname} ${JSON.stringify(headers)}`).toBe(415);
      expect(envelopeOf(response).error_code).toBe('INVALID_PARAMETER');
    }
    expect(d.upstreamCalls()).toBe(callsBefore);
    // The SPA's shape, and a JSON POST without a body: answered (429: the boot sync was just now).
    const json = { 'content-type': 'application/json' };
    expect((await raw(d.baseUrl, 'POST', '/api/refresh', json, '{}')).status).toBe(429);
    expect((await raw(d.baseUrl, 'POST', '/api/refresh', json)).status).toBe(429);
    expect((await raw(d.baseUrl, 'DELETE', '/api/session', json)).status).toBe(204);
  });
});

describe('list params: capped before any de-duplication', () => {
  it('a 16 KB stage= list answers 400 at once; 50 values (duplicates included) are fine, 51 are not', async () => {
    const d = await start();
    const huge = Array.from({ length: 3300 }, (_, i) => `s${i}`)
      .join(',')
      .slice(0, 16 * 1024);
    const timeOf = async (query: string) => {
      const started = performance.now();
      const response = await d.app.inject({ method: 'GET', url: `/api/leads?${query}` });
      return { ms: performance.now() - started, response };
    };
    const first = await timeOf(`stage=${huge}`);
    expect(first.response.statusCode).toBe(400);
    expect(first.response.json<ErrorEnvelope>().message).toMatch(/at most 50 values/);
    // Median over repeats against an equally refused short query: the list itself must add well under 1 ms.
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
    const hugeTimes: number[] = [];
    const baseTimes: number[] = [];
    for (let i = 0; i < 41; i++) {
      hugeTimes.push((await timeOf(`stage=${huge}`)).ms);
      baseTimes.push((await timeOf('limit=0')).ms);
    }
    expect(median(hugeTimes) - median(baseTimes)).toBeLessThan(1);

    const values = (n: number, distinct = n) => Array.from({ length: n }, (_, i) => `v${i % distinct}`).join(',');
    expect((await d.app.inject(`/api/leads?tags=${values(50)}`)).statusCode).toBe(200);
    expect((await d.app.inject(`/api/leads?tags=${values(51)}`)).statusCode).toBe(400);
    expect((await d.app.inject(`/api/leads?tags=${values(51, 2)}`)).statusCode).toBe(400);
    expect((await d.app.inject(`/api/leads?stage=Won,,Won, ,Lost`)).statusCode).toBe(200);
  });
});

describe('CSV export: formulas after ";" or a tab inside a cell are neutralised', () => {
  it('every ;/tab-separated part starting with = + - @ gets a leading quote; the file stays RFC 4180 with a BOM', async () => {
    const base = generateDemoLeads(3, 5);
    const tricky: Lead = {
      ...base[0],
      id: 'lead-tricky',
      name: 'Ann;=HYPERLINK("http://evil.example","x")',
      notes: 'call back\t+1 555 0100;  @SUM(A1)',
      tags: ['vip', '-cmd', '=1+1'],
      assigned_to: 'ok; fine',
    };
    const d = await start({ demo: { apiKey: KEY, leads: [tricky, ...base.slice(1)] } });
    const response = await fetch(new URL('/api/export/leads.csv', d.baseUrl));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM (fetch's text() would drop it)
    const text = bytes.toString('utf8');
    const row = csvRecords(text).find((r) => r.id === 'lead-tricky');
    expect(row).toBeDefined();
    expect(row!.name).toBe(`Ann;'=HYPERLINK("http://evil.example","x")`);
    expect(row!.notes).toBe("call back\t'+1 555 0100;  '@SUM(A1)");
    expect(row!.tags).toBe("vip; '-cmd; '=1+1");
    expect(row!.assigned_to).toBe('ok; fine');
    // No part of any cell, split at ; or tab, starts with a formula character.
    for (const record of csvRecords(text))
      for (const cell of Object.values(record))
        for (const part of cell.split(/[;\t]/).slice(1)) expect(part.trimStart()).not.toMatch(/^[=+\-@]/);
    // Cells holding ; or a tab are quoted, so a ;-locale spreadsheet keeps them whole.
    expect(text).toContain(`"ok; fine"`);
  });
});

describe('X-Forwarded-For from a peer not in AUTH_TRUSTED_PROXIES', () => {
  it('is logged once (an undeclared proxy in front makes every client share one IP)', async () => {
    const lines: string[] = [];
    const d = await start({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    const warning = () => lines.filter((line) => line.includes('X-Forwarded-For from a peer not in AUTH_TRUSTED_PROXIES'));
    await raw(d.baseUrl, 'GET', '/api/status');
    expect(warning()).toHaveLength(0);
    for (let i = 0; i < 3; i++) await raw(d.baseUrl, 'GET', '/api/status', { 'x-forwarded-for': `198.51.100.${i}` });
    expect(warning()).toHaveLength(1);
    expect(JSON.parse(warning()[0]!).level).toBe(40);
    for (const line of lines) expect(line).not.toContain(KEY);
  });
});
