// Reading a lead query from a request, the one way `/api/leads`, the CSV export and any other export use:
// strict params (400 naming the first bad one), `(me)` resolved for the caller (src/server/views/me.ts), date
// bounds resolved in `tz` at the server's clock (400 when a range turns out inverted), and the matching leads
// in order for exports.
import type { FastifyRequest } from 'fastify';
import type { Lead } from '../../shared/lead';
import { leadQueryKey, parseLeadQueryStrict, type LeadQuery, type RawQuery } from '../../shared/lead-query';
import { invalidParameter } from '../errors';
import { filterKey, resolveFilter, type ResolvedFilter } from '../query-v2/resolve-filter';
import type { LeadStore } from '../sync/lead-store';
import type { Clock } from '../sync/quota-budget';
import { resolveMeInQuery } from '../views/me';

/** The strict reading of the query string; a bad param is a 400 whose message names it. */
export function parseQueryOrThrow(rawQuery: unknown): LeadQuery {
  const parsed = parseLeadQueryStrict((rawQuery ?? {}) as RawQuery);
  if (!parsed.ok) throw invalidParameter(parsed.message);
  return parsed.query;
}

export interface LeadRequest {
  /** As parsed, `(me)` replaced by the caller's owner id (or dropped when unknown). */
  query: LeadQuery;
  filter: ResolvedFilter;
  /**
   * Equal keys, equal answers: the canonical query (tz included) plus the resolved filter, which holds the
   * caller's owner id for `(me)` and the instants `today` meant at this request (so an answer cached before
   * midnight is not served after it).
   */
  cacheKey: string;
}

export async function readLeadRequest(request: FastifyRequest, nowMs: number): Promise<LeadRequest> {
  const parsed = parseQueryOrThrow(request.query);
  const { query, ownerMatchesNothing } = await resolveMeInQuery(request, parsed);
  const resolved = resolveFilter(query, nowMs, ownerMatchesNothing);
  if (!resolved.ok) throw invalidParameter(resolved.message);
  return { query, filter: resolved.filter, cacheKey: `${leadQueryKey(parsed)}\n${filterKey(resolved.filter)}` };
}

/**
 * Every lead matching the request's filters, in its sort order (no paging), produced one at a time: what the
 * CSV export writes, and what any other export format should read so its rows equal the table's.
 */
export async function matchingLeadsForRequest(
  request: FastifyRequest,
  store: LeadStore,
  now: Clock,
): Promise<{ total: number; leads: Iterable<Lead> }> {
  const { query, filter } = await readLeadRequest(request, now());
  const { index } = await store.current();
  return index.matchingLazy(filter, query.sort);
}
