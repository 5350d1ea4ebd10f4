// The cold pass without per-lead branches on the data (facet-scan.ts calls it when the shape allows: every
// single facet in one of two combination groups, tag sets, at most two ranges). Leads pass or fail filters
// in no pattern the CPU can predict, so a branch per test costs a misprediction on a large share of leads;
// here each test is a 0/1 number and every visited lead adds it (0 or 1) to its tallies.
//
// A lead counts in a facet when it passes every filter but that facet's own (docs/api.md §4). Per group,
// one tally per combination holds the leads that pass every other group and the tags, with at most one
// failure inside the group; which facet that failure is in depends on the combination alone, so
// addCombinations decodes it after the pass. The tag sets' tally holds the leads that pass both groups.
import { COMBO_FAILS_TWICE, COMBO_PASSES, type ComboGroup } from './facet-combos';
import type { PassTotals } from './facet-result';
import type { PassScratch } from './facet-scratch';
import type { LeadColumns } from './lead-columns';

/** A number column split into "value or 0" and "has a value" (a NaN test per lead is a branch). */
interface SplitColumn {
  values: Float64Array;
  present: Uint8Array;
}

const splitColumns = new WeakMap<LeadColumns, { projected: SplitColumn; score: SplitColumn }>();

function split(column: Float64Array): SplitColumn {
  const values = new Float64Array(column.length);
  const present = new Uint8Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    if (value === value) {
      values[i] = value;
      present[i] = 1;
    }
  }
  return { values, present };
}

function splitFor(columns: LeadColumns): { projected: SplitColumn; score: SplitColumn } {
  let found = splitColumns.get(columns);
  if (found === undefined) {
    found = { projected: split(columns.ranges.projected_value), score: split(columns.ranges.value_score) };
    splitColumns.set(columns, found);
  }
  return found;
}

/** Per combination: 0 passes, 1 one facet fails it, 2 two or more do (from comboFailures, or none). */
export function failureCounts(group: ComboGroup, failures: Uint8Array | null): Uint8Array {
  const counts = new Uint8Array(group.count);
  if (failures !== null)
    for (let c = 0; c < group.count; c++) {
      const code = failures[c] as number;
      counts[c] = code === COMBO_PASSES ? 0 : code === COMBO_FAILS_TWICE ? 2 : 1;
    }
  return counts;
}

/** One range test as a number: none → only no-value leads; else min ≤ value ≤ max (NaN fails both). */
export interface RangeTest {
  column: Float64Array;
  none: boolean;
  min: number;
  max: number;
}

export interface BranchlessInput {
  columns: LeadColumns;
  scratch: PassScratch;
  skipArchived: boolean;
  /** Positions to visit (a search's matches), or null for every lead. */
  visits: Uint32Array | null;
  visitCount: number;
  /** Up to two; the pass tests `rangeCount` of them. */
  ranges: readonly RangeTest[];
  first: ComboGroup;
  firstFails: Uint8Array;
  /** The second group's keys and failure counts (the first's with all-0 failures when there is no second). */
  secondKeys: Uint32Array;
  secondFails: Uint8Array;
  setOf: Uint32Array;
  /** Per tag set: 1 when the tags filter fails it (all 0 with no tags filter). */
  setFails: Uint8Array;
  /** 0 on entry; 1 written for each match. */
  matched: Uint8Array;
}

/** Fills the scratch's combination, second-group and tag-set tallies (see the header) and returns the totals. */
export function branchlessPass(input: BranchlessInput): PassTotals {
  const { columns, scratch, visits, visitCount, firstFails, secondKeys, secondFails, setOf, setFails, matched } = input;
  const { comboCounts, comboSums, secondCounts, secondSums, setCounts, setSums } = scratch;
  const { projected, score } = splitFor(columns);
  const projectedValues = projected.values;
  const projectedPresent = projected.present;
  const scoreValues = score.values;
  const scorePresent = score.present;
  const archived = columns.archived;
  const firstKeys = input.first.keys;
  const archivedBit = input.skipArchived ? 1 : 0;
  const range0 = input.ranges[0];
  const range1 = input.ranges[1];
  const use0 = range0 !== undefined;
  const use1 = range1 !== undefined;
  const column0 = range0?.column ?? projectedValues;
  const column1 = range1?.column ?? projectedValues;
  const none0 = range0?.none ?? false;
  const none1 = range1?.none ?? false;
  const min0 = range0?.min ?? 0;
  const max0 = range0?.max ?? 0;
  const min1 = range1?.min ?? 0;
  const max1 = range1?.max ?? 0;
  let total = 0;
  let projectedSum = 0;
  let projectedCount = 0;
  let scoreSum = 0;
  let scoreCount = 0;
  for (let v = 0; v < visitCount; v++) {
    const i = visits === null ? v : (visits[v] as number);
    // 1 when the lead passes archived and the ranges (the filters every facet applies).
    let common = ((archived[i] as number) & archivedBit) ^ 1;
    if (use0) {
      const x = column0[i] as number;
      common &= none0 ? +(x !== x) : +(x >= min0) & +(x <= max0);
    }
    if (use1) {
      const x = column1[i] as number;
      common &= none1 ? +(x !== x) : +(x >= min1) & +(x <= max1);
    }
    const combo = firstKeys[i] as number;
    const secondCombo = secondKeys[i] as number;
    const set = setOf[i] as number;
    const fails1 = firstFails[combo] as number;
    const fails2 = secondFails[secondCombo] as number;
    const failsTags = setFails[set] as number;
    const inFirst = common & +(fails2 + failsTags === 0) & +(fails1 < 2);
    const inSecond = common & +(fails1 + failsTags === 0) & +(fails2 < 2);
    const inTags = common & +(fails1 + fails2 === 0);
    const match = inTags & (failsTags ^ 1);
    const add = projectedValues[i] as number;
    comboCounts[combo]! += inFirst;
    comboSums[combo]! += inFirst * add;
    secondCounts[secondCombo]! += inSecond;
    secondSums[secondCombo]! += inSecond * add;
    setCounts[set]! += inTags;
    setSums[set]! += inTags * add;
    matched[i] = match;
    total += match;
    projectedSum += match * add;
    projectedCount += match & (projectedPresent[i] as number);
    scoreSum += match * (scoreValues[i] as number);
    scoreCount += match & (scorePresent[i] as number);
  }
  return { total, projectedSum, projectedCount, scoreSum, scoreCount };
}
