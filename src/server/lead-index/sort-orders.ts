// Sorting without sorting per query: each sort field's values become an integer rank per lead (once),
// and each (field, direction) a cached permutation of all leads in the full total order, so a query
// only walks a permutation (docs/api.md §2 "Sorting").
//
// Data decisions: what counts as null is sort-ranks.ts's rule; nulls sort last in both directions.
// Ties: created_at descending (nulls last), then id ascending, then input order.
import { LRUCache } from 'lru-cache';
import type { Lead } from '../../shared/lead';
import { SORT_FIELDS, type SortField } from '../../shared/lead-fields';
import type { SortSpec } from '../../shared/lead-query';
import { sortAsync, TimeSlice } from '../runtime/time-slice';
import { compareCodeUnits } from './lead-columns';
import { rankAsync, rankField, type SortRanks } from './sort-ranks';

/** Multi-key orders kept (400 KB each at 100k leads). */
const MULTI_SORT_CACHE_SIZE = 24;

/**
 * Replaces each value by its dense rank (0-based) among the distinct values, keeping their order; returns
 * the number of distinct values. One sort of (value · n + position), exact while value · n < 2^53.
 */
function densify(values: Float64Array): number {
  const n = values.length;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (values[i] as number) * n + i;
  packed.sort();
  let rank = -1;
  let previous = -1;
  for (let k = 0; k < n; k++) {
    const key = packed[k] as number;
    const i = key % n;
    const value = (key - i) / n;
    if (value !== previous) {
      rank++;
      previous = value;
    }
    values[i] = rank;
  }
  return rank + 1;
}

/** Position of a rank in the order of one direction, nulls last: 1..distinct+1. */
function directedKey(rank: number, distinct: number, descending: boolean): number {
  if (rank === 0) return distinct + 1;
  return descending ? distinct + 1 - rank : rank;
}

export class SortOrders {
  /** Position of each lead in the tie-break order. */
  private readonly tiePosition: Uint32Array;
  /** The lead at each tie-break position. */
  private readonly leadAtTiePosition: Uint32Array;
  private readonly sortRanks = new Map<SortField, SortRanks>();
  private readonly orders = new Map<string, Uint32Array>();
  /** Orders of multi-key sorts: 4 bytes per lead each, so only the recent ones. */
  private readonly multiOrders = new LRUCache<string, Uint32Array>({ max: MULTI_SORT_CACHE_SIZE });

  /** `leadAt` reads a lead's values; every field is ranked by `warmUpAsync` before the leads are compacted. */
  constructor(
    private readonly size: number,
    private readonly leadAt: (i: number) => Lead,
    /** The tie-break order when built by buildAsync (else built here, in one go). */
    tieOrder?: Uint32Array,
  ) {
    const n = size;
    if (tieOrder === undefined) {
      const createdKey = this.createdKeys(this.ranksFor('created_at'));
      const idOf = Array.from({ length: n }, (_, i) => idText(leadAt(i)));
      tieOrder = Uint32Array.from(Array.from({ length: n }, (_, i) => i).sort(tieCompare(createdKey, idOf)));
    }
    this.leadAtTiePosition = tieOrder;
    this.tiePosition = new Uint32Array(n);
    for (let position = 0; position < n; position++) this.tiePosition[tieOrder[position] as number] = position;
  }

  /** The same, built between pauses of the event loop (LeadIndex.buildAsync): the tie-break sort is the costly part. */
  static async buildAsync(size: number, leadAt: (i: number) => Lead, slice: TimeSlice): Promise<SortOrders> {
    const ranks = await rankAsync(size, leadAt, 'created_at', slice);
    const createdKey = new Float64Array(size);
    for (let i = 0; i < size; i++) createdKey[i] = directedKey(ranks.ranks[i] as number, ranks.distinct, true);
    const idOf = new Array<string>(size);
    for (let i = 0; i < size; i++) {
      idOf[i] = idText(leadAt(i));
      if (slice.due()) await slice.pause();
    }
    const positions = Array.from({ length: size }, (_, i) => i);
    const tieOrder = Uint32Array.from(await sortAsync(positions, tieCompare(createdKey, idOf), slice));
    await slice.check();
    const orders = new SortOrders(size, leadAt, tieOrder);
    orders.sortRanks.set('created_at', ranks);
    return orders;
  }

  private createdKeys(created: SortRanks): Float64Array {
    const keys = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) keys[i] = directedKey(created.ranks[i] as number, created.distinct, true);
    return keys;
  }

  /**
   * All leads in the total order of a sort (docs/api.md §4 "Multi-sort"): the keys in turn, then the tie-break.
   * One key: built once per field and direction and kept. Several: the last key's order re-ordered by each key
   * before it with a stable counting sort, kept in a small LRU (popular views reuse theirs).
   */
  orderFor(sort: readonly SortSpec[]): Uint32Array {
    for (const key of sort)
      if (!(SORT_FIELDS as readonly string[]).includes(key.field)) throw new RangeError(`Unknown sort field: ${String(key.field)}`);
    const keys = sort.length === 0 ? [{ field: 'created_at' as SortField, descending: true }] : sort;
    const cacheKey = keys.map((key) => (key.descending ? '-' : '') + key.field).join(',');
    const single = keys.length === 1;
    let order = single ? this.orders.get(cacheKey) : this.multiOrders.get(cacheKey);
    if (order) return order;
    const n = this.size;
    const first = keys[0] as SortSpec;
    if (single && first.field === 'created_at' && first.descending) {
      order = this.leadAtTiePosition; // the tie-break order is exactly this sort
    } else if (!single) {
      // The last key's own order (cached, tie-break included), then a stable counting sort by each key
      // before it, last to first: O(n) per key, where sorting the combined keys was O(n log n).
      order = this.orderFor([keys[keys.length - 1] as SortSpec]);
      for (let k = keys.length - 2; k >= 0; k--) order = this.stableSortBy(order, keys[k] as SortSpec);
    } else {
      // combined[i]: the lead's directed ranks as one number, lexicographic; re-densified whenever the next
      // key's range would take it past 2^53 / n (the tie position is multiplied in last).
      let combined = new Float64Array(n);
      let span = 1;
      for (const key of keys) {
        const { ranks, distinct } = this.ranksFor(key.field);
        const width = distinct + 1; // directed keys are 1..distinct+1
        if (span * (width + 1) * n >= 2 ** 53) {
          span = densify(combined);
        }
        for (let i = 0; i < n; i++)
          combined[i] = (combined[i] as number) * (width + 1) + directedKey(ranks[i] as number, distinct, key.descending);
        span *= width + 1;
      }
      if (span * n >= 2 ** 53) span = densify(combined);
      for (let i = 0; i < n; i++) combined[i] = (combined[i] as number) * n + (this.tiePosition[i] as number);
      combined.sort();
      order = new Uint32Array(n);
      for (let k = 0; k < n; k++) order[k] = this.leadAtTiePosition[(combined[k] as number) % n] as number;
      combined = new Float64Array(0);
    }
    if (single) this.orders.set(cacheKey, order);
    else this.multiOrders.set(cacheKey, order);
    return order;
  }

  /**
   * Ranks every field between pauses of the event loop (the ranks read the lead objects, which compaction
   * then drops). The permutations are built on first use, each one native sort of ranks (a few ms at 100k):
   * 4 bytes per lead each, and most of the 2 × SORT_FIELDS are never asked for; the response cache's
   * warm-up before a swap builds the popular ones (docs/performance.md "Where the memory goes").
   */
  async warmUpAsync(slice = new TimeSlice(), sorts: readonly (readonly SortSpec[])[] = []): Promise<void> {
    for (const field of SORT_FIELDS) {
      if (!this.sortRanks.has(field)) this.sortRanks.set(field, await rankAsync(this.size, this.leadAt, field, slice));
      await slice.check();
    }
    // The sorts in use on the index this one replaces: built now, not on a request after the swap.
    for (const sort of sorts) {
      this.orderFor(sort);
      await slice.check();
    }
  }

  /** The sorts whose permutations are held (asked for since this index was built), for warmUpAsync of the next. */
  sortsInUse(): SortSpec[][] {
    const keys = [...this.orders.keys(), ...this.multiOrders.keys()];
    return keys.map((key) =>
      key.split(',').map((part) => ({ field: part.replace(/^-/, '') as SortField, descending: part.startsWith('-') })),
    );
  }

  /**
   * A few leads (positions) in the total order of `sort`, by comparing their keys as orderFor orders them (each
   * key's directed rank, then the tie-break position): cheaper than walking a permutation of every lead.
   */
  sortLeads(positions: number[], sort: readonly SortSpec[]): number[] {
    const keys = sort.length === 0 ? [{ field: 'created_at' as SortField, descending: true }] : sort;
    const ranked = keys.map((key) => ({ ...this.ranksFor(key.field), descending: key.descending }));
    const tie = this.tiePosition;
    return positions.sort((a, b) => {
      for (const { ranks, distinct, descending } of ranked) {
        const difference = directedKey(ranks[a] as number, distinct, descending) - directedKey(ranks[b] as number, distinct, descending);
        if (difference !== 0) return difference;
      }
      return (tie[a] as number) - (tie[b] as number);
    });
  }

  /** `order` stably re-ordered by one key's directed ranks (a counting sort: nulls last, ties keep their order). */
  private stableSortBy(order: Uint32Array, key: SortSpec): Uint32Array {
    const { ranks, distinct } = this.ranksFor(key.field);
    const starts = new Uint32Array(distinct + 3); // directed keys are 1..distinct+1
    for (let k = 0; k < order.length; k++) starts[directedKey(ranks[order[k] as number] as number, distinct, key.descending) + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1] as number;
    const sorted = new Uint32Array(order.length);
    for (let k = 0; k < order.length; k++) {
      const lead = order[k] as number;
      sorted[starts[directedKey(ranks[lead] as number, distinct, key.descending)]!++] = lead;
    }
    return sorted;
  }

  private ranksFor(field: SortField): SortRanks {
    let ranks = this.sortRanks.get(field);
    if (!ranks) {
      ranks = rankField(this.size, this.leadAt, field);
      this.sortRanks.set(field, ranks);
    }
    return ranks;
  }
}

const idText = (lead: Lead): string => (typeof lead.id === 'string' ? lead.id : '');

/** The tie-break: created_at descending (nulls last), then id, then input position. */
function tieCompare(createdKey: Float64Array, idOf: readonly string[]): (a: number, b: number) => number {
  return (a, b) => (createdKey[a] as number) - (createdKey[b] as number) || compareCodeUnits(idOf[a] as string, idOf[b] as string) || a - b;
}
