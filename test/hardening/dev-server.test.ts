// `npm run dev` (Vite + the dashboard API plugin) as its own process, as a developer starts it:
// the Host rule of `npm start` applies, `--host` without an auth mode leaves /api refused (judged by the
// address Vite listens on, not HOST), and a hot reload of server code keeps answering.
import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../server/support/auth';

const dir = tempDir('dev-');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts `vite` with these args; resolves once it prints its URL. */
async function startVite(args: string[], env: Record<string, string> = {}): Promise<{ port: number; output: () => string }> {
  const port = await freePort();
  const { VITEST: _a, VITEST_POOL_ID: _b, VITEST_WORKER_ID: _c, NODE_ENV: _d, ...baseEnv } = process.env;
  const child = spawn(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), '--port', String(port), '--strictPort', ...args], {
    env: { ...baseEnv, DATA_DIR: path.join(dir, `data-${port}`), DEMO_LEADS: '50', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000; // a cold vite start (dependency pre-bundling) on a busy CI box
  // CI's terminal may colour Vite's banner (the port is wrapped in bold codes): read it as plain text.
  while (!stripVTControlCharacters(output).includes(`:${port}`)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`vite did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, output: () => output };
}

function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run dev', () => {
  it(
    'on loopback: /api works, a foreign Host gets 421 FORBIDDEN_HOST, and a server-code reload keeps answering',
    { timeout: 150_000 },
    async () => {
      const { port } = await startVite([]);
      const status = await get(port, '/api/status');
      expect(status.status).toBe(200);
      // An IP name passes Vite's own host check; ours refuses it (a rebinding page would use its own name).
      for (const pathname of ['/api/status', '/']) {
        const refused = await get(port, pathname, { host: `192.168.1.20:${port}` });
        expect(refused.status, pathname).toBe(421);
        expect(JSON.parse(refused.body)).toMatchObject({ status: 'error', error_code: 'FORBIDDEN_HOST' });
      }
      // An edit under src/server/ (here: a touch) rebuilds the app once the old one has closed.
      const now = new Date();
      utimesSync(path.resolve('src/server/errors.ts'), now, now);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = await get(port, '/api/status');
      expect(after.status).toBe(200);
      expect(JSON.parse(after.body).status).toBe('success');
    },
  );

  it('--host 0.0.0.0 without an auth mode: /api answers 403 and the console says why', { timeout: 150_000 }, async () => {
    const { port, output } = await startVite(['--host', '0.0.0.0']);
    const refused = await get(port, '/api/leads');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 'error',
      error_code: 'FORBIDDEN_HOST',
      message: expect.stringMatching(/beyond loopback/),
    });
    expect(output()).toMatch(/listens beyond loopback without an auth mode/);
  });
});
