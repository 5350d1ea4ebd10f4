// Security headers on every response (helmet): a CSP that allows only our own scripts and no framing,
// nosniff, no referrer. No `upgrade-insecure-requests`: the dashboard is served over plain HTTP on
// loopback or behind a proxy, where that directive would break every asset.
// The headers are the same for every request, so helmet's middleware runs once at boot against a
// stand-in response and each request gets the recorded headers (@fastify/helmet rebuilt the middleware,
// CSP parsing included, on every request).
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
      'upgrade-insecure-requests': null,
    },
  },
  // HSTS means nothing on plain HTTP and would pin a TLS-terminating proxy's host for a year.
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
};

export interface SecurityHeaders {
  set: Readonly<Record<string, string>>;
  /** Headers helmet removes (X-Powered-By), should anything have set them. */
  removed: readonly string[];
}

/** What helmet's middleware does to a response with these options, recorded once. */
export function securityHeaders(options: Readonly<HelmetOptions> = SECURITY_HEADER_OPTIONS): SecurityHeaders {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  const response = {
    setHeader(name: string, value: unknown) {
      set[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      removed.push(name.toLowerCase());
    },
  };
  let failure: unknown = null;
  const middleware = helmet(options) as unknown as (req: object, res: typeof response, next: (error?: unknown) => void) => void;
  middleware({}, response, (error) => (failure = error ?? null));
  if (failure !== null) throw failure instanceof Error ? failure : new Error('helmet refused the security header options');
  return { set, removed };
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const { set, removed } = securityHeaders();
  const entries = Object.entries(set);
  // On the raw response, as helmet does: present on every answer, errors and static files included.
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of entries) raw.setHeader(name, value);
    done();
  });
}
