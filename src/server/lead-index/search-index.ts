// Search v2 (docs/api.md §4 "Search v2"): which leads a search matches, as a mask of one byte per lead.
//
// Everything needing Unicode folding is done once per build: one text holds every lead's eight folded
// search fields (name, email, phone, notes, streets, city, zip), fields and leads separated by a SEPARATOR, and
// one its phone digits; each is held in pieces of a few thousand leads (search-text.ts). A word of ≥ 3 code
// units reads the trigram postings of that string (trigram-index.ts) and tests only the candidate leads; a
// word of 1–2 code units reads short-words.ts's bitsets and trigram postings. A search of several words is
// the AND of its words' leads, each kept as a bitset (word-sets.ts): words recur across searches that do not.
// A word holds no SEPARATOR, so an occurrence never spans two fields (a word that does is tested field by
// field, the rare slow path). The phone rule:
// (a) the query's digits in the phone's digits, by the digit string's postings; (b) the phone's significant
// digits ending the query's digits, by Map lookups of the query's suffixes. Plain substring tests, never a RegExp.
//
// Data decisions: only string field values are searched. A word that folds to '' (only combining marks)
// matches every lead with at least one string search field (compile-search.ts's rule). The digit rules use
// ASCII digits.
import type { Lead } from '../../shared/lead';
import { phoneDigits, phoneSuffixKeys, SEARCH_FIELDS, significantPhoneDigits } from '../../shared/query-v2/search-words';
import type { TimeSlice } from '../runtime/time-slice';
import { compileSearch, foldedSearchFields } from '../query-v2/compile-search';
import { LazyBuild, memoizedFold } from './lazy-build';
import { forEachLeadWith, forEachUnit, PiecedTextBuilder, segmentOf, type PiecedText } from './search-text';
import { buildShortWordIndex, keepUnitHolders, markShortWord, unitRow, type ShortWordIndex } from './short-words';
import { buildTrigramPostings, type TrigramPostings } from './trigram-index';
import { SearchMasks, type SearchMatches } from './search-masks';
import { markTrigramMatches } from './trigram-search';
import { WordSets } from './word-sets';

/** Separates fields and leads in the search texts; a query holding it takes the slow path. */
const SEPARATOR = '\u0000';
/** Searches at least this long (code units) read trigram postings instead of scanning every lead. */
const MIN_TRIGRAM_QUERY = 3;
/** At most this many leads matching a search's first word: its other words are tested on those leads alone. */
const VERIFY_CANDIDATES = 2000;

/** One lead's segment each, in pieces (search-text.ts), with trigram postings over them built on first need. */
interface SegmentedText {
  text: PiecedText;
  trigrams: LazyBuild<TrigramPostings>;
}

const segmented = (text: PiecedText): SegmentedText => ({
  text,
  trigrams: new LazyBuild(() => buildTrigramPostings(text, SEPARATOR.charCodeAt(0))),
});

/**
 * What the build folds per lead (one lead at a time, so LeadIndex.buildAsync can pause between leads): for each lead,
 * SEPARATOR + folded field for each of the eight SEARCH_FIELDS; SEPARATOR + phone digits; the hasText flag and rule (b)'s map.
 */
interface SearchParts {
  searchParts: PiecedTextBuilder;
  digitParts: PiecedTextBuilder;
  hasText: Uint8Array;
  bySignificantDigits: Map<string, number[]>;
}

const emptyParts = (n: number): SearchParts => ({
  searchParts: new PiecedTextBuilder(),
  digitParts: new PiecedTextBuilder(),
  hasText: new Uint8Array(n),
  bySignificantDigits: new Map<string, number[]>(),
});

function foldLead(lead: Lead, i: number, fold: (value: unknown) => string, parts: SearchParts): void {
  let part = '';
  for (const field of SEARCH_FIELDS) {
    const value = lead[field];
    if (typeof value === 'string') parts.hasText[i] = 1;
    part += SEPARATOR + fold(value);
  }
  parts.searchParts.add(part);
  parts.digitParts.add(SEPARATOR + phoneDigits(lead.phone));
  const significant = significantPhoneDigits(lead.phone);
  if (significant !== null) {
    const list = parts.bySignificantDigits.get(significant);
    if (list === undefined) parts.bySignificantDigits.set(significant, [i]);
    else list.push(i);
  }
}

function foldAll(leads: readonly Lead[]): SearchParts {
  const fold = memoizedFold();
  const parts = emptyParts(leads.length);
  for (let i = 0; i < leads.length; i++) foldLead(leads[i] as Lead, i, fold, parts);
  return parts;
}

export class SearchIndex {
  /** For each lead, SEPARATOR + folded field, for each of the eight SEARCH_FIELDS. */
  private readonly folded: SegmentedText;
  /** For each lead, SEPARATOR + the ASCII digits of its phone. */
  private readonly digits: SegmentedText;
  /** Rule (b): a phone's significant digits (≥ 7, no leading zero) → the leads with that phone. */
  private readonly bySignificantDigits: Map<string, number[]>;
  /** 1 for a lead with at least one string search field (what a word folding to '' matches). */
  private readonly hasText: Uint8Array;
  /** Masks by search text, with their matches' positions. */
  private readonly masks: SearchMasks;
  /** `narrow`'s second mask when it ANDs words' masks, made on first need. */
  private narrowScratch: Uint8Array | null = null;
  /** Words of 1–2 code units (short-words.ts), over the folded text's trigrams. */
  private readonly shortWords: LazyBuild<ShortWordIndex>;
  /** The leads of each word of the searches of several words, as bitsets (word-sets.ts). */
  private readonly wordSets: WordSets;

  /** `leadAt` is read only by the rare word holding a SEPARATOR. */
  constructor(
    leads: readonly Lead[],
    private readonly leadAt: (i: number) => Lead,
    prepared?: SearchParts,
  ) {
    const parts = prepared ?? foldAll(leads);
    this.folded = segmented(parts.searchParts.finish());
    this.digits = segmented(parts.digitParts.finish());
    this.hasText = parts.hasText;
    this.bySignificantDigits = parts.bySignificantDigits;
    this.masks = new SearchMasks(this.folded.text.leadCount);
    const { text, trigrams } = this.folded;
    this.shortWords = new LazyBuild(() => buildShortWordIndex(text, SEPARATOR.charCodeAt(0), trigrams.get()));
    this.wordSets = new WordSets(text.leadCount, {
      unitRow: (word) => (word.length === 1 ? unitRow(this.shortWords.get(), trigrams.get(), word) : null),
      markWord: (word, mask) => this.markWord(word, mask),
    });
  }

  /**
   * The same index, folding the leads' text between pauses of the event loop (LeadIndex.buildAsync); each
   * piece of the texts is joined when its last lead is folded, a step of its own.
   */
  static async buildAsync(leads: readonly Lead[], leadAt: (i: number) => Lead, slice: TimeSlice): Promise<SearchIndex> {
    const fold = memoizedFold();
    const parts = emptyParts(leads.length);
    for (let i = 0; i < leads.length; i++) {
      foldLead(leads[i] as Lead, i, fold, parts);
      if (slice.due()) await slice.pause();
    }
    return new SearchIndex(leads, leadAt, parts);
  }

  get size(): number {
    return this.folded.text.leadCount;
  }

  /** Builds the trigram postings a chunk at a time, yielding between chunks (else the first search needing them does). */
  async warmUpAsync(): Promise<void> {
    await this.folded.trigrams.buildAsync();
    await this.digits.trigrams.buildAsync();
    await this.shortWords.buildAsync();
  }

  /** The leads that the (non-empty) search matches. */
  matches(search: string): SearchMatches {
    const cached = this.masks.get(search);
    if (cached) return cached;
    const compiled = compileSearch(search);
    const mask = this.masks.zeroed();
    // How many leads the one marking pass listed in the masks' hits (-1: not listed that way).
    let listed = -1;
    if (compiled === null) {
      mask.fill(1);
    } else {
      listed = this.markWords(compiled.words, mask);
      if (compiled.phoneDigits !== null) {
        listed = -1;
        const queryDigits = compiled.phoneDigits;
        markTrigramMatches(this.digits.trigrams.get(), this.digits.text, [queryDigits], mask); // rule (a)
        for (const suffix of phoneSuffixKeys(queryDigits)) for (const i of this.bySignificantDigits.get(suffix) ?? []) mask[i] = 1; // rule (b)
      }
    }
    return this.masks.add(search, mask, listed);
  }

  /**
   * Sets mask[i] = 1 for each lead holding every one of `words` (folded, distinct) in its search fields (`mask`
   * all 0 on entry). Returns how many when they were listed in the masks' hits too, else -1.
   */
  private markWords(all: readonly string[], mask: Uint8Array): number {
    // A lead holding a non-empty word in a field has a string field, which is all '' asks.
    const words = all.length > 1 ? all.filter((word) => word !== '') : all;
    if (words.some((word) => word.includes(SEPARATOR))) {
      const longestFirst = [...words].sort((a, b) => b.length - a.length);
      this.markWord(longestFirst[0] as string, mask);
      if (longestFirst.length > 1) this.narrow(longestFirst.slice(1), mask);
      return -1;
    }
    // Several words: the AND of each word's leads, kept per word (word-sets.ts).
    if (words.length > 1) return this.wordSets.markAll(words, mask, this.masks.hits());
    const word = words[0] as string;
    if (word.length < MIN_TRIGRAM_QUERY) {
      this.markWord(word, mask);
      return -1;
    }
    return markTrigramMatches(this.folded.trigrams.get(), this.folded.text, [word], mask, this.masks.hits());
  }

  /** Keeps mask[i] = 1 only for the leads that also hold every one of `words`. */
  private narrow(words: readonly string[], mask: Uint8Array): void {
    let candidates = 0;
    for (let i = 0; i < mask.length && candidates <= VERIFY_CANDIDATES; i++) candidates += mask[i] as number;
    if (candidates <= VERIFY_CANDIDATES && words.every((word) => word !== '' && !word.includes(SEPARATOR))) {
      // Few leads left: a substring test of each one's segment (a word holds no SEPARATOR, so an occurrence
      // in the segment is inside one field) costs less than any word's own mask.
      for (let i = 0; i < mask.length; i++) {
        if (mask[i] === 0) continue;
        const segment = segmentOf(this.folded.text, i);
        if (!words.every((word) => segment.includes(word))) mask[i] = 0;
      }
      return;
    }
    const scratch = (this.narrowScratch ??= new Uint8Array(this.size));
    for (const word of words) {
      // A one-unit word: its bitset row clears the leads without it, no mask of its own.
      if (word.length === 1 && word !== SEPARATOR && keepUnitHolders(this.shortWords.get(), this.folded.trigrams.get(), word, mask))
        continue;
      scratch.fill(0);
      this.markWord(word, scratch);
      for (let i = 0; i < mask.length; i++) mask[i] = (mask[i] as number) & (scratch[i] as number);
    }
  }

  /** Sets mask[i] = 1 for each lead with the folded `word` in one of its search fields. */
  private markWord(word: string, mask: Uint8Array): void {
    const { text } = this.folded;
    if (word === '') {
      mask.set(this.hasText);
    } else if (word.includes(SEPARATOR)) {
      // Could span fields in the text: test each lead's fields on their own. Only a lead with a SEPARATOR
      // inside a field (more than the one before each field) can match such a word.
      const separators = new Uint8Array(this.size);
      forEachUnit(text, SEPARATOR, (lead) => {
        if ((separators[lead] as number) < 255) separators[lead]!++;
      });
      for (let i = 0; i < this.size; i++) {
        if ((separators[i] as number) <= SEARCH_FIELDS.length) continue;
        if (foldedSearchFields(this.leadAt(i)).some((field) => field.includes(word))) mask[i] = 1;
      }
    } else if (word.length >= MIN_TRIGRAM_QUERY) {
      markTrigramMatches(this.folded.trigrams.get(), text, [word], mask);
    } else if (!markShortWord(this.shortWords.get(), this.folded.trigrams.get(), word, mask)) {
      forEachLeadWith(text, word, (lead) => (mask[lead] = 1));
    }
  }
}
