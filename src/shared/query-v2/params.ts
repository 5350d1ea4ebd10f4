// The params that docs/api.md §4 adds to `GET /api/leads`, and their limits. The param order here is the
// API's (checking order, canonical URL order, the response's `facets` keys); the field catalogue
// (src/shared/lead-fields.ts) marks the same fields `facet`/`range`, and a type check there keeps both equal.

/** Facet filters: comma-separated exact values, OR within a param (docs/api.md §4 "More facet filters"). */
export const FACET_PARAMS = ['stage', 'tags', 'assigned_to', 'priority', 'lead_source', 'service_type'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];

export const NUMBER_RANGE_PARAMS = ['projected_value', 'value_score'] as const;
export type NumberRangeParam = (typeof NUMBER_RANGE_PARAMS)[number];

/** `stage_changed_at` arrives with the freshness issue (docs/api.md §6); listing it early costs nothing. */
export const DATE_RANGE_PARAMS = ['created_at', 'follow_up_date', 'archived_at', 'stage_changed_at'] as const;
export type DateRangeParam = (typeof DATE_RANGE_PARAMS)[number];

/** Selects leads with no value, in a facet list or alone as a range. */
export const NONE_TOKEN = '(none)';

export const QUERY_V2_LIMITS = {
  /** Values per facet param, `(none)` included. */
  facetMaxValues: 50,
  facetValueMaxLength: 200,
  /** UTF-16 code units after trimming, as in §2. */
  searchMaxLength: 200,
  searchMaxWords: 10,
  /** N in `today+N` / `today-N`. */
  relativeDaysMax: 3660,
  /** Far more than any valid range needs (two ISO instants with nanoseconds are ~72 characters). */
  rangeMaxLength: 100,
  sortMaxKeys: 3,
  facetLimitMin: 1,
  facetLimitMax: 10_000,
  facetLimitDefault: 100,
  tzMaxLength: 64,
} as const;

export const DEFAULT_TZ = 'UTC';
