// The in-memory lead index: answers every `GET /api/leads` query and the CSV export locally
// (docs/api.md §2 "Matching", "Sorting", facets and paging). A facade over its parts:
// - lead-records.ts: the leads as held (objects, then compact JSON texts) — what answers are made of
// - lead-columns.ts: archived flag, stage and tag ids in typed arrays — what filters and facets read
// - sort-orders.ts: a cached permutation of all leads per sort field and direction
// - search-index.ts: folded search text, trigram postings, the digit rule
// - facet-scan.ts: the compiled filter, the match test and the one pass with facets
//
// Why it is fast: a query never sorts and never touches a lead object. It walks the permutation of
// its sort once, applying the filters, counting facets and collecting only the requested page. The
// filter part of an answer (total + facets) is cached, so paging and re-sorting a filter already seen
// stop the walk as soon as the page is full.
//
// Data decisions (upstream data may be messy; every field may be absent, null or of the wrong type):
// input leads are never mutated and are returned as held; entries that are not objects are dropped;
// the rest are in the part that deals with them.
import { LRUCache } from 'lru-cache';
import type { Lead } from '../../shared/lead';
import { leadQueryKey, type LeadFilter, type LeadQuery } from '../../shared/lead-query';
import { compileFilter, matches, scanWithFacets, type CompiledFilter, type Facets } from './facet-scan';
import { TimeSlice } from '../runtime/time-slice';
import { extractColumns, extractColumnsSteps, type LeadColumns } from './lead-columns';
import { LeadRecords } from './lead-records';
import { SearchIndex } from './search-index';
import { SortOrders } from './sort-orders';

/** A query's answer with each lead as its JSON text (what `JSON.stringify` of the lead gives). */
export interface LeadQueryJsonResult {
  dataJson: string[];
  total: number;
  facets: Facets;
}

interface FilterSummary {
  total: number;
  facets: Facets;
}

/** A summary is only a total and two facet lists (~1 KB), so many are kept: a team's popular views are many. */
const FILTER_CACHE_SIZE = 512;

export class LeadIndex {
  readonly size: number;
  private readonly records: LeadRecords;
  private readonly columns: LeadColumns;
  private readonly sortOrders: SortOrders;
  private readonly search: SearchIndex;
  private readonly filterSummaries = new LRUCache<string, FilterSummary>({ max: FILTER_CACHE_SIZE });

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
    const columnSteps = extractColumnsSteps(kept);
    let columns: LeadColumns | undefined;
    while (columns === undefined) {
      const step = columnSteps.next();
      if (step.done === true) columns = step.value;
      else await slice.check();
    }
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
  }

  /** The first lead with this id (the objects given to `build`; after compaction an equal parsed object). */
  getById(id: string): Lead | undefined {
    const position = this.columns.byId.get(id);
    return position === undefined ? undefined : this.records.leadAt(position);
  }

  /** Filters, sort, facets and one page, each lead as its JSON text (free once compacted). */
  queryJson(query: LeadQuery): LeadQueryJsonResult {
    const order = this.sortOrders.orderFor(query.sort);
    const filter = this.compile(query);
    const limit = Math.max(1, Math.floor(query.limit));
    const start = (Math.max(1, Math.floor(query.page)) - 1) * limit;
    const end = start + limit;
    const summaryKey = leadQueryKey({ search: query.search, stage: query.stage, tags: query.tags, archived: query.archived });
    const known = this.filterSummaries.get(summaryKey);
    let page: number[];
    let summary: FilterSummary;
    if (known) {
      // Total and facets are known: stop as soon as the page is collected.
      summary = known;
      page = start >= known.total ? [] : this.collect(order, filter, start, end);
    } else {
      const scan = scanWithFacets(this.columns, order, filter, query, start, end);
      summary = { total: scan.total, facets: scan.facets };
      this.filterSummaries.set(summaryKey, summary);
      page = scan.page;
    }
    return { dataJson: page.map((i) => this.records.leadJsonAt(i)), total: summary.total, facets: summary.facets };
  }

  /** `JSON.stringify` of the lead at a position (0 ≤ i < size), e.g. for a snapshot. */
  leadJsonAt(i: number): string {
    return this.records.leadJsonAt(i);
  }

  /**
   * Every matching lead in sort order, produced one at a time (the CSV export: a compacted index parses
   * each lead as it is written instead of holding every match as an object at once).
   */
  matchingLazy(filter: LeadFilter): { total: number; leads: Iterable<Lead> } {
    const positions = this.collect(this.sortOrders.orderFor(filter.sort), this.compile(filter), 0, Infinity);
    const records = this.records;
    return {
      total: positions.length,
      leads: (function* () {
        for (const i of positions) yield records.leadAt(i);
      })(),
    };
  }

  /**
   * Builds every sort order and the trigram postings now (after a sync), yielding to the event loop
   * between steps, so no request pays for them and requests keep being served meanwhile.
   */
  async warmUpAsync(): Promise<void> {
    await this.sortOrders.warmUpAsync();
    await this.search.warmUpAsync();
  }

  /**
   * Replaces the lead objects by their JSON texts, a chunk at a time, after warming up (the sort orders
   * read the objects). Queries answer the same before, during and after.
   */
  async compactAsync(): Promise<void> {
    if (this.records.isCompact) return;
    await this.warmUpAsync();
    await this.records.compactAsync();
  }

  private compile(filter: LeadFilter): CompiledFilter {
    return compileFilter(this.columns, filter, (search) => this.search.mask(search));
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
