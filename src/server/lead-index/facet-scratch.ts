// The one pass's tallies (facet-scan.ts): per facet, per tag, per facet combination and per tag set, a
// count and a sum. Made once per index's columns and zeroed per pass, so a cold query allocates none of
// them (at 100k leads with 3,000 tags they are tens of KB per query, garbage the collector had to sweep).
import { facetCombos, tagSets } from './facet-combos';
import { SINGLE_FACETS, type LeadColumns } from './lead-columns';

/** The pass's tallies, made once per columns and zeroed per pass (a cold query allocates none of them). */
export interface PassScratch {
  counts: Uint32Array[];
  sums: Float64Array[];
  tagCounts: Uint32Array;
  tagSums: Float64Array;
  comboCounts: Uint32Array;
  comboSums: Float64Array;
  /** The second group's (facet-combos.ts). */
  secondCounts: Uint32Array;
  secondSums: Float64Array;
  setCounts: Uint32Array;
  setSums: Float64Array;
  /** A search's matching positions (facet-scan.ts visits only those), or the branchless pass's first-slot lists. */
  positions: Uint32Array;
  /** The tags filter per lead when leads share too few tag sets (tag-leads.ts); empty otherwise. */
  tagPass: Uint8Array;
}

const scratches = new WeakMap<LeadColumns, PassScratch>();

/** The tallies for a pass over these columns, all 0 (queries run one at a time on the event loop). */
export function scratchFor(columns: LeadColumns): PassScratch {
  let scratch = scratches.get(columns);
  if (scratch === undefined) {
    const sets = tagSets(columns);
    const setCount = sets === null ? 0 : sets.starts.length - 1;
    const combos = facetCombos(columns);
    const comboCount = combos.count;
    // Without a second group the branchless pass tallies the first group's keys here, unread.
    const secondCount = combos.second === null ? combos.count : combos.second.count;
    scratch = {
      counts: SINGLE_FACETS.map((field) => new Uint32Array(columns.single[field].dictionary.values.length + 1)),
      sums: SINGLE_FACETS.map((field) => new Float64Array(columns.single[field].dictionary.values.length + 1)),
      tagCounts: new Uint32Array(columns.tags.values.length + 1),
      tagSums: new Float64Array(columns.tags.values.length + 1),
      comboCounts: new Uint32Array(comboCount),
      comboSums: new Float64Array(comboCount),
      secondCounts: new Uint32Array(secondCount),
      secondSums: new Float64Array(secondCount),
      setCounts: new Uint32Array(setCount),
      setSums: new Float64Array(setCount),
      positions: new Uint32Array(columns.size),
      tagPass: new Uint8Array(sets === null ? columns.size : 0),
    };
    scratches.set(columns, scratch);
    return scratch;
  }
  for (const array of [
    ...scratch.counts,
    ...scratch.sums,
    scratch.tagCounts,
    scratch.tagSums,
    scratch.comboCounts,
    scratch.comboSums,
    scratch.secondCounts,
    scratch.secondSums,
  ])
    array.fill(0);
  scratch.setCounts.fill(0);
  scratch.setSums.fill(0);
  return scratch;
}

/**
 * Writes the positions i with mask[i] = 1 into `into`, ascending, and returns their number. The mask's bytes
 * are 0 or 1, so a zero double is 8 zero bytes: mostly-zero masks are read 8 leads at a time. Inside a
 * non-zero word every position is written and the count advances by the byte (no branch to mispredict;
 * a write past the last match is overwritten or left beyond the count). Past `limit` positions it stops and
 * returns -1.
 */
export function maskPositions(mask: Uint8Array, into: Uint32Array, limit = Infinity): number {
  const n = mask.length;
  const words = new Float64Array(mask.buffer, mask.byteOffset, mask.byteOffset % 8 === 0 ? n >>> 3 : 0);
  let count = 0;
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 0) continue;
    for (let i = w << 3, end = i + 8; i < end; i++) {
      into[count] = i;
      count += mask[i] as number;
    }
    if (count > limit) return -1;
  }
  for (let i = words.length << 3; i < n; i++) if (mask[i] === 1) into[count++] = i;
  return count > limit ? -1 : count;
}
