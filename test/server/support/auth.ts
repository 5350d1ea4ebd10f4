// Helpers for the access-control tests: a users file in a temp dir, sign-in through the real app,
// and the session cookie of a response.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { hashPassword, type ScryptParams } from '../../../src/server/auth/password';
import { SESSION_COOKIE } from '../../../src/server/auth/session-cookie';
import { serializeUsers } from '../../../src/server/auth/users-file';
import type { AuthConfig } from '../../../src/server/config';

/** A fresh temp dir, removed after the file's tests. */
export function tempDir(prefix = 'auth-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Cheaper than the default cost, for tests that only need a valid hash (not the timing tests). */
export const FAST_SCRYPT: ScryptParams = { ln: 10, r: 8, p: 1 };

export async function writeUsers(file: string, users: Record<string, string>, params: ScryptParams = FAST_SCRYPT): Promise<void> {
  const entries = await Promise.all(
    Object.entries(users).map(async ([name, password]) => [name, await hashPassword(password, params)] as const),
  );
  writeFileSync(file, serializeUsers(new Map(entries)), { mode: 0o600 });
}

type UsersFileAuth = Extract<AuthConfig, { mode: 'users-file' }>;

/** Users-file mode over `usersFile` with a fixed session secret (none generated into DATA_DIR), no proxies. */
export function usersFileAuth(usersFile: string, extra: Partial<Omit<UsersFileAuth, 'mode' | 'usersFile'>> = {}): UsersFileAuth {
  return {
    mode: 'users-file',
    usersFile,
    trustedProxies: [],
    cookieSecure: false,
    sessionSecret: 'a-test-session-secret-that-is-long-enough',
    ...extra,
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

export function signIn(app: FastifyInstance, username: string, password: string, extra: Partial<InjectOptions> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { ...JSON_HEADERS, ...(extra.headers ?? {}) },
    payload: JSON.stringify({ username, password }),
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
}

/** The session cookie a response set, as `{ name: value }` for inject's `cookies`. */
export function sessionCookieOf(response: LightMyRequestResponse): Record<string, string> {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie in the response (status ${response.statusCode})`);
  return { [SESSION_COOKIE]: cookie.value };
}

/** The raw Set-Cookie header line for the session cookie. */
export function setCookieLine(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return lines.find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
}

/** Every route of the dashboard API except /api/session, with a request that would succeed signed in. */
export const PROTECTED_REQUESTS: InjectOptions[] = [
  { method: 'GET', url: '/api/leads' },
  { method: 'GET', url: '/api/leads?search=a&sort=name&page=2&limit=5' },
  { method: 'HEAD', url: '/api/leads' },
  { method: 'GET', url: '/api/leads/some-lead-id' },
  { method: 'GET', url: '/api/export/leads.csv' },
  { method: 'GET', url: '/api/status' },
  { method: 'POST', url: '/api/refresh', headers: JSON_HEADERS, payload: '{}' },
  { method: 'POST', url: '/api/refresh' },
  { method: 'GET', url: '/api/views' },
  { method: 'GET', url: '/api/preferences' },
  { method: 'PUT', url: '/api/preferences', headers: JSON_HEADERS, payload: '{"default_view":null}' },
  { method: 'GET', url: '/api/export/leads.xlsx' },
  // Unknown routes under /api/ too: a stranger learns nothing about what exists.
  { method: 'GET', url: '/api/nope' },
  { method: 'GET', url: '/api' },
  { method: 'DELETE', url: '/api/leads' },
];

export { SESSION_COOKIE };
export const writeText = (file: string, text: string) => writeFileSync(file, text, { mode: 0o600 });
