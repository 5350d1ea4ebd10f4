// Trusted-header mode through the real app: AUTH_TRUSTED_HEADER is believed only when the TCP peer
// (inject's remoteAddress) is in AUTH_TRUSTED_PROXIES; anyone else, or a missing/empty header → 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, LeadsResponse, SessionResponse } from '../../src/shared/api-types';
import { JSON_HEADERS, PROTECTED_REQUESTS } from './support/auth';
import { startHarness, type Harness } from '../support/dashboard-harness';

const PROXY = '10.1.2.3';
const HEADER = 'x-forwarded-email';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    config: { auth: { mode: 'trusted-header', header: HEADER, trustedProxies: [PROXY, 'fd00::/8'], cookieSecure: false } },
  });
});
afterAll(() => h.close());

const asUser = (user: string, remoteAddress = PROXY, extra: Record<string, string> = {}) => ({
  remoteAddress,
  headers: { [HEADER]: user, ...extra },
});

function expect401(response: { statusCode: number; body: string }) {
  expect(response.statusCode).toBe(401);
  expect(JSON.parse(response.body)).toEqual({ status: 'error', error_code: 'UNAUTHENTICATED', message: expect.any(String) });
}

describe('trusted-header mode', () => {
  it('from a trusted proxy, the header names the user: GET /api/session and every route work', async () => {
    const session = await h.app.inject({ method: 'GET', url: '/api/session', ...asUser('ana@example.com') });
    expect(session.statusCode).toBe(200);
    expect(session.json<SessionResponse>()).toEqual({
      status: 'success',
      data: { username: 'ana@example.com', mode: 'trusted-header', assigned_to: null },
    });
    const leads = await h.app.inject({ method: 'GET', url: '/api/leads?limit=3', ...asUser('ana@example.com') });
    expect(leads.statusCode).toBe(200);
    expect(leads.json<LeadsResponse>().data).toHaveLength(3);
    // An IPv4 peer on a dual-stack socket, and a peer inside a trusted IPv6 range.
    expect((await h.app.inject({ method: 'GET', url: '/api/status', ...asUser('ana@example.com', `::ffff:${PROXY}`) })).statusCode).toBe(
      200,
    );
    expect((await h.app.inject({ method: 'GET', url: '/api/status', ...asUser('ana@example.com', 'fd00::17') })).statusCode).toBe(200);
  });

  it.each(PROTECTED_REQUESTS.map((request) => [`${request.method} ${request.url}`, request] as const))(
    '%s from an untrusted peer with the header → 401',
    async (_name, request) => {
      const response = await h.app.inject({
        ...request,
        remoteAddress: '10.1.2.4',
        headers: { ...(request.headers as Record<string, string>), [HEADER]: 'ana@example.com' },
      });
      expect(response.statusCode).toBe(401);
      if (request.method !== 'HEAD') expect(response.json<ErrorEnvelope>().error_code).toBe('UNAUTHENTICATED');
    },
  );

  it('X-Forwarded-For naming the proxy does not make a stranger trusted', async () => {
    expect401(
      await h.app.inject({ method: 'GET', url: '/api/leads', ...asUser('ana@example.com', '203.0.113.9', { 'x-forwarded-for': PROXY }) }),
    );
    expect401(await h.app.inject({ method: 'GET', url: '/api/session', ...asUser('ana@example.com', '127.0.0.1') }));
  });

  it('from the trusted proxy but without the header, or with an empty one → 401', async () => {
    expect401(await h.app.inject({ method: 'GET', url: '/api/leads', remoteAddress: PROXY }));
    expect401(await h.app.inject({ method: 'GET', url: '/api/leads', ...asUser('') }));
    expect401(await h.app.inject({ method: 'GET', url: '/api/leads', ...asUser('   ') }));
    expect401(await h.app.inject({ method: 'GET', url: '/api/session', remoteAddress: PROXY }));
  });

  it('password sign-in is not offered (404), and state changes still need JSON', async () => {
    const signIn = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      ...asUser('ana@example.com', PROXY, JSON_HEADERS),
      payload: JSON.stringify({ username: 'ana', password: 'whatever' }),
    });
    expect(signIn.statusCode).toBe(404);
    expect(signIn.json<ErrorEnvelope>().error_code).toBe('NOT_FOUND');
    const formRefresh = await h.app.inject({
      method: 'POST',
      url: '/api/refresh',
      ...asUser('ana@example.com', PROXY, { 'content-type': 'text/plain' }),
      payload: 'x',
    });
    expect(formRefresh.statusCode).toBe(415);
  });
});
