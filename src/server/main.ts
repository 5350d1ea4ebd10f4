// `npm start`: load the configuration, start the embedded demo API when no ROTOR_API_URL is set,
// build the SPA when dist/ is missing or older than its sources, then serve on HOST:PORT.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(projectRoot, 'dist');

/** What the SPA build reads; if any of it is newer than dist/index.html, the build is stale. */
const SPA_SOURCES = ['index.html', 'vite.config.ts', 'tailwind.config.ts', 'public', 'src/app', 'src/shared'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function spaBuildIsCurrent(): boolean {
  const builtIndex = path.join(distDir, 'index.html');
  if (!existsSync(builtIndex)) return false;
  const builtAt = statSync(builtIndex).mtimeMs;
  return SPA_SOURCES.every((source) => newestMtime(path.join(projectRoot, source)) <= builtAt);
}

async function buildSpaIfNeeded(): Promise<void> {
  if (spaBuildIsCurrent()) return;
  console.log('Building the dashboard (dist/ is missing or older than its sources)…');
  const { build } = await import('vite');
  await build({ root: projectRoot, logLevel: 'warn' });
}

function loadConfigOrExit(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

const config = loadConfigOrExit();
const closers: (() => Promise<unknown>)[] = [];

if (config.upstream === null) {
  // No Rotor configured: serve the embedded demo API on loopback, as if it were Rotor.
  const { createDemoApi } = await import('../demo-api/app');
  const demoApi = createDemoApi({
    apiKey: 'demo',
    dailyLimit: config.dailyLimit,
    ...(config.demoLeadCount !== undefined ? { leadCount: config.demoLeadCount } : {}),
  });
  const url = await demoApi.listen({ host: '127.0.0.1', port: 0 });
  config.upstream = { url, apiKey: 'demo', source: 'demo' };
  closers.push(() => demoApi.close());
}

if (config.buildSpa !== false) await buildSpaIfNeeded();

const app = await buildApp({ config, logger: { level: config.logLevel ?? 'info' }, staticDir: distDir });
closers.unshift(() => app.close());
await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
app.log.info({ source: config.upstream.source }, `Dashboard at http://${shownHost}:${port}`);

// Graceful stop: stop accepting, let in-flight requests finish, save the snapshot (app's onClose),
// exit 0. A second signal, or a shutdown that hangs, exits at once with 1.
const SHUTDOWN_TIMEOUT_MS = 10_000;
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error({ timeout_ms: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void (async () => {
      let failed = false;
      for (const close of closers)
        await close().catch((error: unknown) => {
          failed = true;
          app.log.error({ err: error }, 'error while shutting down');
        });
      app.log.info('stopped');
      process.exit(failed ? 1 : 0);
    })();
  });
}
