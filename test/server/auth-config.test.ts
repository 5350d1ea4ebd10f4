// Access-control configuration: a non-loopback HOST refuses to start without an auth mode (also
// through `npm start`'s main.ts in a child process, with one line saying why), the auth variables'
// rules, and the API rate limit's defaults.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ConfigError, DEFAULT_API_RATE_LIMIT, loadConfig, NO_AUTH_ON_NETWORK_MESSAGE } from '../../src/server/config';
import { testServerConfig, TEST_KEY } from '../support/dashboard-harness';
import { tempDir, writeText, writeUsers } from './support/auth';

const dir = tempDir();
const usersFile = path.join(dir, 'users.json');
await writeUsers(usersFile, { alice: 'alice-password' });

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('HOST and auth mode', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', 'localhost', '::ffff:127.0.0.1'])('loopback HOST=%s starts without an auth mode', (host) => {
    expect(loadConfig({ HOST: host }).auth).toEqual({ mode: 'none', trustedProxies: [], cookieSecure: false });
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.5', 'dashboard.example.com', '128.0.0.1'])(
    'HOST=%s without an auth mode refuses to start, saying why and how to fix it',
    (host) => {
      const message = configError({ HOST: host });
      expect(message).toBe(NO_AUTH_ON_NETWORK_MESSAGE);
      expect(message).toContain('AUTH_USERS_FILE');
      expect(message).toContain('AUTH_TRUSTED_HEADER');
    },
  );

  it('HOST=0.0.0.0 starts with either auth mode', () => {
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_USERS_FILE: usersFile }).auth).toMatchObject({ mode: 'users-file', usersFile });
    expect(
      loadConfig({ HOST: '0.0.0.0', AUTH_TRUSTED_HEADER: 'X-Forwarded-Email', AUTH_TRUSTED_PROXIES: '10.0.0.1, fd00::/8' }).auth,
    ).toEqual({
      mode: 'trusted-header',
      header: 'x-forwarded-email',
      trustedProxies: ['10.0.0.1', 'fd00::/8'],
      cookieSecure: false,
    });
  });

  it('buildApp refuses a hand-made config with a non-loopback host and no auth mode', async () => {
    await expect(
      buildApp({
        logger: false,
        config: testServerConfig({ host: '0.0.0.0' }),
        upstream: { url: 'http://127.0.0.1:9/open-api', apiKey: TEST_KEY, source: 'demo' },
      }),
    ).rejects.toThrow(NO_AUTH_ON_NETWORK_MESSAGE);
  });

  it('npm start (main.ts) exits non-zero with that one line on HOST=0.0.0.0', () => {
    const result = spawnSync('npx', ['tsx', 'src/server/main.ts'], {
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', AUTH_USERS_FILE: '', AUTH_TRUSTED_HEADER: '', BUILD_SPA: 'false' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe(`Configuration error: ${NO_AUTH_ON_NETWORK_MESSAGE}`);
    expect(result.stdout).not.toContain('Dashboard at');
  });
});

describe('auth variables', () => {
  it('both modes at once are refused (no silent precedence)', () => {
    expect(configError({ AUTH_USERS_FILE: usersFile, AUTH_TRUSTED_HEADER: 'X-User', AUTH_TRUSTED_PROXIES: '10.0.0.1' })).toContain(
      'choose one auth mode',
    );
  });

  it.each([
    [{ AUTH_TRUSTED_HEADER: 'X-Forwarded-Email' }, 'AUTH_TRUSTED_PROXIES'],
    [{ AUTH_TRUSTED_HEADER: 'X Forwarded', AUTH_TRUSTED_PROXIES: '10.0.0.1' }, 'AUTH_TRUSTED_HEADER'],
    [{ AUTH_TRUSTED_HEADER: 'X-User', AUTH_TRUSTED_PROXIES: '10.0.0.1,not-an-ip' }, 'AUTH_TRUSTED_PROXIES'],
    [{ AUTH_TRUSTED_HEADER: 'X-User', AUTH_TRUSTED_PROXIES: '10.0.0.0/33' }, 'AUTH_TRUSTED_PROXIES'],
    [{ AUTH_USERS_FILE: '/nonexistent/users.json' }, 'AUTH_USERS_FILE'],
    [{ AUTH_USERS_FILE: usersFile, SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ COOKIE_SECURE: 'yes please' }, 'COOKIE_SECURE'],
    [{ API_RATE_LIMIT: '-5' }, 'API_RATE_LIMIT'],
  ])('%o → one line naming %s', (env, name) => {
    expect(configError(env)).toContain(name);
  });

  it('a users file that is not ours is refused at start, without echoing its content', () => {
    const broken = path.join(dir, 'broken.json');
    writeText(broken, JSON.stringify({ users: { alice: 'plain-text-password' } }));
    const message = configError({ AUTH_USERS_FILE: broken });
    expect(message).toContain('AUTH_USERS_FILE');
    expect(message).not.toContain('plain-text-password');
    writeText(broken, 'not json');
    expect(configError({ AUTH_USERS_FILE: broken })).toContain('not valid JSON');
  });

  it('reads SESSION_SECRET, COOKIE_SECURE, DATA_DIR', () => {
    const config = loadConfig({
      AUTH_USERS_FILE: usersFile,
      SESSION_SECRET: 's'.repeat(40),
      COOKIE_SECURE: 'true',
      DATA_DIR: path.join(dir, 'data'),
    });
    expect(config.auth).toEqual({ mode: 'users-file', usersFile, sessionSecret: 's'.repeat(40), trustedProxies: [], cookieSecure: true });
    expect(config.dataDir).toBe(path.join(dir, 'data'));
  });

  it('API_RATE_LIMIT: off by default without an auth mode, 600/min with one, configurable in both', () => {
    expect(loadConfig({}).apiRateLimit).toBe(0);
    expect(loadConfig({ AUTH_USERS_FILE: usersFile }).apiRateLimit).toBe(DEFAULT_API_RATE_LIMIT);
    expect(DEFAULT_API_RATE_LIMIT).toBe(600);
    expect(loadConfig({ AUTH_USERS_FILE: usersFile, API_RATE_LIMIT: '0' }).apiRateLimit).toBe(0);
    expect(loadConfig({ API_RATE_LIMIT: '120' }).apiRateLimit).toBe(120);
  });
});
