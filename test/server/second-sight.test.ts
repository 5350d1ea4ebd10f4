// The query caches' admission (src/server/cache/second-sight.ts): a key is "seen before" from its second
// sight on, whatever its hash (half of all hashes have the top bit set).
import { describe, expect, it } from 'vitest';
import { SecondSight } from '../../src/server/cache/second-sight';

const keys = Array.from({ length: 2000 }, (_, i) => `stage=Won&search=${i.toString(36)}&tz=Europe/Warsaw&page=${i % 7}`);

describe('SecondSight', () => {
  it('says no on a key’s first sight and yes on its second, for every key', () => {
    const seen = new SecondSight();
    for (const key of keys) {
      expect(seen.seenBefore(key)).toBe(false);
      expect(seen.seenBefore(key)).toBe(true);
      expect(seen.seenBefore(key)).toBe(true);
    }
  });

  it('remembers a recent key among others, and tells distinct keys apart', () => {
    const seen = new SecondSight();
    for (const key of keys) seen.seenBefore(key);
    // 2,000 keys in 16,384 slots: about 120 pairs share a slot, and asking for both of a pair in turn forgets
    // both (each sight records the key); none is taken for another.
    const remembered = keys.filter((key) => seen.seenBefore(key)).length;
    expect(remembered).toBeGreaterThan(keys.length * 0.8);
    const fresh = keys.map((key) => `${key}&sort=-name`);
    expect(fresh.filter((key) => seen.seenBefore(key))).toEqual([]);
  });
});
