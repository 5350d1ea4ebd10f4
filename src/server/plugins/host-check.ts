// DNS rebinding guard (README "Security"): a web page can point its own host name at 127.0.0.1 and then
// read this server as same-origin, but the browser still sends that name in `Host`. So every request
// (API and static files alike) must name a host we expect: loopback names always, ALLOWED_HOSTS when set,
// and any host only with an auth mode and no ALLOWED_HOSTS (a session cookie is then needed anyway).
// Dependency-free on purpose: the dev server (vite-api-plugin) loads it to apply the same rule.
import type { FastifyInstance } from 'fastify';
import { isLoopbackHost } from '../auth/addresses';
import { ApiError } from '../errors';

export interface HostPolicy {
  /** Lower-case entries, `name` (any port) or `name:port`; null = any host. */
  allowed: readonly string[] | null;
}

export function hostPolicy(authMode: string | undefined, allowedHosts: readonly string[] | undefined): HostPolicy {
  if (allowedHosts !== undefined) return { allowed: allowedHosts };
  return { allowed: authMode === undefined || authMode === 'none' ? [] : null };
}

/** `Host` as sent (`name`, `name:port`, `[v6]:port`) → [hostname, port or '']; null when malformed. */
function splitHost(value: string): [string, string] | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  return match ? [match[1]!.toLowerCase(), match[2] ?? ''] : null;
}

export function isAllowedHost(value: string | undefined, policy: HostPolicy): boolean {
  if (policy.allowed === null) return true;
  if (value === undefined) return false;
  const parts = splitHost(value);
  if (parts === null) return false;
  const [hostname, port] = parts;
  if (isLoopbackHost(hostname)) return true;
  return policy.allowed.some((entry) => entry === hostname || (port !== '' && entry === `${hostname}:${port}`));
}

export const FORBIDDEN_HOST_MESSAGE = 'This server does not answer for that host name (see ALLOWED_HOSTS in the README).';

export function registerHostCheck(app: FastifyInstance, policy: HostPolicy): void {
  if (policy.allowed === null) return;
  app.addHook('onRequest', async (request) => {
    // request.host: X-Forwarded-Host only from AUTH_TRUSTED_PROXIES (trustProxy), else the Host header.
    const host = request.host;
    if (isAllowedHost(host, policy)) return;
    request.log.info({ host: String(host).slice(0, 100) }, 'refused request for a foreign host name');
    throw new ApiError(421, 'FORBIDDEN_HOST', FORBIDDEN_HOST_MESSAGE);
  });
}
