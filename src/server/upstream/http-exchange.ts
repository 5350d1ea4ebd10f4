// One HTTP GET to upstream, bounded: connect, headers and body each have a deadline, the body a size cap,
// and an outer signal (shutdown) aborts it. What went wrong becomes an UpstreamError (toUpstreamError).
import http from 'node:http';
import https from 'node:https';
import { UpstreamError } from './upstream-error';

export interface UpstreamTimeouts {
  /** Until the TCP (and TLS) connection is up. */
  connectMs: number;
  /** From the start of the attempt until the response headers are in. */
  headersMs: number;
  /** From the headers until the last byte of the body (a slow-drip body fails here). */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = { connectMs: 5_000, headersMs: 15_000, bodyMs: 30_000 };

export interface RawResponse {
  status: number;
  body: Buffer;
}

export interface ExchangeOptions {
  agents: { http: http.Agent; https: https.Agent };
  headers: Record<string, string>;
  timeouts: UpstreamTimeouts;
  maxBodyBytes: number;
  signal?: AbortSignal | undefined;
}

class AttemptTimeout extends Error {
  constructor(readonly phase: 'connect' | 'headers' | 'body') {
    super(`timeout: ${phase}`);
  }
}

class BodyTooLarge extends Error {}

/** One HTTP exchange with connect / headers / body deadlines and a body size cap. */
export function sendGet(url: URL, options: ExchangeOptions): Promise<RawResponse> {
  const { timeouts, maxBodyBytes, signal: outerSignal } = options;
  const controller = new AbortController();
  const abort = (reason: unknown) => controller.abort(reason);
  const onOuterAbort = () => abort(outerSignal?.reason);
  if (outerSignal?.aborted) return Promise.reject(outerSignal.reason);
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

  const timers: NodeJS.Timeout[] = [];
  const after = (ms: number, phase: AttemptTimeout['phase']) => timers.push(setTimeout(() => abort(new AttemptTimeout(phase)), ms));
  after(timeouts.headersMs, 'headers');
  const connectTimer = setTimeout(() => abort(new AttemptTimeout('connect')), timeouts.connectMs);

  const isHttps = url.protocol === 'https:';
  const request = (isHttps ? https : http).request(url, {
    method: 'GET',
    agent: isHttps ? options.agents.https : options.agents.http,
    headers: options.headers,
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
      after(timeouts.bodyMs, 'body');
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('response closed before its end'));
      });
      const declared = Number(response.headers['content-length']);
      if (declared > maxBodyBytes) return abort(new BodyTooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) return abort(new BodyTooLarge());
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

export function toUpstreamError(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof AttemptTimeout) return new UpstreamError('timeout', error.message, true);
  if (error instanceof BodyTooLarge) return new UpstreamError('malformed', 'body exceeds the size limit', false);
  // Node network errors carry a code like ECONNRESET; their messages name hosts, so only the code is kept.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ABORT_ERR') return new UpstreamError('unavailable', 'aborted', false);
  return new UpstreamError('unavailable', `network: ${typeof code === 'string' ? code : 'error'}`, true);
}
