// Reading a lead query from a request, the one way `/api/leads`, the CSV export and any other export use:
// strict params (400 naming the first bad one), `(me)` resolved for the caller (src/server/views/me.ts), date
// bounds resolved in `tz` at the server's clock (400 when a range turns out inverted), and the matching leads
// in order for exports.
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Lead } from '../../shared/lead';
import { leadQueryKey, parseLeadQueryStrict, type LeadQuery, type RawQuery } from '../../shared/lead-query';
import { DATE_RANGE_PARAMS } from '../../shared/query-v2/params';
import { startOfDayMs, todayInZone } from '../../shared/query-v2/zoned-time';
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

/**
 * What a query string reads as, kept per raw query string: the popular views come back all day, and
 * parsing, the canonical key and the filter's resolution cost more than answering them from the response
 * cache. The resolved filter is kept only when the caller's `(me)` plays no part, and only for the
 * clock readings it holds for (a `today` bound: until the day in `tz` changes).
 */
interface ReadQuery {
  parsed: LeadQuery;
  parsedKey: string;
  resolved: { filter: ResolvedFilter; cacheKey: string; fromMs: number; untilMs: number } | null;
}
const READ_QUERIES = 4096;
const readQueries = new LRUCache<string, ReadQuery>({ max: READ_QUERIES });

/** The instants between which a query's `today` bounds resolve as at `nowMs` (all time when it has none). */
function resolvedWindow(query: LeadQuery, nowMs: number): { fromMs: number; untilMs: number } {
  const relative = DATE_RANGE_PARAMS.some((param) => {
    const range = query[param];
    return range !== null && range.kind === 'bounds' && (range.lower?.kind === 'today' || range.upper?.kind === 'today');
  });
  if (!relative) return { fromMs: -Infinity, untilMs: Infinity };
  const today = todayInZone(query.tz, nowMs);
  return { fromMs: startOfDayMs(query.tz, today), untilMs: startOfDayMs(query.tz, today + 1) };
}

export async function readLeadRequest(request: FastifyRequest, nowMs: number): Promise<LeadRequest> {
  const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  let read = readQueries.get(rawQuery);
  if (read === undefined) {
    const parsed = parseQueryOrThrow(request.query);
    read = { parsed, parsedKey: leadQueryKey(parsed), resolved: null };
    readQueries.set(rawQuery, read);
  }
  const { parsed, parsedKey } = read;
  const { query, ownerMatchesNothing } = await resolveMeInQuery(request, parsed);
  // No `(me)` in it: the owner selection is the parsed one, and the filter depends on the clock alone.
  const callerFree = query.assigned_to === parsed.assigned_to && !ownerMatchesNothing;
  const kept = read.resolved;
  if (callerFree && kept !== null && nowMs >= kept.fromMs && nowMs < kept.untilMs)
    return { query, filter: kept.filter, cacheKey: kept.cacheKey };
  const resolved = resolveFilter(query, nowMs, ownerMatchesNothing);
  if (!resolved.ok) throw invalidParameter(resolved.message);
  const cacheKey = `${parsedKey}\n${filterKey(resolved.filter)}`;
  if (callerFree) read.resolved = { filter: resolved.filter, cacheKey, ...resolvedWindow(query, nowMs) };
  return { query, filter: resolved.filter, cacheKey };
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
