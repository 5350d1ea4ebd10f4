// Search words of one or two code units without scanning every lead's text (the words of a search such as
// `h mc`, which people type, and a fragment of a full name cut across its space, are mostly this short).
//
// - One unit: a bitset of leads per code unit (the unit anywhere in a lead's fields), built once in one pass
//   over the text. Only for the first MAX_UNIT_ROWS units of the alphabet (each row is a bit per lead):
//   a unit beyond them is rare in this data, and its caller falls back to the scan.
// - Two units `xy`: an occurrence in a field of ≥ 3 units is inside the trigram `xy?` or `?xy` of that field,
//   so the union of those postings (2 × alphabet Map lookups) plus the leads having a field equal to `xy`
//   (kept here by text) is exactly the set of leads holding it.
import { leadChunks, type PiecedText, type TextPiece } from './search-text';
import type { TrigramPostings } from './trigram-index';

/** Bitset rows kept (a bit per lead each): the alphabet's first units, by first appearance in the text. */
const MAX_UNIT_ROWS = 256;

export interface ShortWordIndex {
  /** Row r (unit id r, 1 ≤ r < rows) holds bit i of lead i at [r · rowWords + (i >>> 5)]; row 0 (no unit) is all 0. */
  readonly unitLeads: Uint32Array;
  readonly rowWords: number;
  readonly rows: number;
  /** Leads having a field of exactly two code units, by that field's text. */
  readonly twoUnitFields: Map<string, number[]>;
}

/** Marks the units and two-unit fields of a piece's leads [from, to) (the piece's first lead is `base`). */
function markLeads(
  { text, starts }: TextPiece,
  from: number,
  to: number,
  base: number,
  separator: number,
  unitIds: Uint16Array,
  index: ShortWordIndex,
): void {
  const { unitLeads, rowWords, rows, twoUnitFields } = index;
  for (let k = from; k < to; k++) {
    const lead = base + k;
    const word = lead >>> 5;
    const bit = 1 << (lead & 31);
    const end = starts[k + 1] as number;
    let fieldStart = starts[k] as number;
    for (let p = fieldStart; p <= end; p++) {
      const unit = p < end ? text.charCodeAt(p) : separator;
      if (unit === separator) {
        if (p - fieldStart === 2) {
          const field = text.slice(fieldStart, p);
          const list = twoUnitFields.get(field);
          if (list === undefined) twoUnitFields.set(field, [lead]);
          else if (list[list.length - 1] !== lead) list.push(lead);
        }
        fieldStart = p + 1;
        continue;
      }
      const id = unitIds[unit] as number;
      if (id < rows) unitLeads[id * rowWords + word]! |= bit;
    }
  }
}

/** Steps of the build (each a chunk of leads, leadChunks); the value returned at the end is the index. */
export function* buildShortWordIndex(
  text: PiecedText,
  separator: number,
  trigrams: TrigramPostings,
): Generator<void, ShortWordIndex, void> {
  const rows = Math.min(trigrams.alphabetSize, MAX_UNIT_ROWS);
  const rowWords = (text.leadCount + 31) >>> 5;
  const index: ShortWordIndex = { unitLeads: new Uint32Array(rows * rowWords), rowWords, rows, twoUnitFields: new Map() };
  for (const [piece, from, to, base] of leadChunks(text)) {
    markLeads(piece, from, to, base, separator, trigrams.unitIds, index);
    yield;
  }
  return index;
}

/**
 * Sets mask[lead] = 1 for each lead holding `word` (1 or 2 code units, no separator) in a field. False when
 * this index cannot answer (a unit beyond its rows): the caller scans instead.
 */
export function markShortWord(short: ShortWordIndex, trigrams: TrigramPostings, word: string, mask: Uint8Array): boolean {
  const { unitIds, alphabetSize, trigramIds, offsets, postings } = trigrams;
  if (word.length === 1) {
    const row = unitRow(short, trigrams, word);
    if (row === null) return false;
    for (let w = 0; w < row.length; w++) {
      let bits = row[w] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        mask[(w << 5) + 31 - Math.clz32(low)] = 1;
        bits ^= low;
      }
    }
    return true;
  }
  const x = unitIds[word.charCodeAt(0)] as number;
  const y = unitIds[word.charCodeAt(1)] as number;
  if (x === 0 || y === 0) return true;
  const markTrigram = (key: number) => {
    const trigram = trigramIds.get(key);
    if (trigram === undefined) return;
    const end = offsets[trigram + 1] as number;
    for (let k = offsets[trigram] as number; k < end; k++) mask[postings[k] as number] = 1;
  };
  for (let other = 1; other < alphabetSize; other++) {
    markTrigram((x * alphabetSize + y) * alphabetSize + other); // xy?
    markTrigram((other * alphabetSize + x) * alphabetSize + y); // ?xy
  }
  for (const lead of short.twoUnitFields.get(word) ?? []) mask[lead] = 1;
  return true;
}

/**
 * Clears mask[lead] for each lead not holding `unit` (one code unit, no separator), reading its bitset row.
 * False when this index has no row for it (the caller marks the unit's leads another way).
 */
export function keepUnitHolders(short: ShortWordIndex, trigrams: TrigramPostings, unit: string, mask: Uint8Array): boolean {
  const row = unitRow(short, trigrams, unit);
  if (row === null) return false;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1 && ((row[i >>> 5] as number) & (1 << (i & 31))) === 0) mask[i] = 0;
  }
  return true;
}

/**
 * The bitset row of the leads holding `unit` (one code unit; a view, not to be written): row 0, all 0, for a
 * unit in no lead's text; null when this index has no row for it.
 */
export function unitRow(short: ShortWordIndex, trigrams: TrigramPostings, unit: string): Uint32Array | null {
  const id = trigrams.unitIds[unit.charCodeAt(0)] as number;
  return id < short.rows ? short.unitLeads.subarray(id * short.rowWords, (id + 1) * short.rowWords) : null;
}
