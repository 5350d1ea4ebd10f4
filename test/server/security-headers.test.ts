// The security headers are recorded once from helmet (plugins/security-headers.ts) instead of
// @fastify/helmet running helmet on every request: every answer must carry exactly what @fastify/helmet
// sets with the same options — API answers, errors, static files and the history fallback.
import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from '../../src/server/plugins/security-headers';
import { useHarnesses } from '../support/dashboard-harness';

const staticDir = mkdtempSync(path.join(tmpdir(), 'headers-dist-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rotor Leads</title>');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
const start = useHarnesses();

/** What @fastify/helmet adds to a plain answer with our options (the headers a bare Fastify sends left out). */
async function fastifyHelmetHeaders(): Promise<Record<string, string>> {
  const bare = Fastify();
  bare.get('/', async () => 'ok');
  const withHelmet = Fastify();
  // Cast: @fastify/helmet types its options from helmet's CommonJS typings, ours are the ES module's (same shape).
  await withHelmet.register(fastifyHelmet, SECURITY_HEADER_OPTIONS as never);
  withHelmet.get('/', async () => 'ok');
  const [plain, helmeted] = await Promise.all([bare.inject({ url: '/' }), withHelmet.inject({ url: '/' })]);
  await Promise.all([bare.close(), withHelmet.close()]);
  return Object.fromEntries(
    Object.entries(helmeted.headers).flatMap(([name, value]) => (name in plain.headers ? [] : [[name, String(value)]])),
  );
}

describe('security headers, recorded once', () => {
  it('are exactly the headers @fastify/helmet sets with the same options', async () => {
    const expected = await fastifyHelmetHeaders();
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    expect(securityHeaders().set).toEqual(expected);
  });

  it('are on every answer of the app: API, errors, static files, history fallback', async () => {
    const expected = await fastifyHelmetHeaders();
    const app = (await start({ staticDir, demo: { leadCount: 20 } })).app;
    for (const [url, accept] of [
      ['/api/leads', 'application/json'],
      ['/api/leads?stage=%00', 'application/json'],
      ['/api/nope', 'application/json'],
      ['/api/status', 'application/json'],
      ['/', 'text/html'],
      ['/index.html', 'text/html'],
      ['/leads/some-view', 'text/html'],
      ['/healthz', 'text/plain'],
    ] as const) {
      const response = await app.inject({ url, headers: { accept } });
      for (const [name, value] of Object.entries(expected)) expect(response.headers[name], `${url}: ${name}`).toBe(value);
    }
  });
});
