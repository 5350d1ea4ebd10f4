// The cold pass's general loop (facet-scan.ts takes it when the branchless pass cannot: a facet of more
// than 4,096 values, leads with too many distinct tag sets — the wide set's 3,000 tags — or more than two
// ranges). A lead leaves at its second failure; a near miss counts in its failing facet alone.
//
// Its own function, apart from the dispatch and the facet lists: the loop is compiled alone, so what runs
// around it (and what the compiler inlines there) does not change the loop's code.
import { passesRanges, type CompiledFilter } from './compiled-filter';
import { COMBO_FAILS_TWICE, COMBO_PASSES, type FacetCombos, type TagSets } from './facet-combos';
import type { PassTotals } from './facet-result';
import type { PassScratch } from './facet-scratch';
import { SINGLE_FACETS, type LeadColumns } from './lead-columns';

export interface GeneralInput {
  columns: LeadColumns;
  f: CompiledFilter;
  scratch: PassScratch;
  combos: FacetCombos;
  /** comboFailures of each group, or null when none of its facets is selected. */
  comboFail: Uint8Array | null;
  secondFail: Uint8Array | null;
  sets: TagSets | null;
  /** tagSetPasses of the tags filter, or null (no tags filter, or no sets). */
  setPass: Uint8Array | null;
  /** Without sets: 1 per lead the tags filter passes (markTagPasses); null with sets or no tags filter. */
  tagPass: Uint8Array | null;
  /** Positions to visit (a search's matches), or null for every lead. */
  visits: Uint32Array | null;
  visitCount: number;
  /** 0 on entry; 1 written for each match. */
  matched: Uint8Array;
}

/** Tallies every visited lead (per facet, combination, tag set or tag) and returns the totals. */
export function generalPass(input: GeneralInput): PassTotals {
  const { columns, f, scratch, combos, comboFail, secondFail, setPass, tagPass, visits, visitCount, matched } = input;
  const TAGS = SINGLE_FACETS.length; // index of tags among the failure slots
  const keyColumns = SINGLE_FACETS.map((field) => columns.single[field].keys);
  const { counts, sums, tagCounts, tagSums, comboCounts, comboSums, secondCounts, secondSums, setCounts, setSums } = scratch;
  const comboKeys = combos.keys;
  const second = combos.second;
  const hasSecond = second !== null;
  const secondKeys = second === null ? comboKeys : second.keys;
  const separate = combos.separate;
  const setOf = input.sets === null ? null : input.sets.setOf;
  const active = separate.filter((s) => f.singleSelected[s] != null);
  const activeKeys = active.map((s) => keyColumns[s] as Uint32Array);
  const activeSelected = active.map((s) => f.singleSelected[s] as Uint8Array);
  const activeCount = active.length;
  const { tagStarts, tagKeys, archived } = columns;
  const tagsSelected = f.tagsSelected;
  const skipArchived = !f.includeArchived;
  const projected = columns.ranges.projected_value;
  const score = columns.ranges.value_score;
  // The first two ranges are tested inline with their bounds in locals (most queries have one or two);
  // further ones by the generic loop.
  const rangeCount = f.rangeColumns.length;
  const column0 = rangeCount > 0 ? (f.rangeColumns[0] as Float64Array) : projected;
  const column1 = rangeCount > 1 ? (f.rangeColumns[1] as Float64Array) : projected;
  const [min0 = 0, min1 = 0] = f.rangeMin;
  const [max0 = 0, max1 = 0] = f.rangeMax;
  const none0 = f.rangeNone[0] === 1;
  const none1 = f.rangeNone[1] === 1;
  let total = 0;
  let projectedSum = 0;
  let projectedCount = 0;
  let scoreSum = 0;
  let scoreCount = 0;
  for (let v = 0; v < visitCount; v++) {
    const i = visits === null ? v : (visits[v] as number);
    if (skipArchived && archived[i] === 1) continue;
    if (rangeCount > 0) {
      const value0 = column0[i] as number;
      if (none0 ? value0 === value0 : !(value0 >= min0 && value0 <= max0)) continue;
      if (rangeCount > 1) {
        const value1 = column1[i] as number;
        if (none1 ? value1 === value1 : !(value1 >= min1 && value1 <= max1)) continue;
        if (rangeCount > 2 && !passesRanges(i, f, 2)) continue;
      }
    }
    const combo = comboKeys[i] as number;
    const secondCombo = hasSecond ? (secondKeys[i] as number) : 0;
    let failures = 0;
    let failed = -1;
    if (comboFail !== null) {
      const code = comboFail[combo] as number;
      if (code === COMBO_FAILS_TWICE) continue;
      if (code !== COMBO_PASSES) {
        failures = 1;
        failed = code - 1;
      }
    }
    if (secondFail !== null) {
      const code = secondFail[secondCombo] as number;
      if (code !== COMBO_PASSES) {
        if (code === COMBO_FAILS_TWICE || failures === 1) continue;
        failures = 1;
        failed = code - 1;
      }
    }
    for (let a = 0; a < activeCount && failures < 2; a++) {
      if ((activeSelected[a] as Uint8Array)[(activeKeys[a] as Uint32Array)[i] as number] !== 1) {
        failures++;
        failed = active[a] as number;
      }
    }
    if (
      failures < 2 &&
      tagsSelected !== null &&
      (setPass !== null ? setPass[(setOf as Uint32Array)[i] as number] !== 1 : (tagPass as Uint8Array)[i] !== 1)
    ) {
      failures++;
      failed = TAGS;
    }
    if (failures > 1) continue;
    const value = projected[i] as number;
    const add = value === value ? value : 0;
    if (failures === 0) {
      matched[i] = 1;
      total++;
      if (value === value) {
        projectedSum += value;
        projectedCount++;
      }
      const s = score[i] as number;
      if (s === s) {
        scoreSum += s;
        scoreCount++;
      }
      comboCounts[combo]!++;
      comboSums[combo]! += add;
      if (hasSecond) {
        secondCounts[secondCombo]!++;
        secondSums[secondCombo]! += add;
      }
      for (let k = 0; k < separate.length; k++) {
        const facet = separate[k] as number;
        const key = (keyColumns[facet] as Uint32Array)[i] as number;
        (counts[facet] as Uint32Array)[key]!++;
        (sums[facet] as Float64Array)[key]! += add;
      }
    } else if (failed !== TAGS) {
      const key = (keyColumns[failed] as Uint32Array)[i] as number;
      (counts[failed] as Uint32Array)[key]!++;
      (sums[failed] as Float64Array)[key]! += add;
      continue;
    }
    if (setOf !== null) {
      const set = setOf[i] as number;
      setCounts[set]!++;
      setSums[set]! += add;
      continue;
    }
    const from = tagStarts[i] as number;
    const to = tagStarts[i + 1] as number;
    if (from === to) {
      tagCounts[0]!++;
      tagSums[0]! += add;
    }
    for (let t = from; t < to; t++) {
      const key = tagKeys[t] as number;
      tagCounts[key]!++;
      tagSums[key]! += add;
    }
  }
  return { total, projectedSum, projectedCount, scoreSum, scoreCount };
}
