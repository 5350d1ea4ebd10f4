// The dashboard's whole question to `GET /api/leads` (docs/api.md §4): the v1 params plus the v2 facets,
// ranges and multi-sort. Every param is read with a shared codec (src/shared/lead-query.ts and
// src/shared/query-v2/), leniently, so the URL and the API agree on what a value means. Ranges are kept as
// their canonical text (`..today-1`): a preset is then one string compare, and a bookmark stays symbolic.
import { leadQueryCodecs, SORT_FIELDS, type ParamCodec, type SortField } from '../../../shared/lead-query';
import { formatSortKeys, sortKeysCodec, type SortKey } from '../../../shared/query-v2/multi-sort';
import { QUERY_V2_LIMITS } from '../../../shared/query-v2/params';
import { dateRangeCodec, numberRangeCodec } from '../../../shared/query-v2/range';

export type FacetName = 'stage' | 'assigned_to' | 'priority' | 'tags' | 'lead_source' | 'service_type';
/** Sidebar order (docs/ui.md v2 "Filters sidebar"). */
export const FACET_NAMES: readonly FacetName[] = ['stage', 'assigned_to', 'priority', 'tags', 'lead_source', 'service_type'];
export type NumberRangeName = 'projected_value' | 'value_score';
/** `archived_at` and `stage_changed_at` have no sidebar group: the "Since your last visit" links set them. */
export type DateRangeName = 'follow_up_date' | 'created_at' | 'archived_at' | 'stage_changed_at';
export type RangeName = NumberRangeName | DateRangeName;
export const RANGE_NAMES: readonly RangeName[] = [
  'follow_up_date',
  'created_at',
  'archived_at',
  'stage_changed_at',
  'projected_value',
  'value_score',
];

export type ViewSort = SortKey<SortField>[];

/**
 * Facet selections are plain lists in the order they were ticked (the chips follow it), `(none)` among them
 * as a value; ranges are canonical text. The API reads both formats as they are.
 */
export interface ViewQuery extends Record<FacetName, string[]>, Record<RangeName, string> {
  /** Trimmed; '' means no search. */
  search: string;
  archived: boolean;
  /** 1..3 keys, the first one primary. */
  sort: ViewSort;
  page: number;
  limit: number;
}

export type ViewFilter = Omit<ViewQuery, 'page' | 'limit'>;

export const DEFAULT_VIEW_SORT: ViewSort = [{ field: 'created_at', descending: true }];

/** A range kept as canonical text; '' is "no range". */
function rangeTextCodec(codec: ParamCodec<unknown>): ParamCodec<string> {
  return {
    defaultValue: '',
    parse: (raw) => {
      const result = codec.parse(raw);
      return result.ok ? { ok: true, value: codec.serialize(result.value) } : result;
    },
    coerce: (raw) => {
      const value = codec.coerce(raw);
      return value === null ? null : codec.serialize(value);
    },
    serialize: (value) => value,
    equals: (a, b) => a === b,
  };
}

/** A facet list as the URL gives it (docs/api.md §4): trimmed values, repeats and over-long ones dropped, ≤ 50. */
const listCodec: ParamCodec<string[]> = {
  defaultValue: [],
  parse: (raw) => ({ ok: true, value: listCodec.coerce(raw) ?? [] }),
  coerce(raw) {
    const kept: string[] = [];
    for (const part of raw.split(',', 1000)) {
      const value = part.trim();
      if (value !== '' && value.length <= QUERY_V2_LIMITS.facetValueMaxLength && !kept.includes(value)) kept.push(value);
      if (kept.length === QUERY_V2_LIMITS.facetMaxValues) break;
    }
    return kept;
  },
  serialize: (values) => values.join(','),
  equals: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
};

/** One lenient codec per URL param of the view (the v1 ones are the shared codecs as they are). */
export const viewCodecs = {
  search: leadQueryCodecs.search,
  stage: listCodec,
  assigned_to: listCodec,
  priority: listCodec,
  tags: listCodec,
  lead_source: listCodec,
  service_type: listCodec,
  follow_up_date: rangeTextCodec(dateRangeCodec('follow_up_date')),
  created_at: rangeTextCodec(dateRangeCodec('created_at')),
  archived_at: rangeTextCodec(dateRangeCodec('archived_at')),
  stage_changed_at: rangeTextCodec(dateRangeCodec('stage_changed_at')),
  projected_value: rangeTextCodec(numberRangeCodec('projected_value')),
  value_score: rangeTextCodec(numberRangeCodec('value_score')),
  archived: leadQueryCodecs.archived,
  sort: sortKeysCodec(SORT_FIELDS, DEFAULT_VIEW_SORT),
  page: leadQueryCodecs.page,
  limit: leadQueryCodecs.limit,
} satisfies { [K in keyof ViewQuery]: ParamCodec<ViewQuery[K]> };

export const VIEW_PARAMS = Object.keys(viewCodecs) as (keyof ViewQuery)[];

export const DEFAULT_VIEW_QUERY: ViewQuery = Object.fromEntries(
  VIEW_PARAMS.map((name) => [name, viewCodecs[name].defaultValue]),
) as unknown as ViewQuery;

/** Params of a view, defaults left out: the URL's format and the API call's (which adds `tz` on its way out). */
export function viewQueryToSearchParams(query: Partial<ViewQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of VIEW_PARAMS) {
    const value = query[name];
    if (value === undefined) continue;
    const codec = viewCodecs[name] as ParamCodec<unknown>;
    if (!codec.equals(value, codec.defaultValue)) params.set(name, codec.serialize(value));
  }
  return params;
}

/** The lenient reading of a URL's params: bad values dropped or clamped, never an error. */
export function parseViewQuery(params: URLSearchParams): ViewQuery {
  const query: Record<string, unknown> = { ...DEFAULT_VIEW_QUERY };
  for (const name of VIEW_PARAMS) {
    const raw = params.get(name);
    const value = raw === null ? null : viewCodecs[name].coerce(raw);
    if (value !== null) query[name] = value;
  }
  return query as unknown as ViewQuery;
}

/** Same answer, same key: list values sorted (selection order never changes an answer). */
export function viewQueryKey(query: Partial<ViewQuery>): string {
  const params = viewQueryToSearchParams(query);
  for (const name of FACET_NAMES) {
    const value = query[name];
    if (value && value.length > 0) params.set(name, [...value].sort().join(','));
  }
  params.sort();
  return params.toString();
}

export const formatViewSort = formatSortKeys;

export function isDefaultSort(sort: ViewSort): boolean {
  return formatSortKeys(sort) === formatSortKeys(DEFAULT_VIEW_SORT);
}
