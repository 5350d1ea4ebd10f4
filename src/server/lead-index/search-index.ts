// Search (docs/api.md §2 "search"): which leads a search matches, as a mask of one byte per lead.
//
// Everything needing Unicode folding is done once per build: one string holds every lead's folded
// name/email/phone, and one its phone digits. A search of ≥ 3 code units reads the trigram postings of
// those strings (trigram-index.ts) and tests only the candidate leads; a shorter one runs `indexOf`
// over the whole string, a native scan rather than 3 × n small `includes` calls. Plain substring
// tests, never a RegExp.
//
// Data decisions: only string `name`/`email`/`phone` values are searched. The digit rule uses ASCII
// digits. A query that folds to '' (only combining marks) matches every lead, like an empty search.
import { LRUCache } from 'lru-cache';
import type { Lead } from '../../shared/lead';
import type { TimeSlice } from '../runtime/time-slice';
import { foldText } from './fold-text';
import { buildTrigramPostings, markTrigramMatches, type TrigramPostings } from './trigram-index';

/** The digit rule: a query of only these characters with ≥ 3 digits also matches phone digits. */
const PHONE_LIKE_QUERY = /^[0-9 +().-]+$/;
const NON_DIGITS = /[^0-9]/g;
/** Separates fields and leads in the search texts; a query holding it takes the slow path. */
const SEPARATOR = '\u0000';
const MIN_PHONE_QUERY_DIGITS = 3;
/** Searches at least this long (code units) read trigram postings instead of scanning every lead. */
const MIN_TRIGRAM_QUERY = 3;
/** Each mask is one byte per lead, so only a few are kept. */
const SEARCH_CACHE_SIZE = 32;

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

/** Segments of one lead each, joined: lead i's segment of `text` is [starts[i], starts[i + 1]). */
interface SegmentedText {
  text: string;
  starts: Uint32Array;
  trigrams: LazyTrigrams;
}

function segmented(parts: readonly string[]): SegmentedText {
  const starts = new Uint32Array(parts.length + 1);
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    starts[i] = length;
    length += (parts[i] as string).length;
  }
  starts[parts.length] = length;
  const text = parts.join('');
  return { text, starts, trigrams: new LazyTrigrams(text, starts) };
}

/** Per lead: SEPARATOR + folded name + SEPARATOR + folded email + SEPARATOR + folded phone; SEPARATOR + phone digits. */
interface SearchParts {
  searchParts: string[];
  digitParts: string[];
}

const emptyParts = (n: number): SearchParts => ({ searchParts: new Array<string>(n), digitParts: new Array<string>(n) });

function foldLead(lead: Lead, i: number, fold: (value: unknown) => string, parts: SearchParts): void {
  parts.searchParts[i] = SEPARATOR + fold(lead.name) + SEPARATOR + fold(lead.email) + SEPARATOR + fold(lead.phone);
  parts.digitParts[i] = SEPARATOR + (typeof lead.phone === 'string' ? lead.phone.replace(NON_DIGITS, '') : '');
}

function foldAll(leads: readonly Lead[]): SearchParts {
  const fold = memoizedFold();
  const parts = emptyParts(leads.length);
  for (let i = 0; i < leads.length; i++) foldLead(leads[i] as Lead, i, fold, parts);
  return parts;
}

export class SearchIndex {
  /** For each lead, SEPARATOR + folded name + SEPARATOR + folded email + SEPARATOR + folded phone. */
  private readonly folded: SegmentedText;
  /** For each lead, SEPARATOR + the ASCII digits of its phone. */
  private readonly digits: SegmentedText;
  private readonly masks = new LRUCache<string, Uint8Array>({ max: SEARCH_CACHE_SIZE });

  /** `leadAt` is read only by the rare query holding a SEPARATOR. */
  constructor(
    leads: readonly Lead[],
    private readonly leadAt: (i: number) => Lead,
    prepared?: SearchParts,
  ) {
    const parts = prepared ?? foldAll(leads);
    this.folded = segmented(parts.searchParts);
    this.digits = segmented(parts.digitParts);
  }

  /** The same index, folding the leads' text between pauses of the event loop (LeadIndex.buildAsync). */
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
    return this.folded.starts.length - 1;
  }

  /** Builds the trigram postings a chunk at a time, yielding between chunks (else the first search needing them does). */
  async warmUpAsync(): Promise<void> {
    await this.folded.trigrams.buildAsync();
    await this.digits.trigrams.buildAsync();
  }

  /** 1 for each lead that the (non-empty) search matches. */
  mask(search: string): Uint8Array {
    const cached = this.masks.get(search);
    if (cached) return cached;
    const folded = foldText(search);
    const mask = new Uint8Array(this.size);
    const { text, starts } = this.folded;
    if (folded === '') {
      mask.fill(1);
    } else if (folded.includes(SEPARATOR)) {
      // Could span fields in the text: test each lead's fields on their own. Only a lead with a
      // SEPARATOR inside a field (more than the 3 of its segment) can match such a query.
      const separators = new Uint8Array(this.size);
      markSeparatorCounts(text, starts, separators);
      for (let i = 0; i < this.size; i++) {
        if ((separators[i] as number) <= 3) continue;
        const lead = this.leadAt(i);
        const fields = [lead.name, lead.email, lead.phone];
        if (fields.some((field) => typeof field === 'string' && foldText(field).includes(folded))) mask[i] = 1;
      }
    } else if (folded.length >= MIN_TRIGRAM_QUERY) {
      markTrigramMatches(this.folded.trigrams.get(), text, starts, folded, mask);
    } else {
      markOccurrences(text, starts, folded, mask);
    }
    if (PHONE_LIKE_QUERY.test(search)) {
      const digits = search.replace(NON_DIGITS, '');
      // MIN_PHONE_QUERY_DIGITS is MIN_TRIGRAM_QUERY: every digit query takes the postings.
      if (digits.length >= MIN_PHONE_QUERY_DIGITS) {
        markTrigramMatches(this.digits.trigrams.get(), this.digits.text, this.digits.starts, digits, mask);
      }
    }
    this.masks.set(search, mask);
    return mask;
  }
}
