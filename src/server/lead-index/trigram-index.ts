// A trigram candidate index over the lead index's search texts (one segment per lead, fields split by
// a separator, held in pieces: search-text.ts): an uncached search of ≥ 3 code units reads the posting lists of its rarest trigrams
// instead of scanning every lead's text, then checks each candidate with a real substring test.
//
// Layout (CSR, no per-trigram arrays): each code unit of the text gets a dense id (0 = the separator or
// a unit never seen), a trigram is the number (a·A + b)·A + c over those ids (exact in a double), a
// Map turns it into a trigram id, and postings[offsets[id] .. offsets[id + 1]) are the ascending
// positions of the leads holding it (each lead once). Built by a counting pass then a fill pass, as a
// generator so a caller can yield to the event loop between chunks of leads.

import { leadChunks, PIECE_SHIFT, type PiecedText, type TextPiece } from './search-text';

/** Trigram ids handled between two yields of the build's flat pass. */
const FLAT_CHUNK = 1 << 18;
const NO_STARTS: Uint32Array = new Uint32Array(0);
/**
 * When the rarest trigram is in more than this share of the leads, verify by scanning from candidate to
 * candidate (see markTrigramMatches); below it, a test of each candidate's own segment reads less text.
 */
const DENSE_SHARE = 0.5;

export interface TrigramPostings {
  /** Code unit → dense id (0: never in a trigram). */
  readonly unitIds: Uint16Array;
  readonly alphabetSize: number;
  readonly trigramIds: Map<number, number>;
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
}

/** What the counting pass builds up, piece by piece. */
interface TrigramTally {
  readonly unitIds: Uint16Array;
  readonly alphabetSize: number;
  readonly trigramIds: Map<number, number>;
  /** Per trigram id, grown as trigrams appear (plain arrays of small integers): posting count. */
  readonly counts: number[];
  /** Per trigram id: the last lead counted or filled (a lead's repeated trigram counts once). */
  readonly lastLead: number[];
}

/** Gives each code unit of `text` not seen yet (and not the separator) the next id; the new alphabet size. */
function assignUnitIds(text: string, separator: number, unitIds: Uint16Array, alphabetSize: number): number {
  for (let p = 0; p < text.length; p++) {
    const unit = text.charCodeAt(p);
    if (unit !== separator && unitIds[unit] === 0) unitIds[unit] = alphabetSize++;
  }
  return alphabetSize;
}

// The passes over a chunk of leads are plain functions rather than loops in the generator: V8 optimises a
// small function on its own, while a deopt in one big generator sent every pass back to the interpreter
// until an on-stack replacement (one step then held the event loop several times as long as the others).

/** Counts the trigrams of a piece's leads [from, to) (piece-local; the piece's first lead is `base`). */
function countTrigrams({ text, starts }: TextPiece, from: number, to: number, base: number, tally: TrigramTally): void {
  const { unitIds, alphabetSize, trigramIds, counts, lastLead } = tally;
  for (let k = from; k < to; k++) {
    const lead = base + k;
    const end = starts[k + 1] as number;
    let a = 0;
    let b = 0;
    for (let p = starts[k] as number; p < end; p++) {
      const c = unitIds[text.charCodeAt(p)] as number;
      if (a !== 0 && b !== 0 && c !== 0) {
        const key = (a * alphabetSize + b) * alphabetSize + c;
        let id = trigramIds.get(key);
        if (id === undefined) {
          id = counts.length;
          trigramIds.set(key, id);
          counts.push(0);
          lastLead.push(-1);
        }
        if (lastLead[id] !== lead) {
          lastLead[id] = lead;
          counts[id]!++;
        }
      }
      a = b;
      b = c;
    }
  }
}

/** Writes the postings of a piece's leads [from, to) at their trigrams' cursors. */
function fillPostings(
  { text, starts }: TextPiece,
  from: number,
  to: number,
  base: number,
  tally: TrigramTally,
  cursor: Uint32Array,
  postings: Uint32Array,
): void {
  const { unitIds, alphabetSize, trigramIds, lastLead } = tally;
  for (let k = from; k < to; k++) {
    const lead = base + k;
    const end = starts[k + 1] as number;
    let a = 0;
    let b = 0;
    for (let p = starts[k] as number; p < end; p++) {
      const c = unitIds[text.charCodeAt(p)] as number;
      if (a !== 0 && b !== 0 && c !== 0) {
        const id = trigramIds.get((a * alphabetSize + b) * alphabetSize + c) as number;
        if (lastLead[id] !== lead) {
          lastLead[id] = lead;
          postings[cursor[id]!++] = lead;
        }
      }
      a = b;
      b = c;
    }
  }
}

/** Steps of the build (each a piece or a chunk of leads); the value returned at the end is the index. */
export function* buildTrigramPostings(text: PiecedText, separator: number): Generator<void, TrigramPostings, void> {
  const unitIds = new Uint16Array(65536);
  let alphabetSize = 1;
  for (const piece of text.pieces) {
    alphabetSize = assignUnitIds(piece.text, separator, unitIds, alphabetSize);
    yield;
  }
  const tally: TrigramTally = { unitIds, alphabetSize, trigramIds: new Map(), counts: [], lastLead: [] };
  for (const [piece, from, to, base] of leadChunks(text)) {
    countTrigrams(piece, from, to, base, tally);
    yield;
  }
  const { counts, lastLead } = tally;
  const offsets = new Uint32Array(counts.length + 1);
  for (let id = 0; id < counts.length; id++) {
    if ((id & (FLAT_CHUNK - 1)) === FLAT_CHUNK - 1) yield;
    offsets[id + 1] = (offsets[id] as number) + (counts[id] as number);
    lastLead[id] = -1;
  }
  counts.length = 0;
  const postings = new Uint32Array(offsets[offsets.length - 1] as number);
  const cursor = offsets.slice(0, offsets.length - 1);
  yield;
  for (const [piece, from, to, base] of leadChunks(text)) {
    fillPostings(piece, from, to, base, tally, cursor, postings);
    yield;
  }
  return { unitIds, alphabetSize, trigramIds: tally.trigramIds, offsets, postings };
}

/** First index in sorted[from..to) whose value ≥ target (or `to`): galloping, as targets ascend. */
function lowerBound(sorted: Uint32Array, from: number, to: number, target: number): number {
  if (from >= to || (sorted[from] as number) >= target) return from;
  let step = 1;
  while (from + step < to && (sorted[from + step] as number) < target) step *= 2;
  let low = from + (step >>> 1) + 1;
  let high = Math.min(to, from + step);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The number of leads holding the rarest trigram of `word` (≥ 3 code units; 0 when one is in no lead). */
export function rarestTrigramCount({ unitIds, alphabetSize, trigramIds, offsets }: TrigramPostings, word: string): number {
  let fewest = Infinity;
  for (let p = 0; p + 3 <= word.length; p++) {
    const a = unitIds[word.charCodeAt(p)] as number;
    const b = unitIds[word.charCodeAt(p + 1)] as number;
    const c = unitIds[word.charCodeAt(p + 2)] as number;
    const id = a === 0 || b === 0 || c === 0 ? undefined : trigramIds.get((a * alphabetSize + b) * alphabetSize + c);
    if (id === undefined) return 0;
    fewest = Math.min(fewest, (offsets[id + 1] as number) - (offsets[id] as number));
  }
  return fewest;
}

/** Bitsets of the leads holding each code unit (short-words.ts): row r is unit id r, a bit per lead. */
export interface UnitBitsets {
  readonly unitLeads: Uint32Array;
  readonly rowWords: number;
  readonly rows: number;
}

/** Whether the lead's bit is set in each of the rows starting at `rowStarts`. */
function holdsUnits({ unitLeads }: UnitBitsets, rowStarts: readonly number[], lead: number): boolean {
  const word = lead >>> 5;
  const bit = 1 << (lead & 31);
  for (let r = 0; r < rowStarts.length; r++) if (((unitLeads[(rowStarts[r] as number) + word] as number) & bit) === 0) return false;
  return true;
}

/** Whether mask[lead] = 1 in each of `masks`. */
function inEvery(masks: readonly Uint8Array[], lead: number): boolean {
  for (let m = 0; m < masks.length; m++) if ((masks[m] as Uint8Array)[lead] === 0) return false;
  return true;
}

/** Whether `segment` holds every one of `words` (a plain loop: this runs once per candidate). */
function holdsAll(segment: string, words: readonly string[]): boolean {
  for (let w = 0; w < words.length; w++) if (!segment.includes(words[w] as string)) return false;
  return true;
}

/**
 * Sets mask[lead] = 1 for each lead whose segment of `text` holds every one of `needles` (distinct, non-empty,
 * no separator, so an occurrence never spans two fields or leads; at least one of ≥ 3 code units) and that is
 * marked in every one of `leadFilters` (the caller's exact sets for words it settled itself). Candidates are
 * the leads holding the two rarest trigrams of all the needles together, so a search of several words costs
 * one pass over the rarest word's candidates. A needle that is one of those two trigrams, or one unit with a
 * row in `units`, needs no substring test.
 */
export function markTrigramMatches(
  index: TrigramPostings,
  text: PiecedText,
  needles: readonly string[],
  mask: Uint8Array,
  units: UnitBitsets | null = null,
  leadFilters: readonly Uint8Array[] = [],
): void {
  const { unitIds, alphabetSize, trigramIds, offsets, postings } = index;
  // The two rarest distinct trigrams of the needles and the needles they were first seen in (the rarest's
  // is the dense scan's); any trigram absent from the text: no match.
  let rarest = -1;
  let second = -1;
  let driver = '';
  let secondOwner = '';
  const countOf = (id: number) => (offsets[id + 1] as number) - (offsets[id] as number);
  for (const needle of needles) {
    for (let p = 0; p + 3 <= needle.length; p++) {
      const a = unitIds[needle.charCodeAt(p)] as number;
      const b = unitIds[needle.charCodeAt(p + 1)] as number;
      const c = unitIds[needle.charCodeAt(p + 2)] as number;
      if (a === 0 || b === 0 || c === 0) return;
      const id = trigramIds.get((a * alphabetSize + b) * alphabetSize + c);
      if (id === undefined) return;
      if (id === rarest || id === second) continue;
      if (rarest === -1 || countOf(id) < countOf(rarest)) {
        second = rarest;
        secondOwner = driver;
        rarest = id;
        driver = needle;
      } else if (second === -1 || countOf(id) < countOf(second)) {
        second = id;
        secondOwner = needle;
      }
    }
  }
  if (rarest === -1) throw new Error('markTrigramMatches needs a needle of at least 3 code units');
  // A needle of 3 units whose trigram is the rarest or the second is held by every candidate.
  const testDriver = driver.length !== 3;
  const unitRows: number[] = [];
  const others: string[] = [];
  for (const needle of needles) {
    const id = needle.length === 1 ? (unitIds[needle.charCodeAt(0)] as number) : -1;
    if (id === 0) return; // a unit no lead holds
    if (units !== null && id > 0 && id < units.rows) unitRows.push(id * units.rowWords);
    else if (needle !== driver && !(needle === secondOwner && needle.length === 3)) others.push(needle);
  }
  const rarestEnd = offsets[rarest + 1] as number;
  // Most leads candidates: the driver is common, so its next occurrence is near and one `indexOf` from a
  // candidate settles every candidate before that occurrence. Fewer: a bounded test per candidate — each
  // false candidate's `indexOf` runs on to the next occurrence, so with candidates spread over the text
  // (thousands, a fraction of them false) the scan read most of the text.
  const dense = testDriver && rarestEnd - (offsets[rarest] as number) > text.leadCount * DENSE_SHARE;
  const sliceDriver = testDriver && !dense;
  // The candidates ascend, so their piece changes at most once per piece: its text and starts are held here.
  const { pieces } = text;
  let pieceIndex = -1;
  let pieceText = '';
  let starts: Uint32Array = NO_STARTS;
  let base = 0;
  // The dense scan's next occurrence in the current piece (the piece's length: none left there).
  let occurrence = -1;
  const secondEnd = second === -1 ? 0 : (offsets[second + 1] as number);
  let secondAt = second === -1 ? 0 : (offsets[second] as number);
  for (let k = offsets[rarest] as number; k < rarestEnd; k++) {
    const lead = postings[k] as number;
    if (second !== -1) {
      // Both lists ascend: leads missing the second trigram are skipped without a substring test.
      secondAt = lowerBound(postings, secondAt, secondEnd, lead);
      if (secondAt === secondEnd) return;
      if (postings[secondAt] !== lead) continue;
    }
    if (unitRows.length > 0 && !holdsUnits(units as UnitBitsets, unitRows, lead)) continue;
    if (leadFilters.length > 0 && !inEvery(leadFilters, lead)) continue;
    if (!testDriver && others.length === 0) {
      mask[lead] = 1;
      continue;
    }
    if (lead >>> PIECE_SHIFT !== pieceIndex) {
      pieceIndex = lead >>> PIECE_SHIFT;
      const piece = pieces[pieceIndex] as TextPiece;
      pieceText = piece.text;
      starts = piece.starts;
      base = pieceIndex << PIECE_SHIFT;
      occurrence = -1;
    }
    const start = starts[lead - base] as number;
    const end = starts[lead - base + 1] as number;
    if (dense) {
      if (occurrence < start) {
        occurrence = pieceText.indexOf(driver, start);
        if (occurrence === -1) occurrence = pieceText.length;
      }
      // The driver holds no separator, so an occurrence starting in this segment ends in it.
      if (occurrence >= end) continue;
    }
    if (others.length === 0 && !sliceDriver) {
      mask[lead] = 1;
      continue;
    }
    const segment = pieceText.slice(start, end);
    if ((!sliceDriver || segment.includes(driver)) && holdsAll(segment, others)) mask[lead] = 1;
  }
}
