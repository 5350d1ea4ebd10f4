// Starts a server script as its own OS process (so its RSS and CPU are its own, as in production)
// on a free loopback port, with stdout/stderr going to a log file (production logging is on, and
// a file costs what a real log sink costs without loading the bench process).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
export const RESULTS_DIR = join(PROJECT_ROOT, 'test', 'bench', 'results');

/** Children still running: killed if the bench itself ends early (error, Ctrl-C), never left behind. */
const liveChildren = new Set<ChildProcess>();
let exitHooksInstalled = false;
function killLiveChildren(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
  liveChildren.clear();
}
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killLiveChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      killLiveChildren();
      process.exit(130);
    });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly baseUrl: string;
  readonly logFile: string;
  /** Resident set size of the process now, from /proc/<pid>/status (VmRSS), in MB. */
  rssMb(): number;
  /** Peak resident set size (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms (10 ms resolution). */
  cpuMs(): number;
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`${field} not found for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs `node --import tsx <script>` directly (not through npx/tsx's CLI, which would put a wrapper
 * process in between), so the pid is the server's own.
 */
export async function startServerProcess(options: {
  script: string;
  env: Record<string, string>;
  logName: string;
  /** Path that answers once the server listens. */
  readyPath?: string;
  timeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof'] when looking into where the time goes. */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const port = await freePort();
  // Its own empty DATA_DIR: no snapshot from an earlier process is loaded (every sync is a real one)
  // and nothing is left in the project's .data/.
  const dataDir = mkdtempSync(join(tmpdir(), 'rotor-bench-data-'));
  const logFile = join(RESULTS_DIR, `${options.logName}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // dist/ is built by the bench first; main.ts must not load Vite into the measured process.
      BUILD_SPA: 'false',
      ...options.env,
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  installExitHooks();
  liveChildren.add(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.script}`);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      exited = `exited with ${signal ?? code}`;
      resolve();
    });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    pid,
    port,
    baseUrl,
    logFile,
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    cpuMs: () => procCpuMs(pid),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitPromise;
        clearTimeout(killTimer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await server.stop(); // removes its DATA_DIR
      throw new Error(`${options.script} ${exited} before listening; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(baseUrl + (options.readyPath ?? '/'));
      await response.arrayBuffer();
      return server;
    } catch {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`${options.script} did not listen within the timeout; see ${logFile}`);
      }
      await sleep(50);
    }
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
