// A failed upstream call, typed by what it means for the dashboard. `detail` is for our logs only and
// is built from our own words, status codes and error codes: upstream text never goes into it.
import { ApiError } from '../errors';

export type UpstreamFailureKind =
  /** 401: the server's key was refused. */
  | 'authentication'
  /** 403: the key lacks the leads:read scope. */
  | 'scope'
  /** 429: the key's daily quota is spent. */
  | 'rate-limit'
  /** No answer within a connect/headers/body deadline. */
  | 'timeout'
  /** Connection refused/reset, DNS, or a 5xx. */
  | 'unavailable'
  /** An answer we cannot use: not JSON, wrong shape, too large, an unexpected 3xx/4xx. */
  | 'malformed'
  /** Pages that do not add up to the whole set (totals disagree, a repeated page, caps reached). */
  | 'incomplete';

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly kind: UpstreamFailureKind,
    readonly detail: string,
    /** Whether another attempt may help: network errors, timeouts, 502/503/504. */
    readonly retryable: boolean,
    readonly httpStatus?: number,
  ) {
    super(`upstream ${kind}: ${detail}`);
  }

  /**
   * The dashboard's answer when this failure leaves us without data (docs/api.md §2 "Errors").
   * The key problems are the operator's, so they are 502 to the browser, never 401/403.
   */
  toApiError(retryAfterSeconds?: number): ApiError {
    const retryAfter: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    switch (this.kind) {
      case 'authentication':
        return new ApiError(502, 'AUTHENTICATION_REQUIRED', 'The lead service refused the server’s API key.', retryAfter);
      case 'scope':
        return new ApiError(502, 'INSUFFICIENT_SCOPE', 'The server’s API key may not read leads.', retryAfter);
      case 'rate-limit':
        return new ApiError(
          503,
          'RATE_LIMIT_EXCEEDED',
          'The daily request quota of the lead service is spent; try again after it resets.',
          retryAfter,
        );
      case 'timeout':
        return new ApiError(504, 'UPSTREAM_UNAVAILABLE', 'The lead service did not answer in time.', retryAfter);
      case 'unavailable':
      case 'malformed':
      case 'incomplete':
        return new ApiError(502, 'UPSTREAM_UNAVAILABLE', 'The lead service is unavailable.', retryAfter);
    }
  }
}
