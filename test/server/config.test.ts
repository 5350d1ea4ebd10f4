// loadConfig: the defaults and every rule of docs/api.md §3; errors are one line and never echo the key.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('defaults: demo data on 127.0.0.1:3000, TTL 300 s, 1000 calls a day', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      upstream: { kind: 'demo' },
      syncTtlSeconds: 300,
      pollIntervalSeconds: 'auto',
      dailyLimit: 1000,
      demoLeadCount: undefined,
      logLevel: 'info',
      dataDir: path.resolve('.data'),
      buildSpa: true,
      auth: { mode: 'none', trustedProxies: [], cookieSecure: false },
      apiRateLimit: 0,
    });
  });

  it('reads every variable; blank counts as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      // A non-loopback HOST needs an auth mode (test/server/auth-config.test.ts).
      AUTH_TRUSTED_HEADER: 'X-Forwarded-Email',
      AUTH_TRUSTED_PROXIES: '10.0.0.1',
      ROTOR_API_URL: 'https://api.getrotor.com/open-api/',
      ROTOR_API_KEY: ' secret-key ',
      ROTOR_SYNC_TTL: '60',
      ROTOR_DAILY_LIMIT: '5000',
      DEMO_LEADS: '',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', syncTtlSeconds: 60, dailyLimit: 5000, logLevel: 'warn' });
    expect(config.upstream).toEqual({ kind: 'rotor', url: 'https://api.getrotor.com/open-api/', apiKey: 'secret-key' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ROTOR_SYNC_TTL: '0' }, 'ROTOR_SYNC_TTL'],
    [{ ROTOR_SYNC_TTL: '1.5' }, 'ROTOR_SYNC_TTL'],
    [{ ROTOR_DAILY_LIMIT: '-1' }, 'ROTOR_DAILY_LIMIT'],
    [{ ROTOR_API_URL: 'https://api.getrotor.com/open-api' }, 'ROTOR_API_KEY'],
    [{ ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'not a url', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'ftp://x/y', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'https://u:secret-abc@x/y', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'https://x/y?key=secret-abc', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'https://x/y', ROTOR_API_KEY: 'secret-abc\nx' }, 'ROTOR_API_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    // The key would cross the network in clear text.
    [{ ROTOR_API_URL: 'http://api.getrotor.com/open-api', ROTOR_API_KEY: 'secret-abc' }, 'https'],
    [{ ROTOR_API_URL: 'http://10.0.0.5:8080/open-api', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ROTOR_API_URL: 'http://127.0.0.1.nip.io/open-api', ROTOR_API_KEY: 'secret-abc' }, 'ROTOR_API_URL'],
    [{ ALLOWED_HOSTS: 'leads.example.com,bad host' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: 'http://leads.example.com' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: ' , ' + ',' }, 'ALLOWED_HOSTS'],
  ])('%o → a one-line error naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('secret-abc');
  });

  it('http:// only to a loopback upstream; ALLOWED_HOSTS is read lower-cased', () => {
    for (const url of ['http://127.0.0.1:3001/open-api', 'http://localhost:3001/open-api', 'http://[::1]:3001/open-api'])
      expect(loadConfig({ ROTOR_API_URL: url, ROTOR_API_KEY: 'secret-abc' }).upstream).toMatchObject({ kind: 'rotor', url });
    expect(loadConfig({ ALLOWED_HOSTS: 'Leads.Example.com, other.example:8443' }).allowedHosts).toEqual([
      'leads.example.com',
      'other.example:8443',
    ]);
    expect(loadConfig({}).allowedHosts).toBeUndefined();
  });

  it('npm start refuses an http:// upstream beyond loopback with one line, key not echoed', () => {
    const result = spawnSync('npx', ['tsx', 'src/server/main.ts'], {
      env: { ...process.env, ROTOR_API_URL: 'http://api.getrotor.com/open-api', ROTOR_API_KEY: 'secret-abc-123', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^Configuration error: ROTOR_API_URL must use https \(http:\/\/ is allowed only for a loopback host[^\n]*$/,
    );
    expect(result.stderr + result.stdout).not.toContain('secret-abc-123');
  });

  it('npm start exits non-zero with the one-line message on a bad value', () => {
    const result = spawnSync('npx', ['tsx', 'src/server/main.ts'], {
      env: { ...process.env, ROTOR_API_URL: 'https://x/open-api', ROTOR_API_KEY: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe('Configuration error: ROTOR_API_KEY is required when ROTOR_API_URL is set');
  });
});
