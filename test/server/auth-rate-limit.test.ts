// The per-client /api/* rate limit (API_RATE_LIMIT, here a small configured value): keyed by the
// signed-in user when there is one, else by IP; 429 RATE_LIMITED in the envelope with Retry-After;
// other clients and the static SPA are unaffected; without the setting there is no limit.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../src/shared/api-types';
import { tempDir } from './support/auth';
import { startHarness } from '../support/dashboard-harness';

const LIMIT = 5;
const dir = tempDir();
const staticDir = path.join(dir, 'dist');
mkdirSync(staticDir);
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');

describe('per-client API rate limit', () => {
  it('keyed by user: one runaway user is stopped, another user behind the same proxy is not', async () => {
    const h = await startHarness({
      config: {
        auth: { mode: 'trusted-header', header: 'x-user', trustedProxies: ['10.0.0.1'], cookieSecure: false },
        apiRateLimit: LIMIT,
      },
    });
    try {
      const get = (user: string) =>
        h.app.inject({ method: 'GET', url: '/api/status', remoteAddress: '10.0.0.1', headers: { 'x-user': user } });
      for (let i = 0; i < LIMIT; i++) expect((await get('runaway')).statusCode).toBe(200);
      const limited = await get('runaway');
      expect(limited.statusCode).toBe(429);
      expect(limited.json<ErrorEnvelope>()).toEqual({
        status: 'error',
        error_code: 'RATE_LIMITED',
        message: expect.stringMatching(/retry in \d+ s/),
      });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await get('colleague')).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('keyed by IP without a user; pages outside /api/ are never limited', async () => {
    const h = await startHarness({ config: { apiRateLimit: LIMIT }, staticDir });
    try {
      const get = (ip: string) => h.app.inject({ method: 'GET', url: '/api/leads?limit=1', remoteAddress: ip });
      for (let i = 0; i < LIMIT; i++) expect((await get('127.0.0.2')).statusCode).toBe(200);
      expect((await get('127.0.0.2')).statusCode).toBe(429);
      expect((await get('127.0.0.3')).statusCode).toBe(200);
      for (let i = 0; i < LIMIT * 2; i++) {
        const page = await h.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' }, remoteAddress: '127.0.0.2' });
        expect(page.statusCode).toBe(200);
      }
    } finally {
      await h.close();
    }
  });

  it('unset (the default without an auth mode): no limit', async () => {
    const h = await startHarness();
    try {
      for (let i = 0; i < 200; i++) expect((await h.app.inject({ method: 'GET', url: '/api/status' })).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });
});
