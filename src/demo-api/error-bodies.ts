// The demo API's answers when it refuses: Rotor's documented error envelopes (docs/api.md §1), word for word.
import { ROTOR_API_VERSION } from '../shared/rotor-api';

export type DemoFailStatus = 401 | 403 | 429 | 500 | 502 | 503 | 504;

export interface ErrorBody {
  status: 'error';
  message: string;
  error_code?: string;
}

/** Rotor's documented error envelopes (docs/api.md §1); 502–504 are what a gateway in front of it would say. */
export function failureBody(status: DemoFailStatus, dailyLimit: number): ErrorBody {
  switch (status) {
    case 401:
      return authRequiredBody();
    case 403:
      return {
        status: 'error',
        message: "Forbidden: required scope 'leads:read' not granted for this API key",
        error_code: 'INSUFFICIENT_SCOPE',
      };
    case 429:
      return rateLimitBody(dailyLimit);
    case 500:
      return { status: 'error', message: 'Internal server error' };
    case 502:
      return { status: 'error', message: 'Bad gateway' };
    case 503:
      return { status: 'error', message: 'Service unavailable' };
    case 504:
      return { status: 'error', message: 'Gateway timeout' };
  }
}

export const authRequiredBody = (): ErrorBody => ({
  status: 'error',
  message: 'Authentication required. Provide x-api-key header.',
  error_code: 'AUTHENTICATION_REQUIRED',
});
export const rateLimitBody = (limit: number): ErrorBody => ({
  status: 'error',
  message: `Daily API key request limit of ${limit} exceeded`,
  error_code: 'RATE_LIMIT_EXCEEDED',
});
export const notFoundBody = (message: string): ErrorBody => ({ status: 'error', message, error_code: 'NOT_FOUND' });
export const invalidParamBody = (message: string): ErrorBody => ({ status: 'error', message, error_code: 'INVALID_PARAMETER' });

/** A missing or other `rotor-api-version` header: this API speaks exactly one version. */
export const unsupportedVersionBody = (version: string | string[] | undefined): ErrorBody => ({
  status: 'error',
  message:
    version === undefined
      ? `Missing rotor-api-version header; this API requires version ${ROTOR_API_VERSION}`
      : `Unsupported rotor-api-version '${String(version)}'; this API requires version ${ROTOR_API_VERSION}`,
  error_code: 'UNSUPPORTED_API_VERSION',
});
