// A server script as its own OS process, for the hardening tests (signals, restarts, exit codes, log
// lines) and the bench (RSS and CPU of the server alone, as in production). It runs
// `node --import tsx <script>` directly, not through npx or tsx's CLI, so the pid is the server's own and
// signals and /proc figures reach it without a wrapper in between.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The environment a server process gets: this one's minus every dashboard and demo setting (a developer's
 * ROTOR_API_URL or AUTH_USERS_FILE must not change what a test or bench sees), production defaults
 * (no Vite in the process: dist/ is served as it is), then `env`.
 */
export function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited))
    if (/^(ROTOR_|DEMO_|DATA_DIR|AUTH_|SESSION_|API_RATE|METRICS_)/.test(name)) delete inherited[name];
  return { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', BUILD_SPA: 'false', LOG_LEVEL: 'info', ...env };
}

export interface ServerProcessOptions {
  /** Run with node --import tsx; default the dashboard, src/server/main.ts. */
  script?: string;
  /** Instead of node and the script: this command and its arguments (e.g. ['npm', 'start']). */
  command?: string[];
  /** Node flags before the script, e.g. a --import preload or --cpu-prof. */
  nodeArgs?: string[];
  /** On top of serverEnv's. Without DATA_DIR the process gets an empty one of its own, removed when it exits. */
  env?: Record<string, string>;
  /**
   * Where stdout and stderr go: by default kept in memory for output(); a file when the process logs a
   * lot (a bench under load), which costs what a real log sink costs without loading this process.
   */
  logFile?: string;
  /**
   * Ready when this path answers, on a free port picked here (for scripts that do not log the dashboard's
   * "Dashboard at" line). Default: ready when that line appears, on the port the server picked (PORT=0).
   */
  readyPath?: string;
  timeoutMs?: number;
}

export interface ServerProcess {
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** The process itself (e.g. to close or stall its stdout and stderr). */
  readonly process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM (SIGKILL after 10 s) and wait for the exit. */
  stop(): Promise<void>;
  /** Resident set size of the process now, from /proc/<pid>/status (VmRSS), in MB. */
  rssMb(): number;
  /** Peak resident set size (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms (10 ms resolution). */
  cpuMs(): number;
}

/** Processes still running: killed if this one ends first (an error, Ctrl-C), never left behind. */
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
  // Under vitest the runner owns its workers' signals (it stops them itself); the bench is a plain script.
  if (process.env.VITEST) return;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      killLiveChildren();
      process.exit(130);
    });
}

/** Starts the process and resolves once it listens. */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const script = options.script ?? 'src/server/main.ts';
  const port = options.readyPath !== undefined ? String(await freePort()) : '0';
  const ownDataDir = options.env?.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'rotor-server-data-')) : undefined;
  const env = serverEnv({ PORT: port, ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}), ...options.env });
  const [command, ...args] = options.command ?? [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', script];

  let captured = '';
  let child: ChildProcess;
  if (options.logFile !== undefined) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const logFd = openSync(options.logFile, 'w');
    child = spawn(command!, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
  } else {
    child = spawn(command!, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  }
  const output = () => (options.logFile === undefined ? captured : readIfThere(options.logFile));
  installExitHooks();
  liveChildren.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${script}`);

  const fail = async (why: string): Promise<never> => {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${options.command?.join(' ') ?? script} ${why}:\n${output().slice(-4_000)}`);
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let baseUrl: string | undefined;
  while (baseUrl === undefined) {
    if (hasExited) await fail('exited before listening');
    if (options.readyPath === undefined) {
      const listening = /Dashboard at http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(output())?.[1];
      if (listening !== undefined) baseUrl = `http://127.0.0.1:${listening}`;
    } else if (await answers(`http://127.0.0.1:${port}${options.readyPath}`)) {
      baseUrl = `http://127.0.0.1:${port}`;
    }
    if (baseUrl === undefined) {
      if (Date.now() > deadline) await fail(`did not listen within ${timeoutMs} ms`);
      await sleep(options.readyPath === undefined ? 20 : 50);
    }
  }

  return {
    pid,
    baseUrl,
    process: child,
    output,
    exited,
    signal: (name) => void child.kill(name),
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killTimer);
    },
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    cpuMs: () => procCpuMs(pid),
  };
}

/** The JSON log lines of a process's output (other lines, e.g. a build message, are skipped). */
export function logLines(output: string): { msg?: string; [key: string]: unknown }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string });
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

async function answers(url: string): Promise<boolean> {
  try {
    await (await fetch(url)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
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
