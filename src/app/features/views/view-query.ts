// Views and the URL: which view the URL "still equals", opening a view's query (a history push), and
// opening a stored query that no longer parses (bad params dropped, and said so: never a blank screen).
import { useSyncExternalStore } from 'react';
import { LEAD_QUERY_PARAMS, leadQueryToSearchParams, parseLeadQueryStrict, type LeadQuery } from '../../../shared/lead-query';
import { DATE_RANGE_PARAMS, FACET_PARAMS, NUMBER_RANGE_PARAMS } from '../../../shared/query-v2/params';
import { canonicalViewQuery, NOT_IN_A_VIEW, type View } from '../../../shared/views';

/**
 * Query model v2 params (docs/api.md §4) that the shared schema may not parse yet. The built-in views use
 * them; until `lead-query.ts` knows them they are carried through as written (so "New this week" is not
 * mistaken for "All leads"), and once it does this list adds nothing: every name is then in the schema.
 */
const PASSED_THROUGH = [...FACET_PARAMS, ...NUMBER_RANGE_PARAMS, ...DATE_RANGE_PARAMS].filter(
  (name) => !(LEAD_QUERY_PARAMS as readonly string[]).includes(name),
);
const KNOWN_PARAMS = new Set<string>([...LEAD_QUERY_PARAMS, ...PASSED_THROUGH, ...NOT_IN_A_VIEW]);

function withPassedThrough(canonical: string, raw: URLSearchParams): string {
  const extra = new URLSearchParams();
  for (const name of PASSED_THROUGH) for (const value of raw.getAll(name)) extra.append(name, value);
  const tail = extra.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%28/gi, '(').replace(/%29/gi, ')');
  return [canonical, tail].filter(Boolean).join('&');
}

/** A query's canonical text for comparing with views: canonicalViewQuery, plus what the schema does not know yet. */
export function comparableQuery(raw: string): string {
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  const result = canonicalViewQuery(params.toString());
  return withPassedThrough(result.ok ? result.query : '', params);
}

/** The URL's view query: the dashboard's own state (always current) plus the not-yet-parsed params from the URL. */
export function urlViewQuery(query: LeadQuery, locationSearch: string): string {
  const params = leadQueryToSearchParams(query);
  const raw = new URLSearchParams(locationSearch);
  for (const name of PASSED_THROUGH) for (const value of raw.getAll(name)) params.append(name, value);
  return comparableQuery(params.toString());
}

/** The view the URL equals, if any (the first in menu order: built-ins win a tie). */
export function activeView(views: readonly View[] | undefined, viewQuery: string): View | undefined {
  return views?.find((view) => comparableQuery(view.query) === viewQuery);
}

export interface CleanedQuery {
  query: string;
  /** Params left out because they are unknown or their value no longer parses, in the stored order. */
  dropped: string[];
}

/**
 * A stored query made safe to open: params no longer known, and params whose value the strict rules now
 * refuse, are dropped one by one (the parser names the first bad one) until the rest parses.
 */
export function cleanViewQuery(stored: string): CleanedQuery {
  const params = new URLSearchParams(stored.startsWith('?') ? stored.slice(1) : stored);
  const dropped: string[] = [];
  for (const name of new Set(params.keys())) {
    if (KNOWN_PARAMS.has(name)) continue;
    dropped.push(name);
    params.delete(name);
  }
  for (const name of NOT_IN_A_VIEW) params.delete(name);
  for (let guard = 0; guard <= LEAD_QUERY_PARAMS.length; guard++) {
    const parsed = parseLeadQueryStrict(params);
    if (parsed.ok) break;
    dropped.push(parsed.param);
    params.delete(parsed.param);
  }
  return { query: comparableQuery(params.toString()), dropped };
}

// --- the URL as an external store -------------------------------------------------------------------------

const subscribeToHistory = (listener: () => void) => {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
};

/** `location.search`, re-read on every render and on Back/Forward. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribeToHistory, () => window.location.search, () => '');
}

/**
 * Puts a view's query in the URL (push: Back returns to the view before) and lets the URL state follow.
 * The URL state (nuqs) re-reads the location on `popstate`, so the new entry is announced as one.
 */
export function navigateToQuery(query: string, history: 'push' | 'replace' = 'push'): void {
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (history === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
