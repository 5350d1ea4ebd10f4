// /api/preferences (docs/api.md "Preferences", an addition to the contract): the signed-in rep's own
// preferences — for now the personal default view. Only in an auth mode: without one there is no rep to
// keep them for, so both routes answer 404 NOT_FOUND and the SPA keeps its default in localStorage.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DefaultViewPreference, Preferences, PreferencesResponse } from '../../shared/preferences';
import { VIEW_ID_PATTERN } from '../../shared/preferences';
import { canonicalViewQuery } from '../../shared/views';
import { ApiError, invalidParameter } from '../errors';
import type { Authenticator } from '../plugins/auth';
import { PreferenceStore } from '../preferences/preference-store';
import { PreferencesFile, preferencesInMemoryOnly } from '../preferences/preferences-file';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readDefaultView(value: unknown): DefaultViewPreference | null {
  if (value === null) return null;
  if (!isObject(value)) throw invalidParameter('default_view must be null or an object { view_id, query }.');
  const viewId = value.view_id ?? null;
  if (viewId !== null && (typeof viewId !== 'string' || !VIEW_ID_PATTERN.test(viewId)))
    throw invalidParameter('default_view.view_id must be null or a view id (letters, digits, _ and -, at most 100).');
  if (typeof value.query !== 'string') throw invalidParameter('default_view.query must be a string (a URL query string).');
  // The same strict rules and canonical form as a saved view's query.
  const query = canonicalViewQuery(value.query);
  if (!query.ok) throw invalidParameter(`default_view.${query.message}`);
  return { view_id: viewId, query: query.query };
}

/** PUT: the whole preferences document; `default_view` required (null clears it). Other fields are ignored. */
function readPreferences(body: unknown): Preferences {
  if (!isObject(body)) throw invalidParameter('The body must be a JSON object.');
  if (body.default_view === undefined) throw invalidParameter('default_view is required (null to clear it).');
  return { default_view: readDefaultView(body.default_view) };
}

export async function preferenceRoutes(
  app: FastifyInstance,
  { dataDir, authenticator, now }: { dataDir: string | undefined; authenticator: Authenticator; now: () => number },
): Promise<void> {
  // DATA_DIR/preferences.json, or memory only without DATA_DIR (tests, hand-built configs) or without an
  // auth mode (nothing is kept). Loaded while the app is built, before it listens.
  const preferences = new PreferenceStore(
    dataDir === undefined || authenticator.mode === 'none'
      ? preferencesInMemoryOnly
      : new PreferencesFile(dataDir, app.log.child({ component: 'preferences' }), now),
  );
  await preferences.load();
  /** The signed-in user; 404 without an auth mode (the auth plugin has already refused strangers). */
  const userOf = (request: FastifyRequest): string => {
    if (authenticator.mode === 'none' || request.authUser === null)
      throw new ApiError(404, 'NOT_FOUND', 'Preferences are kept by the server only with sign-in; this browser keeps them.');
    return request.authUser;
  };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/api/preferences', async (request): Promise<PreferencesResponse> => ({
    status: 'success',
    data: preferences.get(userOf(request)),
  }));

  // A JSON content type (plugins/auth.ts) and API_RATE_LIMIT apply as to every /api/* write.
  app.put('/api/preferences', async (request): Promise<PreferencesResponse> => {
    const user = userOf(request);
    return { status: 'success', data: await preferences.set(user, readPreferences(request.body)) };
  });
}
