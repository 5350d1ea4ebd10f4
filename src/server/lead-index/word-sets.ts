// The leads holding each word of a search, kept as a bitset per word: searches of several words are rarely
// typed twice, but their words are — a first name's end and a last name's start (`a smit`, `ia smit`,
// `a smith`), the same street or city with another word. A search of several words is then the AND of its
// words' bitsets (a word of one code unit is short-words.ts's row, nothing to cache) and costs a pass over
// n / 32 words, instead of a candidate pass that tests every candidate's text again.
import { LRUCache } from 'lru-cache';

/** Bitsets kept: at 100k leads each is 12.5 KB. */
const WORD_SETS_KEPT = 384;

export interface WordSetSource {
  /** The bitset row of a one-unit word (a view, not to be written), or null when it has none. */
  unitRow(word: string): Uint32Array | null;
  /** Sets mask[i] = 1 for each lead holding `word` (mask all 0 on entry). */
  markWord(word: string, mask: Uint8Array): void;
}

export class WordSets {
  private readonly cache = new LRUCache<string, Uint32Array>({ max: WORD_SETS_KEPT });
  private readonly words: number;
  /** A word's mask while it is packed; all 0 between calls. */
  private readonly scratch: Uint8Array;
  /** The AND of a search's words. */
  private readonly both: Uint32Array;

  constructor(
    private readonly size: number,
    private readonly source: WordSetSource,
  ) {
    this.words = (size + 31) >>> 5;
    this.scratch = new Uint8Array(size);
    this.both = new Uint32Array(this.words);
  }

  /**
   * Sets mask[i] = 1 for each lead holding every one of `words` (distinct, non-empty, no separator; mask all 0
   * on entry) and lists them ascending in `hits`; returns how many.
   */
  markAll(words: readonly string[], mask: Uint8Array, hits: Uint32Array): number {
    const both = this.both;
    both.set(this.bitsOf(words[0] as string));
    for (let w = 1; w < words.length; w++) {
      const bits = this.bitsOf(words[w] as string);
      for (let k = 0; k < both.length; k++) both[k]! &= bits[k] as number;
    }
    let count = 0;
    for (let k = 0; k < both.length; k++) {
      let bits = both[k] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const lead = (k << 5) + 31 - Math.clz32(low);
        mask[lead] = 1;
        hits[count++] = lead;
        bits ^= low;
      }
    }
    return count;
  }

  private bitsOf(word: string): Uint32Array {
    const row = this.source.unitRow(word);
    if (row !== null) return row;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const scratch = this.scratch;
    this.source.markWord(word, scratch);
    const bits = new Uint32Array(this.words);
    for (let i = 0; i < this.size; i++) {
      if (scratch[i] === 0) continue;
      bits[i >>> 5]! |= 1 << (i & 31);
      scratch[i] = 0;
    }
    this.cache.set(word, bits);
    return bits;
  }
}
