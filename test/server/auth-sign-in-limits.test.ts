// Users-file mode: failed sign-ins are limited per client and per user (docs/api.md, "Deploying for a team"),
// through the real app (inject) and the demo API; 429 TOO_MANY_ATTEMPTS with Retry-After, no cookie.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../src/shared/api-types';
import { setCookieLine, signIn, tempDir, usersFileAuth, writeUsers } from './support/auth';
import { startHarness, type Harness } from '../support/dashboard-harness';

const dir = tempDir();
const usersFile = path.join(dir, 'users.json');
const usersAuth = () => usersFileAuth(usersFile, {});

let clock = Date.now();
let h: Harness;

beforeAll(async () => {
  await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
  h = await startHarness({ config: { auth: usersAuth() }, now: () => clock });
});
afterAll(() => h.close());

describe('users-file mode: failed sign-ins are limited', () => {
  it('default: 5 failures a minute per user, then 429 TOO_MANY_ATTEMPTS with Retry-After for the clients that failed', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(h.app, 'bob', `guess-${i}`, { remoteAddress: `10.20.0.${i}` })).statusCode).toBe(401);
    // A client that failed is refused even with the right password…
    const blocked = await signIn(h.app, 'bob', 'bob-password', { remoteAddress: '10.20.0.1' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({
      status: 'error',
      error_code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringMatching(/try again in \d+ s/),
    });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(setCookieLine(blocked)).toBe('');
    // …and other users are not affected, even from that client (1 failure, under the per-client limit).
    expect((await signIn(h.app, 'alice', 'alice-password', { remoteAddress: '10.20.0.1' })).statusCode).toBe(204);
    // Once the failures are a minute old, that client can sign bob in again.
    const before = clock;
    clock += 61_000;
    try {
      expect((await signIn(h.app, 'bob', 'bob-password', { remoteAddress: '10.20.0.1' })).statusCode).toBe(204);
    } finally {
      clock = before;
    }
  });

  it('per IP: one address guessing across many user names is stopped', async () => {
    const limited = await startHarness({ config: { auth: usersAuth() }, loginLimits: { max: 3, windowMs: 60_000 } });
    try {
      for (const name of ['u1', 'u2', 'alice'])
        expect((await signIn(limited.app, name, 'wrong-guess', { remoteAddress: '192.0.2.7' })).statusCode).toBe(401);
      const blocked = await signIn(limited.app, 'bob', 'bob-password', { remoteAddress: '192.0.2.7' });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json<ErrorEnvelope>().error_code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is fine, and so is alice from it (alice has 1 failure, under the limit).
      expect((await signIn(limited.app, 'bob', 'bob-password', { remoteAddress: '192.0.2.8' })).statusCode).toBe(204);
      expect((await signIn(limited.app, 'alice', 'alice-password', { remoteAddress: '192.0.2.8' })).statusCode).toBe(204);
    } finally {
      await limited.close();
    }
  });

  it('per user: once a user has had `max` failures, each guessing client is stopped after its own first failure', async () => {
    const limited = await startHarness({ config: { auth: usersAuth() }, loginLimits: { max: 3, windowMs: 60_000 } });
    try {
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
        expect((await signIn(limited.app, 'alice', 'wrong-guess', { remoteAddress: ip })).statusCode).toBe(401);
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        const blocked = await signIn(limited.app, 'alice', 'another-guess', { remoteAddress: ip });
        expect(blocked.statusCode).toBe(429);
        expect(blocked.json<ErrorEnvelope>().error_code).toBe('TOO_MANY_ATTEMPTS');
      }
      // Unknown user names are counted the same way (no hint that they do not exist).
      for (const ip of ['198.51.100.5', '198.51.100.6', '198.51.100.7'])
        expect((await signIn(limited.app, 'nobody', 'x-guess', { remoteAddress: ip })).statusCode).toBe(401);
      expect((await signIn(limited.app, 'nobody', 'x-guess', { remoteAddress: '198.51.100.7' })).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
