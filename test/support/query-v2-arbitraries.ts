// fast-check generators of `GET /api/leads` v2 queries (docs/api.md §4) drawn from a lead set, for the fidelity
// tests: each sample is the query string to send and the same query as the reference takes it. Values come
// from the data (so filters hit, ranges land on equal values) plus (none), unknown values, DST days and zones.
import fc from 'fast-check';
import type { Lead } from '../../src/shared/lead';
import { parseFacetList } from '../../src/shared/query-v2/facet-list';
import { parseSortKeys } from '../../src/shared/query-v2/multi-sort';
import { DATE_RANGE_PARAMS, FACET_PARAMS, NUMBER_RANGE_PARAMS } from '../../src/shared/query-v2/params';
import { parseDateRange, parseNumberRange } from '../../src/shared/query-v2/range';
import type { ReferenceQueryV2 } from './reference-query-v2';

export interface GeneratedQueryV2 {
  params: URLSearchParams;
  /** The same query for referenceQueryV2 (add the server's `now`). */
  query: Omit<ReferenceQueryV2, 'now'>;
}

/** Zones with DST, a half-hour DST, a date-line zone and a fixed offset. */
export const TEST_ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata'];
/** Server clocks on and around DST changes in those zones (pair with the fake clock). */
export const TEST_NOWS = [
  '2026-03-08T04:30:00Z',
  '2026-03-08T15:00:00Z',
  '2026-03-29T00:30:00Z',
  '2026-10-25T00:30:00Z',
  '2026-04-04T13:15:00Z',
  '2026-11-01T12:00:00Z',
].map(Date.parse);
const DST_DAYS = ['2026-03-08', '2026-03-09', '2026-03-29', '2026-10-25', '2026-11-01', '2026-04-05', '2026-10-04'];

const distinct = <T>(values: T[]) => [...new Set(values)];
/** Each param in about one query of five, so a query has two or three filters and still matches some leads. */
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

function textsOf(leads: Lead[], field: string): string[] {
  return distinct(
    leads
      .flatMap((lead) => {
        const value = (lead as Record<string, unknown>)[field];
        return Array.isArray(value) ? value : [value];
      })
      .filter((v): v is string => typeof v === 'string' && v.trim() !== ''),
  );
}

function facetText(leads: Lead[], facet: string): fc.Arbitrary<string> {
  const values = [...textsOf(leads, facet).slice(0, 200), '(none)', 'No Such Value'];
  return fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((v) => v.join(','));
}

function rangeText(bound: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('(none)') },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.option(bound, { nil: '' }), fc.option(bound, { nil: '' }))
        .filter(([a, b]) => a !== '' || b !== '')
        .map(([a, b]) => `${a}..${b}`),
    },
  );
}

function numberBound(leads: Lead[], field: string): fc.Arbitrary<string> {
  const values = distinct(
    leads.map((l) => (l as Record<string, unknown>)[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)),
  );
  // Data values written as the grammar allows (no exponent), so equal values are hit exactly.
  const exact = values.filter((v) => /^-?\d+(\.\d+)?$/.test(String(v))).map(String);
  return fc.oneof(fc.constantFrom(...(exact.length > 0 ? exact : ['0'])), fc.integer({ min: -10, max: 100_000 }).map(String));
}

function dateBound(leads: Lead[], field: string): fc.Arbitrary<string> {
  const instants = textsOf(leads, field)
    .filter((v) => /Z$|[+-]\d\d:\d\d$/.test(v))
    .slice(0, 300);
  const days = distinct([...instants.map((v) => v.slice(0, 10)), ...DST_DAYS]);
  return fc.oneof(
    fc.integer({ min: -60, max: 60 }).map((n) => (n === 0 ? 'today' : n > 0 ? `today+${n}` : `today${n}`)),
    fc.constantFrom(...days),
    fc.constantFrom(...(instants.length > 0 ? instants : ['2026-03-08T05:00:00Z'])),
  );
}

function searchText(leads: Lead[]): fc.Arbitrary<string> {
  const words = distinct(
    leads
      .slice(0, 500)
      .flatMap((l) =>
        [l.name, l.property_city, l.property_street1, l.property_zip, l.notes].flatMap((v) =>
          typeof v === 'string' ? v.split(/\s+/) : [],
        ),
      ),
  ).filter((w) => w.length >= 2);
  const phones = textsOf(leads, 'phone').slice(0, 100);
  return fc.oneof(
    fc.uniqueArray(fc.constantFrom(...(words.length > 0 ? words : ['x'])), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    fc.constantFrom(...(phones.length > 0 ? phones : ['555'])).map((p) => `+1 ${p}`),
    fc.constantFrom(...(phones.length > 0 ? phones : ['555'])).map((p) => p.replace(/\D/g, '').slice(2, 8)),
  );
}

/** Queries over `leads`; `sortFields` as the catalogue lists them. Params the strict grammar refuses are left out. */
export function queryV2Arbitrary(leads: Lead[], sortFields: readonly string[]): fc.Arbitrary<GeneratedQueryV2> {
  const facets = Object.fromEntries(FACET_PARAMS.map((f) => [f, optional(facetText(leads, f))]));
  const numbers = Object.fromEntries(NUMBER_RANGE_PARAMS.map((f) => [f, optional(rangeText(numberBound(leads, f)))]));
  const dates = Object.fromEntries(DATE_RANGE_PARAMS.map((f) => [f, optional(rangeText(dateBound(leads, f)))]));
  const sort = optional(
    fc
      .uniqueArray(fc.constantFrom(...sortFields), { minLength: 1, maxLength: 3 })
      .chain((fields) => fc.tuple(...fields.map((f) => fc.boolean().map((d) => (d ? `-${f}` : f)))).map((keys) => keys.join(','))),
  );
  return fc
    .record({
      facets: fc.record(facets),
      numbers: fc.record(numbers),
      dates: fc.record(dates),
      sort,
      search: optional(searchText(leads)),
      archived: optional(fc.boolean()),
      tz: optional(fc.constantFrom(...TEST_ZONES)),
      facetLimit: optional(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(100))),
    })
    .map((g) => {
      const params = new URLSearchParams();
      const query: Omit<ReferenceQueryV2, 'now'> = {};
      /** Sets the param and hands its parsed value on, or leaves it out when the strict grammar refuses it. */
      const apply = <T>(
        name: string,
        text: string | undefined,
        parse: (raw: string) => { ok: true; value: T } | { ok: false },
        use: (value: T) => void,
      ) => {
        if (text === undefined) return;
        const parsed = parse(text);
        if (!parsed.ok) return;
        params.set(name, text);
        use(parsed.value);
      };
      const facetSelections: NonNullable<ReferenceQueryV2['facets']> = {};
      const numberRanges: NonNullable<ReferenceQueryV2['numberRanges']> = {};
      const dateRanges: NonNullable<ReferenceQueryV2['dateRanges']> = {};
      for (const name of FACET_PARAMS)
        apply(
          name,
          g.facets[name],
          (raw) => parseFacetList(raw, name),
          (v) => (facetSelections[name] = v),
        );
      for (const name of NUMBER_RANGE_PARAMS)
        apply(
          name,
          g.numbers[name],
          (raw) => parseNumberRange(raw, name),
          (v) => (numberRanges[name] = v),
        );
      for (const name of DATE_RANGE_PARAMS)
        apply(
          name,
          g.dates[name],
          (raw) => parseDateRange(raw, name),
          (v) => (dateRanges[name] = v),
        );
      Object.assign(query, { facets: facetSelections, numberRanges, dateRanges });
      apply(
        'sort',
        g.sort,
        (raw) => parseSortKeys(raw, sortFields),
        (v) => (query.sort = v),
      );
      const always = <T>(value: T) => ({ ok: true as const, value });
      apply('search', g.search, always, (v) => (query.search = v));
      apply(
        'archived',
        g.archived === undefined ? undefined : String(g.archived),
        (raw) => always(raw === 'true'),
        (v) => (query.archived = v),
      );
      apply('tz', g.tz, always, (v) => (query.tz = v));
      apply(
        'facet_limit',
        g.facetLimit === undefined ? undefined : String(g.facetLimit),
        (raw) => always(Number(raw)),
        (v) => (query.facetLimit = v),
      );
      return { params, query };
    });
}
