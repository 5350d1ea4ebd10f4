// `npm run user:add` in a child process with piped stdin writes a 0600 file holding only the hash, which
// then signs in; bad input is refused with one line and never overwrites a file it cannot read.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/dashboard-harness';
import { signIn, tempDir, usersFileAuth, writeText } from './support/auth';

const dir = tempDir();

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

    const h = await startHarness({ config: { auth: usersFileAuth(file) } });
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
