// Filtering, facet counting and totals over the extracted columns (docs/api.md §4 "Facets and totals"): the
// one pass that filters (compiled-filter.ts), counts all six facets disjunctively with their value sums and
// adds up the summary.
//
// One pass, disjunctive: a lead that passes every non-facet filter (archived, search, ranges) and fails
// exactly one facet filter is counted in that facet only (the facet that ignores its own selection); one
// that fails none is a match and counts in every facet; one that fails two counts nowhere. So six facets
// cost one walk, not six. The walk is the branchless pass when the columns' shape allows, else the general
// loop (general-pass.ts).
import type { ResolvedFilter } from '../query-v2/resolve-filter';
import type { CompiledFilter } from './compiled-filter';
import { addCombinations, addTagSets, comboFailures, facetCombos, tagSetPasses, tagSets, type ComboGroup } from './facet-combos';
import { branchlessPass, failureCounts } from './branchless-pass';
import { facetResult, type PassTotals, type ScanResult } from './facet-result';
import { maskPositions, scratchFor } from './facet-scratch';
import { generalPass } from './general-pass';
import { markTagPasses } from './tag-leads';
import type { LeadColumns } from './lead-columns';

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
  const scratch = scratchFor(columns);
  const { counts, sums, tagCounts, tagSums, comboCounts, comboSums, secondCounts, secondSums, setCounts, setSums } = scratch;
  const combos = facetCombos(columns);
  const second = combos.second;
  const sets = tagSets(columns);
  // Only the facets with a selection can fail. The combined ones are judged per combination up front
  // (one byte per lead and group to read); the others are tested per lead.
  const judged = (group: ComboGroup | null) =>
    group !== null && group.members.some((s) => f.singleSelected[s] != null) ? comboFailures(group, f.singleSelected) : null;
  const comboFail = judged(combos);
  const secondFail = judged(second);
  const setPass = f.tagsSelected !== null && sets !== null ? tagSetPasses(sets, f.tagsSelected) : null;
  // A search usually leaves few leads: the pass visits only its mask's leads, listed with the mask or here.
  const { searchMask, searchPositions } = f;
  const visits = searchMask === null ? null : (searchPositions ?? scratch.positions);
  const visitCount =
    searchMask === null ? columns.size : searchPositions !== null ? searchPositions.length : maskPositions(searchMask, scratch.positions);
  let totals: PassTotals;
  if (combos.separate.length === 0 && sets !== null && f.rangeColumns.length <= 2) {
    totals = branchlessPass({
      columns,
      scratch,
      skipArchived: !f.includeArchived,
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
      secondKeys: second === null ? combos.keys : second.keys,
      secondFails: second === null ? new Uint8Array(combos.count) : failureCounts(second, secondFail),
      setOf: sets.setOf,
      setFails: setPass === null ? new Uint8Array(sets.starts.length - 1) : setPass.map((pass) => pass ^ 1),
      matched,
    });
    // The branchless pass tallied near misses per combination: decode them by the failure codes.
    addCombinations(combos, comboCounts, comboSums, counts, sums, comboFail);
    if (second !== null) addCombinations(second, secondCounts, secondSums, counts, sums, secondFail);
  } else {
    let tagPass: Uint8Array | null = null;
    if (f.tagsSelected !== null && sets === null) markTagPasses(columns, f.tagsSelected, (tagPass = scratch.tagPass));
    totals = generalPass({ columns, f, scratch, combos, comboFail, secondFail, sets, setPass, tagPass, visits, visitCount, matched });
    // The general loop counted near misses per facet already; combination tallies are matches only.
    addCombinations(combos, comboCounts, comboSums, counts, sums);
    if (second !== null) addCombinations(second, secondCounts, secondSums, counts, sums);
  }
  if (sets !== null) addTagSets(sets, setCounts, setSums, tagCounts, tagSums);
  return facetResult(columns, scratch, filter, facetLimit, totals);
}
