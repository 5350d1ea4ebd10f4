// The session cookie's content: user, issue and expiry instants, and a tag of the user's password
// hash (so changing a password or removing the user ends their sessions). Signed by @fastify/cookie
// (HMAC-SHA256 with the session secret); this module only encodes and checks the claims.
export const SESSION_COOKIE = 'rotor_dashboard_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionClaims {
  /** User name. */
  u: string;
  /** Issued at, ms since the epoch. */
  iat: number;
  /** Expires at, ms since the epoch. */
  exp: number;
  /** credentialTag() of the user's hash when the session was issued. */
  v: string;
  /** Random session id (sign-out revokes it). */
  sid: string;
}

export function encodeSession(claims: SessionClaims): string {
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

/** The claims of a (signature-checked) cookie value if well-formed and current at `now`; else null. */
export function decodeSession(value: string, now: number): SessionClaims | null {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(value)) return null;
  let claims: Partial<SessionClaims>;
  try {
    claims = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<SessionClaims>;
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== 'object') return null;
  const { u, iat, exp, v, sid } = claims;
  if (typeof u !== 'string' || typeof v !== 'string' || typeof sid !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
    return null;
  // Expired, or issued in the future / for longer than we ever issue: refuse.
  if (!(now < exp) || iat > now + 60_000 || exp - iat > SESSION_TTL_MS) return null;
  return { u, iat, exp, v, sid };
}
