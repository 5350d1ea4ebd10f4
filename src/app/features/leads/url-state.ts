// The dashboard's view lives in the URL (docs/ui.md "URL"). The parsers are built from the shared
// `leadQueryCodecs`, so the SPA and the API read a param by the same rules: a bad value in a
// hand-edited URL is coerced to the nearest valid one or dropped, never an error.
import { useCallback, useMemo } from 'react';
import { createParser, useQueryStates, type Options } from 'nuqs';
import { isValidLeadId } from '../../../shared/lead';
import {
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

export function useLeadUrlState() {
  const [state, setState] = useQueryStates(leadUrlParsers);

  const query: LeadQuery = useMemo(
    () => ({
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
  const setSort = useCallback((sort: SortSpec | null) => setState({ sort, page: null }, PUSH), [setState]);
  const setPage = useCallback((page: number) => setState({ page }, PUSH), [setState]);
  /** A correction (page past the end), not a user step: replace so Back does not land on it again. */
  const correctPage = useCallback((page: number) => setState({ page }, REPLACE), [setState]);
  const setLimit = useCallback((limit: number) => setState({ limit, page: null }, PUSH), [setState]);
  const openLead = useCallback((id: string) => setState({ lead: id }, PUSH), [setState]);
  const clearLead = useCallback(() => setState({ lead: null }, REPLACE), [setState]);

  return {
    query,
    leadId: state.lead,
    setFilters,
    clearFilters,
    setSearch,
    setSort,
    setPage,
    correctPage,
    setLimit,
    openLead,
    clearLead,
    /** Rewrites our params in canonical form (bad values dropped/clamped, defaults left out). */
    canonicalize: useCallback(() => setState({ ...state }, REPLACE), [setState, state]),
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
