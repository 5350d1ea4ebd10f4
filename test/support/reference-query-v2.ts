// An independent, deliberately naive reading of docs/api.md §4 (with the §2 rules it extends): filter, multi-sort,
// six disjunctive facets with value sums, facet_limit/facet_sizes and the summary, over a plain array.
// It takes queries as the shared grammar parses them (src/shared/query-v2), but shares no matching,
// sorting, counting or time-zone code with the server. Slow and obvious on purpose.
import type { Lead } from '../../src/shared/lead';
import type { FacetSelection } from '../../src/shared/query-v2/facet-list';
import { civilFromDays } from '../../src/shared/query-v2/civil-day';
import type { SortKey } from '../../src/shared/query-v2/multi-sort';
import { FACET_PARAMS, type DateRangeParam, type FacetParam, type NumberRangeParam } from '../../src/shared/query-v2/params';
import type { DateBound, DateRange, NumberRange } from '../../src/shared/query-v2/range';
import type { FacetEntry, FacetSizes, FacetsV2, LeadsSummary } from '../../src/shared/query-v2/response-types';
import { addDays, referenceEndOfDay, referenceStartOfDay, referenceToday } from './reference-zoned-day';

export interface ReferenceQueryV2 {
  search?: string;
  archived?: boolean;
  facets?: Partial<Record<FacetParam, FacetSelection>>;
  numberRanges?: Partial<Record<NumberRangeParam, NumberRange>>;
  dateRanges?: Partial<Record<DateRangeParam, DateRange>>;
  /** Default UTC. */
  tz?: string;
  /** Default `-created_at`. */
  sort?: SortKey[];
  /** Default 100. */
  facetLimit?: number;
  /** The request's clock, for `today`. */
  now: number;
}

export type ReferenceResultV2 =
  | { ok: true; leads: Lead[]; facets: FacetsV2; facet_sizes: FacetSizes; summary: LeadsSummary }
  /** A range whose lower bound comes after its upper one once `today` is known: the server's 400. */
  | { ok: false; param: string };

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
const round2 = (x: number) => Math.round(x * 100) / 100 + 0;
const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const instantOf = (value: unknown): number | null => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : ms;
};
const field = (lead: Lead, name: string): unknown => (lead as Record<string, unknown>)[name];

const SEARCHED = ['name', 'email', 'phone', 'notes', 'property_street1', 'property_street2', 'property_city', 'property_zip'];

/** Search v2 alone (docs/api.md §4), for tests that need only the matching leads of many searches. */
export function matchesSearch(lead: Lead, search: string): boolean {
  const text = search.trim();
  if (text === '') return true;
  const haystacks = SEARCHED.map((name) => field(lead, name)).filter((v): v is string => typeof v === 'string').map(fold);
  const words = text.split(/\s+/u).map(fold);
  if (words.every((word) => haystacks.some((h) => h.includes(word)))) return true;
  const queryDigits = text.replace(/[^0-9]/g, '');
  if (!/^[0-9\s+().-]+$/u.test(text) || queryDigits.length < 3 || typeof lead.phone !== 'string') return false;
  const phone = lead.phone.replace(/[^0-9]/g, '');
  const significant = phone.replace(/^0+/, '');
  return phone.includes(queryDigits) || (significant.length >= 7 && queryDigits.endsWith(significant));
}

/** A facet's values on one lead: named values (distinct, non-blank), or [] for the no-value bucket. */
function facetValues(lead: Lead, facet: FacetParam): string[] {
  if (facet === 'tags') return Array.isArray(lead.tags) ? [...new Set(lead.tags.filter((t) => !isBlank(t)))] : [];
  const value = field(lead, facet);
  return isBlank(value) ? [] : [value as string];
}

function matchesFacet(lead: Lead, facet: FacetParam, selection: FacetSelection | undefined): boolean {
  if (selection === undefined || (selection.values.length === 0 && !selection.none)) return true;
  const values = facetValues(lead, facet);
  return values.length === 0 ? selection.none : values.some((v) => selection.values.includes(v));
}

function dayOf(bound: DateBound, tz: string, now: number): string | null {
  if (bound.kind === 'instant') return null;
  if (bound.kind === 'today') return addDays(referenceToday(tz, now), bound.offset);
  const { year, month, day } = civilFromDays(bound.day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type Interval = { none: true } | { none: false; from: number; to: number };

/** A date range as instants in tz, or 'inverted'. */
function dateInterval(range: DateRange, tz: string, now: number): Interval | 'inverted' {
  if (range.kind === 'none') return { none: true };
  const lowerDay = range.lower === null ? null : dayOf(range.lower, tz, now);
  const upperDay = range.upper === null ? null : dayOf(range.upper, tz, now);
  const from = range.lower === null ? -Infinity : range.lower.kind === 'instant' ? range.lower.ms : referenceStartOfDay(tz, lowerDay as string);
  const to = range.upper === null ? Infinity : range.upper.kind === 'instant' ? range.upper.ms : referenceEndOfDay(tz, upperDay as string);
  if (lowerDay !== null && upperDay !== null ? lowerDay > upperDay : from > to) return 'inverted';
  return { none: false, from, to };
}

const inInterval = (value: number | null, interval: Interval) =>
  interval.none ? value === null : value !== null && value >= interval.from && value <= interval.to;

function matchesAllBut(lead: Lead, query: ReferenceQueryV2, intervals: Map<string, Interval>, skip: FacetParam | null): boolean {
  if (query.archived !== true && lead.archived === true) return false;
  if (!matchesSearch(lead, query.search ?? '')) return false;
  for (const facet of FACET_PARAMS) if (facet !== skip && !matchesFacet(lead, facet, query.facets?.[facet])) return false;
  for (const [name, range] of Object.entries(query.numberRanges ?? {}) as [string, NumberRange][]) {
    const interval: Interval =
      range.kind === 'none' ? { none: true } : { none: false, from: range.lower?.value ?? -Infinity, to: range.upper?.value ?? Infinity };
    if (!inInterval(numberOf(field(lead, name)), interval)) return false;
  }
  for (const [name, interval] of intervals) if (!inInterval(instantOf(field(lead, name)), interval)) return false;
  return true;
}

// Sorting (§2 rules per key, §4 key list): nulls last both ways; then created_at desc, id asc.
const PRIORITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
const DATE_FIELDS = new Set(['follow_up_date', 'created_at', 'archived_at', 'stage_changed_at']);
const NUMBER_FIELDS = new Set(['projected_value', 'value_score']);
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortValue(lead: Lead, name: string): string | number | null {
  const value = field(lead, name);
  if (name === 'priority') return typeof value === 'string' ? (PRIORITY_RANK[value] ?? null) : null;
  if (DATE_FIELDS.has(name)) return instantOf(value);
  if (NUMBER_FIELDS.has(name)) return numberOf(value);
  return isBlank(value) ? null : (value as string);
}

function compareBy(a: Lead, b: Lead, name: string, descending: boolean): number {
  const x = sortValue(a, name);
  const y = sortValue(b, name);
  if (x === null || y === null) return x === null && y === null ? 0 : x === null ? 1 : -1;
  const order = typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number);
  return descending ? -order : order;
}

export function referenceCompare(keys: SortKey[]) {
  return (a: Lead, b: Lead): number => {
    for (const key of keys) {
      const order = compareBy(a, b, key.field, key.descending);
      if (order !== 0) return order;
    }
    const byCreated = compareBy(a, b, 'created_at', true);
    if (byCreated !== 0) return byCreated;
    const ia = a.id ?? '';
    const ib = b.id ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

function facetEntries(leads: Lead[], facet: FacetParam, selection: FacetSelection | undefined, limit: number) {
  const named = new Map<string, { count: number; sum: number }>();
  const none = { count: 0, sum: 0 };
  for (const value of selection?.values ?? []) named.set(value, { count: 0, sum: 0 });
  for (const lead of leads) {
    const projected = numberOf(lead.projected_value) ?? 0;
    const values = facetValues(lead, facet);
    if (values.length === 0) {
      none.count += 1;
      none.sum += projected;
    }
    for (const value of values) {
      const bucket = named.get(value) ?? { count: 0, sum: 0 };
      bucket.count += 1;
      bucket.sum += projected;
      named.set(value, bucket);
    }
  }
  const ordered: FacetEntry[] = [...named]
    .map(([value, b]) => ({ value, count: b.count, projected_value_sum: round2(b.sum) }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const selected = new Set(selection?.values ?? []);
  const listed = [...ordered.slice(0, limit), ...ordered.slice(limit).filter((e) => selected.has(e.value as string))];
  if (none.count > 0 || selection?.none === true) listed.push({ value: null, count: none.count, projected_value_sum: round2(none.sum) });
  return { entries: listed, size: ordered.filter((e) => e.count > 0).length };
}

function summarize(leads: Lead[]): LeadsSummary {
  const projected = leads.map((l) => numberOf(l.projected_value)).filter((v): v is number => v !== null);
  const scores = leads.map((l) => numberOf(l.value_score)).filter((v): v is number => v !== null);
  const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
  const avg = (values: number[]) => (values.length === 0 ? null : round2(sum(values) / values.length));
  return {
    count: leads.length,
    projected_value: { sum: round2(sum(projected)), avg: avg(projected), count: projected.length },
    value_score: { avg: avg(scores), count: scores.length },
  };
}

export function referenceQueryV2(leads: Lead[], query: ReferenceQueryV2): ReferenceResultV2 {
  const tz = query.tz ?? 'UTC';
  const intervals = new Map<string, Interval>();
  for (const [name, range] of Object.entries(query.dateRanges ?? {}) as [string, DateRange][]) {
    const interval = dateInterval(range, tz, query.now);
    if (interval === 'inverted') return { ok: false, param: name };
    intervals.set(name, interval);
  }
  const matching = leads.filter((lead) => matchesAllBut(lead, query, intervals, null));
  const facets = {} as FacetsV2;
  const facet_sizes = {} as FacetSizes;
  for (const facet of FACET_PARAMS) {
    const counted = leads.filter((lead) => matchesAllBut(lead, query, intervals, facet));
    const { entries, size } = facetEntries(counted, facet, query.facets?.[facet], query.facetLimit ?? 100);
    facets[facet] = entries;
    facet_sizes[facet] = size;
  }
  const sort = query.sort ?? [{ field: 'created_at', descending: true }];
  return { ok: true, leads: matching.sort(referenceCompare(sort)), facets, facet_sizes, summary: summarize(matching) };
}
