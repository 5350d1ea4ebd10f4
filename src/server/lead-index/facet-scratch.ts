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
  /** A search's matching positions (facet-scan.ts visits only those). */
  positions: Uint32Array;
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
