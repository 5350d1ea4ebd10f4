// Views and the URL: which view the URL "still equals", opening a view's query (a history push), and
// opening a stored query that no longer parses (bad params dropped, and said so: never a blank screen).
import { useSyncExternalStore } from 'react';
import { LEAD_QUERY_PARAMS, parseLeadQueryStrict } from '../../../shared/lead-query';
import { canonicalViewQuery, NOT_IN_A_VIEW, type View } from '../../../shared/views';
import { leadUrlParsers } from '../leads/url-state';
import { viewQueryToSearchParams, type ViewQuery } from '../leads/view-query';

const KNOWN_PARAMS = new Set<string>([...LEAD_QUERY_PARAMS, ...NOT_IN_A_VIEW]);

/**
 * Query params the API knows but the dashboard's URL state does not read yet (query model v2, docs/api.md
 * §4: the built-in views use them). They are taken from the URL as written, so "New this week" is not
 * mistaken for "All leads"; once the URL state reads a param it comes from there and this list shrinks.
 */
const NOT_IN_URL_STATE = LEAD_QUERY_PARAMS.filter(
  (name) => !(name in leadUrlParsers) && !(NOT_IN_A_VIEW as readonly string[]).includes(name),
);

/** A query's canonical text for comparing with views (canonicalViewQuery, after dropping what does not parse). */
export function comparableQuery(raw: string): string {
  return cleanViewQuery(raw).query;
}

/** The URL's view query: the dashboard's own state (always current) plus the params it does not read yet. */
export function urlViewQuery(query: ViewQuery, locationSearch: string): string {
  const params = viewQueryToSearchParams(query);
  const raw = new URLSearchParams(locationSearch);
  for (const name of NOT_IN_URL_STATE) for (const value of raw.getAll(name)) params.append(name, value);
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
  const canonical = canonicalViewQuery(params.toString());
  return { query: canonical.ok ? canonical.query : '', dropped };
}

// --- the URL as an external store -------------------------------------------------------------------------

const subscribeToHistory = (listener: () => void) => {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
};

/** `location.search`, re-read on every render and on Back/Forward. */
export function useLocationSearch(): string {
  return useSyncExternalStore(
    subscribeToHistory,
    () => window.location.search,
    () => '',
  );
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
