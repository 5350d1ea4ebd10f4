// Searching the trigram candidate index (trigram-index.ts builds it): an uncached search of ≥ 3 code units
// reads the posting lists of its rarest trigrams instead of scanning every lead's text, then checks each
// candidate with a real substring test.

import { PIECE_SHIFT, type PiecedText, type TextPiece } from './search-text';
import type { TrigramPostings } from './trigram-index';

const NO_STARTS: Uint32Array = new Uint32Array(0);
/**
 * When the rarest trigram is in more than this share of the leads, verify by scanning from candidate to
 * candidate (see markTrigramMatches); below it, a test of each candidate's own segment reads less text.
 */
const DENSE_SHARE = 0.5;

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

/** Whether `segment` holds every one of `words` (a plain loop: this runs once per candidate). */
function holdsAll(segment: string, words: readonly string[]): boolean {
  for (let w = 0; w < words.length; w++) if (!segment.includes(words[w] as string)) return false;
  return true;
}

/**
 * Sets mask[lead] = 1 for each lead whose segment of `text` holds every one of `needles` (distinct, non-empty,
 * no separator, so an occurrence never spans two fields or leads; at least one of ≥ 3 code units). Candidates
 * are the leads holding the two rarest trigrams of all the needles together; a needle that is one of those two
 * trigrams needs no substring test. Returns how many leads it marked; with `hits` (room for every lead) it also
 * writes them there, ascending (the candidates ascend), so a caller whose mask was all 0 has the matches'
 * positions without a walk over the mask.
 */
export function markTrigramMatches(
  index: TrigramPostings,
  text: PiecedText,
  needles: readonly string[],
  mask: Uint8Array,
  hits: Uint32Array | null = null,
): number {
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
      if (a === 0 || b === 0 || c === 0) return 0;
      const id = trigramIds.get((a * alphabetSize + b) * alphabetSize + c);
      if (id === undefined) return 0;
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
  const others = needles.filter((needle) => needle !== driver && !(needle === secondOwner && needle.length === 3));
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
  let marked = 0;
  const mark = (lead: number) => {
    mask[lead] = 1;
    if (hits !== null) hits[marked] = lead;
    marked++;
  };
  for (let k = offsets[rarest] as number; k < rarestEnd; k++) {
    const lead = postings[k] as number;
    if (second !== -1) {
      // Both lists ascend: leads missing the second trigram are skipped without a substring test.
      secondAt = lowerBound(postings, secondAt, secondEnd, lead);
      if (secondAt === secondEnd) return marked;
      if (postings[secondAt] !== lead) continue;
    }
    if (!testDriver && others.length === 0) {
      mark(lead);
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
      mark(lead);
      continue;
    }
    const segment = pieceText.slice(start, end);
    if ((!sliceDriver || segment.includes(driver)) && holdsAll(segment, others)) mark(lead);
  }
  return marked;
}
