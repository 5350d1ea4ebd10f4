// Response shapes of the dashboard's own API (docs/api.md §2), shared by the server and the SPA.
import type { Lead } from './lead';
import type { FacetEntry, FacetsV2, FacetSizes, LeadsSummary } from './query-v2/response-types';

export type { FacetEntry, FacetsV2, FacetSizes, LeadsSummary };

export const ERROR_CODES = [
  'INVALID_PARAMETER',
  'NOT_FOUND',
  // Saved views (docs/api.md §2 "Saved views"): a taken name, the per-owner cap, a built-in or another's view.
  'CONFLICT',
  'LIMIT_REACHED',
  'FORBIDDEN',
  'AUTHENTICATION_REQUIRED',
  'INSUFFICIENT_SCOPE',
  'RATE_LIMIT_EXCEEDED',
  'UPSTREAM_UNAVAILABLE',
  'REFRESH_TOO_SOON',
  'UNAUTHENTICATED',
  'TOO_MANY_ATTEMPTS',
  'RATE_LIMITED',
  'FORBIDDEN_HOST',
  'INTERNAL_ERROR',
  'NOT_READY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  status: 'error';
  error_code: ErrorCode;
  message: string;
}

/** A named facet value and its count (a FacetEntry whose value is not the no-value bucket). */
export interface FacetValue {
  value: string;
  count: number;
}

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  has_more: boolean;
}

export interface DataMeta {
  /** ISO instant of the last successful sync; null before the first one. */
  synced_at: string | null;
  stale: boolean;
}

export interface LeadsResponse {
  status: 'success';
  data: Lead[];
  pagination: Pagination;
  /** One list per facet param (docs/api.md §4 "Facets and totals"), capped by facet_limit. */
  facets: FacetsV2;
  /** Per facet, how many named values have a count > 0 (before facet_limit). */
  facet_sizes: FacetSizes;
  /** Over every matching lead, not the page. */
  summary: LeadsSummary;
  meta: DataMeta;
}

export interface LeadResponse {
  status: 'success';
  data: Lead;
}

export interface SyncStatus {
  source: 'demo' | 'rotor';
  synced_at: string | null;
  stale: boolean;
  syncing: boolean;
  lead_count: number;
  upstream_requests_today: number;
  daily_limit: number;
  next_refresh_at: string | null;
  /**
   * A manual refresh (POST /api/refresh) within this many ms of the last sync's start is refused with 429
   * REFRESH_TOO_SOON. A fixed setting rather than an instant, so the SPA can word a refusal without a clock
   * comparison against a status that may be 30 s old.
   */
  manual_refresh_min_interval_ms: number;
  /** interval: every refresh interval; daily: one full sync a day after the UTC reset (a sync costs more
   *  than half the limit); unaffordable: a sync costs more than the limit allows, no automatic refresh. */
  refresh_mode: 'interval' | 'daily' | 'unaffordable';
  /** Upstream calls one full sync costs. */
  pages_per_sync: number;
  /** Why the last sync failed (our words, e.g. "incomplete: received 2000 of 21500 leads"); null after a success. */
  last_error: string | null;
  /** When the newest page was last polled (docs/api.md §6); null before any poll. */
  last_poll_at: string | null;
  /** When the next poll may run; null when polling is off (or no data is held yet). */
  next_poll_at: string | null;
  /** How far the sync running now has got; null when none runs. */
  sync_progress: SyncProgress | null;
}

/** A running sync's progress (docs/api.md §2 `GET /api/status`): what the SPA's first-load progress bar shows. */
export interface SyncProgress {
  /** Pages fetched so far. */
  pages_done: number;
  /** ⌈pagination.total / page size⌉ from the first page; null before it arrives or when upstream sends no total. */
  pages_expected: number | null;
  /** Distinct leads received so far. */
  leads_received: number;
  /** pagination.total of the first page; null before it arrives or when upstream sends none. */
  leads_expected: number | null;
}

export interface StatusResponse {
  status: 'success';
  data: SyncStatus;
}

/** GET /api/session: who is signed in, and how (`none`: no auth mode, loopback only; username null). */
export type AuthMode = 'none' | 'users-file' | 'trusted-header';

export interface SessionResponse {
  status: 'success';
  /** assigned_to: the user's owner id from the users file (docs/api.md §2 "(me)"); null when unknown. */
  data: { username: string | null; mode: AuthMode; assigned_to: string | null };
}
