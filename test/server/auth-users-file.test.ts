// Users-file mode through the real app (inject) and the demo API: every /api/* route needs a session;
// sign-in, cookies (attributes, wrong, expired, tampered, unsigned, foreign, revoked), sign-out,
// CSRF content-type rule, the secret kept in DATA_DIR. Failed-login limits: auth-sign-in-limits.test.ts.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../src/server/auth/session-cookie';
import { SESSION_SECRET_FILE } from '../../src/server/auth/session-secret';
import type { ErrorEnvelope, LeadsResponse, SessionResponse } from '../../src/shared/api-types';
import {
  JSON_HEADERS,
  PROTECTED_REQUESTS,
  SESSION_COOKIE,
  sessionCookieOf,
  setCookieLine,
  signIn,
  tempDir,
  usersFileAuth,
  writeUsers,
} from './support/auth';
import { startHarness, type Harness } from '../support/dashboard-harness';

const dir = tempDir();
const usersFile = path.join(dir, 'users.json');
const usersAuth = (extra: Parameters<typeof usersFileAuth>[1] = {}) => usersFileAuth(usersFile, extra);

function expectUnauthenticated(response: { statusCode: number; headers: Record<string, unknown>; body: string }, method = 'GET') {
  expect(response.statusCode).toBe(401);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  if (method === 'HEAD') return;
  const body = JSON.parse(response.body) as ErrorEnvelope;
  expect(body).toEqual({ status: 'error', error_code: 'UNAUTHENTICATED', message: expect.any(String) });
}

let clock = Date.now();
let h: Harness;
let staticDir: string;

beforeAll(async () => {
  await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
  staticDir = path.join(dir, 'dist');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rotor Leads</title>');
  h = await startHarness({ config: { auth: usersAuth() }, now: () => clock, staticDir });
});
afterAll(() => h.close());

describe('users-file mode: without a session', () => {
  it.each(PROTECTED_REQUESTS.map((request) => [`${request.method} ${request.url}`, request] as const))(
    '%s → 401 UNAUTHENTICATED envelope',
    async (_name, request) => {
      const callsBefore = h.upstreamCalls();
      const response = await h.app.inject(request);
      expectUnauthenticated(response, request.method);
      expect(h.upstreamCalls()).toBe(callsBefore);
    },
  );

  it('GET /api/session → 401; odd spellings of API paths never get data', async () => {
    expectUnauthenticated(await h.app.inject({ method: 'GET', url: '/api/session' }));
    for (const url of ['/api/leads/', '/%61pi/leads', '/api/leads%3Fx', '/api/./leads', '/api/../api/leads', '/API/leads']) {
      const response = await h.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
      expect([401, 404, 400]).toContain(response.statusCode);
      expect(response.body).not.toContain('"data"');
    }
  });

  it('the static SPA stays public (so the sign-in form can load)', async () => {
    const index = await h.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>Rotor Leads</title>');
    const deepLink = await h.app.inject({ method: 'GET', url: '/?stage=Won&lead=x', headers: { accept: 'text/html' } });
    expect(deepLink.statusCode).toBe(200);
  });
});

describe('users-file mode: signing in', () => {
  it('right password → 204 with a signed HttpOnly SameSite=Strict cookie for 12 h; then every route works', async () => {
    const response = await signIn(h.app, 'alice', 'alice-password');
    expect(response.statusCode).toBe(204);
    const line = setCookieLine(response);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    expect(line).toContain(`; Max-Age=${SESSION_TTL_MS / 1000}`);
    expect(line).not.toMatch(/; Secure/); // plain HTTP, COOKIE_SECURE unset
    expect(line).not.toContain('alice-password');
    const cookies = sessionCookieOf(response);

    const session = await h.app.inject({ method: 'GET', url: '/api/session', cookies });
    expect(session.statusCode).toBe(200);
    expect(session.json<SessionResponse>()).toEqual({
      status: 'success',
      data: { username: 'alice', mode: 'users-file', assigned_to: null },
    });

    const leads = await h.app.inject({ method: 'GET', url: '/api/leads?limit=5', cookies });
    expect(leads.statusCode).toBe(200);
    expect(leads.json<LeadsResponse>().data).toHaveLength(5);
    const lead = leads.json<LeadsResponse>().data[0]!;
    expect((await h.app.inject({ method: 'GET', url: `/api/leads/${lead.id}`, cookies })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/status', cookies })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/export/leads.csv', cookies })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/nope', cookies })).statusCode).toBe(404);
  });

  it.each([
    ['wrong password', 'alice', 'not-her-password'],
    ['unknown user', 'mallory', 'alice-password'],
    ['another user’s password', 'bob', 'alice-password'],
  ])('%s → 401 with the same message and no cookie', async (_case, username, password) => {
    const response = await signIn(h.app, username, password, { remoteAddress: `10.9.0.${username.length}` });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ status: 'error', error_code: 'UNAUTHENTICATED', message: 'Wrong user name or password.' });
    expect(setCookieLine(response)).toBe('');
  });

  it.each([
    ['bad JSON', '{"username":', JSON_HEADERS, 400],
    ['missing password', JSON.stringify({ username: 'alice' }), JSON_HEADERS, 400],
    ['missing username', JSON.stringify({ password: 'x' }), JSON_HEADERS, 400],
    ['numbers', JSON.stringify({ username: 1, password: 2 }), JSON_HEADERS, 400],
    ['an array', '[]', JSON_HEADERS, 400],
    ['a string', '"alice"', JSON_HEADERS, 400],
    ['a form post', 'username=alice&password=alice-password', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    [
      'text/plain (a cross-site form can send it)',
      JSON.stringify({ username: 'alice', password: 'alice-password' }),
      { 'content-type': 'text/plain' },
      415,
    ],
    ['no content type', JSON.stringify({ username: 'alice', password: 'alice-password' }), {}, 415],
  ])('%s → %s INVALID_PARAMETER envelope, no cookie', async (_case, payload, headers, status) => {
    const response = await h.app.inject({ method: 'POST', url: '/api/session', headers, payload, remoteAddress: '10.8.0.1' });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ status: 'error', error_code: 'INVALID_PARAMETER', message: expect.any(String) });
    expect(setCookieLine(response)).toBe('');
  });

  it('Secure when COOKIE_SECURE=true, or HTTPS as told by a trusted proxy (not by anyone else)', async () => {
    const secure = await startHarness({ config: { auth: usersAuth({ cookieSecure: true }) } });
    try {
      expect(setCookieLine(await signIn(secure.app, 'alice', 'alice-password'))).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
    const proxied = await startHarness({ config: { auth: usersAuth({ trustedProxies: ['10.0.0.1'] }) } });
    try {
      const https = { 'x-forwarded-proto': 'https' };
      expect(setCookieLine(await signIn(proxied.app, 'alice', 'alice-password', { remoteAddress: '10.0.0.1', headers: https }))).toMatch(
        /; Secure/,
      );
      expect(setCookieLine(await signIn(proxied.app, 'bob', 'bob-password', { remoteAddress: '10.0.0.2', headers: https }))).not.toMatch(
        /; Secure/,
      );
    } finally {
      await proxied.close();
    }
  });
});

describe('users-file mode: cookies that must be refused', () => {
  let good: Record<string, string>;
  beforeAll(async () => {
    good = sessionCookieOf(await signIn(h.app, 'bob', 'bob-password'));
  });
  const get = (cookies: Record<string, string>) => h.app.inject({ method: 'GET', url: '/api/leads', cookies });

  it('tampered: any change to the value or the signature', async () => {
    const value = good[SESSION_COOKIE]!;
    const [claims, signature] = [value.slice(0, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)];
    // Claiming to be alice with bob's signature.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), u: 'alice' })).toString(
      'base64url',
    );
    expectUnauthenticated(await get({ [SESSION_COOKIE]: `${forged}.${signature}` }));
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expectUnauthenticated(await get({ [SESSION_COOKIE]: `${claims}.${flipped}` }));
    expectUnauthenticated(await get({ [SESSION_COOKIE]: `${claims}.` }));
    expectUnauthenticated(await get({ [SESSION_COOKIE]: 'garbage' }));
    expectUnauthenticated(await get({ [SESSION_COOKIE]: '' }));
    expect((await get(good)).statusCode).toBe(200);
  });

  it('unsigned: well-formed claims without a signature', async () => {
    const claims = Buffer.from(JSON.stringify({ u: 'bob', iat: clock, exp: clock + 1000, v: 'x', sid: 'abc' })).toString('base64url');
    expectUnauthenticated(await get({ [SESSION_COOKIE]: claims }));
  });

  it('signed with another secret (another server)', async () => {
    const other = await startHarness({ config: { auth: usersAuth({ sessionSecret: 'another-secret-of-at-least-32-characters' }) } });
    try {
      const foreign = sessionCookieOf(await signIn(other.app, 'bob', 'bob-password'));
      expect((await other.app.inject({ method: 'GET', url: '/api/leads', cookies: foreign })).statusCode).toBe(200);
      expectUnauthenticated(await get(foreign));
    } finally {
      await other.close();
    }
  });

  it('expired: good just before 12 h, refused after', async () => {
    const issuedAt = clock;
    const cookies = sessionCookieOf(await signIn(h.app, 'bob', 'bob-password'));
    try {
      clock = issuedAt + SESSION_TTL_MS - 1000;
      expect((await get(cookies)).statusCode).toBe(200);
      clock = issuedAt + SESSION_TTL_MS + 1;
      expectUnauthenticated(await get(cookies));
    } finally {
      clock = issuedAt;
    }
  });

  it('from before a password change, or for a user removed from the file', async () => {
    const carol = path.join(dir, 'carol.json');
    await writeUsers(carol, { carol: 'carol-password-1', dave: 'dave-password' });
    let at = Date.now();
    const app = await startHarness({ config: { auth: usersFileAuth(carol) }, now: () => at });
    try {
      const carolCookie = sessionCookieOf(await signIn(app.app, 'carol', 'carol-password-1'));
      const daveCookie = sessionCookieOf(await signIn(app.app, 'dave', 'dave-password'));
      await writeUsers(carol, { carol: 'carol-password-2' });
      at += 1500; // the file is re-checked at most once a second
      const leads = (cookies: Record<string, string>) => app.app.inject({ method: 'GET', url: '/api/leads', cookies });
      expectUnauthenticated(await leads(carolCookie));
      expectUnauthenticated(await leads(daveCookie));
      expect((await signIn(app.app, 'carol', 'carol-password-1')).statusCode).toBe(401);
      expect((await leads(sessionCookieOf(await signIn(app.app, 'carol', 'carol-password-2')))).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('users-file mode: signing out', () => {
  it('DELETE /api/session → 204, clears the cookie, and the old cookie no longer works', async () => {
    const cookies = sessionCookieOf(await signIn(h.app, 'alice', 'alice-password'));
    const out = await h.app.inject({ method: 'DELETE', url: '/api/session', cookies, headers: JSON_HEADERS, payload: '{}' });
    expect(out.statusCode).toBe(204);
    const line = setCookieLine(out);
    expect(line).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(line).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expectUnauthenticated(await h.app.inject({ method: 'GET', url: '/api/session', cookies }));
    expectUnauthenticated(await h.app.inject({ method: 'GET', url: '/api/leads', cookies }));
    // Signing out without a session is harmless.
    expect((await h.app.inject({ method: 'DELETE', url: '/api/session', headers: JSON_HEADERS, payload: '{}' })).statusCode).toBe(204);
  });

  it('a cross-site form cannot sign out or refresh: JSON content type required', async () => {
    const cookies = sessionCookieOf(await signIn(h.app, 'alice', 'alice-password'));
    for (const headers of [{}, { 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const refresh = await h.app.inject({
        method: 'POST',
        url: '/api/refresh',
        cookies,
        headers,
        payload: headers['content-type'] ? 'x=1' : undefined,
      });
      expect(refresh.statusCode).toBe(415);
      expect(refresh.json<ErrorEnvelope>().error_code).toBe('INVALID_PARAMETER');
      const out = await h.app.inject({ method: 'DELETE', url: '/api/session', cookies, headers });
      expect(out.statusCode).toBe(415);
    }
    const refresh = await h.app.inject({ method: 'POST', url: '/api/refresh', cookies, headers: JSON_HEADERS, payload: '{}' });
    expect([202, 429]).toContain(refresh.statusCode); // accepted, or refused as too soon after the boot sync
    expect((await h.app.inject({ method: 'GET', url: '/api/session', cookies })).statusCode).toBe(200);
  });
});

describe('users-file mode: the session secret', () => {
  it('without SESSION_SECRET one is generated in DATA_DIR (0600) and kept: sessions survive a restart', async () => {
    const dataDir = path.join(dir, 'data');
    const { sessionSecret: _unused, ...noSecret } = usersAuth();
    const first = await startHarness({ config: { auth: noSecret, dataDir } });
    let cookies: Record<string, string>;
    try {
      cookies = sessionCookieOf(await signIn(first.app, 'alice', 'alice-password'));
    } finally {
      await first.close();
    }
    const secretFile = path.join(dataDir, SESSION_SECRET_FILE);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const second = await startHarness({ config: { auth: noSecret, dataDir } });
    try {
      expect((await second.app.inject({ method: 'GET', url: '/api/session', cookies })).json<SessionResponse>().data.username).toBe(
        'alice',
      );
    } finally {
      await second.close();
    }
  });
});
