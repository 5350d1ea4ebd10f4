// A pass's tallies made into the answer's facets (capped lists with sums, docs/api.md §4) and summary.
import { facetEntries, leadsSummary, type FacetTally } from '../../shared/query-v2/facet-entries';
import { FACET_PARAMS, type FacetParam } from '../../shared/query-v2/params';
import type { FacetEntry, FacetsV2, FacetSizes, LeadsSummary } from '../../shared/query-v2/response-types';
import type { ResolvedFilter } from '../query-v2/resolve-filter';
import type { PassScratch } from './facet-scratch';
import { SINGLE_FACETS, type Dictionary, type LeadColumns } from './lead-columns';

export interface PassTotals {
  total: number;
  projectedSum: number;
  projectedCount: number;
  scoreSum: number;
  scoreCount: number;
}

export interface ScanResult {
  total: number;
  facets: FacetsV2;
  facetSizes: FacetSizes;
  summary: LeadsSummary;
}

/** Tallies of one facet's counts and sums as facetEntries reads them (only values with a count). */
function* tallies(dictionary: Dictionary, counts: Uint32Array, sums: Float64Array): Generator<FacetTally> {
  for (let key = 1; key < counts.length; key++) {
    const count = counts[key] as number;
    if (count > 0) yield { value: dictionary.values[key - 1] as string, count, sum: sums[key] as number };
  }
}

/** The facets from the per-facet tallies in `scratch` (combinations and tag sets already added to them). */
export function facetResult(
  columns: LeadColumns,
  scratch: PassScratch,
  filter: ResolvedFilter,
  facetLimit: number,
  totals: PassTotals,
): ScanResult {
  const { counts, sums, tagCounts, tagSums } = scratch;
  const facets = {} as Record<FacetParam, FacetEntry[]>;
  const facetSizes = {} as Record<FacetParam, number>;
  const put = (param: FacetParam, dictionary: Dictionary, c: Uint32Array, sum: Float64Array) => {
    const { entries, size } = facetEntries(
      tallies(dictionary, c, sum),
      { count: c[0] as number, sum: sum[0] as number },
      filter.facets[param],
      facetLimit,
    );
    facets[param] = entries;
    facetSizes[param] = size;
  };
  for (const param of FACET_PARAMS) {
    if (param === 'tags') put(param, columns.tags, tagCounts, tagSums);
    else {
      const s = SINGLE_FACETS.indexOf(param);
      put(param, columns.single[param].dictionary, counts[s] as Uint32Array, sums[s] as Float64Array);
    }
  }
  return { total: totals.total, facets, facetSizes, summary: leadsSummary({ ...totals, count: totals.total }) };
}
