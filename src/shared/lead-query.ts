// The query-param schema of `GET /api/leads` (docs/api.md §2), defined once.
// The server parses strictly (a bad value is a 400 naming the param); the SPA parses its URL
// leniently (a bad value is dropped or clamped to the nearest valid one, never a crash).

import { SORT_FIELDS, type SortField } from './lead-fields';

export { SORT_FIELDS, type SortField };

export interface SortSpec {
  field: SortField;
  descending: boolean;
}

export interface LeadQuery {
  /** Trimmed; '' means no search. */
  search: string;
  /** Trimmed, non-empty, de-duplicated; [] means no filter. */
  stage: string[];
  tags: string[];
  archived: boolean;
  sort: SortSpec;
  page: number;
  limit: number;
}

/** A query without paging: what the CSV export and facet counting take. */
export type LeadFilter = Omit<LeadQuery, 'page' | 'limit'>;

export const QUERY_LIMITS = {
  searchMaxLength: 200,
  listMaxValues: 50,
  listValueMaxLength: 200,
  limitMin: 1,
  limitMax: 1000,
  pageMin: 1,
  /** Far past any real data set; keeps page * limit a safe integer. */
  pageMax: 1_000_000,
} as const;

export const DEFAULT_SORT: SortSpec = { field: 'created_at', descending: true };

export const DEFAULT_LEAD_QUERY: LeadQuery = {
  search: '',
  stage: [],
  tags: [],
  archived: false,
  sort: DEFAULT_SORT,
  page: 1,
  limit: 50,
};

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

/**
 * The non-empty trimmed values, de-duplicated, reading at most `maxValues + 1` of them: a huge list costs
 * one linear scan up to the cap (never a quadratic de-duplication), and one value past it says "too many".
 */
function splitList(raw: string, maxValues: number): { values: string[]; overflow: boolean } {
  const seen = new Set<string>();
  let read = 0;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf(',', start);
    if (end < 0) end = raw.length;
    const value = raw.slice(start, end).trim();
    start = end + 1;
    if (value === '') continue;
    if (++read > maxValues) return { values: [...seen], overflow: true };
    seen.add(value);
  }
  return { values: [...seen], overflow: false };
}

function listCodec(name: string): ParamCodec<string[]> {
  const { listMaxValues, listValueMaxLength } = QUERY_LIMITS;
  return {
    defaultValue: [],
    parse(raw) {
      const { values, overflow } = splitList(raw, listMaxValues);
      if (overflow) return fail(`${name} accepts at most ${listMaxValues} values`);
      if (values.some((v) => v.length > listValueMaxLength)) return fail(`${name} values must be at most ${listValueMaxLength} characters`);
      return ok(values);
    },
    coerce(raw) {
      return splitList(raw, listMaxValues).values.filter((v) => v.length <= listValueMaxLength);
    },
    serialize: (values) => values.join(','),
    equals: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  };
}

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

const searchCodec: ParamCodec<string> = {
  defaultValue: '',
  parse(raw) {
    const text = raw.trim();
    return text.length > QUERY_LIMITS.searchMaxLength
      ? fail(`search must be at most ${QUERY_LIMITS.searchMaxLength} characters`)
      : ok(text);
  },
  coerce: (raw) => raw.trim().slice(0, QUERY_LIMITS.searchMaxLength),
  serialize: (value) => value,
  equals: (a, b) => a === b,
};

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

export function formatSort(sort: SortSpec): string {
  return (sort.descending ? '-' : '') + sort.field;
}

const sortCodec: ParamCodec<SortSpec> = {
  defaultValue: DEFAULT_SORT,
  parse(raw) {
    const text = raw.trim();
    const descending = text.startsWith('-');
    const field = descending ? text.slice(1) : text;
    if (!isSortField(field)) return fail(`sort must be one of ${SORT_FIELDS.join(', ')}, optionally prefixed with -`);
    return ok({ field, descending });
  },
  coerce(raw) {
    const result = sortCodec.parse(raw);
    return result.ok ? result.value : null;
  },
  serialize: formatSort,
  equals: (a, b) => a.field === b.field && a.descending === b.descending,
};

/** One codec per param of `GET /api/leads`, keyed by the param's name. */
export const leadQueryCodecs = {
  search: searchCodec,
  stage: listCodec('stage'),
  tags: listCodec('tags'),
  archived: archivedCodec,
  sort: sortCodec,
  page: integerCodec('page', QUERY_LIMITS.pageMin, QUERY_LIMITS.pageMax, DEFAULT_LEAD_QUERY.page),
  limit: integerCodec('limit', QUERY_LIMITS.limitMin, QUERY_LIMITS.limitMax, DEFAULT_LEAD_QUERY.limit),
} satisfies { [K in keyof LeadQuery]: ParamCodec<LeadQuery[K]> };

export const LEAD_QUERY_PARAMS = Object.keys(leadQueryCodecs) as (keyof LeadQuery)[];

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
    const isList = name === 'stage' || name === 'tags';
    if (!isList && values.length > 1) return { ok: false, param: name, message: `${name} must be given only once` };
    const result = leadQueryCodecs[name].parse(isList ? values.join(',') : (values[0] as string));
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
    const value = leadQueryCodecs[name].coerce(first);
    if (value !== null) query[name] = value;
  }
  return query as unknown as LeadQuery;
}

/** Query-string params for a query, defaults left out (the URL format of docs/ui.md and the API calls). */
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
 * The one rule for "same question": list values de-duplicated and in code-unit order (selection order
 * never changes an answer). Search is compared as is: every parser above already trims it. Params
 * absent from `query` stay absent.
 */
export function canonicalLeadQuery<Q extends Partial<LeadQuery>>(query: Q): Q {
  const canonical = { ...query };
  if (query.stage !== undefined) canonical.stage = sortedUnique(query.stage);
  if (query.tags !== undefined) canonical.tags = sortedUnique(query.tags);
  return canonical;
}

/**
 * A string naming a query's canonical form (defaults left out, so a param at its default and an absent
 * one are the same): equal keys, equal answers. The key of the SPA's query cache and the server's
 * response cache (whole queries) and of the index's filter summaries (the filter params only).
 * JSON rather than a query string, so no list value can run into the next.
 */
export function leadQueryKey(query: Partial<LeadQuery>): string {
  const canonical = canonicalLeadQuery(query);
  const key: Record<string, unknown> = {};
  for (const name of LEAD_QUERY_PARAMS) {
    const value = canonical[name];
    if (value === undefined) continue;
    const codec = leadQueryCodecs[name] as ParamCodec<unknown>;
    if (!codec.equals(value, codec.defaultValue)) key[name] = name === 'sort' ? formatSort(value as SortSpec) : value;
  }
  return JSON.stringify(key);
}
