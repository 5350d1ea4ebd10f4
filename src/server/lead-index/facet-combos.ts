// Counting several single-valued facets with one increment per matching lead (facet-scan.ts's pass).
//
// Facets with few distinct values (stage, priority, source, service in a usual pipeline) are combined: each
// lead gets one combination key (key₁ + size₁ · (key₂ + size₂ · …)), so a match adds one count and one
// sum to a small array instead of one per facet; after the pass each combination's tally is added to its
// member facets' keys. Facets that would make the combinations too many are counted on their own.
import { runSteps, runStepsAsync, TimeSlice } from '../runtime/time-slice';
import { SINGLE_FACETS, type LeadColumns } from './lead-columns';
import { tagLeads } from './tag-leads';

/** Most combinations kept: two small arrays per pass that stay in the CPU cache. */
const MAX_COMBINATIONS = 4096;

/** Facets counted together: each lead's combination of their keys, and its count of combinations. */
export interface ComboGroup {
  /** Indexes into SINGLE_FACETS of the combined facets, and each one's number of keys (0 = no value). */
  readonly members: readonly number[];
  readonly sizes: readonly number[];
  /** Per lead, its combination of the members' keys. */
  readonly keys: Uint32Array;
  readonly count: number;
}

/**
 * The first group (the fewest-valued facets), a second group made of the facets left over (null when none
 * fit), and the facets counted on their own. Two groups: a match then costs two increments, not five.
 */
export interface FacetCombos extends ComboGroup {
  readonly second: ComboGroup | null;
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
  const first = buildGroup(columns, bySize, keyCount);
  const left = bySize.filter((s) => !first.members.includes(s));
  const secondTry = buildGroup(columns, left, keyCount);
  const second = secondTry.members.length > 0 ? secondTry : null;
  const separate = left.filter((s) => second === null || !second.members.includes(s)).sort((a, b) => a - b);
  return { ...first, second, separate };
}

/** Takes the candidates in order while their combinations stay ≤ MAX_COMBINATIONS; keys per lead. */
function buildGroup(columns: LeadColumns, candidates: readonly number[], keyCount: (s: number) => number): ComboGroup {
  const members: number[] = [];
  const sizes: number[] = [];
  let count = 1;
  for (const s of candidates) {
    if (count * keyCount(s) > MAX_COMBINATIONS) continue;
    members.push(s);
    sizes.push(keyCount(s));
    count *= keyCount(s);
  }
  const keys = new Uint32Array(columns.size);
  for (let m = members.length - 1; m >= 0; m--) {
    const column = columns.single[SINGLE_FACETS[members[m] as number] as (typeof SINGLE_FACETS)[number]].keys;
    const size = sizes[m] as number;
    for (let i = 0; i < keys.length; i++) keys[i] = (keys[i] as number) * size + (column[i] as number);
  }
  return { members, sizes, keys, count };
}

/**
 * Adds each combination's count and sum to its members' keys in the per-facet tallies. With `failures`
 * (comboFailures of the query), a combination one facet fails was tallied for that facet alone (its leads
 * are near misses, counted only where the facet ignores its own selection); otherwise to every member.
 */
export function addCombinations(
  combos: ComboGroup,
  comboCounts: Uint32Array,
  comboSums: Float64Array,
  counts: readonly Uint32Array[],
  sums: readonly Float64Array[],
  failures: Uint8Array | null = null,
): void {
  for (let c = 0; c < combos.count; c++) {
    const count = comboCounts[c] as number;
    if (count === 0) continue;
    const sum = comboSums[c] as number;
    const code = failures === null ? COMBO_PASSES : (failures[c] as number);
    if (code === COMBO_FAILS_TWICE) continue;
    let rest = c;
    for (let m = 0; m < combos.members.length; m++) {
      const size = combos.sizes[m] as number;
      const key = rest % size;
      rest = (rest - key) / size;
      const s = combos.members[m] as number;
      if (code !== COMBO_PASSES && s !== code - 1) continue;
      (counts[s] as Uint32Array)[key]! += count;
      (sums[s] as Float64Array)[key]! += sum;
    }
  }
}

/** Distinct tag sets kept only while this many leads share each on average: otherwise each lead's tags are counted. */
const MIN_LEADS_PER_TAG_SET = 4;

export interface TagSets {
  /** Per lead, the id of its set of tag keys. */
  readonly setOf: Uint32Array;
  /** Set id → its tag keys in tagKeys[starts[id] .. starts[id + 1]) (empty: the lead has no tags). */
  readonly starts: Uint32Array;
  readonly tagKeys: Uint32Array;
}

const builtTagSets = new WeakMap<LeadColumns, TagSets | null>();

/**
 * Leads' tag sets (a team reuses a few combinations of its tags), so a match counts one set instead of each
 * tag; null when sets are nearly as many as leads (then counting per tag costs no more).
 */
export function tagSets(columns: LeadColumns): TagSets | null {
  let sets = builtTagSets.get(columns);
  if (sets === undefined) builtTagSets.set(columns, (sets = runSteps(buildTagSets(columns))));
  return sets;
}

/** Leads read between two steps of buildTagSets (at 100k leads the whole walk held the loop for tens of ms). */
const TAG_SET_STEP = 2048;

function* buildTagSets(columns: LeadColumns): Generator<void, TagSets | null, void> {
  const { tagStarts, tagKeys, size } = columns;
  // A set of up to 3 tags is one number (its keys ascending, in base `base`); a bigger one its keys as text.
  const base = columns.tags.values.length + 2;
  const smallSets = base ** 4 < 2 ** 53;
  const idOfNumber = new Map<number, number>();
  const idOfText = new Map<string, number>();
  const setOf = new Uint32Array(size);
  const members: number[][] = [];
  const limit = Math.max(16, Math.ceil(size / MIN_LEADS_PER_TAG_SET));
  for (let i = 0; i < size; i++) {
    if (i % TAG_SET_STEP === TAG_SET_STEP - 1) yield;
    const from = tagStarts[i] as number;
    const count = (tagStarts[i + 1] as number) - from;
    let id: number | undefined;
    let key = 0;
    let text = '';
    if (smallSets && count <= 3) {
      let a = count > 0 ? (tagKeys[from] as number) + 1 : 0;
      let b = count > 1 ? (tagKeys[from + 1] as number) + 1 : 0;
      let c = count > 2 ? (tagKeys[from + 2] as number) + 1 : 0;
      if (a > b) [a, b] = [b, a];
      if (b > c) [b, c] = [c, b];
      if (a > b) [a, b] = [b, a];
      key = ((count * base + a) * base + b) * base + c;
      id = idOfNumber.get(key);
    } else {
      text = Array.from(tagKeys.subarray(from, from + count))
        .sort((x, y) => x - y)
        .join(',');
      id = idOfText.get(text);
    }
    if (id === undefined) {
      if (members.length >= limit) return null;
      id = members.length;
      if (smallSets && count <= 3) idOfNumber.set(key, id);
      else idOfText.set(text, id);
      members.push(Array.from(tagKeys.subarray(from, from + count)));
    }
    setOf[i] = id;
  }
  const starts = new Uint32Array(members.length + 1);
  members.forEach((keys, id) => (starts[id + 1] = (starts[id] as number) + keys.length));
  const flat = new Uint32Array(starts[members.length] as number);
  members.forEach((keys, id) => flat.set(keys, starts[id]));
  return { setOf, starts, tagKeys: flat };
}

/** Adds each tag set's count and sum to its tags (or to the no-tags bucket 0). */
export function addTagSets(
  sets: TagSets,
  setCounts: Uint32Array,
  setSums: Float64Array,
  tagCounts: Uint32Array,
  tagSums: Float64Array,
): void {
  for (let id = 0; id < setCounts.length; id++) {
    const count = setCounts[id] as number;
    if (count === 0) continue;
    const sum = setSums[id] as number;
    const from = sets.starts[id] as number;
    const to = sets.starts[id + 1] as number;
    if (from === to) {
      tagCounts[0]! += count;
      tagSums[0]! += sum;
    }
    for (let t = from; t < to; t++) {
      const key = sets.tagKeys[t] as number;
      tagCounts[key]! += count;
      tagSums[key]! += sum;
    }
  }
}

/**
 * Builds the combinations and tag sets ahead of the first query (LeadIndex.warmUpAsync), the tag sets between
 * pauses of the event loop; without tag sets, each tag's leads (tag-leads.ts) instead.
 */
export async function prepareFacetPassAsync(columns: LeadColumns, slice = new TimeSlice()): Promise<void> {
  facetCombos(columns);
  await slice.pause();
  if (!builtTagSets.has(columns)) {
    const sets = await runStepsAsync(buildTagSets(columns), slice);
    // A query during the pauses may have built them in one go meanwhile: keep those (equal), not a second copy.
    if (!builtTagSets.has(columns)) builtTagSets.set(columns, sets);
  }
  if (builtTagSets.get(columns) !== null) return;
  await slice.pause();
  tagLeads(columns);
}

/** A combination's failures against a filter: no combined facet fails it. */
export const COMBO_PASSES = 0;
/** Two or more combined facets fail it (the lead counts nowhere). */
export const COMBO_FAILS_TWICE = 255;

/**
 * Per combination, how the filter's combined facets judge it: COMBO_PASSES, COMBO_FAILS_TWICE, or 1 + the
 * SINGLE_FACETS index of the one facet that fails it. Made per query (≤ MAX_COMBINATIONS entries), so the
 * pass looks up one byte per lead instead of testing each selected facet's key.
 */
export function comboFailures(combos: ComboGroup, singleSelected: readonly (Uint8Array | null)[]): Uint8Array {
  const codes = new Uint8Array(combos.count);
  for (let c = 0; c < combos.count; c++) {
    let rest = c;
    let failures = 0;
    let failed = -1;
    for (let m = 0; m < combos.members.length; m++) {
      const size = combos.sizes[m] as number;
      const key = rest % size;
      rest = (rest - key) / size;
      const selected = singleSelected[combos.members[m] as number];
      if (selected != null && selected[key] !== 1) {
        failures++;
        failed = combos.members[m] as number;
      }
    }
    codes[c] = failures === 0 ? COMBO_PASSES : failures === 1 ? failed + 1 : COMBO_FAILS_TWICE;
  }
  return codes;
}

/** Per tag set, 1 when the tags filter passes it (any of its tags selected; no tags: "(none)" selected). */
export function tagSetPasses(sets: TagSets, selected: Uint8Array): Uint8Array {
  const passes = new Uint8Array(sets.starts.length - 1);
  for (let id = 0; id < passes.length; id++) {
    const from = sets.starts[id] as number;
    const to = sets.starts[id + 1] as number;
    let pass = from === to ? selected[0] === 1 : false;
    for (let t = from; t < to && !pass; t++) pass = selected[sets.tagKeys[t] as number] === 1;
    passes[id] = pass ? 1 : 0;
  }
  return passes;
}
