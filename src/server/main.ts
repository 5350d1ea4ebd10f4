// The server process (`npm start` runs its compiled form, dist-server/main.js; tests run it with tsx):
// check the configuration, DATA_DIR and the port, start the embedded demo API when no ROTOR_API_URL
// is set, then serve dist/ and /api on HOST:PORT until SIGTERM/SIGINT. Building is scripts/start.mjs's job.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { stdoutDestination } from './runtime/log-destination';
import { installShutdown } from './runtime/shutdown';
import { checkDataDir, checkPortFree, portMessage, StartupError } from './runtime/startup-checks';
import { startWatchdog } from './runtime/watchdog';
import { resolveUpstream } from './upstream/resolve-upstream';

/** Exit within this long of SIGTERM, whatever happens (docker stop waits 10 s before SIGKILL). */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** A main thread silent this long is hung (no request answered, no signal handled): the watchdog kills it. */
const STALL_LIMIT_MS = 30_000;

/** The folder holding package.json: src/server/ under tsx, dist-server/ when compiled. */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function refuse(message: string): never {
  process.stderr.write(`Configuration error: ${message}\n`);
  process.exit(2);
}

function loadConfigOrExit(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
}

const logs = stdoutDestination();
const config = loadConfigOrExit();
try {
  if (config.dataDir !== undefined) checkDataDir(config.dataDir);
  await checkPortFree(config.host, config.port);
} catch (error) {
  if (error instanceof StartupError) refuse(error.message);
  throw error;
}

const watchdog = startWatchdog({ deadlineMs: SHUTDOWN_DEADLINE_MS, stallMs: STALL_LIMIT_MS });
const closers: (() => Promise<unknown>)[] = [];

// Rotor as configured, or (no ROTOR_API_URL) the embedded demo API started on loopback.
const running = await resolveUpstream(config);
closers.push(() => running.close());

const level = config.logLevel ?? 'info';
const app = await buildApp({
  config,
  upstream: running.upstream,
  logger: { level, stream: logs },
  staticDir: path.join(findProjectRoot(), 'dist'),
});
closers.unshift(() => app.close());
installShutdown({ log: app.log, closers, deadlineMs: SHUTDOWN_DEADLINE_MS, watchdog, flushLogs: logs.flush });

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  // Lost a race for the port after the check: still one line, after saving what the start did.
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined || !/^E[A-Z]+$/.test(code)) throw error;
  await Promise.allSettled(closers.map((close) => close()));
  await logs.flush(500);
  refuse(portMessage(error as NodeJS.ErrnoException, config.host, config.port));
}

const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
// A wildcard address is not one a browser can open; bracket IPv6 literals.
const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '[::]';
const shownHost = wildcard ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
// At every LOG_LEVEL: with warn or error nothing else would tell where the dashboard is.
app.log.child({}, { level: 'info' }).info(
  // startup_ms: process start to listening (the figure issue 14 bounds at 1 s without a snapshot).
  { source: running.upstream.source, host: config.host, port, startup_ms: Math.round(process.uptime() * 1000) },
  `Dashboard at http://${shownHost}:${port}`,
);
