// Timing does not reveal whether a user exists: every sign-in runs scrypt exactly once, against a
// dummy hash for unknown users (counted through the real node:crypto scrypt, wrapped), and the wall
// times are alike. `npm run user:add` in a child process with piped stdin writes a 0600 file holding
// only the hash, which then signs in.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS } from '../../src/server/auth/password';
import type { AuthConfig } from '../../src/server/config';
import { signIn, tempDir, writeText, writeUsers } from './support/auth';
import { startHarness, type Harness } from '../support/dashboard-harness';

const scryptCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: unknown[]) => {
    scryptCalls.count++;
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof crypto.scrypt;
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

const dir = tempDir();
const auth = (usersFile: string): AuthConfig => ({
  mode: 'users-file',
  usersFile,
  trustedProxies: [],
  cookieSecure: false,
  sessionSecret: 'a-test-session-secret-that-is-long-enough',
});

describe('sign-in timing', () => {
  let h: Harness;
  beforeAll(async () => {
    const file = path.join(dir, 'users.json');
    // The real cost parameters, as user:add writes them.
    await writeUsers(file, { alice: 'alice-password' }, DEFAULT_SCRYPT_PARAMS);
    h = await startHarness({ config: { auth: auth(file) }, loginLimits: { max: 1000, windowMs: 60_000 } });
  });
  afterAll(() => h.close());

  // Equal work, not wall time, is what is asserted: wall time on a shared 2-core CI box is noise.
  async function signInCountingScrypt(username: string, password: string): Promise<{ status: number; scrypts: number }> {
    const before = scryptCalls.count;
    const response = await signIn(h.app, username, password);
    return { status: response.statusCode, scrypts: scryptCalls.count - before };
  }

  it('unknown user, wrong password, malformed input lengths: one scrypt run each, like the right password', async () => {
    expect(await signInCountingScrypt('nobody-here', 'some-password')).toMatchObject({ status: 401, scrypts: 1 });
    expect(await signInCountingScrypt('alice', 'wrong-password')).toMatchObject({ status: 401, scrypts: 1 });
    expect(await signInCountingScrypt('alice', 'alice-password')).toMatchObject({ status: 204, scrypts: 1 });
    expect(await signInCountingScrypt('x'.repeat(256), 'y'.repeat(1024))).toMatchObject({ status: 401, scrypts: 1 });
  });
});

describe('npm run user:add', () => {
  const run = (args: string[], input: string, env: Record<string, string> = {}) =>
    spawnSync('npm', ['run', '--silent', 'user:add', '--', ...args], {
      input,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ...env },
    });

  it('reads the password from piped stdin, writes a 0600 file with only the hash, and that user signs in', async () => {
    const file = path.join(dir, 'added.json');
    const password = 'Piped-Secret-4711';
    const added = run(['carol'], `${password}\n`, { AUTH_USERS_FILE: file });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout.trim()).toBe(`Added user carol to ${file}`);
    expect(added.stdout).not.toContain(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(password);
    expect(JSON.parse(text).users.carol).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);

    // A second user via --file; then replace carol's password.
    expect(run(['dave@example.com', '--file', file], 'dave-password-1\n').status).toBe(0);
    const replaced = run(['carol'], 'Carol-New-Password\n', { AUTH_USERS_FILE: file });
    expect(replaced.status).toBe(0);
    expect(replaced.stdout.trim()).toBe(`Replaced the password of carol in ${file}`);

    const h = await startHarness({ config: { auth: auth(file) } });
    try {
      expect((await signIn(h.app, 'carol', password)).statusCode).toBe(401);
      expect((await signIn(h.app, 'carol', 'Carol-New-Password')).statusCode).toBe(204);
      expect((await signIn(h.app, 'dave@example.com', 'dave-password-1')).statusCode).toBe(204);
    } finally {
      await h.close();
    }
  });

  it('refuses bad input with one line and never overwrites a file it cannot read', () => {
    const file = path.join(dir, 'refused.json');
    const short = run(['erin'], 'short\n', { AUTH_USERS_FILE: file });
    expect(short.status).toBe(2);
    expect(short.stderr.trim()).toMatch(/^user:add: the password must be at least 8 characters$/);
    expect(run(['bad name!'], 'long-enough-password\n', { AUTH_USERS_FILE: file }).status).toBe(2);
    expect(run([], 'long-enough-password\n', { AUTH_USERS_FILE: file }).status).toBe(2);
    expect(run(['erin'], 'long-enough-password\n', { AUTH_USERS_FILE: '' }).stderr).toContain('AUTH_USERS_FILE');

    writeText(file, '{ "users": { "frank": "plain text" } }');
    const broken = run(['erin'], 'long-enough-password\n', { AUTH_USERS_FILE: file });
    expect(broken.status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('{ "users": { "frank": "plain text" } }');
  });
});
