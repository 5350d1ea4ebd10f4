// /api/views (docs/api.md §2 "Saved views"): list, create, change and delete saved views. The body's
// fields are checked here (name, query, shared); who may see or change what, name clashes and the
// per-owner cap are the store's (src/server/views/view-store.ts), decided under its write lock.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ViewResponse, ViewsResponse } from '../../shared/views';
import { canonicalViewQuery, VIEW_LIMITS } from '../../shared/views';
import { invalidParameter } from '../errors';
import type { Authenticator } from '../plugins/auth';
import type { Caller, NewView, ViewChange, ViewStore } from '../views/view-store';

// C0 and C1 controls: a name shows in a menu and in document.title, where a line break has no place.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

function readName(value: unknown): string {
  if (typeof value !== 'string') throw invalidParameter('name must be a string.');
  const name = value.trim();
  // Characters as people count them (code points), not UTF-16 units.
  const length = [...name].length;
  if (length < 1 || length > VIEW_LIMITS.nameMaxLength)
    throw invalidParameter(`name must be 1 to ${VIEW_LIMITS.nameMaxLength} characters after trimming.`);
  if (CONTROL_CHARACTERS.test(name)) throw invalidParameter('name must not contain control characters.');
  return name;
}

function readQuery(value: unknown): string {
  if (typeof value !== 'string') throw invalidParameter('query must be a string (a URL query string).');
  const result = canonicalViewQuery(value);
  if (!result.ok) throw invalidParameter(result.message);
  return result.query;
}

function readShared(value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidParameter('shared must be true or false.');
  return value;
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParameter('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** POST: `name` and `query` required, `shared` optional (default false). Other fields are ignored. */
function readNewView(body: unknown): NewView {
  const fields = bodyObject(body);
  if (fields.name === undefined) throw invalidParameter('name is required.');
  if (fields.query === undefined) throw invalidParameter('query is required (an empty string for every lead).');
  return {
    name: readName(fields.name),
    query: readQuery(fields.query),
    shared: fields.shared === undefined ? false : readShared(fields.shared),
  };
}

/** PATCH: any of `name`, `query`, `shared`; at least one. */
function readChange(body: unknown): ViewChange {
  const fields = bodyObject(body);
  const change: ViewChange = {};
  if (fields.name !== undefined) change.name = readName(fields.name);
  if (fields.query !== undefined) change.query = readQuery(fields.query);
  if (fields.shared !== undefined) change.shared = readShared(fields.shared);
  if (Object.keys(change).length === 0) throw invalidParameter('Send at least one of name, query, shared.');
  return change;
}

export async function viewRoutes(
  app: FastifyInstance,
  { views, authenticator }: { views: ViewStore; authenticator: Authenticator },
): Promise<void> {
  const callerOf = (request: FastifyRequest): Caller => ({ authMode: authenticator.mode !== 'none', user: request.authUser });

  // A JSON content type on every change is the global rule of plugins/auth.ts (no cross-site form can post one).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/api/views', async (request): Promise<ViewsResponse> => ({ status: 'success', data: views.list(callerOf(request)) }));

  app.post('/api/views', async (request, reply): Promise<ViewResponse> => {
    const view = await views.create(callerOf(request), readNewView(request.body));
    reply.code(201);
    return { status: 'success', data: view };
  });

  app.patch<{ Params: { id: string } }>('/api/views/:id', async (request): Promise<ViewResponse> => {
    const change = readChange(request.body);
    return { status: 'success', data: await views.update(callerOf(request), request.params.id, change) };
  });

  app.delete<{ Params: { id: string } }>('/api/views/:id', async (request, reply) => {
    await views.remove(callerOf(request), request.params.id);
    return reply.code(204).send();
  });
}
