// The Rotor API key never leaves the server except in the outbound x-api-key header: not in any
// response body or header, not in any log line — through every route, including every error path.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/dashboard-harness';

const MARKER = `key-MARKER-${randomUUID()}`;
const logLines: string[] = [];
const logStream = { write: (line: string) => void logLines.push(line) };

let h: Harness;
let dir: string;
const responses: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'spa-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  h = await startHarness({
    demo: { leadCount: 60, apiKey: MARKER },
    serverApiKey: MARKER,
    staticDir: dir,
    logger: { level: 'trace', stream: logStream },
    clientTuning: { timeouts: { connectMs: 500, headersMs: 150, bodyMs: 150 }, retryBaseDelayMs: 1, retryMaxDelayMs: 2 },
    sync: { minRefreshGapMs: 0 },
  });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function hit(method: 'GET' | 'POST' | 'HEAD' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: string) {
  const response = await h.app.inject({ method, url, headers: { 'x-api-key': MARKER, ...headers }, ...(payload ? { payload } : {}) });
  responses.push(JSON.stringify(response.headers) + '\n' + response.body);
  return response;
}

describe('the API key', () => {
  it('is sent upstream in the x-api-key header only', () => {
    expect(h.demo.requests.length).toBeGreaterThan(0);
    for (const request of h.demo.requests) {
      expect(request.headers['x-api-key']).toBe(MARKER);
      expect(request.path + JSON.stringify(request.query)).not.toContain(MARKER);
    }
  });

  it('appears in no response and no log line, whatever the route or error', async () => {
    const id = h.demo.leads[0]!.id!;
    // Every route, happy paths first (the browser even sends the key back at us: it must not echo).
    await hit('GET', '/api/leads?search=a&sort=name');
    await hit('GET', `/api/leads/${id}`);
    await hit('GET', '/api/export/leads.csv');
    await hit('GET', '/api/status');
    await hit('GET', '/', { accept: 'text/html' });
    await hit('GET', '/some/view', { accept: 'text/html' });
    // Client errors.
    await hit('GET', '/api/leads?limit=0');
    await hit('GET', `/api/leads?search=${MARKER}`); // a client sending it as data is not echoed either
    await hit('GET', '/api/leads/bad%20id');
    await hit('GET', '/api/leads/unknown-id');
    await hit('GET', '/api/nope');
    await hit('DELETE', '/api/leads');
    await hit('POST', '/api/refresh', { 'content-type': 'application/json' }, '{bad');
    await hit('POST', '/api/refresh', { 'content-type': 'text/xml' }, '<x/>');
    await hit('GET', '/api/leads/%E0%A4%A');
    // Upstream failures while data is held, then a refresh that fails each way.
    for (const faults of [
      { failWith: { status: 401 as const, remaining: Infinity } },
      { failWith: { status: 403 as const, remaining: Infinity } },
      { failWith: { status: 503 as const, remaining: Infinity } },
      { malformed: 'html' as const },
      { malformed: 'truncated-json' as const },
      { hang: true },
      { failWith: { status: 429 as const, remaining: Infinity } },
    ]) {
      h.demo.resetFaults();
      Object.assign(h.demo.faults, faults);
      await hit('POST', '/api/refresh', { 'content-type': 'application/json' });
      await h.app.leadStore.settled();
      await hit('GET', '/api/leads');
      await hit('GET', '/api/status');
    }
    h.demo.resetFaults();
    await hit('POST', '/api/refresh', { 'content-type': 'application/json' });

    for (const response of responses) expect(response).not.toContain(MARKER);
    expect(logLines.length).toBeGreaterThan(20);
    for (const line of logLines) expect(line).not.toContain(MARKER);
    // The failures were logged, so the log lines checked include the error paths.
    expect(logLines.some((line) => line.includes('sync failed'))).toBe(true);
  });
});
