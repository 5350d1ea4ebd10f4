// Server configuration from the environment (docs/api.md §3). Every value is validated once here;
// a bad value stops the server with a one-line message that never echoes the API key or URL.
import path from 'node:path';
import { addressMatcher, isLoopbackHost } from './auth/addresses';
import { readUsersFileSync, UsersFileError } from './auth/users-file';

/**
 * Where lead data comes from, as configured: Rotor (ROTOR_API_URL and ROTOR_API_KEY) or, with neither set,
 * the embedded demo API. resolveUpstream (upstream/resolve-upstream.ts) turns it into a URL and key.
 */
export type UpstreamSetting =
  | {
      readonly kind: 'rotor';
      /** Base URL with its path, e.g. https://api.getrotor.com/open-api (no credentials, query or hash). */
      readonly url: string;
      readonly apiKey: string;
    }
  | { readonly kind: 'demo' };

export interface ServerConfig {
  port: number;
  host: string;
  /** Read-only: resolved once, before buildApp, by resolveUpstream. */
  readonly upstream: UpstreamSetting;
  /** Seconds before held data counts as stale and a background refresh may start. */
  syncTtlSeconds: number;
  /**
   * ROTOR_POLL_INTERVAL: seconds between polls of the newest page ('auto': derived from the budget, 0: off).
   * Unset in a hand-built config (tests): no polls.
   */
  pollIntervalSeconds?: number | 'auto';
  /** The key's daily request quota (shared by everyone using the key). */
  dailyLimit: number;
  /** Lead count of the embedded demo API (DEMO_LEADS); undefined → the demo's default. */
  demoLeadCount: number | undefined;
  /** LOG_LEVEL, default 'info'. */
  logLevel?: LogLevel;
  /**
   * DATA_DIR (default ./.data): what survives a restart (lead snapshot, the day's call count).
   * Unset in a hand-built config (tests): nothing is saved.
   */
  dataDir?: string;
  /** BUILD_SPA (default true): whether `npm start` rebuilds dist/ when it is older than its sources. */
  buildSpa?: boolean;
  /** Who may use /api/*. Unset (tests): no auth mode, loopback only. */
  auth?: AuthConfig;
  /** API_RATE_LIMIT: /api/* requests per minute per client (signed-in user, else IP); 0 = off. */
  apiRateLimit?: number;
  /**
   * ALLOWED_HOSTS: the Host names (lower case, optionally `name:port`) accepted besides loopback ones.
   * Unset: any Host with an auth mode, only loopback names without one (DNS rebinding).
   */
  allowedHosts?: string[];
  /** METRICS_TOKEN: Bearer token for /metrics from non-loopback peers; unset → /metrics is loopback only. */
  metricsToken?: string;
}

/**
 * Access control (README "Deploying for a team"). One mode at most: `users-file` (password sign-in,
 * session cookie) or `trusted-header` (an SSO proxy in front names the user).
 */
export type AuthConfig =
  | { mode: 'none'; trustedProxies: string[]; cookieSecure: boolean }
  | {
      mode: 'users-file';
      /** Absolute path of AUTH_USERS_FILE. */
      usersFile: string;
      /** SESSION_SECRET; unset → generated once and kept in DATA_DIR/session-secret. */
      sessionSecret?: string;
      trustedProxies: string[];
      /** COOKIE_SECURE=true: always mark the cookie Secure (it is anyway for HTTPS requests). */
      cookieSecure: boolean;
    }
  | {
      mode: 'trusted-header';
      /** AUTH_TRUSTED_HEADER, lower-cased (Node's header keys). */
      header: string;
      /** AUTH_TRUSTED_PROXIES: the only peers whose header is believed (required in this mode). */
      trustedProxies: string[];
      cookieSecure: boolean;
    };

/** Per minute and client, when an auth mode is on and API_RATE_LIMIT is unset. */
export const DEFAULT_API_RATE_LIMIT = 600;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Unset and blank mean the same (container env files often carry `NAME=`). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readInteger(env: Env, name: string, defaultValue: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return defaultValue;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

function readUpstreamUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('ROTOR_API_URL must be an absolute http(s) URL, e.g. https://api.getrotor.com/open-api');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('ROTOR_API_URL must use http or https');
  // The key travels only in the x-api-key header; nothing secret may sit in a URL that could get logged.
  if (url.username !== '' || url.password !== '') throw new ConfigError('ROTOR_API_URL must not contain credentials');
  if (url.search !== '' || url.hash !== '') throw new ConfigError('ROTOR_API_URL must not have a query or fragment');
  // The key travels in every request: over plain http only to this machine itself.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new ConfigError(
      'ROTOR_API_URL must use https (http:// is allowed only for a loopback host such as 127.0.0.1): the API key would travel in clear text',
    );
  return url.href;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const port = readInteger(env, 'PORT', 3000, 0, 65535);
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const syncTtlSeconds = readInteger(env, 'ROTOR_SYNC_TTL', 300, 1, 86_400);
  const pollIntervalSeconds =
    read(env, 'ROTOR_POLL_INTERVAL') === undefined ? 'auto' : readInteger(env, 'ROTOR_POLL_INTERVAL', 0, 0, 86_400);
  const dailyLimit = readInteger(env, 'ROTOR_DAILY_LIMIT', 1000, 2, 10_000_000);
  const demoLeadCount = read(env, 'DEMO_LEADS') === undefined ? undefined : readInteger(env, 'DEMO_LEADS', 0, 0, 1_000_000);

  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const rawUrl = read(env, 'ROTOR_API_URL');
  const apiKey = read(env, 'ROTOR_API_KEY');
  let upstream: UpstreamSetting = { kind: 'demo' };
  if (rawUrl !== undefined) {
    if (apiKey === undefined) throw new ConfigError('ROTOR_API_KEY is required when ROTOR_API_URL is set');
    // Header values cannot carry control characters; say so without echoing the key.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(apiKey) || /[^\u0020-\u00ff]/.test(apiKey))
      throw new ConfigError('ROTOR_API_KEY contains characters not allowed in an HTTP header');
    upstream = { kind: 'rotor', url: readUpstreamUrl(rawUrl), apiKey };
  } else if (apiKey !== undefined) {
    // Otherwise the operator would silently get demo data while believing they see Rotor's.
    throw new ConfigError('ROTOR_API_KEY is set but ROTOR_API_URL is not; set both (or neither for the demo data)');
  }

  const dataDir = path.resolve(read(env, 'DATA_DIR') ?? '.data');
  const buildSpaRaw = read(env, 'BUILD_SPA') ?? 'true';
  if (buildSpaRaw !== 'true' && buildSpaRaw !== 'false') throw new ConfigError('BUILD_SPA must be true or false');

  const auth = readAuth(env, host);
  // Off without an auth mode: then the server is on loopback for one person, and load tests and
  // benchmarks hammer it on purpose. Set API_RATE_LIMIT to have it anyway.
  const apiRateLimit = readInteger(env, 'API_RATE_LIMIT', auth.mode === 'none' ? 0 : DEFAULT_API_RATE_LIMIT, 0, 1_000_000);

  const allowedHosts = readAllowedHosts(env);
  const metricsToken = read(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken)))
    throw new ConfigError('METRICS_TOKEN must be at least 16 printable characters without spaces (or unset: /metrics from loopback only)');

  return {
    port,
    host,
    upstream,
    syncTtlSeconds,
    pollIntervalSeconds,
    dailyLimit,
    demoLeadCount,
    logLevel,
    dataDir,
    buildSpa: buildSpaRaw === 'true',
    auth,
    apiRateLimit,
    ...(allowedHosts ? { allowedHosts } : {}),
    ...(metricsToken !== undefined ? { metricsToken } : {}),
  };
}

/** A host name, IPv4 address or [IPv6] address, optionally with `:port`. */
const HOST_ENTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

function readAllowedHosts(env: Env): string[] | undefined {
  const raw = read(env, 'ALLOWED_HOSTS');
  if (raw === undefined) return undefined;
  const hosts = raw
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const bad = hosts.find((entry) => !HOST_ENTRY.test(entry));
  if (bad !== undefined || hosts.length === 0)
    throw new ConfigError(
      'ALLOWED_HOSTS must be comma-separated host names as browsers send them (e.g. leads.example.com or leads.example.com:8443)',
    );
  return hosts;
}

function readBoolean(env: Env, name: string): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(`${name} must be true or false`);
}

/** One line: why a non-loopback HOST cannot start without an auth mode, and how to fix it. */
export const NO_AUTH_ON_NETWORK_MESSAGE =
  'HOST is not a loopback address, so anyone who can reach it could read every lead: set AUTH_USERS_FILE (add users with npm run user:add -- <name>) or AUTH_TRUSTED_HEADER with AUTH_TRUSTED_PROXIES, or use HOST=127.0.0.1 (see README "Deploying for a team")';

function readAuth(env: Env, host: string): AuthConfig {
  const usersFile = read(env, 'AUTH_USERS_FILE');
  const header = read(env, 'AUTH_TRUSTED_HEADER');
  const proxiesRaw = read(env, 'AUTH_TRUSTED_PROXIES');
  const sessionSecret = read(env, 'SESSION_SECRET');
  const cookieSecure = readBoolean(env, 'COOKIE_SECURE');

  const trustedProxies = (proxiesRaw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  try {
    addressMatcher(trustedProxies);
  } catch (error) {
    throw new ConfigError(`AUTH_TRUSTED_PROXIES: ${(error as Error).message} (use comma-separated IPs or CIDRs)`);
  }
  if (sessionSecret !== undefined && sessionSecret.length < 32)
    throw new ConfigError('SESSION_SECRET must be at least 32 characters (or unset, to have one generated in DATA_DIR)');

  // Two sources of identity would make "who is this" ambiguous: refuse rather than pick one silently.
  if (usersFile !== undefined && header !== undefined)
    throw new ConfigError('AUTH_USERS_FILE and AUTH_TRUSTED_HEADER are both set; choose one auth mode');

  if (usersFile !== undefined) {
    const file = path.resolve(usersFile);
    try {
      readUsersFileSync(file);
    } catch (error) {
      if (error instanceof UsersFileError)
        throw new ConfigError(`AUTH_USERS_FILE ${error.message}; create it with npm run user:add -- <name>`);
      throw error;
    }
    return { mode: 'users-file', usersFile: file, ...(sessionSecret !== undefined ? { sessionSecret } : {}), trustedProxies, cookieSecure };
  }
  if (header !== undefined) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header))
      throw new ConfigError('AUTH_TRUSTED_HEADER must be an HTTP header name, e.g. X-Forwarded-Email');
    if (trustedProxies.length === 0)
      throw new ConfigError('AUTH_TRUSTED_HEADER needs AUTH_TRUSTED_PROXIES: the addresses of the proxies allowed to set it');
    return { mode: 'trusted-header', header: header.toLowerCase(), trustedProxies, cookieSecure };
  }
  if (!isLoopbackHost(host)) throw new ConfigError(NO_AUTH_ON_NETWORK_MESSAGE);
  return { mode: 'none', trustedProxies, cookieSecure };
}
