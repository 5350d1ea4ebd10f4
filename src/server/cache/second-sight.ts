// Admission to the query caches (the response cache, the index's filter summaries): a query is cached the
// second time it is seen. A one-off search is asked once; caching its answer (a ~30 KB body, a summary of
// a few KB) only to evict it later made every one of them long-lived garbage: promoted out of the young
// generation, it filled the old one, and each old-generation collection paused every connection. Popular
// views repeat within seconds under load and within hours for a small team, so they are admitted anyway.

/** The table's size: at 4 bytes a slot, 64 KB; it forgets a key after about this many other keys. */
const SLOTS_LOG2 = 14;

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser (the slot is the top bits): no allocation. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Remembers recently seen keys by their hash in a fixed table (no allocation per key). A collision can only
 * admit a key early or forget one sooner, never answer wrongly: what it decides is whether to cache.
 */
export class SecondSight {
  private readonly slots = new Uint32Array(1 << SLOTS_LOG2);

  /** True when `key` was seen before (and not forgotten since); records it either way. */
  seenBefore(key: string): boolean {
    const hash = (hashKey(key) | 1) >>> 0; // 0 marks an empty slot; unsigned, as the table holds it
    const slot = hash >>> (32 - SLOTS_LOG2);
    if (this.slots[slot] === hash) return true;
    this.slots[slot] = hash;
    return false;
  }
}
