// `npm start` as a child process (node --import tsx src/server/main.ts, so the pid is the server's own
// and signals reach it directly) on a free loopback port, with its stdout/stderr captured.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerChild {
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(name: NodeJS.Signals): void;
  /** The process itself (e.g. to close its stdout and stderr). */
  process: ChildProcess;
}

export interface ServerChildOptions {
  /** Node flags before the script, e.g. a --import preload. */
  nodeArgs?: string[];
  /** Instead of node: this command and its arguments (e.g. ['npm', 'start']). */
  command?: string[];
}

/** Starts the server and resolves once it listens (its "Dashboard at" line). */
export async function startServerChild(
  env: Record<string, string>,
  timeoutMs = 30_000,
  options: ServerChildOptions = {},
): Promise<ServerChild> {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) if (/^(ROTOR_|DEMO_|DATA_DIR|AUTH_|SESSION_|API_RATE|METRICS_)/.test(name)) delete inherited[name];
  const [command, ...args] = options.command ?? [
    process.execPath,
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    'src/server/main.ts',
  ];
  const child: ChildProcess = spawn(command!, args, {
    cwd: projectRoot,
    env: { ...inherited, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', BUILD_SPA: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start the server');
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (url === undefined) {
    const port = /Dashboard at http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(output)?.[1];
    if (port !== undefined) url = `http://127.0.0.1:${port}`;
    if (url !== undefined) break;
    if (hasExited) throw new Error(`server exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    pid: child.pid,
    url,
    output: () => output,
    exited,
    signal: (name) => void child.kill(name),
    process: child,
  };
}

/** The JSON log lines of a child's output (other lines, e.g. a build message, are skipped). */
export function logLines(output: string): { msg?: string; [key: string]: unknown }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string });
}
