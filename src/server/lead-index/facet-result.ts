// A pass's tallies made into the answer's facets (capped lists with sums, docs/api.md §4) and summary.
import { facetEntries, leadsSummary, type FacetTally } from '../../shared/query-v2/facet-entries';
import { FACET_PARAMS, type FacetParam } from '../../shared/query-v2/params';
import type { FacetEntry, FacetsV2, FacetSizes, LeadsSummary } from '../../shared/query-v2/response-types';
import type { FacetSelection } from '../../shared/query-v2/facet-list';
import type { ResolvedFilter } from '../query-v2/resolve-filter';
import type { PassScratch } from './facet-scratch';
import { topKeys } from './facet-top';
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

/**
 * What facetEntries needs of one facet: the first `limit` named values in list order (facet-top.ts) and
 * every selected value with a count, not a tally per value; and how many values have a count.
 */
function candidates(
  dictionary: Dictionary,
  counts: Uint32Array,
  sums: Float64Array,
  selection: FacetSelection | undefined,
  limit: number,
): { tallies: FacetTally[]; size: number } {
  const keys: number[] = [];
  const size = topKeys(counts, limit, keys);
  for (const value of selection?.values ?? []) {
    const key = dictionary.keyOf.get(value);
    if (key !== undefined && (counts[key] as number) > 0 && !keys.includes(key)) keys.push(key);
  }
  const tallies = keys.map((key) => ({
    value: dictionary.values[key - 1] as string,
    count: counts[key] as number,
    sum: sums[key] as number,
  }));
  return { tallies, size };
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
    const selection = filter.facets[param];
    const listed = candidates(dictionary, c, sum, selection, facetLimit);
    const { entries, size } = facetEntries(
      listed.tallies,
      { count: c[0] as number, sum: sum[0] as number },
      selection,
      facetLimit,
      listed.size,
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
