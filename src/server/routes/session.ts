// /api/session: who is signed in (GET), sign in with a user name and password (POST, users-file
// mode), sign out (DELETE). The auth plugin has already checked the session or trusted header.
import type { FastifyInstance } from 'fastify';
import type { SessionResponse } from '../../shared/api-types';
import { invalidParameter, ApiError } from '../errors';
import type { Authenticator } from '../plugins/auth';

interface Credentials {
  username: string;
  password: string;
}

function readCredentials(body: unknown): Credentials {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalidParameter('The body must be a JSON object with "username" and "password".');
  const { username, password } = body as Partial<Record<string, unknown>>;
  if (typeof username !== 'string' || username.trim() === '' || username.length > 256)
    throw invalidParameter('username is required: a string of at most 256 characters.');
  if (typeof password !== 'string' || password === '' || password.length > 1024)
    throw invalidParameter('password is required: a string of at most 1024 characters.');
  return { username: username.trim(), password };
}

export async function sessionRoutes(app: FastifyInstance, { authenticator }: { authenticator: Authenticator }): Promise<void> {
  app.get('/api/session', async (request, reply): Promise<SessionResponse> => {
    reply.header('cache-control', 'no-store');
    if (authenticator.mode !== 'none' && request.authUser === null)
      throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to use the dashboard.');
    const assignedTo = request.authUser === null ? null : await authenticator.ownerIdOf(request.authUser);
    return { status: 'success', data: { username: request.authUser, mode: authenticator.mode, assigned_to: assignedTo } };
  });

  app.post('/api/session', async (request, reply) => {
    const { username, password } = readCredentials(request.body);
    await authenticator.signIn(request, reply, username, password);
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.delete('/api/session', async (request, reply) => {
    authenticator.signOut(request, reply);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}
