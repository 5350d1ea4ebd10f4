// The in-memory lead index: answers every `GET /api/leads` query and the CSV export locally
// (docs/api.md §2 and §4: matching, multi-sort, facets with sums, totals, paging). A facade over its parts:
// - lead-records.ts: the leads as held (objects, then compact JSON texts: lead-texts.ts) — what answers are made of
// - lead-columns.ts: archived flag, facet keys, tags, range values in typed arrays — what filters and facets read
// - sort-orders.ts: a cached permutation of all leads per sort (one key or several)
// - search-index.ts: folded search text of eight fields, trigram postings, the phone rules
// - compiled-filter.ts: the filter as lookups by key, the match test
// - facet-scan.ts: the one pass with facets and totals (branchless-pass.ts, general-pass.ts), facet-result.ts the lists
//
// Why it is fast: a query never sorts and never touches a lead object. A new filter costs one sequential
// pass over the columns (filters, six disjunctive facets with sums, totals, a match flag per lead), then a
// walk of its sort's permutation until the page is collected. The filter part of an answer (totals, facets)
// is cached from its second query on (a one-off search is not kept: cache/second-sight.ts), so paging and
// re-sorting a filter already seen only walk until the page is full.
//
// Data decisions (upstream data may be messy; every field may be absent, null or of the wrong type):
// input leads are never mutated and are returned as held; entries that are not objects are dropped;
// the rest are in the part that deals with them.
import { LRUCache } from 'lru-cache';
import type { Lead } from '../../shared/lead';
import type { SortSpec } from '../../shared/lead-query';
import type { FacetsV2, FacetSizes, LeadsSummary } from '../../shared/query-v2/response-types';
import { filterKey, type ResolvedFilter } from '../query-v2/resolve-filter';
import { runStepsAsync, TimeSlice } from '../runtime/time-slice';
import { prepareFacetPassAsync } from './facet-combos';
import { compileFilter, matches, type CompiledFilter } from './compiled-filter';
import { scanWithFacets } from './facet-scan';
import { extractColumns, extractColumnsSteps, type LeadColumns } from './lead-columns';
import { LeadRecords } from './lead-records';
import { SearchIndex } from './search-index';
import { SecondSight } from '../cache/second-sight';
import { SortOrders } from './sort-orders';

/** What one `GET /api/leads` asks the index: a resolved filter (see resolve-filter.ts), a sort, a page. */
export interface IndexQuery {
  filter: ResolvedFilter;
  sort: readonly SortSpec[];
  page: number;
  limit: number;
  facetLimit: number;
}

/** A query's answer with each lead as its JSON text (what `JSON.stringify` of the lead gives). */
export interface LeadQueryJsonResult {
  dataJson: string[];
  total: number;
  facets: FacetsV2;
  facetSizes: FacetSizes;
  summary: LeadsSummary;
}

/** The same answer with each lead as its JSON text's UTF-8 bytes (what /api/leads copies into its body). */
export interface LeadQueryBytesResult extends Omit<LeadQueryJsonResult, 'dataJson'> {
  dataBytes: Uint8Array[];
}

interface FilterSummary {
  total: number;
  facets: FacetsV2;
  facetSizes: FacetSizes;
  summary: LeadsSummary;
}

/**
 * A summary is a total, six capped facet lists and the totals (a few KB with facet_limit 100), so many are
 * kept: a team's popular views are many.
 */
const FILTER_CACHE_SIZE = 512;

/** Matches at most this many: the page is sorted from them instead of walking the sort's permutation. */
const FEW_MATCHES = 500;

/**
 * The positions i with matched[i] = 1, ascending (`count` of them): from the search's positions when it has
 * them (only those leads were visited), else skipping 8 zero bytes at a time.
 */
function matchedPositions(matched: Uint8Array, count: number, visited: Uint32Array | null): number[] {
  const positions: number[] = [];
  if (visited !== null) {
    for (let k = 0; k < visited.length && positions.length < count; k++) {
      const i = visited[k] as number;
      if (matched[i] === 1) positions.push(i);
    }
    return positions;
  }
  const words = new Float64Array(matched.buffer, matched.byteOffset, matched.byteOffset % 8 === 0 ? matched.length >>> 3 : 0);
  const skipEnd = words.length << 3;
  for (let i = 0; i < matched.length && positions.length < count; i++) {
    // Bytes are 0 or 1: a zero double is 8 zero bytes.
    if (i < skipEnd && (i & 7) === 0 && words[i >>> 3] === 0) {
      i += 7;
      continue;
    }
    if (matched[i] === 1) positions.push(i);
  }
  return positions;
}

export class LeadIndex {
  readonly size: number;
  private readonly records: LeadRecords;
  private readonly columns: LeadColumns;
  private readonly sortOrders: SortOrders;
  private readonly search: SearchIndex;
  private readonly filterSummaries = new LRUCache<string, FilterSummary>({ max: FILTER_CACHE_SIZE });
  /** Which filters were asked before: a summary is cached on its filter's second query. */
  private readonly summariesAsked = new SecondSight();
  /** The scan's per-lead match flags, reused (queries run one at a time on the event loop). */
  private readonly matchedScratch: Uint8Array;

  static build(leads: readonly Lead[]): LeadIndex {
    const kept = leads.filter((lead) => typeof lead === 'object' && lead !== null);
    const records = new LeadRecords(kept);
    const leadAt = (i: number) => records.leadAt(i);
    return new LeadIndex(records, extractColumns(kept), new SearchIndex(kept, leadAt), new SortOrders(kept.length, leadAt));
  }

  /**
   * The same index built between pauses of the event loop (after a sync, at boot from DATA_DIR): at 100k
   * leads `build` holds it for about a second, and no request may wait that long behind it. Then warm up
   * and compact (also sliced) before the index answers a request that should not pay for them.
   * Chunked on the main thread rather than in a worker: the index is strings, Maps and objects that must
   * live here, and a worker's result would be copied and deserialised on this thread in one go.
   */
  static async buildAsync(leads: readonly Lead[], slice = new TimeSlice()): Promise<LeadIndex> {
    const kept = leads.filter((lead) => typeof lead === 'object' && lead !== null);
    const records = new LeadRecords(kept);
    const leadAt = (i: number) => records.leadAt(i);
    const columns = await runStepsAsync(extractColumnsSteps(kept), slice);
    const search = await SearchIndex.buildAsync(kept, leadAt, slice);
    const sortOrders = await SortOrders.buildAsync(kept.length, leadAt, slice);
    return new LeadIndex(records, columns, search, sortOrders);
  }

  private constructor(records: LeadRecords, columns: LeadColumns, search: SearchIndex, sortOrders: SortOrders) {
    this.size = columns.size;
    this.records = records;
    this.columns = columns;
    this.search = search;
    this.sortOrders = sortOrders;
    this.matchedScratch = new Uint8Array(columns.size);
  }

  /** The first lead with this id (the objects given to `build`; after compaction an equal parsed object). */
  getById(id: string): Lead | undefined {
    const position = this.columns.byId.get(id);
    return position === undefined ? undefined : this.records.leadAt(position);
  }

  /** Filters, sort, facets, totals and one page, each lead as its JSON text (free once compacted). */
  queryJson(query: IndexQuery): LeadQueryJsonResult {
    const { page, summary } = this.queryPage(query);
    return { dataJson: page.map((i) => this.records.leadJsonAt(i)), ...summary };
  }

  /** As `queryJson`, each lead as its text's UTF-8 bytes: once compacted a view of the bytes held, no decode. */
  queryBytes(query: IndexQuery): LeadQueryBytesResult {
    const { page, summary } = this.queryPage(query);
    return { dataBytes: page.map((i) => this.records.leadUtf8At(i)), ...summary };
  }

  /** The page's lead positions in sort order, and the filter's totals and facets (cached per filter). */
  private queryPage(query: IndexQuery): { page: number[]; summary: FilterSummary } {
    // The sort's permutation only when the page is walked from it: a multi-key sort not cached costs a pass
    // over every lead, which a query with few matches (sorted from its matches) does not need.
    const order = () => this.sortOrders.orderFor(query.sort);
    const compiled = this.compile(query.filter);
    const limit = Math.max(1, Math.floor(query.limit));
    const start = (Math.max(1, Math.floor(query.page)) - 1) * limit;
    const end = start + limit;
    const summaryKey = `${query.facetLimit} ${filterKey(query.filter)}`;
    let summary = this.filterSummaries.get(summaryKey);
    let page: number[];
    if (summary !== undefined) {
      // Totals and facets are known: walk the order only until the page is collected.
      page = start >= summary.total ? [] : this.collect(order(), compiled, start, end);
    } else {
      const matched = this.matchedScratch;
      matched.fill(0);
      summary = scanWithFacets(this.columns, compiled, query.filter, query.facetLimit, matched);
      if (this.summariesAsked.seenBefore(summaryKey)) this.filterSummaries.set(summaryKey, summary);
      page = [];
      if (start < summary.total && summary.total <= FEW_MATCHES) {
        // A few matches (a typical one-off search): sort them rather than walk the whole permutation for them.
        page = this.sortOrders.sortLeads(matchedPositions(matched, summary.total, compiled.searchPositions), query.sort).slice(start, end);
      } else if (start < summary.total) {
        const permutation = order();
        let position = 0;
        for (let k = 0; k < permutation.length && position < end; k++) {
          const i = permutation[k] as number;
          if (matched[i] === 0) continue;
          if (position >= start) page.push(i);
          position++;
        }
      }
    }
    return { page, summary };
  }

  /** `JSON.stringify` of the lead at a position (0 ≤ i < size), e.g. for a snapshot. */
  leadJsonAt(i: number): string {
    return this.records.leadJsonAt(i);
  }

  /** The same text as UTF-8 bytes once compacted (a view of the bytes held), else null: a snapshot copies them. */
  leadBytesAt(i: number): Uint8Array | null {
    return this.records.leadBytesAt(i);
  }

  /**
   * Every matching lead in sort order, produced one at a time (the CSV export: a compacted index parses
   * each lead as it is written instead of holding every match as an object at once).
   */
  matchingLazy(filter: ResolvedFilter, sort: readonly SortSpec[]): { total: number; leads: Iterable<Lead> } {
    const positions = this.collect(this.sortOrders.orderFor(sort), this.compile(filter), 0, Infinity);
    const records = this.records;
    return {
      total: positions.length,
      leads: (function* () {
        for (const i of positions) yield records.leadAt(i);
      })(),
    };
  }

  /**
   * Builds every sort order, the trigram postings and the facet pass's combinations now (after a sync), yielding to the event loop
   * between steps, so no request pays for them and requests keep being served meanwhile.
   */
  async warmUpAsync(sorts: readonly (readonly SortSpec[])[] = []): Promise<void> {
    await this.sortOrders.warmUpAsync(undefined, sorts);
    await this.search.warmUpAsync();
    await prepareFacetPassAsync(this.columns);
  }

  /**
   * Replaces the lead objects by their JSON texts, a chunk at a time, after warming up (the sort orders
   * read the objects; `sorts`: those to build now, e.g. the ones in use on the index this one replaces).
   * Queries answer the same before, during and after.
   */
  async compactAsync(sorts: readonly (readonly SortSpec[])[] = []): Promise<void> {
    if (this.records.isCompact) return;
    await this.warmUpAsync(sorts);
    await this.records.compactAsync();
  }

  /** The sorts asked for on this index so far (their permutations are held). */
  sortsInUse(): SortSpec[][] {
    return this.sortOrders.sortsInUse();
  }

  private compile(filter: ResolvedFilter): CompiledFilter {
    return compileFilter(this.columns, filter, (search) => this.search.matches(search));
  }

  /** Positions of the matches [start, end) in `order`, stopping at `end`. */
  private collect(order: Uint32Array, filter: CompiledFilter, start: number, end: number): number[] {
    const result: number[] = [];
    let position = 0;
    for (let k = 0; k < order.length && position < end; k++) {
      const i = order[k] as number;
      if (!matches(this.columns, i, filter)) continue;
      if (position >= start) result.push(i);
      position++;
    }
    return result;
  }
}
