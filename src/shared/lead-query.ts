// The query-param schema of `GET /api/leads` (docs/api.md §2), defined once.
// The server parses strictly (a bad value is a 400 naming the param); the SPA parses its URL
// leniently (a bad value is dropped or clamped to the nearest valid one, never a crash).

import { SORT_FIELDS, type SortField } from './lead-fields';
import { facetListCodec, formatFacetList, type FacetSelection } from './query-v2/facet-list';
import { formatSortKeys, sortKeysCodec, type SortKey } from './query-v2/multi-sort';
import {
  DATE_RANGE_PARAMS,
  FACET_PARAMS,
  NUMBER_RANGE_PARAMS,
  QUERY_V2_LIMITS,
  type DateRangeParam,
  type FacetParam,
  type NumberRangeParam,
} from './query-v2/params';
import { dateRangeCodec, numberRangeCodec, type DateRange, type NumberRange } from './query-v2/range';
import { searchV2Codec } from './query-v2/search-words';
import { tzCodec } from './query-v2/zoned-time';

export { SORT_FIELDS, type SortField, type FacetSelection, type SortKey, type FacetParam, type NumberRangeParam, type DateRangeParam };
export { FACET_PARAMS, NUMBER_RANGE_PARAMS, DATE_RANGE_PARAMS };

/** One key of `sort` (docs/api.md §4 "Multi-sort"). */
export type SortSpec = SortKey<SortField>;

/**
 * A `GET /api/leads` query (docs/api.md §2, extended by §4). Facet selections: trimmed, distinct, `(none)` as a
 * flag; an empty selection means no filter. Ranges: null means no range; date bounds stay symbolic (`today-1`)
 * and are resolved per request in `tz` (src/server/query-v2/resolve-filter.ts).
 */
export interface LeadQuery {
  /** Trimmed; '' means no search. */
  search: string;
  stage: FacetSelection;
  tags: FacetSelection;
  /** Owner ids; may hold `(me)`, which the server resolves per caller (src/server/views/me.ts). */
  assigned_to: FacetSelection;
  priority: FacetSelection;
  lead_source: FacetSelection;
  service_type: FacetSelection;
  archived: boolean;
  projected_value: NumberRange | null;
  value_score: NumberRange | null;
  created_at: DateRange | null;
  follow_up_date: DateRange | null;
  archived_at: DateRange | null;
  stage_changed_at: DateRange | null;
  /** 1..3 keys, no field twice. */
  sort: SortSpec[];
  page: number;
  limit: number;
  /** Named values per facet list (docs/api.md §4 "Facets and totals"). */
  facet_limit: number;
  /**
   * The caller's IANA zone for day boundaries (canonical spelling). A property of the caller, not of the
   * question: the SPA sends it with every API call but never writes it into its URL, and views drop it
   * (CALLER_PARAMS). It is part of leadQueryKey, since answers with `today` or day bounds depend on it.
   */
  tz: string;
}

/** A query without paging: what the CSV export and facet counting take. */
export type LeadFilter = Omit<LeadQuery, 'page' | 'limit'>;

/** Params sent with API calls but never part of a shareable URL or a saved view. */
export const CALLER_PARAMS = ['tz'] as const;

export const QUERY_LIMITS = {
  searchMaxLength: QUERY_V2_LIMITS.searchMaxLength,
  listMaxValues: QUERY_V2_LIMITS.facetMaxValues,
  listValueMaxLength: QUERY_V2_LIMITS.facetValueMaxLength,
  limitMin: 1,
  limitMax: 1000,
  pageMin: 1,
  /** Far past any real data set; keeps page * limit a safe integer. */
  pageMax: 1_000_000,
} as const;

export const DEFAULT_SORT: SortSpec[] = [{ field: 'created_at', descending: true }];

const NO_SELECTION: FacetSelection = Object.freeze({ values: [], none: false });

export const DEFAULT_LEAD_QUERY: LeadQuery = {
  search: '',
  stage: NO_SELECTION,
  tags: NO_SELECTION,
  assigned_to: NO_SELECTION,
  priority: NO_SELECTION,
  lead_source: NO_SELECTION,
  service_type: NO_SELECTION,
  archived: false,
  projected_value: null,
  value_score: null,
  created_at: null,
  follow_up_date: null,
  archived_at: null,
  stage_changed_at: null,
  sort: DEFAULT_SORT,
  page: 1,
  limit: 50,
  facet_limit: QUERY_V2_LIMITS.facetLimitDefault,
  tz: 'UTC',
};

/** A facet selection from plain values (`(none)` among them sets the flag), e.g. `selection(['Won', '(none)'])`. */
export function selection(values: readonly string[]): FacetSelection {
  const none = values.includes('(none)');
  return { values: [...new Set(values.filter((v) => v !== '(none)'))], none };
}

export type ParamResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** How one URL/query param is read and written. */
export interface ParamCodec<T> {
  readonly defaultValue: T;
  /** Strict: the value, or why it is invalid (the server answers 400 with this message). */
  parse(raw: string): ParamResult<T>;
  /** Lenient: the nearest valid value, or null to drop the param (the SPA's URL reading). */
  coerce(raw: string): T | null;
  serialize(value: T): string;
  equals(a: T, b: T): boolean;
}

const ok = <T>(value: T): ParamResult<T> => ({ ok: true, value });
const fail = <T>(message: string): ParamResult<T> => ({ ok: false, message });

function integerCodec(name: string, min: number, max: number, defaultValue: number): ParamCodec<number> {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return {
    defaultValue,
    parse(raw) {
      const text = raw.trim();
      if (!/^\d{1,16}$/.test(text)) return fail(message);
      const value = Number(text);
      return value < min || value > max ? fail(message) : ok(value);
    },
    coerce(raw) {
      const value = Math.trunc(Number(raw.trim()));
      if (raw.trim() === '' || !Number.isFinite(value)) return null;
      return Math.min(max, Math.max(min, value));
    },
    serialize: (value) => String(value),
    equals: (a, b) => a === b,
  };
}

const archivedCodec: ParamCodec<boolean> = {
  defaultValue: false,
  parse(raw) {
    if (raw === 'true') return ok(true);
    if (raw === 'false') return ok(false);
    return fail('archived must be true or false');
  },
  coerce(raw) {
    const text = raw.trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    return null;
  },
  serialize: (value) => String(value),
  equals: (a, b) => a === b,
};

export function isSortField(value: string): value is SortField {
  return (SORT_FIELDS as readonly string[]).includes(value);
}

/** `-priority,follow_up_date`: the `sort` param's text. */
export function formatSort(sort: readonly SortSpec[]): string {
  return formatSortKeys(sort);
}

/**
 * One codec per param of `GET /api/leads`, keyed by the param's name. Their order is the order params are
 * checked in (only the first bad one is reported) and written in (leadQueryToSearchParams, saved views).
 */
export const leadQueryCodecs = {
  search: searchV2Codec,
  stage: facetListCodec('stage'),
  tags: facetListCodec('tags'),
  assigned_to: facetListCodec('assigned_to'),
  priority: facetListCodec('priority'),
  lead_source: facetListCodec('lead_source'),
  service_type: facetListCodec('service_type'),
  archived: archivedCodec,
  projected_value: numberRangeCodec('projected_value'),
  value_score: numberRangeCodec('value_score'),
  created_at: dateRangeCodec('created_at'),
  follow_up_date: dateRangeCodec('follow_up_date'),
  archived_at: dateRangeCodec('archived_at'),
  stage_changed_at: dateRangeCodec('stage_changed_at'),
  sort: sortKeysCodec<SortField>(SORT_FIELDS, DEFAULT_SORT),
  page: integerCodec('page', QUERY_LIMITS.pageMin, QUERY_LIMITS.pageMax, DEFAULT_LEAD_QUERY.page),
  limit: integerCodec('limit', QUERY_LIMITS.limitMin, QUERY_LIMITS.limitMax, DEFAULT_LEAD_QUERY.limit),
  facet_limit: integerCodec('facet_limit', QUERY_V2_LIMITS.facetLimitMin, QUERY_V2_LIMITS.facetLimitMax, QUERY_V2_LIMITS.facetLimitDefault),
  tz: tzCodec,
} satisfies { [K in keyof LeadQuery]: ParamCodec<LeadQuery[K]> };

export const LEAD_QUERY_PARAMS = Object.keys(leadQueryCodecs) as (keyof LeadQuery)[];

/** Params whose repeats join (`stage=Won&stage=Lost`); any other param given twice is a 400. */
const LIST_PARAMS: ReadonlySet<string> = new Set<string>(FACET_PARAMS);

/** A parsed query string as Fastify or `URLSearchParams` gives it: repeated keys become arrays. */
export type RawQuery = Record<string, string | string[] | undefined> | URLSearchParams;

function rawValues(raw: RawQuery, name: string): string[] {
  if (raw instanceof URLSearchParams) return raw.getAll(name);
  const value = raw[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export type StrictParseResult = { ok: true; query: LeadQuery } | { ok: false; param: keyof LeadQuery; message: string };

/**
 * The server's reading: every known param valid or the first error, naming its param.
 * Unknown params are ignored. A list param given twice joins its values; a scalar given twice is an error.
 */
export function parseLeadQueryStrict(raw: RawQuery): StrictParseResult {
  const query: Record<string, unknown> = { ...DEFAULT_LEAD_QUERY };
  for (const name of LEAD_QUERY_PARAMS) {
    const values = rawValues(raw, name);
    if (values.length === 0) continue;
    const isList = LIST_PARAMS.has(name);
    if (!isList && values.length > 1) return { ok: false, param: name, message: `${name} must be given only once` };
    const result = (leadQueryCodecs[name] as ParamCodec<unknown>).parse(isList ? values.join(',') : (values[0] as string));
    if (!result.ok) return { ok: false, param: name, message: result.message };
    query[name] = result.value;
  }
  return { ok: true, query: query as unknown as LeadQuery };
}

/** The SPA's reading of a hand-edited or stale URL: bad values dropped or clamped, never an error. */
export function parseLeadQueryLenient(raw: RawQuery): LeadQuery {
  const query: Record<string, unknown> = { ...DEFAULT_LEAD_QUERY };
  for (const name of LEAD_QUERY_PARAMS) {
    const first = rawValues(raw, name)[0];
    if (first === undefined) continue;
    const value = (leadQueryCodecs[name] as ParamCodec<unknown>).coerce(first);
    if (value !== null) query[name] = value;
  }
  return query as unknown as LeadQuery;
}

/**
 * Query-string params for a query, defaults left out: the URL format of docs/ui.md and the API calls. `tz` is
 * written when not UTC (API calls need it); the SPA's URL and saved views leave CALLER_PARAMS out.
 */
export function leadQueryToSearchParams(query: Partial<LeadQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of LEAD_QUERY_PARAMS) {
    const value = query[name];
    if (value === undefined) continue;
    const codec = leadQueryCodecs[name] as ParamCodec<unknown>;
    if (!codec.equals(value, codec.defaultValue)) params.set(name, codec.serialize(value));
  }
  return params;
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The one rule for "same question": facet values de-duplicated and in code-unit order (selection order
 * never changes an answer). Search is compared as is: every parser above already trims it. Params
 * absent from `query` stay absent.
 */
export function canonicalLeadQuery<Q extends Partial<LeadQuery>>(query: Q): Q {
  const canonical = { ...query };
  for (const name of FACET_PARAMS) {
    const selected = query[name];
    if (selected !== undefined) canonical[name] = { values: sortedUnique(selected.values), none: selected.none };
  }
  return canonical;
}

/**
 * A string naming a query's canonical form (defaults left out, so a param at its default and an absent
 * one are the same): equal keys, equal answers for one caller at one moment. The key of the SPA's query
 * cache; the server adds what else an answer depends on (today's date in `tz`, the caller's `(me)`).
 * JSON of the params' canonical texts, so no list value can run into the next.
 */
export function leadQueryKey(query: Partial<LeadQuery>): string {
  const canonical = canonicalLeadQuery(query);
  const key: Record<string, unknown> = {};
  for (const name of LEAD_QUERY_PARAMS) {
    const value = canonical[name];
    if (value === undefined) continue;
    const codec = leadQueryCodecs[name] as ParamCodec<unknown>;
    if (!codec.equals(value, codec.defaultValue)) key[name] = codec.serialize(value);
  }
  return JSON.stringify(key);
}

/** `(none)` last, values in the order given: the text of a selection (re-exported for the SPA's chips). */
export { formatFacetList };
