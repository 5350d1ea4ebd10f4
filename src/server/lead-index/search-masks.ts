// The search masks (search-index.ts) cached by search text, each with its matches' positions when they are
// few: the facet pass visits only those leads (facet-scan.ts), and a mask evicted from the cache is reused
// by the next search, cleared at those positions instead of over every lead.
import { LRUCache } from 'lru-cache';
import { maskPositions } from './facet-scratch';

/** Which leads a search matches: mask[i] = 1, and the same leads ascending when they are few (else null). */
export interface SearchMatches {
  readonly mask: Uint8Array;
  readonly positions: Uint32Array | null;
}

/** Each mask is one byte per lead, so only a few are kept. */
const SEARCH_CACHE_SIZE = 32;
/**
 * Masks evicted from the cache kept for the next searches: nearly every one-off search evicts one, and a new
 * 100 KB buffer each time (at 100k leads) was garbage for the collector to find.
 */
const SPARE_MASKS = 4;
/**
 * Positions are kept with a mask matching at most this share of the leads (4 bytes each): past it, the walk
 * over the mask is a small part of the pass over its matches, and the cache stays small.
 */
const POSITIONS_SHARE = 1 / 8;

export class SearchMasks {
  private readonly cache = new LRUCache<string, SearchMatches>({
    max: SEARCH_CACHE_SIZE,
    // A mask given out is read by the one query that asked for it (synchronously), so an evicted one can
    // be cleared and reused by the next search.
    dispose: (matches) => {
      if (this.spares.length < SPARE_MASKS) this.spares.push(matches);
    },
  });
  private readonly spares: SearchMatches[] = [];
  /** Where a search lists the leads it marks (`hits`), made on first need. */
  private hitsScratch: Uint32Array | null = null;

  constructor(private readonly size: number) {}

  get(search: string): SearchMatches | undefined {
    return this.cache.get(search);
  }

  /** An all-0 mask, a spare one when there is one. */
  zeroed(): Uint8Array {
    const spare = this.spares.pop();
    if (spare === undefined) return new Uint8Array(this.size);
    const { mask, positions } = spare;
    if (positions === null) return mask.fill(0);
    for (let k = 0; k < positions.length; k++) mask[positions[k] as number] = 0;
    return mask;
  }

  /** Room for every lead's position, for a search to list the leads it marks (valid until the next `add`). */
  hits(): Uint32Array {
    return (this.hitsScratch ??= new Uint32Array(this.size));
  }

  /**
   * Caches `mask` for `search`. `listed`: how many leads the search wrote to `hits()` (ascending, exactly
   * the mask's 1s), or -1 when it did not, and the mask is walked for them.
   */
  add(search: string, mask: Uint8Array, listed: number): SearchMatches {
    const hits = this.hits();
    const limit = Math.floor(this.size * POSITIONS_SHARE);
    const count = listed >= 0 ? (listed <= limit ? listed : -1) : maskPositions(mask, hits, limit);
    const positions = count >= 0 ? hits.slice(0, count) : null;
    const matches = { mask, positions };
    this.cache.set(search, matches);
    return matches;
  }
}
