// A throwaway loopback HTTP server that misbehaves on demand, standing in for Rotor in failure tests:
// set `handler` to one of `misbehaviours` (or your own) and read `seen` for what arrived.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface FaultUpstream {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** origin + '/open-api': a base URL with a path, as Rotor's. */
  baseUrl: string;
  /** What answers the next request; read on every request. */
  handler: Handler;
  /** Every request received, in order. */
  seen: SeenRequest[];
  /** Forgets `seen` and drops open connections (hanging answers included). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFaultUpstream(initial: Handler = (_req, res) => res.end()): Promise<FaultUpstream> {
  const server = http.createServer((req, res) => {
    upstream.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    upstream.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const upstream: FaultUpstream = {
    origin,
    baseUrl: `${origin}/open-api`,
    handler: initial,
    seen: [],
    reset() {
      upstream.seen.length = 0;
      server.closeAllConnections();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return upstream;
}

/** A Rotor list page body. */
export const okPage = (leads: object[] = [{ id: 'a1', name: 'Ann' }], hasMore = false) =>
  JSON.stringify({ data: leads, pagination: { has_more: hasMore, limit: 1000, page: 1, total: leads.length }, status: 'success' });

export const sendJson = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};

/** Rotor's own error bodies carry text that must never reach our responses. */
export const UPSTREAM_ERROR_TEXT = 'upstream-says-no';
const errorBody = JSON.stringify({ status: 'error', message: UPSTREAM_ERROR_TEXT });

/** The ways an upstream goes wrong; `maxBodyBytes` is the cap the client under test is given. */
export function misbehaviours(maxBodyBytes: number) {
  return {
    hang: (() => undefined) as Handler,
    'connection reset': ((req) => req.socket.destroy()) as Handler,
    'slow-drip body': ((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    }) as Handler,
    'truncated JSON': ((_req, res) => sendJson(res, 200, okPage().slice(0, 30))) as Handler,
    'HTML error page': ((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${UPSTREAM_ERROR_TEXT}</body></html>`);
    }) as Handler,
    'wrong shape': ((_req, res) => sendJson(res, 200, '{"data":{"items":[]},"pagination":null}')) as Handler,
    'oversized body': ((_req, res) => {
      // No content-length: the cap must hold while the body streams in.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
      res.end('"'.padEnd(maxBodyBytes + 100, 'x'));
    }) as Handler,
    '500': ((_req, res) => sendJson(res, 500, errorBody)) as Handler,
    '401': ((_req, res) => sendJson(res, 401, errorBody)) as Handler,
    '403': ((_req, res) => sendJson(res, 403, errorBody)) as Handler,
    '429': ((_req, res) => sendJson(res, 429, errorBody)) as Handler,
  } satisfies Record<string, Handler>;
}
