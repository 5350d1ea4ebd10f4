// Response shapes docs/api.md §4 adds to `GET /api/leads` (to move into api-types.ts when it is wired in).
import type { FacetParam } from './params';

/** `value: null` is the no-value bucket (null, absent, blank; for tags: no tag), always listed last. */
export interface FacetEntry {
  value: string | null;
  count: number;
  /** Sum of `projected_value` over the counted leads (no value counts 0), rounded to 2 decimals. */
  projected_value_sum: number;
}

export type FacetsV2 = Record<FacetParam, FacetEntry[]>;

/** Per facet: how many named values have a count > 0 (before `facet_limit`). */
export type FacetSizes = Record<FacetParam, number>;

export interface LeadsSummary {
  count: number;
  projected_value: { sum: number; avg: number | null; count: number };
  value_score: { avg: number | null; count: number };
}

/** "Rounded to 2 decimals" (docs/api.md §4), without a -0 (JSON shows it as 0, but deep equality does not). */
export function roundTo2(value: number): number {
  return Math.round(value * 100) / 100 + 0;
}
