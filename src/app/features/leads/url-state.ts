// The dashboard's view lives in the URL (docs/ui.md "URL"). The parsers are built from the shared
// `leadQueryCodecs`, so the SPA and the API read a param by the same rules: a bad value in a
// hand-edited URL is coerced to the nearest valid one or dropped, never an error. Everything that
// writes the URL on its own (canonical form, page past the end, Back over an opened lead) lives here.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createParser, useQueryStates, type Options } from 'nuqs';
import type { Pagination } from '../../../shared/api-types';
import { isValidLeadId } from '../../../shared/lead';
import {
  DEFAULT_LEAD_QUERY,
  leadQueryCodecs,
  leadQueryToSearchParams,
  type LeadFilter,
  type LeadQuery,
  type ParamCodec,
  type SortSpec,
} from '../../../shared/lead-query';

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
  search: parserFromCodec(leadQueryCodecs.search),
  stage: parserFromCodec(leadQueryCodecs.stage),
  tags: parserFromCodec(leadQueryCodecs.tags),
  archived: parserFromCodec(leadQueryCodecs.archived),
  sort: parserFromCodec(leadQueryCodecs.sort),
  page: parserFromCodec(leadQueryCodecs.page),
  limit: parserFromCodec(leadQueryCodecs.limit),
  lead: leadIdParser,
};

/** Every change but typing in the search box is a step Back can undo. */
const PUSH: Options = { history: 'push' };
const REPLACE: Options = { history: 'replace' };

export type FilterPatch = Partial<Pick<LeadFilter, 'stage' | 'tags' | 'archived' | 'search'>>;

/**
 * The view's URL params and their setters. Call it once per screen (LeadsView) and pass what children need:
 * the canonical rewrite and the "opened here" memory below are per call.
 */
export function useLeadUrlState() {
  const [state, setState] = useQueryStates(leadUrlParsers);

  const query: LeadQuery = useMemo(
    () => ({
      ...DEFAULT_LEAD_QUERY,
      search: state.search,
      stage: state.stage,
      tags: state.tags,
      archived: state.archived,
      sort: state.sort,
      page: state.page,
      limit: state.limit,
    }),
    [state.search, state.stage, state.tags, state.archived, state.sort, state.page, state.limit],
  );

  /** Filter changes go back to page 1 (`null` clears the param to its default). */
  const setFilters = useCallback(
    (patch: FilterPatch) => setState({ ...patch, page: null }, PUSH),
    [setState],
  );
  const clearFilters = useCallback(
    () => setState({ search: null, stage: null, tags: null, archived: null, page: null }, PUSH),
    [setState],
  );
  /** Typing replaces the history entry: one Back leaves the search, not each keystroke. */
  const setSearch = useCallback(
    (text: string) => setState({ search: text.trim() === '' ? null : text.trim(), page: null }, REPLACE),
    [setState],
  );
  const setSort = useCallback((sort: SortSpec | null) => setState({ sort: sort === null ? null : [sort], page: null }, PUSH), [setState]);
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
 * Whether the URL's own params are exactly how the shared writer (`leadQueryToSearchParams`, which the API
 * calls use too) puts this state. Selection order is kept in the URL (the chips follow it), so this is
 * not `leadQueryKey`'s canonical form.
 */
export function isCanonicalUrl(search: string, state: { query: LeadQuery; leadId: string | null }): boolean {
  const current = new URLSearchParams(search);
  const canonical = leadQueryToSearchParams(state.query);
  if (state.leadId) canonical.set('lead', state.leadId);
  for (const key of [...Object.keys(leadQueryCodecs), 'lead']) {
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
    const lastPage = Math.max(1, Math.ceil(shown.total / shown.limit));
    if (shown.page === page && shown.page > lastPage) void correctPage(lastPage);
  }, [shown, page, correctPage]);
}

export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The query the table asks for. A search change waits until typing pauses (the box and URL
 * already show it); any other change (facet, sort, page, Back/Forward) applies at once.
 */
export function useCommittedQuery(query: LeadQuery): LeadQuery {
  const [committed, setCommitted] = useState(query);
  const searchChanged = query.search !== committed.search;
  useEffect(() => {
    if (query === committed) return;
    if (!searchChanged) {
      setCommitted(query);
      return;
    }
    const timer = setTimeout(() => setCommitted(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, committed, searchChanged]);
  return searchChanged ? committed : query;
}
