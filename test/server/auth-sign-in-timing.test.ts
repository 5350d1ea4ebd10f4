// Timing does not reveal whether a user exists: every sign-in runs scrypt exactly once, against a
// dummy hash for unknown users (counted through the real node:crypto scrypt, wrapped), and the wall
// times are alike.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS } from '../../src/server/auth/password';
import { signIn, tempDir, usersFileAuth, writeUsers } from './support/auth';
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

describe('sign-in timing', () => {
  let h: Harness;
  beforeAll(async () => {
    const file = path.join(dir, 'users.json');
    // The real cost parameters, as user:add writes them.
    await writeUsers(file, { alice: 'alice-password' }, DEFAULT_SCRYPT_PARAMS);
    h = await startHarness({ config: { auth: usersFileAuth(file) }, loginLimits: { max: 1000, windowMs: 60_000 } });
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
