// The cold pass without per-lead branches on the data (facet-scan.ts calls it when the shape allows: every
// single facet in one of two combination groups, tag sets, at most two ranges). Leads pass or fail filters
// in no pattern the CPU can predict, so a branch per test costs a misprediction on a large share of leads;
// here each test is a 0/1 number and every visited lead adds it (0 or 1) to its tallies.
//
// A lead counts in a facet when it passes every filter but that facet's own (docs/api.md §4). Per group,
// one tally per combination holds the leads that pass every other group and the tags, with at most one
// failure inside the group; which facet that failure is in depends on the combination alone, so
// addCombinations decodes it after the pass. The tag sets' tally holds the leads that pass both groups.
//
// Why the packed layout below: the loop's cost is mostly the number of arrays it reads and writes (each a
// base, a length check and a register; with ~16 of them the compiled loop spills). So each lead's three
// tally slots sit side by side in one key array, all tallies in one array, all failure counts in one table,
// the archived flag folded into the first key, and the summary's counts derived from the second group's
// tallies (its key also carries "has a projected value" and "has a score") instead of summed per lead.
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

/**
 * Per lead i, its three tally slots: keys[3i] the first group's combination (+ count1 when archived),
 * keys[3i + 1] off2 + 4 · second combination + 2 · has projected value + has score, keys[3i + 2] off3 +
 * tag set. Slots index `fails` (one byte each) and `tallies` (a count and a sum each).
 */
interface PackedKeys {
  keys: Uint32Array;
  count1: number;
  off2: number;
  off3: number;
  /** Lead positions grouped by first slot (ascending within one): slot k's are byFirst[firstStarts[k] .. firstStarts[k + 1]). */
  byFirst: Uint32Array;
  firstStarts: Uint32Array;
  /** Scratch per pass: failure count per slot, and count/sum pairs per slot. */
  fails: Uint8Array;
  tallies: Float64Array;
}

const packedKeys = new WeakMap<LeadColumns, PackedKeys>();

/** Made on the first pass over these columns (the groups and tag sets are fixed per columns). */
function packedFor(input: BranchlessInput): PackedKeys {
  let packed = packedKeys.get(input.columns);
  if (packed !== undefined) return packed;
  const count1 = input.first.count;
  const off2 = 2 * count1;
  const off3 = off2 + 4 * input.secondFails.length;
  const slots = off3 + input.setFails.length;
  const n = input.columns.size;
  const { projected, score } = splitFor(input.columns);
  const { archived } = input.columns;
  const first = input.first.keys;
  const keys = new Uint32Array(3 * n);
  for (let i = 0; i < n; i++) {
    keys[3 * i] = (first[i] as number) + (archived[i] as number) * count1;
    keys[3 * i + 1] = off2 + 4 * (input.secondKeys[i] as number) + 2 * (projected.present[i] as number) + (score.present[i] as number);
    keys[3 * i + 2] = off3 + (input.setOf[i] as number);
  }
  // Counting sort of the leads by first slot.
  const firstStarts = new Uint32Array(2 * count1 + 1);
  for (let i = 0; i < n; i++) firstStarts[(keys[3 * i] as number) + 1]!++;
  for (let k = 0; k < 2 * count1; k++) firstStarts[k + 1]! += firstStarts[k] as number;
  const byFirst = new Uint32Array(n);
  const next = firstStarts.slice(0, 2 * count1);
  for (let i = 0; i < n; i++) byFirst[next[keys[3 * i] as number]!++] = i;
  packed = { keys, count1, off2, off3, byFirst, firstStarts, fails: new Uint8Array(slots), tallies: new Float64Array(2 * slots) };
  packedKeys.set(input.columns, packed);
  return packed;
}

/** An archived lead's first-group failure count when archived leads are left out: it then counts nowhere. */
const ARCHIVED_FAILS = 4;

/** The per-slot failure table of this query. */
function fillFails(packed: PackedKeys, input: BranchlessInput): void {
  const { fails, count1, off2, off3 } = packed;
  const { firstFails, secondFails } = input;
  fails.set(firstFails, 0);
  if (input.skipArchived) fails.fill(ARCHIVED_FAILS, count1, 2 * count1);
  else fails.set(firstFails, count1);
  for (let c = 0; c < secondFails.length; c++) fails.fill(secondFails[c] as number, off2 + 4 * c, off2 + 4 * c + 4);
  fails.set(input.setFails, off3);
}

/** Visit the first-slot lists instead of every lead when they hold at most this share of the leads. */
const SKIP_SHARE = 1 / 3;

/**
 * Without a search: the leads whose first slot fails at most once (a lead failing twice there, or archived
 * and left out, counts nowhere), listed into `into` when they are few enough that visiting them alone beats
 * a sequential pass over all (six facets selected: most leads fail two in the first group); else -1.
 */
function firstSlotVisits(packed: PackedKeys, size: number, into: Uint32Array): number {
  const { fails, firstStarts, byFirst } = packed;
  const slots = firstStarts.length - 1;
  let count = 0;
  for (let k = 0; k < slots; k++) if ((fails[k] as number) < 2) count += (firstStarts[k + 1] as number) - (firstStarts[k] as number);
  if (count > size * SKIP_SHARE) return -1;
  count = 0;
  for (let k = 0; k < slots; k++) {
    if ((fails[k] as number) >= 2) continue;
    const from = firstStarts[k] as number;
    const to = firstStarts[k + 1] as number;
    into.set(byFirst.subarray(from, to), count);
    count += to - from;
  }
  return count;
}

/** The loop: tallies every visited lead's three slots (0/1 each) and writes `matched`; returns the score sum. */
function tallyLeads(packed: PackedKeys, input: BranchlessInput, visits: Uint32Array | null, visitCount: number): number {
  const { keys, fails, tallies } = packed;
  const { matched } = input;
  const { projected, score } = splitFor(input.columns);
  const projectedValues = projected.values;
  const scoreValues = score.values;
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
  let scoreSum = 0;
  for (let v = 0; v < visitCount; v++) {
    const i = visits === null ? v : (visits[v] as number);
    // 1 when the lead passes the ranges (archived is in the first slot's failure count).
    let common = 1;
    if (use0) {
      const x = column0[i] as number;
      common = none0 ? +(x !== x) : +(x >= min0) & +(x <= max0);
    }
    if (use1) {
      const x = column1[i] as number;
      common &= none1 ? +(x !== x) : +(x >= min1) & +(x <= max1);
    }
    const k = 3 * i;
    const first = keys[k] as number;
    const second = keys[k + 1] as number;
    const set = keys[k + 2] as number;
    const fails1 = fails[first] as number;
    const fails2 = fails[second] as number;
    const failsTags = fails[set] as number;
    const inFirst = common & +(fails2 + failsTags === 0) & +(fails1 < 2);
    const inSecond = common & +(fails1 + failsTags === 0) & +(fails2 < 2);
    const inTags = common & +(fails1 + fails2 === 0);
    const add = projectedValues[i] as number;
    tallies[2 * first]! += inFirst;
    tallies[2 * first + 1]! += inFirst * add;
    tallies[2 * second]! += inSecond;
    tallies[2 * second + 1]! += inSecond * add;
    tallies[2 * set]! += inTags;
    tallies[2 * set + 1]! += inTags * add;
    const match = inTags & (failsTags ^ 1);
    matched[i] = match;
    scoreSum += match * (scoreValues[i] as number);
  }
  return scoreSum;
}

/** Fills the scratch's combination, second-group and tag-set tallies (see the header) and returns the totals. */
export function branchlessPass(input: BranchlessInput): PassTotals {
  const packed = packedFor(input);
  const { tallies, count1, off2, off3 } = packed;
  fillFails(packed, input);
  tallies.fill(0);
  const listed = input.visits === null ? firstSlotVisits(packed, input.visitCount, input.scratch.positions) : -1;
  const scoreSum =
    listed < 0 ? tallyLeads(packed, input, input.visits, input.visitCount) : tallyLeads(packed, input, input.scratch.positions, listed);
  const { comboCounts, comboSums, secondCounts, secondSums, setCounts, setSums } = input.scratch;
  // Archived leads' slots fold back onto their combination (all 0 when archived leads are left out).
  for (let c = 0; c < count1; c++) {
    comboCounts[c] = (tallies[2 * c] as number) + (tallies[2 * (count1 + c)] as number);
    comboSums[c] = (tallies[2 * c + 1] as number) + (tallies[2 * (count1 + c) + 1] as number);
  }
  // A second-group slot whose combination passes holds matches only (inSecond with no failure at all).
  let total = 0;
  let projectedSum = 0;
  let projectedCount = 0;
  let scoreCount = 0;
  for (let c = 0; c < input.secondFails.length; c++) {
    let count = 0;
    let sum = 0;
    for (let flags = 0; flags < 4; flags++) {
      const slot = 2 * (off2 + 4 * c + flags);
      count += tallies[slot] as number;
      sum += tallies[slot + 1] as number;
      if (input.secondFails[c] !== 0) continue;
      total += tallies[slot] as number;
      projectedSum += tallies[slot + 1] as number;
      if ((flags & 2) !== 0) projectedCount += tallies[slot] as number;
      if ((flags & 1) !== 0) scoreCount += tallies[slot] as number;
    }
    secondCounts[c] = count;
    secondSums[c] = sum;
  }
  for (let s = 0; s < setCounts.length; s++) {
    setCounts[s] = tallies[2 * (off3 + s)] as number;
    setSums[s] = tallies[2 * (off3 + s) + 1] as number;
  }
  return { total, projectedSum, projectedCount, scoreSum, scoreCount };
}
