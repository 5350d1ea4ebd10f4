// A parsed query's filter made concrete for one request (docs/api.md §4): date bounds (`today-1`, days) turned
// into instants in the caller's `tz` at the request's clock, number bounds into numbers, and `(me)` already
// resolved by the route. What the index filters on, and the key its caches use: two requests with equal keys
// get equal answers even across midnight (the key holds the instants, not `today`).
import type { RangeField } from '../../shared/lead-fields';
import type { LeadFilter } from '../../shared/lead-query';
import type { FacetSelection } from '../../shared/query-v2/facet-list';
import { DATE_RANGE_PARAMS, FACET_PARAMS, NUMBER_RANGE_PARAMS, type FacetParam } from '../../shared/query-v2/params';
import { resolveDateRange } from '../../shared/query-v2/zoned-time';

/** `none`: only leads with no value. `between`: min ≤ value ≤ max (±Infinity for an open side). */
export type ResolvedRange = { kind: 'none' } | { kind: 'between'; min: number; max: number };

export interface ResolvedFilter {
  /** Trimmed; '' is no search. */
  search: string;
  archived: boolean;
  /** Per facet param; `assigned_to` with `(me)` replaced by the caller's owner id. Empty: no filter. */
  facets: Readonly<Record<FacetParam, FacetSelection>>;
  /**
   * `assigned_to` was `(me)` alone for a caller with no owner id: the owner filter matches no lead (its
   * selection is empty, which alone would mean "no filter"). The assigned_to facet still counts as usual.
   */
  ownerMatchesNothing: boolean;
  /** Only the range params given. */
  ranges: Partial<Record<RangeField, ResolvedRange>>;
}

export type ResolveFilterResult = { ok: true; filter: ResolvedFilter } | { ok: false; param: string; message: string };

/** The filter of `query` at `nowMs` (an inverted range once `today` is known is the 400 naming its param). */
export function resolveFilter(query: LeadFilter, nowMs: number, ownerMatchesNothing = false): ResolveFilterResult {
  const ranges: Partial<Record<RangeField, ResolvedRange>> = {};
  for (const param of NUMBER_RANGE_PARAMS) {
    const range = query[param];
    if (range === null) continue;
    ranges[param] =
      range.kind === 'none' ? range : { kind: 'between', min: range.lower?.value ?? -Infinity, max: range.upper?.value ?? Infinity };
  }
  for (const param of DATE_RANGE_PARAMS) {
    const range = query[param];
    if (range === null) continue;
    const resolved = resolveDateRange(range, param, query.tz, nowMs);
    if (!resolved.ok) return resolved;
    ranges[param] =
      resolved.value.kind === 'none' ? resolved.value : { kind: 'between', min: resolved.value.startMs, max: resolved.value.endMs };
  }
  const facets = {} as Record<FacetParam, FacetSelection>;
  for (const param of FACET_PARAMS) facets[param] = query[param];
  return { ok: true, filter: { search: query.search, archived: query.archived, facets, ownerMatchesNothing, ranges } };
}

const sortedText = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');

/** Equal keys, equal matches: facet values sorted, instants as numbers (`today` already resolved). */
export function filterKey(filter: ResolvedFilter): string {
  const parts: (string | number | boolean)[] = [filter.search, filter.archived, filter.ownerMatchesNothing];
  for (const param of FACET_PARAMS) {
    const selected = filter.facets[param];
    parts.push(selected.values.length === 0 && !selected.none ? '' : `${selected.none ? 1 : 0}${sortedText(selected.values)}`);
  }
  for (const [param, range] of Object.entries(filter.ranges)) {
    parts.push(param, range.kind === 'none' ? 'none' : `${range.min}..${range.max}`);
  }
  return JSON.stringify(parts);
}
