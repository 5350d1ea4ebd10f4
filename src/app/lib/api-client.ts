// The one way the SPA talks to its API: JSON in/out, the error envelope turned into a typed ApiRequestError,
// AbortSignal passed through. The base URL is '' (same origin) in the app; tests point it at a loopback server.
import { ERROR_CODES, type ErrorCode } from '../../shared/api-types';

let baseUrl = '';

export function setApiBaseUrl(url: string): void {
  baseUrl = url.replace(/\/+$/, '');
}

let zone: { name: string; at: number } | null = null;
const ZONE_FOR_MS = 60_000;

/**
 * The browser's IANA zone: `today` in a range means the rep's today (docs/api.md §4 `tz`). Building a
 * DateTimeFormat is costly and every render of the export links asks, so the answer is kept for a minute
 * (the zone changes only when the device's does).
 */
function browserTimeZone(): string {
  const now = Date.now();
  if (zone && now - zone.at < ZONE_FOR_MS) return zone.name;
  let name = 'UTC';
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // No Intl zone support: UTC.
  }
  zone = { name, at: now };
  return name;
}

let commonParams: () => Record<string, string> = () => ({});

/**
 * Params every API call carries whatever its caller passes (the "I am" owner id, `me`): set once by the
 * feature that owns them, so no fetcher needs to know about them. A caller's own param of the same name wins.
 */
export function setCommonParams(provider: () => Record<string, string>): void {
  commonParams = provider;
}

/**
 * An absolute or same-origin URL for an API path, e.g. for a download link. Every call carries `tz`, which
 * is never part of the page's own URL, so a shared link means "overdue for whoever opens it", and the
 * common params (`me`).
 */
export function apiUrl(path: string, params?: URLSearchParams): string {
  const all = new URLSearchParams(params);
  for (const [name, value] of Object.entries(commonParams())) if (!all.has(name)) all.set(name, value);
  all.set('tz', browserTimeZone());
  return `${baseUrl}${path}?${all.toString()}`;
}

/** A code for failures that never reached the server or got no envelope back. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly error_code: ErrorCode | ClientErrorCode,
    message: string,
    /** Seconds from the Retry-After header, when the server sent one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** A client-side mistake (bad param, unknown lead): asking again gives the same answer. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  params?: URLSearchParams;
  signal?: AbortSignal;
  /** JSON body of a POST/PUT/PATCH/DELETE (default {}): the server takes state changes only as JSON (CSRF). */
  body?: unknown;
  /** false: a 401 is the caller's own business (the sign-in request itself). */
  reportUnauthenticated?: boolean;
}

let unauthenticatedListener: ((message: string) => void) | null = null;

/** Told when any request answers 401 UNAUTHENTICATED (the auth feature then shows its sign-in form). */
export function onUnauthenticated(listener: ((message: string) => void) | null): void {
  unauthenticatedListener = listener;
}

export async function apiRequest<T>(
  path: string,
  { method = 'GET', params, signal, body, reportUnauthenticated = true }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      method,
      signal,
      ...(method === 'GET'
        ? { headers: { accept: 'application/json' } }
        : { headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }),
    });
  } catch (error) {
    if (signal?.aborted) throw error; // let React Query see its own cancellation
    throw new ApiRequestError(0, 'NETWORK_ERROR', 'Could not reach the dashboard server.');
  }

  if (response.status === 204) return undefined as T;
  let answer: unknown = null;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }

  if (!response.ok) {
    const envelope = answer as { error_code?: unknown; message?: unknown } | null;
    const code = isErrorCode(envelope?.error_code) ? envelope.error_code : response.status >= 500 ? 'INTERNAL_ERROR' : 'BAD_RESPONSE';
    const message = typeof envelope?.message === 'string' ? envelope.message : `Request failed with HTTP ${response.status}.`;
    if (code === 'UNAUTHENTICATED' && reportUnauthenticated) unauthenticatedListener?.(message);
    throw new ApiRequestError(response.status, code, message, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (answer === null || typeof answer !== 'object') {
    throw new ApiRequestError(response.status, 'BAD_RESPONSE', 'The server answered with something that is not JSON.');
  }
  return answer as T;
}

/** No retry for answers that will not change (4xx, spent quota); one retry for transient failures. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError) {
    if (error.isClientError || error.error_code === 'RATE_LIMIT_EXCEEDED') return false;
    if (error.error_code === 'AUTHENTICATION_REQUIRED' || error.error_code === 'INSUFFICIENT_SCOPE') return false;
  }
  return failureCount < 1;
}
