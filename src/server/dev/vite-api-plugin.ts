// `npm run dev`: the Vite dev server serves the SPA with hot reload, and this plugin answers `/api/*`
// with the same Fastify app `npm start` runs (demo API in-process unless ROTOR_API_URL is set).
// Server code is loaded through Vite's SSR loader, so an edit under src/server/ or src/shared/ rebuilds
// the app on the next request without restarting Vite. Type-only imports here: nothing of the server
// is bundled into vite.config.ts.
import type { FastifyInstance } from 'fastify';
import type { Plugin, ViteDevServer } from 'vite';
import type * as AppModule from '../app';
import type * as ConfigModule from '../config';
import type * as DemoApiModule from '../../demo-api/app';

const RELOAD_ON = ['/src/server/', '/src/shared/'];

export function dashboardApiPlugin(): Plugin {
  return {
    name: 'rotor-dashboard-api',
    apply: 'serve',
    configureServer(server) {
      // vitest loads vite.config.ts too; tests build their own apps.
      if (process.env.VITEST) return;
      const dev = new DevApi(server);
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (url !== '/api' && !url.startsWith('/api/') && !url.startsWith('/api?')) return next();
        dev.handle(req, res).catch(next);
      });
      server.watcher.on('change', (file) => {
        if (RELOAD_ON.some((dir) => file.replaceAll('\\', '/').includes(dir))) dev.invalidate();
      });
      server.httpServer?.once('close', () => void dev.close());
      // The configuration is checked once at start: a bad PORT or key is one line and the end,
      // not a stack trace on every /api request.
      server.httpServer?.once('listening', () => {
        dev.checkConfig().catch((error: unknown) => {
          const isConfigError = (error as Error).name === 'ConfigError';
          server.config.logger.error(isConfigError ? `Configuration error: ${(error as Error).message}` : String(error));
          void server.close().finally(() => process.exit(2));
        });
      });
    },
  };
}

class DevApi {
  private app: Promise<FastifyInstance> | null = null;
  private upstream: Promise<ConfigModule.ServerConfig> | null = null;
  private demoApi: DemoApiModule.DemoApi | null = null;

  constructor(private readonly server: ViteDevServer) {}

  async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    this.app ??= this.build();
    const app = await this.app;
    app.routing(req, res);
  }

  /** Loads the configuration (starting the demo API when needed) before the first request asks. */
  async checkConfig(): Promise<void> {
    this.upstream ??= this.resolveConfig();
    await this.upstream;
  }

  /** The next request builds a fresh app from the edited sources (the demo API keeps running). */
  invalidate(): void {
    const old = this.app;
    this.app = null;
    void old?.then((app) => app.close()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.invalidate();
    await this.demoApi?.close();
  }

  private async build(): Promise<FastifyInstance> {
    this.upstream ??= this.resolveConfig();
    const config = await this.upstream;
    const { buildApp } = (await this.server.ssrLoadModule('/src/server/app.ts')) as typeof AppModule;
    const app = await buildApp({ config, logger: { level: config.logLevel ?? 'info' } });
    await app.ready();
    return app;
  }

  private async resolveConfig(): Promise<ConfigModule.ServerConfig> {
    const { loadConfig } = (await this.server.ssrLoadModule('/src/server/config.ts')) as typeof ConfigModule;
    const config = loadConfig(process.env);
    if (config.upstream === null) {
      const { createDemoApi } = (await this.server.ssrLoadModule('/src/demo-api/app.ts')) as typeof DemoApiModule;
      this.demoApi = createDemoApi({
        apiKey: 'demo',
        dailyLimit: config.dailyLimit,
        ...(config.demoLeadCount !== undefined ? { leadCount: config.demoLeadCount } : {}),
      });
      config.upstream = { url: await this.demoApi.listen({ host: '127.0.0.1', port: 0 }), apiKey: 'demo', source: 'demo' };
    }
    return config;
  }
}
