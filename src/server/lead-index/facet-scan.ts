// Filtering, facet counting and totals over the extracted columns (docs/api.md §4 "Facets and totals"): a
// filter compiled into lookups by key, the match test, and the one pass that filters, counts all six facets
// disjunctively with their value sums and adds up the summary.
//
// One pass, disjunctive: a lead that passes every non-facet filter (archived, search, ranges) and fails
// exactly one facet filter is counted in that facet only (the facet that ignores its own selection); one
// that fails none is a match and counts in every facet; one that fails two counts nowhere. So six facets
// cost one walk, not six.
import type { FacetSelection } from '../../shared/query-v2/facet-list';
import type { ResolvedFilter } from '../query-v2/resolve-filter';
import {
  addCombinations,
  addTagSets,
  COMBO_FAILS_TWICE,
  COMBO_PASSES,
  comboFailures,
  facetCombos,
  tagSetPasses,
  tagSets,
  type ComboGroup,
} from './facet-combos';
import { branchlessPass, failureCounts } from './branchless-pass';
import { facetResult, type ScanResult } from './facet-result';
import { maskPositions, scratchFor } from './facet-scratch';
import { RANGE_FIELDS, SINGLE_FACETS, type Dictionary, type LeadColumns } from './lead-columns';

/** A filter turned into lookups over lead positions and facet keys. */
export interface CompiledFilter {
  includeArchived: boolean;
  /** null: no search. */
  searchMask: Uint8Array | null;
  /** Per single facet (SINGLE_FACETS order): null for no filter, else selected[key] (key 0: no value). */
  singleSelected: (Uint8Array | null)[];
  tagsSelected: Uint8Array | null;
  /** The range filters given: column, bounds, and whether only no-value leads match. */
  rangeColumns: Float64Array[];
  rangeMin: Float64Array;
  rangeMax: Float64Array;
  rangeNone: Uint8Array;
}

function selectedKeys(selection: FacetSelection, dictionary: Dictionary, forceActive: boolean): Uint8Array | null {
  if (selection.values.length === 0 && !selection.none && !forceActive) return null;
  const selected = new Uint8Array(dictionary.values.length + 1);
  if (selection.none) selected[0] = 1;
  for (const value of selection.values) {
    const key = dictionary.keyOf.get(value);
    if (key !== undefined) selected[key] = 1;
  }
  return selected;
}

export function compileFilter(columns: LeadColumns, filter: ResolvedFilter, searchMask: (search: string) => Uint8Array): CompiledFilter {
  const entries = RANGE_FIELDS.flatMap((field) => {
    const range = filter.ranges[field];
    return range === undefined ? [] : [{ column: columns.ranges[field], range }];
  });
  return {
    includeArchived: filter.archived,
    searchMask: filter.search === '' ? null : searchMask(filter.search),
    singleSelected: SINGLE_FACETS.map((field) =>
      selectedKeys(filter.facets[field], columns.single[field].dictionary, field === 'assigned_to' && filter.ownerMatchesNothing),
    ),
    tagsSelected: selectedKeys(filter.facets.tags, columns.tags, false),
    rangeColumns: entries.map((e) => e.column),
    rangeMin: Float64Array.from(entries, (e) => (e.range.kind === 'none' ? 0 : e.range.min)),
    rangeMax: Float64Array.from(entries, (e) => (e.range.kind === 'none' ? 0 : e.range.max)),
    rangeNone: Uint8Array.from(entries, (e) => (e.range.kind === 'none' ? 1 : 0)),
  };
}

/**
 * The range filters from the `from`-th on (NaN, no value, fails both comparisons, and only NaN is unequal to
 * itself).
 */
function passesRanges(i: number, f: CompiledFilter, from = 0): boolean {
  for (let r = from; r < f.rangeColumns.length; r++) {
    const value = (f.rangeColumns[r] as Float64Array)[i] as number;
    if (f.rangeNone[r] === 1 ? value === value : !(value >= (f.rangeMin[r] as number) && value <= (f.rangeMax[r] as number))) return false;
  }
  return true;
}

/** Archived, search and ranges: the filters every facet applies. */
function passesCommon(columns: LeadColumns, i: number, f: CompiledFilter): boolean {
  if (!f.includeArchived && columns.archived[i] === 1) return false;
  if (f.searchMask !== null && f.searchMask[i] === 0) return false;
  return passesRanges(i, f);
}

function passesTags(columns: LeadColumns, i: number, selected: Uint8Array): boolean {
  const from = columns.tagStarts[i] as number;
  const to = columns.tagStarts[i + 1] as number;
  if (from === to) return selected[0] === 1;
  for (let t = from; t < to; t++) if (selected[columns.tagKeys[t] as number] === 1) return true;
  return false;
}

export function matches(columns: LeadColumns, i: number, f: CompiledFilter): boolean {
  if (!passesCommon(columns, i, f)) return false;
  for (let s = 0; s < SINGLE_FACETS.length; s++) {
    const selected = f.singleSelected[s];
    if (selected != null && selected[columns.single[SINGLE_FACETS[s] as (typeof SINGLE_FACETS)[number]].keys[i] as number] !== 1)
      return false;
  }
  return f.tagsSelected === null || passesTags(columns, i, f.tagsSelected);
}

export type { ScanResult };

/**
 * One pass over every lead (in position order: sequential reads): the total, the six facets with sums, the
 * summary, and `matched[i] = 1` for each match (the caller's scratch, all 0 on entry) so a page can be
 * collected from any sort order without testing the filters again. A match counts its combined facets
 * (facet-combos.ts) with one increment; a lead failing one facet counts in that facet alone.
 */
export function scanWithFacets(
  columns: LeadColumns,
  f: CompiledFilter,
  filter: ResolvedFilter,
  facetLimit: number,
  matched: Uint8Array,
): ScanResult {
  const n = columns.size;
  const TAGS = SINGLE_FACETS.length; // index of tags among the failure slots
  const keyColumns = SINGLE_FACETS.map((field) => columns.single[field].keys);
  const scratch = scratchFor(columns);
  const { counts, sums, tagCounts, tagSums, comboCounts, comboSums, secondCounts, secondSums, setCounts, setSums } = scratch;
  const combos = facetCombos(columns);
  const comboKeys = combos.keys;
  const second = combos.second;
  const hasSecond = second !== null;
  const secondKeys = second === null ? comboKeys : second.keys;
  const separate = combos.separate;
  const sets = tagSets(columns);
  const setOf = sets === null ? null : sets.setOf;
  // Only the facets with a selection can fail. The combined ones are judged per combination up front
  // (one byte per lead and group to read); the others are tested per lead.
  const judged = (group: ComboGroup | null) =>
    group !== null && group.members.some((s) => f.singleSelected[s] != null) ? comboFailures(group, f.singleSelected) : null;
  const comboFail = judged(combos);
  const secondFail = judged(second);
  const active = separate.filter((s) => f.singleSelected[s] != null);
  const activeKeys = active.map((s) => keyColumns[s] as Uint32Array);
  const activeSelected = active.map((s) => f.singleSelected[s] as Uint8Array);
  const activeCount = active.length;
  const { tagStarts, tagKeys, archived } = columns;
  const tagsSelected = f.tagsSelected;
  const setPass = tagsSelected !== null && sets !== null ? tagSetPasses(sets, tagsSelected) : null;
  const skipArchived = !f.includeArchived;
  const searchMask = f.searchMask;
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
  // A search usually leaves few leads: the pass visits only its mask's leads, listed up front.
  const visits = searchMask === null ? null : scratch.positions;
  const visitCount = searchMask === null ? n : maskPositions(searchMask, scratch.positions);
  if (separate.length === 0 && sets !== null && rangeCount <= 2) {
    const totals = branchlessPass({
      columns,
      scratch,
      skipArchived,
      visits,
      visitCount,
      ranges: f.rangeColumns.map((column, r) => ({
        column,
        none: f.rangeNone[r] === 1,
        min: f.rangeMin[r] as number,
        max: f.rangeMax[r] as number,
      })),
      first: combos,
      firstFails: failureCounts(combos, comboFail),
      secondKeys,
      secondFails: second === null ? new Uint8Array(combos.count) : failureCounts(second, secondFail),
      setOf: sets.setOf,
      setFails: setPass === null ? new Uint8Array(sets.starts.length - 1) : setPass.map((pass) => pass ^ 1),
      matched,
    });
    addCombinations(combos, comboCounts, comboSums, counts, sums, comboFail);
    if (second !== null) addCombinations(second, secondCounts, secondSums, counts, sums, secondFail);
    addTagSets(sets, setCounts, setSums, tagCounts, tagSums);
    return facetResult(columns, scratch, filter, facetLimit, totals);
  }
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
      (setPass !== null ? setPass[(setOf as Uint32Array)[i] as number] !== 1 : !passesTags(columns, i, tagsSelected))
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
  addCombinations(combos, comboCounts, comboSums, counts, sums);
  if (second !== null) addCombinations(second, secondCounts, secondSums, counts, sums);
  if (sets !== null) addTagSets(sets, setCounts, setSums, tagCounts, tagSums);
  return facetResult(columns, scratch, filter, facetLimit, { total, projectedSum, projectedCount, scoreSum, scoreCount });
}
