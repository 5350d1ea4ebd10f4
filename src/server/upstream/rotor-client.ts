// The only code that talks to Rotor (docs/api.md §1). It builds every request from scratch — the key,
// the version header and `accept`, nothing from the browser — bounds every phase of a call in time
// and size (http-exchange.ts), retries only what another attempt can fix, turns every failure into an
// UpstreamError and checks what comes back (lead-page.ts, sanitize-lead.ts).
import http from 'node:http';
import https from 'node:https';
import type { Lead } from '../../shared/lead';
import { ROTOR_API_VERSION } from '../../shared/rotor-api';
import { DEFAULT_TIMEOUTS, sendGet, toUpstreamError, type RawResponse, type UpstreamTimeouts } from './http-exchange';
import { TimeSlice } from '../runtime/time-slice';
import type { LeadPage } from './lead-page';
import { parseLeadPageText } from './lead-page-text';
import { isPlainObject, sanitizeLead } from './sanitize-lead';
import { UpstreamError, type UpstreamFailureKind } from './upstream-error';

export interface RotorClientOptions {
  /** Base URL including its path, e.g. https://api.getrotor.com/open-api (a trailing slash is fine). */
  baseUrl: string;
  apiKey: string;
  timeouts?: Partial<UpstreamTimeouts>;
  /** Bodies larger than this are refused (a 1000-lead page is a few MB). */
  maxBodyBytes?: number;
  /** Further attempts after the first, for retryable failures only. */
  maxRetries?: number;
  /** Full-jitter backoff: the n-th retry waits a random time in [0, min(maxDelay, base·2ⁿ)). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Told about every attempt, retries included, before it is sent (the quota counter). */
  onAttempt?: () => void;
  /** Called when an attempt ends: 'ok' or the failure kind (the rotor_upstream_requests_total metric). */
  onAttemptDone?: (outcome: 'ok' | UpstreamFailureKind) => void;
  /** Where attempt outcomes are logged (status, duration; never the key or upstream text). */
  log?: { debug(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  random?: () => number;
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Params of upstream `GET /leads`; undefined ones are left out. */
export interface ListLeadsParams {
  archived?: boolean;
  limit?: number;
  page?: number;
  search?: string;
  stage?: string;
  tags?: string[];
}

/** Per call: the abort signal and who hears about each attempt before it is sent (it may throw to
 *  stop the call, e.g. when the quota cannot pay for it). */
export interface CallOptions {
  signal?: AbortSignal;
  onAttempt?: () => void;
}

export class RotorClient {
  private readonly base: URL;
  private readonly timeouts: UpstreamTimeouts;
  private readonly maxBodyBytes: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly random: () => number;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 4 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 4 }),
  };

  constructor(private readonly options: RotorClientOptions) {
    this.base = new URL(options.baseUrl);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
    this.retryMaxDelayMs = options.retryMaxDelayMs ?? 2_000;
    this.random = options.random ?? Math.random;
  }

  /** base path (trailing slashes dropped) + fixed resource path + encoded params. */
  buildUrl(resourcePath: string, params?: URLSearchParams): URL {
    const url = new URL(this.base.href);
    url.pathname = url.pathname.replace(/\/+$/, '') + resourcePath;
    url.search = params?.toString() ?? '';
    url.hash = '';
    return url;
  }

  async listLeads(params: ListLeadsParams, call: CallOptions = {}): Promise<LeadPage> {
    const query = new URLSearchParams();
    if (params.archived !== undefined) query.set('archived', String(params.archived));
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.page !== undefined) query.set('page', String(params.page));
    if (params.search !== undefined) query.set('search', params.search);
    if (params.stage !== undefined) query.set('stage', params.stage);
    if (params.tags !== undefined && params.tags.length > 0) query.set('tags', params.tags.join(','));
    // A page of 1,000 leads is parsed and sanitised between pauses of the event loop (lead-page-text.ts).
    const page = await this.getJson(this.buildUrl('/leads', query), call, (text, bytes) => parseLeadPageText(text, bytes, new TimeSlice()));
    if (page === null) throw new UpstreamError('malformed', 'lead list has an unexpected shape', false);
    return page;
  }

  /** One lead, or null when upstream says 404. */
  async getLead(id: string, call: CallOptions = {}): Promise<Lead | null> {
    let body: unknown;
    try {
      body = await this.getJson(this.buildUrl(`/leads/${encodeURIComponent(id)}`), call, parseWhole);
    } catch (error) {
      if (error instanceof UpstreamError && error.httpStatus === 404) return null;
      throw error;
    }
    if (!isPlainObject(body) || !isPlainObject(body.data)) throw new UpstreamError('malformed', 'lead has an unexpected shape', false);
    return sanitizeLead(body.data);
  }

  /** Frees pooled connections (on server close). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** GET `url` with retries; a 2xx body is handed to `parse` (a SyntaxError from it: not JSON). */
  private async getJson<T>(url: URL, call: CallOptions, parse: BodyParser<T>): Promise<T> {
    const { signal } = call;
    for (let retry = 0; ; retry++) {
      try {
        // An abort during the backoff must not count (or send) an attempt.
        if (signal?.aborted) throw new UpstreamError('unavailable', 'aborted', false);
        call.onAttempt?.();
        this.options.onAttempt?.();
        return await this.attempt(url, signal, parse);
      } catch (error) {
        const failure = toUpstreamError(error);
        if (signal?.aborted || !failure.retryable || retry >= this.maxRetries) throw failure;
        const cap = Math.min(this.retryMaxDelayMs, this.retryBaseDelayMs * 2 ** retry);
        await sleep(this.random() * cap, signal);
      }
    }
  }

  private async attempt<T>(url: URL, signal: AbortSignal | undefined, parse: BodyParser<T>): Promise<T> {
    try {
      const body = await this.attemptOnce(url, signal, parse);
      this.options.onAttemptDone?.('ok');
      return body;
    } catch (error) {
      this.options.onAttemptDone?.(toUpstreamError(error).kind);
      throw error;
    }
  }

  private async attemptOnce<T>(url: URL, signal: AbortSignal | undefined, parse: BodyParser<T>): Promise<T> {
    const started = performance.now();
    const logFields = { path: url.pathname, query: url.search };
    let response: RawResponse;
    try {
      response = await sendGet(url, {
        agents: this.agents,
        // Built from scratch every time: the key, the version, `accept` — nothing from the browser.
        headers: { 'x-api-key': this.options.apiKey, 'rotor-api-version': ROTOR_API_VERSION, accept: 'application/json' },
        timeouts: this.timeouts,
        maxBodyBytes: this.maxBodyBytes,
        signal,
      });
    } catch (error) {
      const failure = toUpstreamError(error);
      this.options.log?.warn({ ...logFields, failure: failure.detail, ms: elapsed(started) }, 'upstream call failed');
      throw failure;
    }
    this.options.log?.debug({ ...logFields, status: response.status, ms: elapsed(started) }, 'upstream call');
    const { status } = response;
    if (status >= 200 && status < 300) {
      try {
        return await parse(response.body.toString('utf8'), response.body.length);
      } catch {
        throw new UpstreamError('malformed', `HTTP ${status} body is not JSON`, false, status);
      }
    }
    if (status === 401) throw new UpstreamError('authentication', 'HTTP 401', false, status);
    if (status === 403) throw new UpstreamError('scope', 'HTTP 403', false, status);
    if (status === 429) throw new UpstreamError('rate-limit', 'HTTP 429', false, status);
    if (status >= 500) throw new UpstreamError('unavailable', `HTTP ${status}`, RETRYABLE_STATUSES.has(status), status);
    // 3xx (we follow no redirects: the key must not travel elsewhere) and other 4xx.
    throw new UpstreamError('malformed', `unexpected HTTP ${status}`, false, status);
  }
}

/** A 2xx body's text (and its size in bytes) into what the call returns; throws SyntaxError when it is not JSON. */
type BodyParser<T> = (text: string, bytes: number) => T | Promise<T>;

const parseWhole: BodyParser<unknown> = (text) => JSON.parse(text) as unknown;

/** Resolves after `ms` or on abort, whichever comes first; the listener goes with it (the store's signal
 *  lives as long as the server: one listener left per retry would pile up). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const elapsed = (started: number) => Math.round(performance.now() - started);
