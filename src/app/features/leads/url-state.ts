// The dashboard's view lives in the URL (docs/ui.md "URL"). The parsers are built from the shared
// `leadQueryCodecs`, so the SPA and the API read a param by the same rules: a bad value in a
// hand-edited URL is coerced to the nearest valid one or dropped, never an error. Everything that
// writes the URL on its own (canonical form, page past the end, Back over an opened lead) lives here.
// The v2 params (docs/api.md §4) are listed in view-query.ts; `tz` is never one of them (the API client adds it).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createParser, useQueryStates, type Options } from 'nuqs';
import type { Pagination } from '../../../shared/api-types';
import { isValidLeadId } from '../../../shared/lead';
import type { ParamCodec } from '../../../shared/lead-query';
import {
  FACET_NAMES,
  RANGE_NAMES,
  viewCodecs,
  viewQueryToSearchParams,
  parseViewQuery,
  VIEW_PARAMS,
  type ViewFilter,
  type ViewQuery,
  type ViewSort,
} from './view-query';
import { lastPageOf } from './paging';

function parserFromCodec<T>(codec: ParamCodec<T>) {
  return createParser<T>({
    parse: (raw) => codec.coerce(raw),
    serialize: (value) => codec.serialize(value),
    eq: (a, b) => codec.equals(a, b),
  }).withDefault(codec.defaultValue as NonNullable<T>);
}

const leadIdParser = createParser<string>({
  parse: (raw) => (isValidLeadId(raw) ? raw : null),
  serialize: (value) => value,
});

export const leadUrlParsers = {
  search: parserFromCodec(viewCodecs.search),
  stage: parserFromCodec(viewCodecs.stage),
  assigned_to: parserFromCodec(viewCodecs.assigned_to),
  priority: parserFromCodec(viewCodecs.priority),
  tags: parserFromCodec(viewCodecs.tags),
  lead_source: parserFromCodec(viewCodecs.lead_source),
  service_type: parserFromCodec(viewCodecs.service_type),
  follow_up_date: parserFromCodec(viewCodecs.follow_up_date),
  created_at: parserFromCodec(viewCodecs.created_at),
  archived_at: parserFromCodec(viewCodecs.archived_at),
  stage_changed_at: parserFromCodec(viewCodecs.stage_changed_at),
  projected_value: parserFromCodec(viewCodecs.projected_value),
  value_score: parserFromCodec(viewCodecs.value_score),
  archived: parserFromCodec(viewCodecs.archived),
  sort: parserFromCodec(viewCodecs.sort),
  page: parserFromCodec(viewCodecs.page),
  limit: parserFromCodec(viewCodecs.limit),
  lead: leadIdParser,
};

/** Every change but typing in the search box is a step Back can undo. */
const PUSH: Options = { history: 'push' };
const REPLACE: Options = { history: 'replace' };

export type FilterPatch = Partial<Omit<ViewFilter, 'sort'>>;

/** Everything "Clear all" resets: every filter, not the sort or page size. */
const CLEARED_FILTERS = Object.fromEntries(['search', 'archived', ...FACET_NAMES, ...RANGE_NAMES].map((name) => [name, null])) as Record<
  keyof FilterPatch,
  null
>;

/**
 * The view's URL params and their setters. Call it once per screen (LeadsView) and pass what children need:
 * the canonical rewrite and the "opened here" memory below are per call.
 */
export function useLeadUrlState() {
  const [state, setState] = useQueryStates(leadUrlParsers);

  // One object per distinct view (its URL text, selection order included), so hooks keyed on it stay put.
  const fresh = Object.fromEntries(VIEW_PARAMS.map((name) => [name, state[name]])) as unknown as ViewQuery;
  const text = viewQueryToSearchParams(fresh).toString();
  const query = useMemo(() => parseViewQuery(new URLSearchParams(text)), [text]);

  /** Filter changes go back to page 1 (`null` clears the param to its default). */
  const setFilters = useCallback((patch: FilterPatch) => setState({ ...patch, page: null }, PUSH), [setState]);
  const clearFilters = useCallback(() => setState({ ...CLEARED_FILTERS, page: null }, PUSH), [setState]);
  /** Typing replaces the history entry: one Back leaves the search, not each keystroke. */
  const setSearch = useCallback(
    (text: string) => setState({ search: text.trim() === '' ? null : text.trim(), page: null }, REPLACE),
    [setState],
  );
  const setSort = useCallback((sort: ViewSort | null) => setState({ sort, page: null }, PUSH), [setState]);
  const setPage = useCallback((page: number) => setState({ page }, PUSH), [setState]);
  /** A correction (page past the end), not a user step: replace so Back does not land on it again. */
  const correctPage = useCallback((page: number) => setState({ page }, REPLACE), [setState]);
  const setLimit = useCallback((limit: number) => setState({ limit, page: null }, PUSH), [setState]);

  // A hand-edited URL is rewritten once in canonical form (bad values dropped or clamped, defaults left out).
  const canonicalized = useRef(false);
  useEffect(() => {
    if (canonicalized.current) return;
    canonicalized.current = true;
    if (!isCanonicalUrl(window.location.search, { query, leadId: state.lead })) void setState({ ...state }, REPLACE);
  }, [query, state, setState]);

  // Opening a lead pushes a history entry; closing goes Back over it, so Back and Escape agree. A lead
  // opened by a link has no entry of ours behind it: closing just drops the param.
  const openedHere = useRef(false);
  useEffect(() => {
    if (!state.lead) openedHere.current = false;
  }, [state.lead]);
  const openLead = useCallback(
    (id: string) => {
      openedHere.current = true;
      void setState({ lead: id }, PUSH);
    },
    [setState],
  );
  const closeLead = useCallback(() => {
    if (openedHere.current) {
      openedHere.current = false;
      window.history.back();
    } else {
      void setState({ lead: null }, REPLACE);
    }
  }, [setState]);

  /** Previous/next lead in the details panel: the table follows to its page; in place, so Back still closes the panel. */
  const stepLead = useCallback((id: string, page: number) => setState({ lead: id, page }, REPLACE), [setState]);

  return {
    query,
    leadId: state.lead,
    stepLead,
    setFilters,
    clearFilters,
    setSearch,
    setSort,
    setPage,
    correctPage,
    setLimit,
    openLead,
    closeLead,
  };
}

export type LeadUrlState = ReturnType<typeof useLeadUrlState>;

/**
 * Whether the URL's own params are exactly how the shared writer (`viewQueryToSearchParams`, which the API
 * calls use too) puts this state. Selection order is kept in the URL (the chips follow it), so this is
 * not `leadQueryKey`'s canonical form.
 */
export function isCanonicalUrl(search: string, state: { query: ViewQuery; leadId: string | null }): boolean {
  const current = new URLSearchParams(search);
  const canonical = viewQueryToSearchParams(state.query);
  if (state.leadId) canonical.set('lead', state.leadId);
  for (const key of [...VIEW_PARAMS, 'lead']) {
    if ((current.get(key) ?? null) !== (canonical.get(key) ?? null)) return false;
    if (current.getAll(key).length > 1) return false;
  }
  return true;
}

/**
 * A page past the end (the filter shrank the result, or an old link): go to the last page. `shown` is the
 * answer on screen for `page`, or undefined while none is (placeholder rows are the previous query's).
 */
export function useCorrectPagePastEnd(url: LeadUrlState, page: number, shown: Pagination | undefined): void {
  const { correctPage } = url;
  useEffect(() => {
    if (!shown) return;
    const lastPage = lastPageOf(shown.total, shown.limit);
    if (shown.page === page && shown.page > lastPage) void correctPage(lastPage);
  }, [shown, page, correctPage]);
}

export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The query the table asks for. A search change waits until typing pauses (the box and URL
 * already show it); any other change (facet, sort, page, Back/Forward) applies at once.
 */
export function useCommittedQuery(query: ViewQuery): ViewQuery {
  const [committed, setCommitted] = useState(query);
  const searchChanged = query.search !== committed.search;
  useEffect(() => {
    if (query === committed) return;
    if (!searchChanged) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- commits the new query after the render that showed it (a search waits for typing to pause below)
      setCommitted(query);
      return;
    }
    const timer = setTimeout(() => setCommitted(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, committed, searchChanged]);
  return searchChanged ? committed : query;
}
