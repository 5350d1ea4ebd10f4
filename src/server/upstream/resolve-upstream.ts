// The one place the configured upstream becomes a URL and key to call: Rotor as configured, or the
// embedded demo API started on loopback (as if it were Rotor) when no ROTOR_API_URL is set. Used by
// main.ts and the dev server's API plugin, before buildApp; the config itself is never changed.
import type { ServerConfig } from '../config';

/** The upstream buildApp talks to. */
export interface ResolvedUpstream {
  /** Base URL with its path (no credentials, query or hash: config refuses them). */
  readonly url: string;
  readonly apiKey: string;
  /** Shown in /api/status and logs: whose data the dashboard holds. */
  readonly source: 'demo' | 'rotor';
}

export interface RunningUpstream {
  readonly upstream: ResolvedUpstream;
  /** Stops what resolveUpstream started (the demo API); nothing to do for Rotor. */
  close(): Promise<void>;
}

/** The key the embedded demo API expects (it only listens on loopback). */
const DEMO_API_KEY = 'demo';

export async function resolveUpstream(config: Pick<ServerConfig, 'upstream' | 'dailyLimit' | 'demoLeadCount'>): Promise<RunningUpstream> {
  const setting = config.upstream;
  if (setting.kind === 'rotor')
    return { upstream: { url: setting.url, apiKey: setting.apiKey, source: 'rotor' }, close: async () => undefined };

  // Loaded only here: a Rotor deployment never loads the demo's data generator (a separate build chunk).
  const { createDemoApi } = await import('../../demo-api/app');
  const demoApi = createDemoApi({
    apiKey: DEMO_API_KEY,
    dailyLimit: config.dailyLimit,
    ...(config.demoLeadCount !== undefined ? { leadCount: config.demoLeadCount } : {}),
  });
  const url = await demoApi.listen({ host: '127.0.0.1', port: 0 });
  return { upstream: { url, apiKey: DEMO_API_KEY, source: 'demo' }, close: () => demoApi.close() };
}
