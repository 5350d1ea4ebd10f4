// The in-memory lead index: answers every `GET /api/leads` query and the CSV export locally,
// following docs/api.md §2 "Matching", "Sorting", facets and paging.
//
// Design (why it is fast): everything that needs the collator, Date.parse or Unicode folding is done
// once per lead at build time (folded search text, phone digits, stage/tag ids) or once per sort field
// (an integer rank per lead). For each (sort field, direction) a permutation of all leads in the full
// total order is built lazily and cached, so a query never sorts: it scans that permutation once,
// applying the filters, counting facets and collecting only the requested page. Results of the
// filter part (total + facets) and search matches are cached in small LRUs, so paging and re-sorting
// the same filter stop the scan as soon as the page is full. One string holds every lead's folded
// name/email/phone (and one its phone digits): a search of ≥ 3 code units reads the trigram postings
// of those strings (trigram-index.ts) and tests only the candidate leads; a shorter one runs `indexOf`
// over the whole string, a native scan rather than 3 × n small `includes` calls.
//
// Memory: once `compactAsync` has run (the store does so after each sync), each lead is held only as
// its JSON text (a fraction of the parsed object's heap; docs/performance.md): everything queries filter and sort
// on was extracted at build time, the API sends the text as is, and `getById`/`matching` parse the few
// leads they return. Before that, the objects given to `build` are held and returned as given.
//
// Data decisions (upstream data may be messy; every field may be absent, null or of the wrong type):
// - Input leads are never mutated and are returned as held. Entries that are not objects are dropped.
// - Duplicate ids: every lead stays in query results (ties then fall back to input order), but
//   `getById` returns the first occurrence.
// - Sorting: a value of the wrong type, an empty/whitespace-only string, an unparseable date, a
//   non-finite number or an unknown priority counts as null, and nulls sort last in both directions.
// - Search: only string `name`/`email`/`phone` values are searched. The digit rule uses ASCII digits.
//   A query that folds to '' (only combining marks) matches every lead, like an empty search.
// - Facets: stage/tag values that are not strings or are empty/whitespace-only are not listed (and can
//   never be selected, since selected values are trimmed and non-empty).

import type { FacetValue } from '../../shared/api-types';
import { PRIORITIES, type Lead } from '../../shared/lead';
import { SORT_FIELDS, type LeadFilter, type LeadQuery, type SortField, type SortSpec } from '../../shared/lead-query';
import { foldText } from './fold-text';
import { buildTrigramPostings, markTrigramMatches, type TrigramPostings } from './trigram-index';

export interface LeadQueryResult {
  data: Lead[];
  total: number;
  facets: { stage: FacetValue[]; tags: FacetValue[] };
}

/** A query's answer with each lead as its JSON text (what `JSON.stringify` of the lead gives). */
export interface LeadQueryJsonResult {
  dataJson: string[];
  total: number;
  facets: { stage: FacetValue[]; tags: FacetValue[] };
}

interface PositionsResult {
  positions: number[];
  total: number;
  facets: { stage: FacetValue[]; tags: FacetValue[] };
}

type SortKind = 'string' | 'number' | 'date' | 'priority';

const SORT_KINDS: Record<SortField, SortKind> = {
  name: 'string',
  email: 'string',
  phone: 'string',
  stage: 'string',
  priority: 'priority',
  projected_value: 'number',
  value_score: 'number',
  follow_up_date: 'date',
  created_at: 'date',
  archived_at: 'date',
  assigned_to: 'string',
  lead_source: 'string',
  service_type: 'string',
  property_city: 'string',
  property_state: 'string',
  property_country: 'string',
  property_zip: 'string',
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The digit rule of docs/api.md §2: a query of only these characters with ≥ 3 digits also matches phone digits. */
const PHONE_LIKE_QUERY = /^[0-9 +().-]+$/;
const NON_DIGITS = /[^0-9]/g;
/** Separates fields and leads in the search texts; a query holding it takes the slow path. */
const SEPARATOR = '\u0000';
const MIN_PHONE_QUERY_DIGITS = 3;
/** Searches at least this long (code units) read trigram postings instead of scanning every lead. */
const MIN_TRIGRAM_QUERY = 3;

const SEARCH_CACHE_SIZE = 32;
/** Leads turned into JSON text between two yields to the event loop. */
const COMPACT_CHUNK = 2000;
/**
 * A summary is only a total and two facet lists, so hundreds cost ~nothing, while a miss is a full
 * scan, and a team's popular views outnumber a few dozen (measured: docs/performance.md "Other measured
 * figures"). Search masks stay few: each is one byte per lead.
 */
const FILTER_CACHE_SIZE = 512;

/** Per lead: 0 = no value (sorts last), 1..distinct = ascending order; collator-equal values share a rank. */
interface SortRanks {
  ranks: Uint32Array;
  distinct: number;
}

interface FilterSummary {
  total: number;
  facets: { stage: FacetValue[]; tags: FacetValue[] };
}

/** A filter turned into lookups over lead positions. */
interface CompiledFilter {
  includeArchived: boolean;
  /** null: no search. */
  searchMask: Uint8Array | null;
  /** null: no stage filter; else selected[stageId]. */
  selectedStages: Uint8Array | null;
  selectedTags: Uint8Array | null;
}

/** A string the facets may list and the filters may select: a non-blank string. */
function facetValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Many leads share names, cities, sources: fold each distinct string once per build. */
function memoizedFold(): (value: unknown) => string {
  const folded = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string') return '';
    let result = folded.get(value);
    if (result === undefined) folded.set(value, (result = foldText(value)));
    return result;
  };
}

/** 1 for each lead with an occurrence of `needle` in its segment [starts[i], starts[i+1]) of `haystack`. */
function markOccurrences(haystack: string, starts: Uint32Array, needle: string, mask: Uint8Array): void {
  let lead = 0;
  let position = haystack.indexOf(needle);
  while (position !== -1) {
    while ((starts[lead + 1] as number) <= position) lead++;
    mask[lead] = 1;
    const next = starts[lead + 1] as number;
    if (next >= haystack.length) break;
    position = haystack.indexOf(needle, next);
  }
}

/** Per lead: how many SEPARATORs its segment holds (capped at 255). */
function markSeparatorCounts(haystack: string, starts: Uint32Array, counts: Uint8Array): void {
  let lead = 0;
  for (let position = haystack.indexOf(SEPARATOR); position !== -1; position = haystack.indexOf(SEPARATOR, position + 1)) {
    while ((starts[lead + 1] as number) <= position) lead++;
    if ((counts[lead] as number) < 255) counts[lead]!++;
  }
}

/** The value a lead sorts by, or null when it has none usable (see the file header). */
function sortValue(lead: Lead, field: SortField): string | number | null {
  const value: unknown = lead[field];
  switch (SORT_KINDS[field]) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? value : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const instant = Date.parse(value);
      return Number.isFinite(instant) ? instant : null;
    }
    case 'priority': {
      const rank = typeof value === 'string' ? (PRIORITIES as readonly string[]).indexOf(value) : -1;
      return rank < 0 ? null : rank;
    }
  }
}

function rankStrings(values: readonly (string | null)[]): SortRanks {
  const distinctValues = [...new Set(values.filter((v) => v !== null))].sort(collator.compare);
  const rankOf = new Map<string, number>();
  let rank = 0;
  for (let j = 0; j < distinctValues.length; j++) {
    const value = distinctValues[j] as string;
    if (j === 0 || collator.compare(distinctValues[j - 1] as string, value) !== 0) rank++;
    rankOf.set(value, rank);
  }
  const ranks = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && value !== undefined) ranks[i] = rankOf.get(value) as number;
  }
  return { ranks, distinct: rank };
}

/** Numbers ranked with a native typed-array sort and a binary search (no Map of doubles). */
function rankNumbers(values: readonly (number | null)[]): SortRanks {
  const present = new Float64Array(values.length);
  let count = 0;
  for (const value of values) if (value !== null) present[count++] = value;
  const sorted = present.subarray(0, count).sort();
  let distinct = 0;
  for (let j = 0; j < count; j++) {
    if (j === 0 || sorted[j] !== sorted[distinct - 1]) sorted[distinct++] = sorted[j] as number;
  }
  const ranks = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    let low = 0;
    let high = distinct - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    ranks[i] = low + 1;
  }
  return { ranks, distinct };
}

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Position of a rank in the order of one direction, nulls last: 1..distinct+1. */
function directedKey(rank: number, distinct: number, descending: boolean): number {
  if (rank === 0) return distinct + 1;
  return descending ? distinct + 1 - rank : rank;
}

/** Small insertion-ordered LRU on top of Map. */
class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}

/** Ids (code-unit order) of the distinct values, and the value → id map. */
function dictionary(values: Iterable<string>): { values: string[]; idOf: Map<string, number> } {
  const sorted = [...new Set(values)].sort(compareCodeUnits);
  return { values: sorted, idOf: new Map(sorted.map((value, id) => [value, id])) };
}

function sortFacets(counts: Map<string, number>): FacetValue[] {
  const facets = [...counts].map(([value, count]) => Object.freeze({ value, count }));
  facets.sort((a, b) => b.count - a.count || compareCodeUnits(a.value, b.value));
  return Object.freeze(facets) as FacetValue[];
}

/** A trigram index built on first need, or ahead of it a chunk at a time; both share one build. */
class LazyTrigrams {
  private built: TrigramPostings | null = null;
  private readonly steps: Generator<void, TrigramPostings, void>;
  constructor(text: string, starts: Uint32Array) {
    this.steps = buildTrigramPostings(text, starts, SEPARATOR.charCodeAt(0));
  }
  get(): TrigramPostings {
    while (this.built === null) this.step();
    return this.built;
  }
  async buildAsync(): Promise<void> {
    while (this.built === null) {
      this.step();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  private step(): void {
    const next = this.steps.next();
    if (next.done === true) this.built = next.value;
  }
}

export class LeadIndex {
  readonly size: number;

  /** The leads as given to `build`, until `compactAsync` replaces them by `leadTexts`. */
  private leads: readonly Lead[] | null;
  private leadTexts: string[] | null = null;
  /** Position of the first lead with each id. */
  private readonly byId = new Map<string, number>();
  private readonly archived: Uint8Array;
  /** For each lead, SEPARATOR + folded name + SEPARATOR + folded email + SEPARATOR + folded phone. */
  private readonly searchText: string;
  /** Lead i's segment of searchText is [searchStarts[i], searchStarts[i + 1]). */
  private readonly searchStarts: Uint32Array;
  /** For each lead, SEPARATOR + the ASCII digits of its phone. */
  private readonly digitText: string;
  private readonly digitStarts: Uint32Array;
  /** Stage id per lead, -1 for none. */
  private readonly stageIds: Int32Array;
  private readonly stageValues: string[];
  private readonly stageIdOf: Map<string, number>;
  /** The distinct tag ids of lead i are tagIds[tagStarts[i] .. tagStarts[i+1]). */
  private readonly tagStarts: Uint32Array;
  private readonly tagIds: Uint32Array;
  private readonly tagValues: string[];
  private readonly tagIdOf: Map<string, number>;
  /** Position of each lead in the tie-break order (created_at desc, nulls last; id asc; input order). */
  private readonly tiePosition: Uint32Array;
  /** The lead at each tie-break position. */
  private readonly leadAtTiePosition: Uint32Array;
  private readonly sortRanks = new Map<SortField, SortRanks>();
  private readonly orders = new Map<string, Uint32Array>();
  private readonly searchMasks = new LruCache<string, Uint8Array>(SEARCH_CACHE_SIZE);
  private readonly filterSummaries = new LruCache<string, FilterSummary>(FILTER_CACHE_SIZE);
  /** Trigram postings of searchText and digitText: built by warm-up (yielding) or the first search needing them. */
  private readonly searchTrigrams: LazyTrigrams;
  private readonly digitTrigrams: LazyTrigrams;

  static build(leads: readonly Lead[]): LeadIndex {
    return new LeadIndex(leads.filter((lead) => typeof lead === 'object' && lead !== null));
  }

  private constructor(leads: readonly Lead[]) {
    const n = leads.length;
    this.leads = leads;
    this.size = n;
    this.archived = new Uint8Array(n);
    const fold = memoizedFold();
    const searchParts = new Array<string>(n);
    const digitParts = new Array<string>(n);
    this.searchStarts = new Uint32Array(n + 1);
    this.digitStarts = new Uint32Array(n + 1);
    let searchLength = 0;
    let digitLength = 0;

    const leadTags: string[][] = new Array<string[]>(n);
    const stageNames: (string | null)[] = new Array<string | null>(n);
    let tagCount = 0;
    for (let i = 0; i < n; i++) {
      const lead = leads[i] as Lead;
      if (typeof lead.id === 'string' && !this.byId.has(lead.id)) this.byId.set(lead.id, i);
      this.archived[i] = lead.archived === true ? 1 : 0;
      const searchPart = SEPARATOR + fold(lead.name) + SEPARATOR + fold(lead.email) + SEPARATOR + fold(lead.phone);
      const digitPart = SEPARATOR + (typeof lead.phone === 'string' ? lead.phone.replace(NON_DIGITS, '') : '');
      searchParts[i] = searchPart;
      digitParts[i] = digitPart;
      this.searchStarts[i] = searchLength;
      this.digitStarts[i] = digitLength;
      searchLength += searchPart.length;
      digitLength += digitPart.length;
      stageNames[i] = facetValue(lead.stage);
      const tags: string[] = [];
      if (Array.isArray(lead.tags)) {
        for (const tag of lead.tags as unknown[]) {
          const value = facetValue(tag);
          if (value !== null && !tags.includes(value)) tags.push(value);
        }
      }
      leadTags[i] = tags;
      tagCount += tags.length;
    }

    this.searchStarts[n] = searchLength;
    this.digitStarts[n] = digitLength;
    this.searchText = searchParts.join('');
    this.digitText = digitParts.join('');
    this.searchTrigrams = new LazyTrigrams(this.searchText, this.searchStarts);
    this.digitTrigrams = new LazyTrigrams(this.digitText, this.digitStarts);

    const stages = dictionary(stageNames.filter((s) => s !== null));
    this.stageValues = stages.values;
    this.stageIdOf = stages.idOf;
    this.stageIds = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const stage = stageNames[i];
      this.stageIds[i] = stage === null || stage === undefined ? -1 : (stages.idOf.get(stage) as number);
    }

    const tags = dictionary(leadTags.flat());
    this.tagValues = tags.values;
    this.tagIdOf = tags.idOf;
    this.tagStarts = new Uint32Array(n + 1);
    this.tagIds = new Uint32Array(tagCount);
    let next = 0;
    for (let i = 0; i < n; i++) {
      this.tagStarts[i] = next;
      for (const tag of leadTags[i] as string[]) this.tagIds[next++] = tags.idOf.get(tag) as number;
    }
    this.tagStarts[n] = next;

    // Tie-break order, computed once: created_at descending (nulls last), id ascending, input order.
    const created = this.ranksFor('created_at');
    const createdKey = new Float64Array(n);
    for (let i = 0; i < n; i++) createdKey[i] = directedKey(created.ranks[i] as number, created.distinct, true);
    const idOf = leads.map((lead) => (typeof lead.id === 'string' ? lead.id : ''));
    const tieOrder = Array.from({ length: n }, (_, i) => i);
    tieOrder.sort(
      (a, b) =>
        (createdKey[a] as number) - (createdKey[b] as number) || compareCodeUnits(idOf[a] as string, idOf[b] as string) || a - b,
    );
    this.leadAtTiePosition = Uint32Array.from(tieOrder);
    this.tiePosition = new Uint32Array(n);
    for (let position = 0; position < n; position++) this.tiePosition[tieOrder[position] as number] = position;
  }

  getById(id: string): Lead | undefined {
    const position = this.byId.get(id);
    return position === undefined ? undefined : this.leadAt(position);
  }

  /**
   * Filters, sort, facets and one page (docs/api.md §2). `data` holds the lead objects as given to `build`
   * (after `compactAsync`: equal objects parsed from the JSON text held).
   */
  query(query: LeadQuery): LeadQueryResult {
    const { positions, total, facets } = this.queryPositions(query);
    return { data: positions.map((i) => this.leadAt(i)), total, facets };
  }

  /** As `query`, with each lead as its JSON text (free once compacted: the text held is the answer). */
  queryJson(query: LeadQuery): LeadQueryJsonResult {
    const { positions, total, facets } = this.queryPositions(query);
    return { dataJson: positions.map((i) => this.leadJsonAt(i)), total, facets };
  }

  /** `JSON.stringify` of the lead at a position (0 ≤ i < size), e.g. for a snapshot. */
  leadJsonAt(i: number): string {
    return this.leadTexts !== null ? (this.leadTexts[i] as string) : JSON.stringify((this.leads as readonly Lead[])[i]);
  }

  /**
   * Replaces the lead objects by their JSON texts, a chunk at a time (yielding between chunks), after
   * building every sort order (they read the objects). Queries answer the same before, during, after.
   */
  async compactAsync(): Promise<void> {
    const leads = this.leads;
    if (leads === null) return;
    await this.warmUpAsync();
    const texts = new Array<string>(leads.length);
    for (let from = 0; from < leads.length; from += COMPACT_CHUNK) {
      const to = Math.min(leads.length, from + COMPACT_CHUNK);
      for (let i = from; i < to; i++) texts[i] = JSON.stringify(leads[i]);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.leads === null) return;
    this.leadTexts = texts;
    this.leads = null;
  }

  private leadAt(i: number): Lead {
    return this.leads !== null ? (this.leads[i] as Lead) : (JSON.parse(this.leadTexts![i] as string) as Lead);
  }

  private queryPositions(query: LeadQuery): PositionsResult {
    const order = this.orderFor(query.sort);
    const filter = this.compile(query);
    const limit = Math.max(1, Math.floor(query.limit));
    const start = (Math.max(1, Math.floor(query.page)) - 1) * limit;
    const end = start + limit;
    const summaryKey = LeadIndex.filterKey(query);
    const known = this.filterSummaries.get(summaryKey);
    const page: number[] = [];

    if (known) {
      // Total and facets are known: stop as soon as the page is collected.
      if (start >= known.total) return { positions: page, total: known.total, facets: known.facets };
      let position = 0;
      for (let k = 0; k < order.length && position < end; k++) {
        const i = order[k] as number;
        if (!this.matches(i, filter)) continue;
        if (position >= start) page.push(i);
        position++;
      }
      return { positions: page, total: known.total, facets: known.facets };
    }

    // One pass: filter, count facets (disjunctively), collect the page.
    const { includeArchived, searchMask, selectedStages, selectedTags } = filter;
    const { archived, stageIds, tagStarts, tagIds } = this;
    const stageCounts = new Uint32Array(this.stageValues.length);
    const tagCounts = new Uint32Array(this.tagValues.length);
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      if (!includeArchived && archived[i] === 1) continue;
      if (searchMask !== null && searchMask[i] === 0) continue;
      const stageId = stageIds[i] as number;
      const stageOk = selectedStages === null || (stageId >= 0 && selectedStages[stageId] === 1);
      const tagFrom = tagStarts[i] as number;
      const tagTo = tagStarts[i + 1] as number;
      let tagsOk = selectedTags === null;
      for (let t = tagFrom; !tagsOk && t < tagTo; t++) tagsOk = selectedTags![tagIds[t] as number] === 1;
      if (tagsOk && stageId >= 0) stageCounts[stageId]!++;
      if (stageOk) for (let t = tagFrom; t < tagTo; t++) tagCounts[tagIds[t] as number]!++;
      if (stageOk && tagsOk) {
        if (total >= start && total < end) page.push(i);
        total++;
      }
    }
    const summary: FilterSummary = {
      total,
      facets: {
        stage: LeadIndex.facetList(this.stageValues, stageCounts, query.stage),
        tags: LeadIndex.facetList(this.tagValues, tagCounts, query.tags),
      },
    };
    this.filterSummaries.set(summaryKey, summary);
    return { positions: page, total, facets: summary.facets };
  }

  /** Every matching lead in sort order. */
  matching(filter: LeadFilter): Lead[] {
    return this.matchingPositions(filter).map((i) => this.leadAt(i));
  }

  /**
   * The same leads as `matching`, produced one at a time (the CSV export: a compacted index parses
   * each lead as it is written instead of holding every match as an object at once).
   */
  matchingLazy(filter: LeadFilter): { total: number; leads: Iterable<Lead> } {
    const positions = this.matchingPositions(filter);
    const leadAt = (i: number) => this.leadAt(i);
    return {
      total: positions.length,
      leads: (function* () {
        for (const i of positions) yield leadAt(i);
      })(),
    };
  }

  private matchingPositions(filter: LeadFilter): number[] {
    const order = this.orderFor(filter.sort);
    const compiled = this.compile(filter);
    const result: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      if (this.matches(i, compiled)) result.push(i);
    }
    return result;
  }

  /** Builds every sort permutation now (e.g. after a sync), so no request pays for it. */
  warmUp(): void {
    for (const field of SORT_FIELDS) {
      this.orderFor({ field, descending: false });
      this.orderFor({ field, descending: true });
    }
    this.searchTrigrams.get();
    this.digitTrigrams.get();
  }

  /**
   * Like `warmUp`, but yields to the event loop after each sort order, so requests keep being served
   * while a freshly built index warms up (the longest step is one high-cardinality string field).
   */
  async warmUpAsync(): Promise<void> {
    for (const field of SORT_FIELDS) {
      for (const descending of [false, true]) {
        this.orderFor({ field, descending });
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await this.searchTrigrams.buildAsync();
    await this.digitTrigrams.buildAsync();
  }

  private matches(i: number, filter: CompiledFilter): boolean {
    if (!filter.includeArchived && this.archived[i] === 1) return false;
    if (filter.searchMask !== null && filter.searchMask[i] === 0) return false;
    if (filter.selectedStages !== null) {
      const stageId = this.stageIds[i] as number;
      if (stageId < 0 || filter.selectedStages[stageId] === 0) return false;
    }
    if (filter.selectedTags !== null) {
      const to = this.tagStarts[i + 1] as number;
      for (let t = this.tagStarts[i] as number; t < to; t++) {
        if (filter.selectedTags[this.tagIds[t] as number] === 1) return true;
      }
      return false;
    }
    return true;
  }

  private compile(filter: LeadFilter): CompiledFilter {
    return {
      includeArchived: filter.archived,
      searchMask: filter.search === '' ? null : this.searchMask(filter.search),
      selectedStages: LeadIndex.selection(filter.stage, this.stageIdOf, this.stageValues.length),
      selectedTags: LeadIndex.selection(filter.tags, this.tagIdOf, this.tagValues.length),
    };
  }

  private static selection(values: readonly string[], idOf: Map<string, number>, size: number): Uint8Array | null {
    if (values.length === 0) return null;
    const selected = new Uint8Array(size);
    for (const value of values) {
      const id = idOf.get(value);
      if (id !== undefined) selected[id] = 1;
    }
    return selected;
  }

  /** 1 for each lead that the search matches (docs/api.md §2 "search"). Plain substring tests, never a RegExp. */
  private searchMask(search: string): Uint8Array {
    const cached = this.searchMasks.get(search);
    if (cached) return cached;
    const folded = foldText(search);
    const mask = new Uint8Array(this.size);
    if (folded === '') {
      mask.fill(1);
    } else if (folded.includes(SEPARATOR)) {
      // Could span fields in searchText: test each lead's fields on their own. Only a lead with a
      // SEPARATOR inside a field (more than the 3 of its segment) can match such a query.
      const separators = new Uint8Array(this.size);
      markSeparatorCounts(this.searchText, this.searchStarts, separators);
      for (let i = 0; i < this.size; i++) {
        if ((separators[i] as number) <= 3) continue;
        const lead = this.leadAt(i);
        const fields = [lead.name, lead.email, lead.phone];
        if (fields.some((field) => typeof field === 'string' && foldText(field).includes(folded))) mask[i] = 1;
      }
    } else if (folded.length >= MIN_TRIGRAM_QUERY) {
      markTrigramMatches(this.searchTrigrams.get(), this.searchText, this.searchStarts, folded, mask);
    } else {
      markOccurrences(this.searchText, this.searchStarts, folded, mask);
    }
    if (PHONE_LIKE_QUERY.test(search)) {
      const digits = search.replace(NON_DIGITS, '');
      // MIN_PHONE_QUERY_DIGITS is MIN_TRIGRAM_QUERY: every digit query takes the postings.
      if (digits.length >= MIN_PHONE_QUERY_DIGITS) {
        markTrigramMatches(this.digitTrigrams.get(), this.digitText, this.digitStarts, digits, mask);
      }
    }
    this.searchMasks.set(search, mask);
    return mask;
  }

  private ranksFor(field: SortField): SortRanks {
    let ranks = this.sortRanks.get(field);
    if (!ranks) {
      // Every field is ranked by warmUp before compaction; a compacted index parses if ever asked.
      const values = Array.from({ length: this.size }, (_, i) => sortValue(this.leadAt(i), field));
      ranks =
        SORT_KINDS[field] === 'string'
          ? rankStrings(values as (string | null)[])
          : rankNumbers(values as (number | null)[]);
      this.sortRanks.set(field, ranks);
    }
    return ranks;
  }

  /** All leads in the total order of a sort (docs/api.md §2 "Sorting"), built once per field and direction. */
  private orderFor(sort: SortSpec): Uint32Array {
    if (!Object.hasOwn(SORT_KINDS, sort.field)) throw new RangeError(`Unknown sort field: ${String(sort.field)}`);
    const cacheKey = (sort.descending ? '-' : '') + sort.field;
    let order = this.orders.get(cacheKey);
    if (order) return order;
    const n = this.size;
    if (sort.field === 'created_at' && sort.descending) {
      order = this.leadAtTiePosition; // the tie-break order is exactly this sort
    } else {
      const { ranks, distinct } = this.ranksFor(sort.field);
      // key = directed rank, then tie position; unique integers < (n + 2) * n, exact in a double.
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        keys[i] = directedKey(ranks[i] as number, distinct, sort.descending) * n + (this.tiePosition[i] as number);
      }
      keys.sort();
      order = new Uint32Array(n);
      for (let k = 0; k < n; k++) order[k] = this.leadAtTiePosition[(keys[k] as number) % n] as number;
    }
    this.orders.set(cacheKey, order);
    return order;
  }

  private static filterKey(filter: LeadFilter): string {
    // Selection order does not change the result; sort so equal filters share a cache entry.
    return JSON.stringify([filter.archived, filter.search, [...filter.stage].sort(), [...filter.tags].sort()]);
  }

  /** Values with a count, plus every selected value (0 when it matches nothing); count desc, value asc. */
  private static facetList(values: readonly string[], counts: Uint32Array, selected: readonly string[]): FacetValue[] {
    const listed = new Map<string, number>();
    for (let id = 0; id < counts.length; id++) {
      if ((counts[id] as number) > 0) listed.set(values[id] as string, counts[id] as number);
    }
    for (const value of selected) if (!listed.has(value)) listed.set(value, 0);
    return sortFacets(listed);
  }
}
