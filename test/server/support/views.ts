// Calls to /api/views through the real app (inject), as one client: optionally signed in (a session
// cookie, or the trusted header from a proxy's address).
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { ErrorCode } from '../../../src/shared/api-types';
import type { View } from '../../../src/shared/views';
import { JSON_HEADERS } from './auth';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface Identity {
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export function viewsClient(app: FastifyInstance, as: Identity = {}) {
  const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<Answer> => {
    const response = await app.inject({
      method,
      url,
      cookies: as.cookies ?? {},
      ...(as.remoteAddress ? { remoteAddress: as.remoteAddress } : {}),
      headers: { ...as.headers, ...(method === 'GET' ? {} : JSON_HEADERS) },
      ...(method === 'GET' ? {} : { payload: JSON.stringify(payload ?? {}) }),
    });
    return { status: response.statusCode, body: response.body === '' ? null : response.json(), headers: response.headers };
  };
  return {
    list: () => send('GET', '/api/views'),
    /** The names of the views listed, built-ins included. */
    names: async () => ((await send('GET', '/api/views')).body.data as View[]).map((view) => view.name),
    create: (body: unknown) => send('POST', '/api/views', body),
    patch: (id: string, body: unknown) => send('PATCH', `/api/views/${encodeURIComponent(id)}`, body),
    remove: (id: string) => send('DELETE', `/api/views/${encodeURIComponent(id)}`),
    /** Creates a view and returns it; fails the test unless the answer is 201. */
    async make(name: string, query = '', shared = false): Promise<View> {
      const answer = await send('POST', '/api/views', { name, query, shared });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.data as View;
    },
  };
}

/** The JSON error envelope with this status and code (and, optionally, a message matching `message`). */
export function expectError(answer: Answer, status: number, code: ErrorCode, message?: RegExp): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toEqual({ status: 'error', error_code: code, message: expect.any(String) });
  expect(answer.headers['cache-control']).toBe('no-store');
  if (message) expect(answer.body.message).toMatch(message);
}
