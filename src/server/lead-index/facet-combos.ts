// Counting several single-valued facets with one increment per matching lead (facet-scan.ts's pass).
//
// Facets with few distinct values (stage, priority, source, service in a usual pipeline) are combined: each
// lead gets one combination key (key₁ + size₁ · (key₂ + size₂ · …)), so a match adds one count and one
// sum to a small array instead of one per facet; after the pass each combination's tally is added to its
// member facets' keys. Facets that would make the combinations too many are counted on their own.
import { SINGLE_FACETS, type LeadColumns } from './lead-columns';

/** Most combinations kept: two small arrays per pass that stay in the CPU cache. */
const MAX_COMBINATIONS = 4096;

export interface FacetCombos {
  /** Indexes into SINGLE_FACETS of the combined facets, and each one's number of keys (0 = no value). */
  readonly members: readonly number[];
  readonly sizes: readonly number[];
  /** Per lead, its combination of the members' keys. */
  readonly keys: Uint32Array;
  readonly count: number;
  /** Indexes into SINGLE_FACETS of the facets counted on their own. */
  readonly separate: readonly number[];
}

const built = new WeakMap<LeadColumns, FacetCombos>();

/** The combinations of these columns (built on first need, then kept with them). */
export function facetCombos(columns: LeadColumns): FacetCombos {
  let combos = built.get(columns);
  if (combos === undefined) built.set(columns, (combos = buildCombos(columns)));
  return combos;
}

function buildCombos(columns: LeadColumns): FacetCombos {
  const keyCount = (s: number) => columns.single[SINGLE_FACETS[s] as (typeof SINGLE_FACETS)[number]].dictionary.values.length + 1;
  const bySize = SINGLE_FACETS.map((_, s) => s).sort((a, b) => keyCount(a) - keyCount(b));
  const members: number[] = [];
  const sizes: number[] = [];
  const separate: number[] = [];
  let count = 1;
  for (const s of bySize) {
    if (count * keyCount(s) <= MAX_COMBINATIONS) {
      members.push(s);
      sizes.push(keyCount(s));
      count *= keyCount(s);
    } else {
      separate.push(s);
    }
  }
  const keys = new Uint32Array(columns.size);
  for (let m = members.length - 1; m >= 0; m--) {
    const column = columns.single[SINGLE_FACETS[members[m] as number] as (typeof SINGLE_FACETS)[number]].keys;
    const size = sizes[m] as number;
    for (let i = 0; i < keys.length; i++) keys[i] = (keys[i] as number) * size + (column[i] as number);
  }
  return { members, sizes, keys, count, separate: separate.sort((a, b) => a - b) };
}

/** Adds each combination's count and sum to its members' keys in the per-facet tallies. */
export function addCombinations(
  combos: FacetCombos,
  comboCounts: Uint32Array,
  comboSums: Float64Array,
  counts: readonly Uint32Array[],
  sums: readonly Float64Array[],
): void {
  for (let c = 0; c < combos.count; c++) {
    const count = comboCounts[c] as number;
    if (count === 0) continue;
    const sum = comboSums[c] as number;
    let rest = c;
    for (let m = 0; m < combos.members.length; m++) {
      const size = combos.sizes[m] as number;
      const key = rest % size;
      rest = (rest - key) / size;
      const s = combos.members[m] as number;
      (counts[s] as Uint32Array)[key]! += count;
      (sums[s] as Float64Array)[key]! += sum;
    }
  }
}
