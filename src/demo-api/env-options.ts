// `npm run demo-api` is configured by environment variables; createDemoApi itself takes options only,
// so tests and the embedded server never pick up a stray DEMO_* variable.
import type { DemoApiOptions } from './app';

type Env = Record<string, string | undefined>;

const envNumber = (env: Env, name: string): number | undefined => {
  const raw = env[name];
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) ? value : undefined;
};

/** DEMO_LEADS, DEMO_API_KEY, DEMO_DAILY_LIMIT, DEMO_LATENCY_MS and DEMO_LOG=1; unset or invalid → the default. */
export function demoApiOptionsFromEnv(env: Env): DemoApiOptions {
  const options: DemoApiOptions = { logger: env.DEMO_LOG === '1' };
  const leadCount = envNumber(env, 'DEMO_LEADS');
  if (leadCount) options.leadCount = leadCount; // 0 meant "the default" before, as `|| 2500` did
  if (env.DEMO_API_KEY !== undefined) options.apiKey = env.DEMO_API_KEY;
  const dailyLimit = envNumber(env, 'DEMO_DAILY_LIMIT');
  if (dailyLimit !== undefined) options.dailyLimit = dailyLimit;
  const latencyMs = envNumber(env, 'DEMO_LATENCY_MS');
  if (latencyMs !== undefined) options.faults = { latencyMs };
  return options;
}
