// Turning per-value tallies into a facet's response list (docs/api.md §4 "Facets and totals"), and the summary.
// The index counts; these order, cap and round, so every facet follows the same rules:
// named values by count desc then value (code units); the first `limit` of them, then every selected value
// not among them (same order), then the no-value bucket when its count > 0 or (none) is selected.
import type { FacetSelection } from './facet-list';
import { roundTo2, type FacetEntry, type LeadsSummary } from './response-types';

export interface FacetTally {
  value: string;
  count: number;
  /** Unrounded sum of projected_value of the counted leads (no value counts 0). */
  sum: number;
}

const before = (a: FacetTally, b: FacetTally) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** Index of the first element of sorted `top` that `tally` goes before (binary search). */
function insertionPoint(top: FacetTally[], tally: FacetTally): number {
  let low = 0;
  let high = top.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(top[middle] as FacetTally, tally) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `tallies`: one per named value with count > 0 (values are distinct); or, when the caller counted them
 * (`namedCount`), at least the first `limit` of them in this order plus every selected one. `none`: the
 * no-value bucket. `size` is facet_sizes' number for this facet. Keeps only the top `limit` while reading,
 * so 3,000 tags with `facet_limit=100` cost ~3,000 comparisons, not a sort of 3,000.
 */
export function facetEntries(
  tallies: Iterable<FacetTally>,
  none: { count: number; sum: number },
  selection: FacetSelection | undefined,
  limit: number,
  namedCount?: number,
): { entries: FacetEntry[]; size: number } {
  const top: FacetTally[] = [];
  const selected = new Set(selection?.values ?? []);
  const selectedSeen = new Map<string, FacetTally>();
  let size = 0;
  for (const tally of tallies) {
    if (tally.count <= 0) continue;
    size += 1;
    if (selected.has(tally.value)) selectedSeen.set(tally.value, tally);
    if (top.length === limit && before(tally, top[limit - 1] as FacetTally) >= 0) continue;
    // Tallies given in list order (the server's, facet-top.ts) each go at the end: no search.
    if (top.length < limit && (top.length === 0 || before(tally, top[top.length - 1] as FacetTally) > 0)) {
      top.push(tally);
      continue;
    }
    // Inserted in place (splice would allocate its removed-elements array on every call).
    const at = insertionPoint(top, tally);
    if (top.length < limit) top.push(tally);
    for (let k = top.length - 1; k > at; k--) top[k] = top[k - 1] as FacetTally;
    top[at] = tally;
  }
  const rest: FacetTally[] = [];
  if (selected.size > 0) {
    const listed = new Set(top.map((t) => t.value));
    for (const value of selected) if (!listed.has(value)) rest.push(selectedSeen.get(value) ?? { value, count: 0, sum: 0 });
    rest.sort(before);
  }
  const entries: FacetEntry[] = [];
  for (const t of top) entries.push({ value: t.value, count: t.count, projected_value_sum: roundTo2(t.sum) });
  for (const t of rest) entries.push({ value: t.value, count: t.count, projected_value_sum: roundTo2(t.sum) });
  if (none.count > 0 || selection?.none === true) entries.push({ value: null, count: none.count, projected_value_sum: roundTo2(none.sum) });
  return { entries, size: namedCount ?? size };
}

/** The `summary` object from sums over the matching leads (numbers are finite values only). */
export function leadsSummary(totals: {
  count: number;
  projectedSum: number;
  projectedCount: number;
  scoreSum: number;
  scoreCount: number;
}): LeadsSummary {
  const avg = (sum: number, n: number) => (n === 0 ? null : roundTo2(sum / n));
  return {
    count: totals.count,
    projected_value: {
      sum: roundTo2(totals.projectedSum),
      avg: avg(totals.projectedSum, totals.projectedCount),
      count: totals.projectedCount,
    },
    value_score: { avg: avg(totals.scoreSum, totals.scoreCount), count: totals.scoreCount },
  };
}
