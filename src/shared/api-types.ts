// Response shapes of the dashboard's own API (docs/api.md §2), shared by the server and the SPA.
import type { Lead } from './lead';

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
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  status: 'error';
  error_code: ErrorCode;
  message: string;
}

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
  facets: { stage: FacetValue[]; tags: FacetValue[] };
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
