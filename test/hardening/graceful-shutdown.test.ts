// Graceful everything (issue 14 item 6), through real server processes: SIGTERM during the first
// sync with 100 connections waiting, during a 100-connection load, during a snapshot write, with
// stdout/stderr closed or never read, with the main thread stuck after the signal (the watchdog),
// and sent to `npm start` alone (what docker stop does when npm is PID 1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_FILE } from '../../src/server/persistence/snapshot-store';
import { LEAK_KEY, LeakWatch } from './support/leak-watch';
import { logLines, PROJECT_ROOT, type ServerProcess, type ServerProcessOptions } from '../support/server-process';
import { useDemoUpstream, useServerProcesses } from './support/server-processes';

const leaks = new LeakWatch();
const servers = useServerProcesses(leaks);
const upstream = useDemoUpstream({ leadCount: 3_000, seed: 8, apiKey: LEAK_KEY });

async function start(env: Record<string, string> = {}, options: ServerProcessOptions = {}) {
  const dir = leaks.dataDir('rotor-graceful-');
  const child = await servers.start({ env: { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: LEAK_KEY, DATA_DIR: dir, ...env }, ...options });
  return { child, dir };
}

/** SIGTERM, then the exit and how long it took. */
async function terminate(child: ServerProcess) {
  const sentAt = Date.now();
  const exit = await servers.stop(child);
  return { ...exit, ms: Date.now() - sentAt };
}

/** The snapshot on disk parses whole and holds as many leads as it says. */
function snapshotLeadCount(dir: string): number {
  const file = JSON.parse(readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { lead_count: number; leads: unknown[] };
  expect(file.leads).toHaveLength(file.lead_count);
  return file.lead_count;
}

async function waitForLog(child: ServerProcess, msg: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!logLines(child.output()).some((line) => line.msg === msg)) {
    if (Date.now() > deadline) throw new Error(`no "${msg}" within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Outcome {
  status: number | string;
}

/** `connections` loops of GET requests until `stopAt()`, each outcome pushed into `outcomes`. */
async function load(url: string, connections: number, stopAt: () => boolean, outcomes: Outcome[]): Promise<Outcome[]> {
  const paths = ['/api/leads?limit=50', '/api/leads?search=an&limit=50', '/api/leads?sort=-value_score&page=3', '/api/status'];
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      for (let n = 0; !stopAt(); n++) {
        try {
          const response = await fetch(url + paths[(i + n) % paths.length]);
          await response.arrayBuffer();
          outcomes.push({ status: response.status });
        } catch (error) {
          outcomes.push({ status: String((error as { cause?: { code?: string } }).cause?.code ?? error) });
          return; // the server has gone: this connection's loop ends
        }
      }
    }),
  );
  return outcomes;
}

describe('SIGTERM', () => {
  it('during the first sync with 100 connections waiting: every one answered, snapshot whole, exit 0', async () => {
    upstream.demo.faults.latencyMs = 1_000; // 3 pages: ~3 s of sync
    try {
      const { child, dir } = await start();
      const waiting = Array.from({ length: 100 }, () => fetch(child.baseUrl + '/api/leads?limit=5').then((r) => r.status));
      // Signal once the server holds all 100 requests (its own log): a connection whose request has not
      // arrived yet is not an accepted request, and a loaded machine can take a while to send them.
      const incoming = () => logLines(child.output()).filter((line) => line.msg === 'incoming request').length;
      const deadline = Date.now() + 20_000;
      while (incoming() < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(incoming()).toBe(100);
      expect(logLines(child.output()).some((line) => line.msg === 'sync done')).toBe(false); // still the first sync
      const exit = terminate(child);
      expect(await Promise.all(waiting)).toEqual(Array(100).fill(200));
      expect(await exit).toMatchObject({ code: 0, signal: null });
      expect(snapshotLeadCount(dir)).toBe(3_000);
    } finally {
      upstream.demo.faults.latencyMs = 0;
    }
  }, 60_000);

  it('during a 100-connection load: every request the server took before the signal answered 200; exit 0 within 10 s', async () => {
    const { child, dir } = await start();
    await fetch(child.baseUrl + '/api/leads?limit=1');
    let signalled = false;
    let stopAt = Infinity;
    const outcomes: Outcome[] = [];
    const running = load(child.baseUrl, 100, () => Date.now() > stopAt, outcomes);
    // Mid-load: all 100 connections busy and a few hundred answers in (a busy machine is slow to get there).
    const deadline = Date.now() + 20_000;
    while (outcomes.length < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    signalled = true;
    stopAt = Date.now() + 3_000;
    const exit = await terminate(child);
    await running;
    expect(signalled && exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    // "Accepted" as the server saw it: every request it logged as incoming before "shutting down"
    // completed with 200 (its own log, in order). Later ones may get the 503 of a closing server.
    const lines = logLines(child.output()) as { msg?: string; reqId?: string; res?: { statusCode: number } }[];
    const shutdownAt = lines.findIndex((line) => line.msg === 'shutting down');
    const accepted = new Set(
      lines
        .slice(0, shutdownAt)
        .filter((line) => line.msg === 'incoming request')
        .map((line) => line.reqId),
    );
    const completed = new Map(lines.filter((line) => line.msg === 'request completed').map((line) => [line.reqId, line.res?.statusCode]));
    expect(accepted.size).toBeGreaterThan(300);
    expect([...accepted].filter((id) => completed.get(id) !== 200)).toEqual([]);
    // From the client: answers or a refused/reset connection once the server has gone; never a broken answer.
    for (const { status } of outcomes) expect([200, 503, 'ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(status);
    expect(outcomes.filter((outcome) => outcome.status === 200).length).toBeGreaterThan(100);
    expect(snapshotLeadCount(dir)).toBe(3_000);
  }, 60_000);

  it('during a snapshot write (15,000 leads): the write finishes whole before the exit', async () => {
    const { child, dir } = await start({ ROTOR_API_URL: '', ROTOR_API_KEY: '', DEMO_LEADS: '15000' });
    await waitForLog(child, 'sync done', 90_000);
    const exit = await terminate(child); // the snapshot write starts as the sync ends
    if (exit.code !== 0) console.log(child.output().slice(-3_000));
    expect(exit).toMatchObject({ code: 0, signal: null });
    const messages = logLines(child.output()).map((line) => line.msg);
    expect(messages.indexOf('snapshot saved')).toBeGreaterThan(messages.indexOf('shutting down'));
    expect(messages.at(-1)).toBe('stopped');
    expect(snapshotLeadCount(dir)).toBe(15_000);
  }, 120_000);
});

describe('a dead or stuck log reader, a stuck main thread', () => {
  it('stdout and stderr closed by the parent, then SIGTERM: saves and exits 0', async () => {
    const { child, dir } = await start({ LOG_LEVEL: 'trace' });
    await fetch(child.baseUrl + '/api/leads?limit=1');
    child.process.stdout!.destroy();
    child.process.stderr!.destroy();
    // Log lines now hit EPIPE: requests must still be answered.
    for (let i = 0; i < 20; i++) expect((await fetch(child.baseUrl + `/api/leads?page=${i + 1}`)).status).toBe(200);
    const exit = await terminate(child);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
    expect(snapshotLeadCount(dir)).toBe(3_000);
  }, 60_000);

  it('stdout never read (a full pipe): requests are answered and SIGTERM exits 0 within 10 s', async () => {
    const { child } = await start({ LOG_LEVEL: 'trace' });
    child.process.stdout!.pause(); // the pipe fills (64 KB) and stays full
    child.process.stdout!.removeAllListeners('data');
    for (let i = 0; i < 300; i++) expect((await fetch(child.baseUrl + `/api/leads?limit=50&page=${(i % 50) + 1}`)).status).toBe(200);
    const exit = await terminate(child);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(10_000);
  }, 60_000);

  it('the main thread stuck after SIGTERM: the watchdog worker kills the process at the 10 s deadline', async () => {
    const preload = path.join(PROJECT_ROOT, 'test/hardening/support/hang-after-sigterm.mjs');
    const { child } = await start({}, { nodeArgs: ['--import', preload] });
    await fetch(child.baseUrl + '/api/leads?limit=1');
    const exit = await terminate(child);
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.ms).toBeGreaterThan(9_000);
    expect(exit.ms).toBeLessThan(12_000);
    expect(child.output()).toContain('watchdog: shutdown deadline passed');
  }, 60_000);
});

describe('npm start', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  }, 60_000);

  it('SIGTERM to the npm process alone stops the server gracefully (exit 0, saved)', async () => {
    const { child, dir } = await start({ BUILD_SPA: 'false' }, { command: ['npm', 'start', '--silent'] });
    await fetch(child.baseUrl + '/api/leads?limit=1');
    const exit = await terminate(child);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(logLines(child.output()).at(-1)?.msg).toBe('stopped');
    expect(snapshotLeadCount(dir)).toBe(3_000);
  }, 60_000);
});
