// A trigram candidate index over the lead index's search texts (one segment per lead, fields split by
// a separator, held in pieces: search-text.ts): an uncached search of ≥ 3 code units reads the posting lists of its rarest trigrams
// instead of scanning every lead's text, then checks each candidate with a real substring test.
//
// Layout (CSR, no per-trigram arrays): each code unit of the text gets a dense id (0 = the separator or
// a unit never seen), a trigram is the number (a·A + b)·A + c over those ids (exact in a double), a
// Map turns it into a trigram id, and postings[offsets[id] .. offsets[id + 1]) are the ascending
// positions of the leads holding it (each lead once). Built by a counting pass then a fill pass, as a
// generator so a caller can yield to the event loop between chunks of leads. Searching it: trigram-search.ts.

import { leadChunks, type PiecedText, type TextPiece } from './search-text';

/** Trigram ids handled between two yields of the build's flat pass. */
const FLAT_CHUNK = 1 << 18;

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
