// `(me)` in `assigned_to` (docs/api.md §2 "(me)"): the caller's own owner id, taken from the users file
// when the signed-in user has one, else from the `me` param the SPA sends from its "I am" setting.
// Substituted into the parsed query before it reaches the index, so the index, facets and CSV only ever
// see real owner ids. A query naming `(me)` for a caller nobody knows matches no lead through that value.
import type { FastifyRequest } from 'fastify';
import type { RawQuery } from '../../shared/lead-query';
import type { FacetSelection } from '../../shared/query-v2/facet-list';
import { NONE_TOKEN, QUERY_V2_LIMITS } from '../../shared/query-v2/params';
import { invalidParameter } from '../errors';

export const ME_TOKEN = '(me)';

/** An `assigned_to` selection with `(me)` resolved. */
export interface ResolvedOwners {
  /** Real owner ids (the caller's in place of `(me)`) and `(none)`: what the index filters on. */
  selection: FacetSelection;
  /**
   * True when the filter can match no lead: `(me)` was the only thing selected and the caller's owner
   * id is unknown. The selection is then empty, which on its own would mean "no filter" (every lead),
   * so the index must answer no rows for it (facets of the other params are unaffected).
   */
  matchesNothing: boolean;
}

/** `(me)` replaced by `me` (kept once, in `(me)`'s place), or dropped when `me` is null. */
export function resolveMe(selection: FacetSelection, me: string | null): ResolvedOwners {
  const at = selection.values.indexOf(ME_TOKEN);
  if (at === -1) return { selection, matchesNothing: false };
  const values = selection.values.filter((value, i) => value !== ME_TOKEN && !(value === me && i > at));
  if (me !== null && !values.includes(me)) values.splice(at, 0, me);
  const resolved = { values, none: selection.none };
  return { selection: resolved, matchesNothing: values.length === 0 && !selection.none };
}

/**
 * The `me` param: null when absent or blank. A value that could not be an owner id in a filter (a
 * token, a comma, over-long) is a 400 naming `me`, like any bad param.
 */
export function parseMeParam(raw: RawQuery): string | null {
  const values = raw instanceof URLSearchParams ? raw.getAll('me') : ([] as string[]).concat(raw.me ?? []);
  if (values.length > 1) throw invalidParameter('me must be given only once');
  const value = (values[0] ?? '').trim();
  if (value === '') return null;
  if (value.length > QUERY_V2_LIMITS.facetValueMaxLength || value.includes(',') || value === ME_TOKEN || value === NONE_TOKEN)
    throw invalidParameter(`me must be one owner id of at most ${QUERY_V2_LIMITS.facetValueMaxLength} characters`);
  return value;
}

/** The users file's `assigned_to` of a signed-in user, or null (users-file mode only). */
export type OwnerIdLookup = (user: string) => Promise<string | null>;

/**
 * The caller's owner id for `(me)`: the signed-in user's `assigned_to` when the users file has one (the
 * server's word beats the browser's), else the request's `me` param, else null.
 */
export async function callerOwnerId(request: FastifyRequest, ownerIdOf: OwnerIdLookup): Promise<string | null> {
  const fromAccount = request.authUser === null ? null : await ownerIdOf(request.authUser);
  const fromParam = parseMeParam((request.query ?? {}) as RawQuery);
  return fromAccount ?? fromParam;
}

/**
 * The integration point for routes that read a lead query (`/api/leads`, the CSV export): resolves
 * `(me)` in `query.assigned_to` for this request. Returns the query with real owner ids and whether the
 * owner filter matches nothing (see ResolvedOwners).
 */
export async function resolveMeInQuery<Q extends { assigned_to: FacetSelection }>(
  request: FastifyRequest,
  query: Q,
): Promise<{ query: Q; ownerMatchesNothing: boolean }> {
  const me = await request.server.callerOwnerId(request);
  const { selection, matchesNothing } = resolveMe(query.assigned_to, me);
  return { query: { ...query, assigned_to: selection }, ownerMatchesNothing: matchesNothing };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The caller's owner id for `(me)` (docs/api.md §2 "(me)"); see callerOwnerId. */
    callerOwnerId(request: FastifyRequest): Promise<string | null>;
  }
}
