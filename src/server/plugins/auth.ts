// Access control for /api/* (README "Deploying for a team"). The static SPA stays public so the
// sign-in form can load; every /api/* request is checked first, in an onRequest hook:
// - users-file mode: a signed, current session cookie whose user still exists with the same password;
//   only /api/session is open (to sign in and out).
// - trusted-header mode: AUTH_TRUSTED_HEADER, believed only when the TCP peer is in AUTH_TRUSTED_PROXIES.
// - no mode (loopback only): everyone is let through (plugins/host-check.ts already refused foreign hosts).
// Then: state-changing requests must carry a JSON content type in every mode (a cross-site form cannot),
// and with API_RATE_LIMIT > 0 each client (user, else IP) gets that many /api/* requests a minute.
import cookie from '@fastify/cookie';
import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthMode } from '../../shared/api-types';
import { addressMatcher, clientKey, isLoopbackHost } from '../auth/addresses';
import { FailedLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../auth/login-limiter';
import { VerifyGate } from '../auth/verify-gate';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from '../auth/password';
import { decodeSession, encodeSession, SESSION_COOKIE, SESSION_TTL_MS, type SessionClaims } from '../auth/session-cookie';
import { loadOrCreateSessionSecret } from '../auth/session-secret';
import { credentialTag, UsersFile } from '../auth/users-file';
import { ConfigError, NO_AUTH_ON_NETWORK_MESSAGE, type AuthConfig } from '../config';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user for this request; null without an auth mode (or before the check). */
    authUser: string | null;
  }
}

export interface AuthOptions {
  host: string;
  /** Unset: no auth mode. */
  auth: AuthConfig | undefined;
  dataDir: string | undefined;
  /** /api/* requests per minute per client; 0 or unset: no limit. */
  apiRateLimit: number | undefined;
  now: () => number;
  /** Test knob: failed sign-ins allowed per IP and per user in a window. */
  loginLimits?: LoginLimits;
}

/** What POST/DELETE /api/session need from the access layer. */
export interface Authenticator {
  readonly mode: AuthMode;
  /**
   * users-file mode: counts the attempt (429 past the limits), checks the password (one scrypt run, at most
   * two at once, known user or not) and sets the cookie; throws ApiError.
   */
  signIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<void>;
  signOut(request: FastifyRequest, reply: FastifyReply): void;
  /** The user's owner id from the users file (`assigned_to`, docs/api.md §2 "(me)"); null in other modes. */
  ownerIdOf(user: string): Promise<string | null>;
}

const unauthenticated = (message = 'Sign in to use the dashboard.') => new ApiError(401, 'UNAUTHENTICATED', message);
const tooManyAttempts = (seconds: number, what = 'failed sign-ins') =>
  new ApiError(429, 'TOO_MANY_ATTEMPTS', `Too many ${what}; try again in ${seconds} s.`, { 'retry-after': String(seconds) });
const USERS_FILE_UNAVAILABLE = 'Signing in is unavailable: the server cannot read its users file. Ask the administrator.';

/** `/api`, `/api/…` and `/api?…` (before any decoding: the router sees the same raw path). */
export function isApiUrl(url: string): boolean {
  const pathname = url.split('?', 1)[0] ?? '';
  return pathname === '/api' || pathname.startsWith('/api/');
}

function isApiRequest(request: FastifyRequest): boolean {
  // The matched route too: whatever URL spelling reached an /api route is an /api request.
  return isApiUrl(request.url) || (request.routeOptions.url ?? '').startsWith('/api');
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/json\s*(;|$)/i.test(value.trim());
}

/** The trustProxy setting for Fastify: X-Forwarded-For/-Proto are believed only from these peers. */
export function trustedProxyOption(auth: AuthConfig | undefined): ((address: string) => boolean) | undefined {
  if (!auth || auth.trustedProxies.length === 0) return undefined;
  const isTrusted = addressMatcher(auth.trustedProxies);
  return (address) => isTrusted(address);
}

export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<Authenticator> {
  const auth: AuthConfig = options.auth ?? { mode: 'none', trustedProxies: [], cookieSecure: false };
  // loadConfig already refuses this; checked again for apps built from a hand-made config.
  if (auth.mode === 'none' && !isLoopbackHost(options.host)) throw new ConfigError(NO_AUTH_ON_NETWORK_MESSAGE);
  const { now } = options;
  app.decorateRequest('authUser', null);

  let authenticator: Authenticator = {
    mode: auth.mode,
    async signIn() {
      throw new ApiError(404, 'NOT_FOUND', 'Signing in with a password is not enabled on this server.');
    },
    signOut() {},
    ownerIdOf: async () => null,
  };

  if (auth.mode === 'users-file') {
    const secret = auth.sessionSecret ?? loadOrCreateSessionSecret(options.dataDir);
    await app.register(cookie, { secret, hook: 'onRequest' });
    const users = new UsersFile(auth.usersFile, app.log.child({ component: 'auth' }), now);
    const limiter = new FailedLoginLimiter(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, now);
    const verifyGate = new VerifyGate(2);
    // Unknown users are checked against this, so they take as long as known ones.
    const dummyHash = await hashPassword(randomBytes(16).toString('base64'), DEFAULT_SCRYPT_PARAMS);

    const cookieOptions = (request: FastifyRequest) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: auth.cookieSecure || request.protocol === 'https',
    });

    // Sessions signed out before they expire (the cookie itself could be replayed until then).
    // In memory: a restart forgets them, and the 12 h expiry still bounds a copied cookie.
    const signedOut = new Map<string, number>();
    const validClaims = (request: FastifyRequest): SessionClaims | null => {
      const raw = request.cookies[SESSION_COOKIE];
      if (raw === undefined) return null;
      const unsigned = request.unsignCookie(raw);
      const claims = unsigned.valid && unsigned.value !== null ? decodeSession(unsigned.value, now()) : null;
      return claims && !signedOut.has(claims.sid) ? claims : null;
    };

    app.addHook('onRequest', async (request) => {
      if (!isApiRequest(request)) return;
      const claims = validClaims(request);
      const hash = claims ? await users.get(claims.u) : undefined;
      if (claims && hash !== undefined && credentialTag(hash) === claims.v) request.authUser = claims.u;
      if (request.authUser === null && !isSessionRoute(request))
        throw unauthenticated(users.available ? undefined : USERS_FILE_UNAVAILABLE);
    });

    authenticator = {
      mode: auth.mode,
      async signIn(request, reply, username, password) {
        const attempt = limiter.begin(request.ip, username);
        if (!('refund' in attempt)) throw tooManyAttempts(attempt.retryAfterSeconds);
        const hash = await users.get(username);
        if (!users.available) {
          attempt.refund();
          throw unauthenticated(USERS_FILE_UNAVAILABLE);
        }
        const ok = await verifyGate.run(() => verifyPassword(password, hash ?? dummyHash, dummyHash));
        if (ok === null) {
          // Too many verifications queued: not this client's failure.
          attempt.refund();
          throw tooManyAttempts(1, 'sign-ins at once');
        }
        if (!ok || hash === undefined) {
          request.log.info({ event: 'sign-in failed' }, 'sign-in failed');
          throw unauthenticated('Wrong user name or password.');
        }
        attempt.refund();
        const issuedAt = now();
        const value = encodeSession({
          u: username,
          iat: issuedAt,
          exp: issuedAt + SESSION_TTL_MS,
          v: credentialTag(hash),
          sid: randomBytes(12).toString('base64url'),
        });
        reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions(request), signed: true, maxAge: SESSION_TTL_MS / 1000 });
        request.log.info({ user: username }, 'signed in');
      },
      signOut(request, reply) {
        const claims = validClaims(request);
        if (claims) {
          const at = now();
          for (const [key, expiresAt] of signedOut) if (expiresAt <= at) signedOut.delete(key);
          signedOut.set(claims.sid, claims.exp);
          request.log.info({ user: claims.u }, 'signed out');
        }
        reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      },
      ownerIdOf: (user) => users.ownerIdOf(user),
    };
  } else if (auth.mode === 'trusted-header') {
    const isTrustedPeer = addressMatcher(auth.trustedProxies);
    app.addHook('onRequest', async (request) => {
      if (!isApiRequest(request)) return;
      // The TCP peer itself, never X-Forwarded-For: anyone can write that header.
      const peer = request.socket.remoteAddress;
      const value = request.headers[auth.header];
      const user = typeof value === 'string' ? value.trim() : '';
      // eslint-disable-next-line no-control-regex -- a header value with control characters is refused
      if (!isTrustedPeer(peer) || user === '' || user.length > 256 || /[\u0000-\u001f\u007f]/.test(user)) {
        request.log.info({ trustedPeer: isTrustedPeer(peer), hasHeader: user !== '' }, 'unauthenticated request');
        throw unauthenticated('Sign in through your company’s single sign-on to use the dashboard.');
      }
      request.authUser = user;
    });
  }

  // "JSON, even without a body": an empty JSON body is no body (Fastify's own parser answers 400).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else void parseJson(request, String(body), done);
  });

  // Every client behind an undeclared proxy shares its IP (rate limits, sign-in limits): say so once.
  const isTrustedProxy = addressMatcher(auth.trustedProxies);
  let warnedUntrustedForwarding = false;
  app.addHook('onRequest', async (request) => {
    if (warnedUntrustedForwarding || request.headers['x-forwarded-for'] === undefined) return;
    if (isTrustedProxy(request.socket.remoteAddress)) return;
    warnedUntrustedForwarding = true;
    request.log.warn(
      { peer: request.socket.remoteAddress },
      'X-Forwarded-For from a peer not in AUTH_TRUSTED_PROXIES: it is ignored and every client behind that proxy shares one IP for rate limits; declare the proxy in AUTH_TRUSTED_PROXIES',
    );
  });

  // Checked after authentication, so a stranger's request is a 401 whatever its content type.
  app.addHook('onRequest', async (request) => {
    if (!isApiRequest(request) || !STATE_CHANGING.has(request.method)) return;
    const contentType = request.headers['content-type'];
    // A cross-site form can only send urlencoded, multipart or text/plain, and a no-cors fetch no JSON
    // either; JSON needs a CORS preflight we never grant. In every mode, body or not: without an auth
    // mode the loopback server itself is what a foreign page would ride.
    if (!isJsonContentType(contentType))
      throw new ApiError(415, 'INVALID_PARAMETER', 'Send this request with content-type: application/json.');
  });

  if (options.apiRateLimit !== undefined && options.apiRateLimit > 0) {
    await app.register(rateLimit, {
      max: options.apiRateLimit,
      timeWindow: 60_000,
      hook: 'onRequest',
      allowList: (request) => !isApiRequest(request),
      keyGenerator: (request) => (request.authUser !== null ? `user:${request.authUser}` : `ip:${clientKey(request.ip)}`),
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      errorResponseBuilder: (_request, context) => {
        const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return new ApiError(429, 'RATE_LIMITED', `Too many requests from this client; retry in ${seconds} s.`, {
          'retry-after': String(seconds),
        });
      },
    });
  }

  return authenticator;
}

/** Open without a session in users-file mode: signing in, out, and asking whether one is signed in. */
function isSessionRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url === '/api/session';
}
