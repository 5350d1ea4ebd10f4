// What an operator sees of the real server process (issue 14 items 4–5): /healthz, /readyz, /metrics
// and who may read it, and the one-line refusals at start (port in use, unusable DATA_DIR), the URL
// line at every LOG_LEVEL, "sync starting" only when a call is made.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';
import { logLines, PROJECT_ROOT, serverEnv, type ServerProcess } from '../support/server-process';
import { useDemoUpstream, useServerProcesses } from './support/server-processes';

const leaks = new LeakWatch();
const servers = useServerProcesses(leaks);
const start = (env: Record<string, string>) => servers.start({ env });
const stop = (child: ServerProcess) => servers.stop(child);

/** Runs the server to its end (it is expected to refuse to start); the env is the whole story. */
function runToExit(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: serverEnv(env),
    encoding: 'utf8',
    timeout: 30_000,
  });
  const output = result.stdout + result.stderr;
  leaks.add('refused start output', output);
  return { code: result.status, output };
}

describe('health and metrics', () => {
  const upstream = useDemoUpstream({ leadCount: 1_200, seed: 5, apiKey: LEAK_KEY });

  it('/healthz at once, /readyz 503 NOT_READY until data is held, /metrics with the contract’s names', async () => {
    upstream.demo.faults.latencyMs = 700; // 2 pages: the first sync takes well over a second
    const token = 'metrics-token-0123456789';
    const child = await start({
      ROTOR_API_URL: upstream.url,
      ROTOR_API_KEY: LEAK_KEY,
      DATA_DIR: leaks.dataDir('rotor-ops-'),
      METRICS_TOKEN: token,
    });
    try {
      const health = await fetch(child.baseUrl + '/healthz');
      expect([health.status, await health.json()]).toEqual([200, { status: 'success' }]);
      const early = await fetch(child.baseUrl + '/readyz');
      expect(early.status).toBe(503);
      expect(await early.json()).toMatchObject({ status: 'error', error_code: 'NOT_READY' });

      await fetch(child.baseUrl + '/api/leads?limit=1'); // waits for the first sync
      const ready = await fetch(child.baseUrl + '/readyz');
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'success' }]);

      const metrics = await fetch(child.baseUrl + '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await metrics.text();
      leaks.add('/metrics', text);
      expect(text).toContain('rotor_upstream_requests_total{outcome="ok"} 2');
      expect(text).toContain('rotor_quota_used_today 2');
      expect(text).toContain('rotor_daily_limit 1000');
      expect(text).toContain('rotor_leads_held 1200');
      expect(text).toMatch(/^rotor_data_age_seconds \d/m);
      expect(text).toContain('rotor_sync_duration_seconds_count{kind="foreground",result="ok"} 1');
      expect(text).toMatch(/http_request_duration_seconds_count\{route="\/api\/leads",method="GET",status_code="200"\} 1/);
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).toContain('nodejs_eventloop_lag_seconds');

      // Forwarded by a proxy on this machine counts as remote: the token is needed.
      const forwarded = { 'x-forwarded-for': '203.0.113.9' };
      expect((await fetch(child.baseUrl + '/metrics', { headers: forwarded })).status).toBe(401);
      const wrong = await fetch(child.baseUrl + '/metrics', { headers: { ...forwarded, authorization: 'Bearer nope-nope-nope-nope' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(child.baseUrl + '/metrics', { headers: { ...forwarded, authorization: `Bearer ${token}` } });
      expect(right.status).toBe(200);
      await right.arrayBuffer();
    } finally {
      upstream.demo.faults.latencyMs = 0;
    }
    expect(await stop(child)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('/metrics from a remote peer without METRICS_TOKEN is a plain 404; a restart on fresh data logs no "sync starting"', async () => {
    const dir = leaks.dataDir('rotor-ops-');
    const env = { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: LEAK_KEY, DATA_DIR: dir };
    const first = await start(env);
    await fetch(first.baseUrl + '/api/leads?limit=1');
    expect(logLines(first.output()).map((line) => line.msg)).toContain('sync starting');
    expect(await stop(first)).toEqual({ code: 0, signal: null });

    const second = await start({ ...env, LOG_LEVEL: 'warn' });
    const remote = await fetch(second.baseUrl + '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(remote.status).toBe(404);
    // Restored from the snapshot with no call; the server listens before it has read it, so /readyz turns 200 soon after.
    await expect.poll(async () => (await fetch(second.baseUrl + '/readyz')).status, { timeout: 20_000, interval: 100 }).toBe(200);
    // LOG_LEVEL=warn: the URL line is still there, and nothing claims a sync that makes no call.
    const messages = logLines(second.output()).map((line) => line.msg);
    expect(messages.some((msg) => msg?.startsWith('Dashboard at http://127.0.0.1:'))).toBe(true);
    expect(messages).not.toContain('sync starting');
    expect(await stop(second)).toEqual({ code: 0, signal: null });
  }, 60_000);
});

describe('one-line refusals at start', () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('a port in use: one line naming PORT, before any sync or file', () => {
    const dir = leaks.dataDir('rotor-ops-');
    const { code, output } = runToExit({ PORT: String(busyPort), DATA_DIR: dir });
    expect(code).toBe(2);
    expect(output.trim()).toBe(
      `Configuration error: port ${busyPort} on 127.0.0.1 is already in use (EADDRINUSE); stop the other server or choose another with PORT=<port>`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unusable DATA_DIR: the same one line with and without an auth mode', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'rotor-ops-file-'));
    const notADir = path.join(parent, 'a-file');
    writeFileSync(notADir, 'x');
    const users = path.join(parent, 'users.json');
    writeFileSync(users, JSON.stringify({ users: {} }));
    const expected = `Configuration error: DATA_DIR ${notADir} is not a writable directory (ENOTDIR); point DATA_DIR at one the server's user can write`;
    const plain = runToExit({ PORT: '0', DATA_DIR: notADir });
    expect([plain.code, plain.output.trim()]).toEqual([2, expected]);
    const inside = runToExit({ PORT: '0', DATA_DIR: path.join(notADir, 'sub') });
    expect(inside.code).toBe(2);
    expect(inside.output.trim()).toMatch(/^Configuration error: DATA_DIR .*sub is not a writable directory \(ENOTDIR\)/);
    const withUsers = runToExit({ PORT: '0', DATA_DIR: notADir, AUTH_USERS_FILE: users });
    expect([withUsers.code, withUsers.output.trim()]).toEqual([2, expected]);
  });

  it('bound to 0.0.0.0, the startup line shows a URL a browser can open', async () => {
    const child = await start({
      HOST: '0.0.0.0',
      AUTH_TRUSTED_HEADER: 'X-Forwarded-Email',
      AUTH_TRUSTED_PROXIES: '127.0.0.1',
      DATA_DIR: leaks.dataDir('rotor-ops-'),
      DEMO_LEADS: '10',
      LOG_LEVEL: 'error',
    });
    const line = logLines(child.output()).find((entry) => entry.msg?.startsWith('Dashboard at'));
    expect(line?.msg).toMatch(/^Dashboard at http:\/\/localhost:\d+$/);
    expect(line).toMatchObject({ host: '0.0.0.0' });
    expect(await stop(child)).toEqual({ code: 0, signal: null });
  }, 30_000);
});
