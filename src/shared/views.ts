// Saved views (docs/api.md §2 "Saved views"): their shape, the built-ins, and the canonical form of a
// view's query. Shared because the SPA must compute the same canonical text from its own URL to tell
// whether the URL "still equals" the active view's query (docs/ui.md v2 "Views").
import { leadQueryToSearchParams, parseLeadQueryStrict } from './lead-query';

export interface View {
  /** `builtin-…` for the built-ins, else an opaque server-made id. */
  id: string;
  name: string;
  /** Canonical query string, without `?` (empty: every lead). */
  query: string;
  shared: boolean;
  /** The user name of its creator; null without an auth mode (then every view is everyone's). */
  owner: string | null;
  builtin: boolean;
  created_at: string;
  updated_at: string;
}

export interface ViewsResponse {
  status: 'success';
  data: View[];
}

export interface ViewResponse {
  status: 'success';
  data: View;
}

export const VIEW_LIMITS = {
  nameMaxLength: 80,
  queryMaxLength: 2000,
  viewsPerOwner: 200,
} as const;

/**
 * Params that are never part of a view: the open lead, the page, the caller's time zone and the caller's
 * owner id (`me`) all belong to whoever opens the view, not to the view.
 */
export const NOT_IN_A_VIEW = ['lead', 'page', 'tz', 'me'] as const;

const BUILTIN_TIME = '2026-12-01T00:00:00.000Z';

const builtin = (id: string, name: string, query: string): View => ({
  id: `builtin-${id}`,
  name,
  query,
  shared: true,
  owner: null,
  builtin: true,
  created_at: BUILTIN_TIME,
  updated_at: BUILTIN_TIME,
});

/**
 * The five built-ins, in menu order. Constants, not run through canonicalViewQuery: they use the query
 * model v2 params (docs/api.md §4), and they are written in the canonical form that model gives them.
 */
export const BUILTIN_VIEWS: readonly View[] = Object.freeze([
  builtin('all-leads', 'All leads', ''),
  builtin('my-follow-ups', 'My follow-ups', 'assigned_to=(me)&follow_up_date=..today&sort=follow_up_date'),
  builtin('new-this-week', 'New this week', 'created_at=today-6..'),
  builtin('high-priority', 'High priority', 'priority=high&sort=-value_score'),
  builtin('unassigned', 'Unassigned', 'assigned_to=(none)'),
]);

export type ViewQueryResult = { ok: true; query: string } | { ok: false; param: string; message: string };

/**
 * One param as it is written in a stored query: percent-encoded, except `,` and `:` (legal in a query
 * string, and common in list values and ISO instants) so that stored queries stay readable.
 */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/**
 * A view's query as stored: parsed by the same strict rules as `GET /api/leads` (the first bad param
 * named), then written back with defaults and unknown params dropped, in the schema's param order.
 * `raw` may start with `?`. The only place a view query is validated: when the query schema grows
 * (docs/api.md §4), this follows it with no change.
 */
export function canonicalViewQuery(raw: string): ViewQueryResult {
  if (raw.length > VIEW_LIMITS.queryMaxLength)
    return { ok: false, param: 'query', message: `query must be at most ${VIEW_LIMITS.queryMaxLength} characters` };
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  for (const name of NOT_IN_A_VIEW) params.delete(name);
  const parsed = parseLeadQueryStrict(params);
  if (!parsed.ok) return { ok: false, param: parsed.param, message: `query: ${parsed.message}` };
  const canonical = leadQueryToSearchParams(parsed.query);
  for (const name of NOT_IN_A_VIEW) canonical.delete(name);
  const parts: string[] = [];
  for (const [name, value] of canonical) parts.push(`${encodeQueryPart(name)}=${encodeQueryPart(value)}`);
  return { ok: true, query: parts.join('&') };
}
