// The errors our routes answer with (docs/api.md §2 "Errors"). Messages here are ours alone:
// nothing from an exception, the upstream or the key ever reaches a response.
import type { ErrorCode, ErrorEnvelope } from '../shared/api-types';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toEnvelope(): ErrorEnvelope {
    return { status: 'error', error_code: this.code, message: this.message };
  }
}

export const invalidParameter = (message: string) => new ApiError(400, 'INVALID_PARAMETER', message);
export const notFound = (message = 'Not found') => new ApiError(404, 'NOT_FOUND', message);
