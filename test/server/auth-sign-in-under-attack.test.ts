// Sign-in under attack, through a listening server in users-file mode: a parallel burst of guesses
// from one client cannot pass the 5-a-minute limit (attempts are counted before scrypt), scrypt runs at
// most two at a time so other requests keep flowing, and a users file that disappears or breaks after
// start fails closed (no sign-in, no session) until it is readable again. The per-user limit refuses only
// clients that failed themselves (a stranger cannot lock a rep out), and IPv6 clients count per /64.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS } from '../../src/server/auth/password';
import type { AuthConfig } from '../../src/server/config';
import type { ErrorEnvelope } from '../../src/shared/api-types';
import { useHarnesses, type Harness } from '../support/dashboard-harness';
import { JSON_HEADERS, SESSION_COOKIE, signIn as injectSignIn, tempDir, usersFileAuth, writeUsers } from './support/auth';

const KEY = 'sign-in-hardening-key-1';
const dir = tempDir('sign-in-');
const startHarness = useHarnesses();

async function start(usersFile: string, extra: { now?: () => number; trustedProxies?: string[]; logLines?: string[] } = {}) {
  const auth = usersFileAuth(usersFile, { trustedProxies: extra.trustedProxies ?? [] });
  const lines = extra.logLines;
  return startHarness({
    demo: { apiKey: KEY, leadCount: 200, seed: 4 },
    config: { auth },
    listen: true,
    ...(extra.now ? { now: extra.now } : {}),
    ...(lines ? { logger: { level: 'info' as const, stream: { write: (line: string) => void lines.push(line) } } } : {}),
  });
}

function signIn(d: Harness, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(new URL('/api/session', d.baseUrl), {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify({ username, password }),
  });
}

function cookieOf(response: Response): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error(`no session cookie (status ${response.status})`);
  return line.split(';', 1)[0]!;
}

/** GET /api/leads with gzip (zlib shares libuv's pool with scrypt) on its own connection: never queued behind a sign-in. */
const leadsAgent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => leadsAgent.destroy());
function getLeads(d: Harness, cookie: string): Promise<number> {
  const url = new URL('/api/leads?limit=200', d.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: leadsAgent, headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

/** Times GET /api/leads until `done` settles. */
async function leadsLatenciesDuring(d: Harness, cookie: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const times: number[] = [];
  while (!finished || times.length < 3) {
    const started = performance.now();
    expect(await getLeads(d, cookie)).toBe(200);
    times.push(performance.now() - started);
  }
  return times;
}

describe('a burst of sign-ins', () => {
  it('30 parallel wrong passwords from one client: at most 5 answered 401, the rest 429; /api/leads stays fast', async () => {
    const usersFile = path.join(dir, 'burst-users.json');
    await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' }, DEFAULT_SCRYPT_PARAMS);
    const d = await start(usersFile);
    const cookie = cookieOf(await signIn(d, 'alice', 'alice-password'));
    // Warm: the first answer of a page (encoding, the connection) is not what is measured.
    await leadsLatenciesDuring(d, cookie, Promise.resolve());

    const burst = Promise.all(Array.from({ length: 30 }, (_, i) => signIn(d, 'bob', `wrong-${i}`)));
    const [responses, latencies] = await Promise.all([burst, leadsLatenciesDuring(d, cookie, burst)]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - statuses.filter((s) => s === 401).length);
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(((await response.json()) as ErrorEnvelope).error_code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
    // That client is now out of attempts, even for another user's right password.
    expect((await signIn(d, 'alice', 'alice-password')).status).toBe(429);
  });

  it('30 clients at once (behind a declared proxy): every guess is checked in turn, none refused, other requests keep flowing', async () => {
    // Cheap hashes: 30 default-cost runs two at a time would take minutes on a busy test machine.
    const usersFile = path.join(dir, 'many-users.json');
    await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
    const d = await start(usersFile, { trustedProxies: ['127.0.0.1', '::1'] });
    const cookie = cookieOf(await signIn(d, 'alice', 'alice-password', { 'x-forwarded-for': '10.9.9.9' }));
    const burst = Promise.all(Array.from({ length: 30 }, (_, i) => signIn(d, 'bob', `wrong-${i}`, { 'x-forwarded-for': `10.1.0.${i}` })));
    const [responses, latencies] = await Promise.all([burst, leadsLatenciesDuring(d, cookie, burst)]);
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(401));
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });
});

describe('the per-user limit and IPv6 clients', () => {
  let injectAuth: AuthConfig;
  beforeAll(async () => {
    const usersFile = path.join(dir, 'limit-users.json');
    await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
    injectAuth = usersFileAuth(usersFile);
  });

  it('a stranger guessing does not lock the user out: the right password from a client that has not failed works', async () => {
    const limited = await startHarness({ config: { auth: injectAuth }, loginLimits: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await injectSignIn(limited.app, 'alice', `guess-${i}`, { remoteAddress: '203.0.113.66' })).statusCode).toBe(401);
    expect((await injectSignIn(limited.app, 'alice', 'alice-password', { remoteAddress: '203.0.113.66' })).statusCode).toBe(429);
    expect((await injectSignIn(limited.app, 'alice', 'alice-password', { remoteAddress: '10.1.1.1' })).statusCode).toBe(204);
  });

  it('IPv6 clients are limited per /64: another address of the same /64 is the same client', async () => {
    const limited = await startHarness({ config: { auth: injectAuth }, loginLimits: { max: 3, windowMs: 60_000 } });
    for (const ip of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::1'])
      expect((await injectSignIn(limited.app, 'bob', 'wrong-guess', { remoteAddress: ip })).statusCode).toBe(401);
    expect(
      (await injectSignIn(limited.app, 'alice', 'alice-password', { remoteAddress: '2001:db8:1:2:1234:5678:9abc:def0' })).statusCode,
    ).toBe(429);
    // The next /64 over is another client.
    expect((await injectSignIn(limited.app, 'alice', 'alice-password', { remoteAddress: '2001:db8:1:3::a' })).statusCode).toBe(204);
  });
});

describe('the users file fails closed', () => {
  it('gone or broken after start: sign-ins and sessions get 401 (logged) until it is readable again', async () => {
    const usersFile = path.join(dir, 'closing-users.json');
    await writeUsers(usersFile, { alice: 'alice-password' });
    const goodText = readFileSync(usersFile, 'utf8');
    let clock = Date.now();
    const lines: string[] = [];
    const d = await start(usersFile, { now: () => clock, logLines: lines });
    const cookie = cookieOf(await signIn(d, 'alice', 'alice-password'));
    const leads = () => fetch(new URL('/api/leads?limit=1', d.baseUrl), { headers: { cookie } });
    expect((await leads()).status).toBe(200);

    for (const breakIt of [() => rmSync(usersFile), () => writeFileSync(usersFile, '{"users": {"alice": 42')]) {
      breakIt();
      clock += 1500; // past the once-a-second check
      const refused = await leads();
      expect(refused.status).toBe(401);
      const body = (await refused.json()) as ErrorEnvelope;
      expect(body).toEqual({ status: 'error', error_code: 'UNAUTHENTICATED', message: expect.stringMatching(/users file/) });
      expect((await signIn(d, 'alice', 'alice-password')).status).toBe(401);
      // The same text back (a restored backup): the old session works again.
      writeFileSync(usersFile, goodText, { mode: 0o600 });
      clock += 1500;
      expect((await leads()).status).toBe(200);
    }
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.filter((l) => l.level === 50 && /AUTH_USERS_FILE cannot be used/.test(l.msg))).toHaveLength(2);
    expect(logged.filter((l) => /readable again/.test(l.msg))).toHaveLength(2);
  });
});
