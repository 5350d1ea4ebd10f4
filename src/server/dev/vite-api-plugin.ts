// `npm run dev`: the Vite dev server serves the SPA with hot reload, and this plugin answers `/api/*`
// with the same Fastify app `npm start` runs (demo API in-process unless ROTOR_API_URL is set).
// Server code is loaded through Vite's SSR loader, so an edit under src/server/ or src/shared/ rebuilds
// the app on the next request without restarting Vite. Type-only imports here: nothing of the server
// is bundled into vite.config.ts.
// The production rules hold here too: every request's Host is checked (DNS rebinding, ALLOWED_HOSTS), and
// without an auth mode `/api` is refused when Vite listens beyond loopback (`npm run dev -- --host`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Plugin, ViteDevServer } from 'vite';
import type * as AppModule from '../app';
import type * as AddressesModule from '../auth/addresses';
import type * as ConfigModule from '../config';
import type * as HostCheckModule from '../plugins/host-check';
import type * as ResolveUpstreamModule from '../upstream/resolve-upstream';

const RELOAD_ON = ['/src/server/', '/src/shared/'];

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

export function dashboardApiPlugin(): Plugin {
  return {
    name: 'rotor-dashboard-api',
    apply: 'serve',
    config() {
      // Vite checks Host itself before any plugin; names in ALLOWED_HOSTS must pass that check too.
      const hosts = (process.env.ALLOWED_HOSTS ?? '')
        .split(',')
        .map((entry) => entry.trim().replace(/:\d+$/, ''))
        .filter(Boolean);
      return hosts.length > 0 ? { server: { allowedHosts: hosts } } : undefined;
    },
    configureServer(server) {
      // vitest loads vite.config.ts too; tests build their own apps.
      if (process.env.VITEST) return;
      const dev = new DevApi(server);
      server.middlewares.use((req, res, next) => {
        dev
          .checkHost(req, res)
          .then((allowed) => {
            if (!allowed) return;
            if (!isApiPath(req.url ?? '')) return next();
            return dev.handle(req, res);
          })
          .catch(next);
      });
      server.watcher.on('change', (file) => {
        if (RELOAD_ON.some((dir) => file.replaceAll('\\', '/').includes(dir))) dev.invalidate();
      });
      server.httpServer?.once('close', () => void dev.close());
      // The configuration is checked once at start: a bad PORT or key is one line and the end,
      // not a stack trace on every /api request.
      server.httpServer?.once('listening', () => {
        void dev.warnIfExposed().catch(() => undefined);
        dev.checkConfig().catch((error: unknown) => {
          const isConfigError = (error as Error).name === 'ConfigError';
          server.config.logger.error(isConfigError ? `Configuration error: ${(error as Error).message}` : String(error));
          void server.close().finally(() => process.exit(2));
        });
      });
    },
  };
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'error', error_code: 'FORBIDDEN_HOST', message }));
}

class DevApi {
  private app: Promise<FastifyInstance> | null = null;
  /** The previous app's close (its shutdown save writes DATA_DIR): the next app waits for it. */
  private closing: Promise<void> = Promise.resolve();
  private config: Promise<ConfigModule.ServerConfig> | null = null;
  private hostRule: Promise<{ allows(host: string | undefined): boolean; message: string }> | null = null;
  private upstream: Promise<ResolveUpstreamModule.RunningUpstream> | null = null;

  constructor(private readonly server: ViteDevServer) {}

  /** Answers 421 and returns false for a Host the server would refuse. */
  async checkHost(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // Loaded once: this runs for every module the browser fetches.
    this.hostRule ??= (async () => {
      const config = await this.loadConfig();
      const hostCheck = (await this.server.ssrLoadModule('/src/server/plugins/host-check.ts')) as typeof HostCheckModule;
      const policy = hostCheck.hostPolicy(config.auth?.mode, config.allowedHosts);
      return { allows: (host: string | undefined) => hostCheck.isAllowedHost(host, policy), message: hostCheck.FORBIDDEN_HOST_MESSAGE };
    })();
    const rule = await this.hostRule;
    if (rule.allows(req.headers.host)) return true;
    sendError(res, 421, rule.message);
    return false;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await this.exposedWithoutAuth()) {
      const { NO_AUTH_ON_NETWORK_MESSAGE } = (await this.server.ssrLoadModule('/src/server/config.ts')) as typeof ConfigModule;
      sendError(res, 403, `The dev server listens beyond loopback: /api is off. ${NO_AUTH_ON_NETWORK_MESSAGE}`);
      return;
    }
    this.app ??= this.build();
    const app = await this.app;
    app.routing(req, res);
  }

  /** One line at startup when `--host` exposes the dev server without an auth mode. */
  async warnIfExposed(): Promise<void> {
    if (await this.exposedWithoutAuth())
      this.server.config.logger.error(
        'The dev server listens beyond loopback without an auth mode: /api answers 403 (set AUTH_USERS_FILE or AUTH_TRUSTED_HEADER, or drop --host).',
      );
  }

  /** Judged by the address Vite actually listens on (`--host` does not set HOST). */
  private async exposedWithoutAuth(): Promise<boolean> {
    const config = await this.loadConfig();
    if (config.auth !== undefined && config.auth.mode !== 'none') return false;
    const address = this.server.httpServer?.address();
    if (address === null || address === undefined || typeof address === 'string') return false;
    const { isLoopbackHost } = (await this.server.ssrLoadModule('/src/server/auth/addresses.ts')) as typeof AddressesModule;
    return !isLoopbackHost(address.address);
  }

  /** Loads the configuration (starting the demo API when needed) before the first request asks. */
  async checkConfig(): Promise<void> {
    this.upstream ??= this.resolveUpstream();
    await this.upstream;
  }

  /** The next request builds a fresh app from the edited sources (the demo API keeps running). */
  invalidate(): void {
    const old = this.app;
    this.app = null;
    if (old) {
      const previous = this.closing;
      this.closing = previous.then(() => old.then((app) => app.close()).catch(() => undefined));
    }
  }

  async close(): Promise<void> {
    this.invalidate();
    await this.closing;
    // Stops the demo API if one was started; a failed start (a bad config) has nothing to stop.
    await this.upstream?.then(
      (running) => running.close(),
      () => undefined,
    );
  }

  private async build(): Promise<FastifyInstance> {
    // Two apps must never write the same DATA_DIR files at once: the old one saves on close.
    await this.closing;
    this.upstream ??= this.resolveUpstream();
    const { upstream } = await this.upstream;
    const config = await this.loadConfig();
    const { buildApp } = (await this.server.ssrLoadModule('/src/server/app.ts')) as typeof AppModule;
    const app = await buildApp({ config, upstream, logger: { level: config.logLevel ?? 'info' } });
    await app.ready();
    return app;
  }

  private loadConfig(): Promise<ConfigModule.ServerConfig> {
    this.config ??= (async () => {
      const { loadConfig } = (await this.server.ssrLoadModule('/src/server/config.ts')) as typeof ConfigModule;
      return loadConfig(process.env);
    })();
    return this.config;
  }

  private async resolveUpstream(): Promise<ResolveUpstreamModule.RunningUpstream> {
    const config = await this.loadConfig();
    const { resolveUpstream } = (await this.server.ssrLoadModule(
      '/src/server/upstream/resolve-upstream.ts',
    )) as typeof ResolveUpstreamModule;
    return resolveUpstream(config);
  }
}
