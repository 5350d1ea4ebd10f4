// The only code that talks to Rotor (docs/api.md §1). It builds every request from scratch — the key,
// the version header and `accept`, nothing from the browser — bounds every phase of a call in time
// and size, retries only what another attempt can fix, and turns every failure into an UpstreamError.
import http from 'node:http';
import https from 'node:https';
import type { Lead } from '../../shared/lead';
import { ROTOR_API_VERSION } from '../../shared/rotor-api';
import { isPlainObject, leadIdOf, sanitizeLead, type RefusedId } from './sanitize-lead';
import { UpstreamError, type UpstreamFailureKind } from './upstream-error';

export interface UpstreamTimeouts {
  /** Until the TCP (and TLS) connection is up. */
  connectMs: number;
  /** From the start of the attempt until the response headers are in. */
  headersMs: number;
  /** From the headers until the last byte of the body (a slow-drip body fails here). */
  bodyMs: number;
}

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

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = { connectMs: 5_000, headersMs: 15_000, bodyMs: 30_000 };
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

export interface LeadPage {
  /** The leads the dashboard can hold: each with an id it can open. */
  leads: Lead[];
  hasMore: boolean;
  /** Leads left out, by reason (no id, an id a JSON number cannot carry exactly, a malformed id). */
  refused: Partial<Record<RefusedId, number>>;
  /** Size of the response body. */
  bytes: number;
  /** As upstream reported them, when it did. */
  limit?: number;
  page?: number;
  total?: number;
}

interface RawResponse {
  status: number;
  body: Buffer;
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

class AttemptTimeout extends Error {
  constructor(readonly phase: 'connect' | 'headers' | 'body') {
    super(`timeout: ${phase}`);
  }
}

class BodyTooLarge extends Error {}

export class RotorClient {
  private readonly base: URL;
  private readonly timeouts: UpstreamTimeouts;
  private readonly maxBodyBytes: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly random: () => number;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });

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
    const { json, bytes } = await this.getJson(this.buildUrl('/leads', query), call);
    const page = parseLeadPage(json, bytes);
    if (page === null) throw new UpstreamError('malformed', 'lead list has an unexpected shape', false);
    return page;
  }

  /** One lead, or null when upstream says 404. */
  async getLead(id: string, call: CallOptions = {}): Promise<Lead | null> {
    let body: unknown;
    try {
      body = (await this.getJson(this.buildUrl(`/leads/${encodeURIComponent(id)}`), call)).json;
    } catch (error) {
      if (error instanceof UpstreamError && error.httpStatus === 404) return null;
      throw error;
    }
    if (!isPlainObject(body) || !isPlainObject(body.data)) throw new UpstreamError('malformed', 'lead has an unexpected shape', false);
    return sanitizeLead(body.data);
  }

  /** Frees pooled connections (on server close). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async getJson(url: URL, call: CallOptions): Promise<{ json: unknown; bytes: number }> {
    const { signal } = call;
    for (let retry = 0; ; retry++) {
      try {
        // An abort during the backoff must not count (or send) an attempt.
        if (signal?.aborted) throw new UpstreamError('unavailable', 'aborted', false);
        call.onAttempt?.();
        this.options.onAttempt?.();
        return await this.attempt(url, signal);
      } catch (error) {
        const failure = toUpstreamError(error);
        if (signal?.aborted || !failure.retryable || retry >= this.maxRetries) throw failure;
        const cap = Math.min(this.retryMaxDelayMs, this.retryBaseDelayMs * 2 ** retry);
        await sleep(this.random() * cap, signal);
      }
    }
  }

  private async attempt(url: URL, signal?: AbortSignal): Promise<{ json: unknown; bytes: number }> {
    try {
      const body = await this.attemptOnce(url, signal);
      this.options.onAttemptDone?.('ok');
      return body;
    } catch (error) {
      this.options.onAttemptDone?.(toUpstreamError(error).kind);
      throw error;
    }
  }

  private async attemptOnce(url: URL, signal?: AbortSignal): Promise<{ json: unknown; bytes: number }> {
    const started = performance.now();
    const logFields = { path: url.pathname, query: url.search };
    let response: RawResponse;
    try {
      response = await this.send(url, signal);
    } catch (error) {
      const failure = toUpstreamError(error);
      this.options.log?.warn({ ...logFields, failure: failure.detail, ms: elapsed(started) }, 'upstream call failed');
      throw failure;
    }
    this.options.log?.debug({ ...logFields, status: response.status, ms: elapsed(started) }, 'upstream call');
    const { status } = response;
    if (status >= 200 && status < 300) {
      try {
        return { json: JSON.parse(response.body.toString('utf8')), bytes: response.body.length };
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

  /** One HTTP exchange with connect / headers / body deadlines and a body size cap. */
  private send(url: URL, outerSignal?: AbortSignal): Promise<RawResponse> {
    const controller = new AbortController();
    const abort = (reason: unknown) => controller.abort(reason);
    const onOuterAbort = () => abort(outerSignal?.reason);
    if (outerSignal?.aborted) return Promise.reject(outerSignal.reason);
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

    const timers: NodeJS.Timeout[] = [];
    const after = (ms: number, phase: AttemptTimeout['phase']) => timers.push(setTimeout(() => abort(new AttemptTimeout(phase)), ms));
    after(this.timeouts.headersMs, 'headers');
    const connectTimer = setTimeout(() => abort(new AttemptTimeout('connect')), this.timeouts.connectMs);

    const isHttps = url.protocol === 'https:';
    const request = (isHttps ? https : http).request(url, {
      method: 'GET',
      agent: isHttps ? this.httpsAgent : this.httpAgent,
      headers: {
        'x-api-key': this.options.apiKey,
        'rotor-api-version': ROTOR_API_VERSION,
        accept: 'application/json',
      },
    });

    const done = () => {
      clearTimeout(connectTimer);
      for (const timer of timers) clearTimeout(timer);
      outerSignal?.removeEventListener('abort', onOuterAbort);
    };

    return new Promise<RawResponse>((resolve, reject) => {
      const fail = (error: unknown) => {
        done();
        reject(controller.signal.aborted ? controller.signal.reason : error);
      };
      // Aborting (a deadline, the size cap, shutdown) tears the exchange down and settles the promise
      // with the abort's reason; destroy() without an error keeps Node from throwing it anywhere else.
      controller.signal.addEventListener(
        'abort',
        () => {
          request.destroy();
          fail(controller.signal.reason);
        },
        { once: true },
      );
      request.on('socket', (socket) => {
        if (!socket.connecting) return clearTimeout(connectTimer);
        socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      request.on('error', fail);
      request.on('response', (response) => {
        for (const timer of timers) clearTimeout(timer);
        after(this.timeouts.bodyMs, 'body');
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(new Error('response closed before its end'));
        });
        const declared = Number(response.headers['content-length']);
        if (declared > this.maxBodyBytes) return abort(new BodyTooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBodyBytes) return abort(new BodyTooLarge());
          chunks.push(chunk);
        });
        response.on('end', () => {
          done();
          if (controller.signal.aborted) return reject(controller.signal.reason);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) });
        });
      });
      request.end();
    });
  }
}

function toUpstreamError(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof AttemptTimeout) return new UpstreamError('timeout', error.message, true);
  if (error instanceof BodyTooLarge) return new UpstreamError('malformed', 'body exceeds the size limit', false);
  // Node network errors carry a code like ECONNRESET; their messages name hosts, so only the code is kept.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ABORT_ERR') return new UpstreamError('unavailable', 'aborted', false);
  return new UpstreamError('unavailable', `network: ${typeof code === 'string' ? code : 'error'}`, true);
}

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

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** `{ data: object[], pagination: { has_more: boolean, page?, limit?, total? } }`, else null. */
export function parseLeadPage(body: unknown, bytes = 0): LeadPage | null {
  if (!isPlainObject(body) || !Array.isArray(body.data) || !isPlainObject(body.pagination)) return null;
  const { data, pagination } = body;
  if (typeof pagination.has_more !== 'boolean') return null;
  for (const field of ['page', 'limit', 'total'] as const) if (pagination[field] !== undefined && !isCount(pagination[field])) return null;
  if (!data.every(isPlainObject)) return null;
  const leads: Lead[] = [];
  const refused: LeadPage['refused'] = {};
  for (const raw of data) {
    const id = leadIdOf(raw.id);
    if ('refused' in id) refused[id.refused] = (refused[id.refused] ?? 0) + 1;
    else leads.push(sanitizeLead(raw));
  }
  return {
    leads,
    hasMore: pagination.has_more,
    refused,
    bytes,
    ...(isCount(pagination.limit) ? { limit: pagination.limit } : {}),
    ...(isCount(pagination.page) ? { page: pagination.page } : {}),
    ...(isCount(pagination.total) ? { total: pagination.total } : {}),
  };
}
