// The embedded Rotor stand-in (docs/api.md §1): upstream semantics only — newest-first order, one stage,
// any-of tags, plain substring search, a daily request quota — plus fault knobs for tests.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Lead } from '../shared/lead';
import { ROTOR_API_VERSION } from '../shared/rotor-api';
import {
  authRequiredBody,
  failureBody,
  invalidParamBody,
  notFoundBody,
  rateLimitBody,
  unsupportedVersionBody,
  type DemoFailStatus,
  type ErrorBody,
} from './error-bodies';
import { generateDemoLeads } from './generate-leads';
import { buildLeadTable, filterLeads, type DemoLeadTable } from './lead-table';
import { integerParam, pathOf, queryOf } from './request-params';

export type { DemoFailStatus } from './error-bodies';

export interface DemoApiOptions {
  /** Default: generateDemoLeads(leadCount, seed). */
  leads?: Lead[];
  /** Default 2500. */
  leadCount?: number;
  seed?: number;
  /** Default 'demo'. */
  apiKey?: string;
  /** Default 1000. */
  dailyLimit?: number;
  /** Default '/open-api', so clients are exercised with a base URL that has a path. */
  basePath?: string;
  /** Default false. */
  logger?: boolean;
  /** Keep only the last this many entries of `requests` (default: all, which tests count). */
  requestLogLimit?: number;
  /** Clock (ms) for the UTC-day request counter; default Date.now. */
  now?: () => number;
  /**
   * Test control (default false): `POST <basePath>/_test/leads` with a lead (or `{ id, ...changes }`)
   * adds or edits it, as a rep would in Rotor. Off in every real run: only tests turn it on. Its
   * requests are neither counted against the quota nor logged in `requests`.
   */
  testControl?: boolean;
  /** Initial fault settings (default: none). resetFaults() clears all faults, latency included. */
  faults?: Partial<DemoFaults>;
}

export interface DemoFaults {
  /** Delay before every answer (default 0). */
  latencyMs: number;
  /** Answer with Rotor's error envelope for that status, `remaining` times (Infinity = always), counting down. */
  failWith: null | { status: DemoFailStatus; remaining: number };
  /** Accept the request and never answer (client timeout tests). */
  hang: boolean;
  /** Answer a would-be 200 with a broken body. */
  malformed: null | 'truncated-json' | 'html' | 'wrong-shape';
  /** List pages that are well-formed but inconsistent, as a buggy or shifting upstream answers:
   *  empty: `{data: [], has_more: false, total: 0}`; ignore-page: always page 1; end-early: has_more
   *  false after page 1 (total still true); no-total: pagination without `total`. */
  paging: null | 'empty' | 'ignore-page' | 'end-early' | 'no-total';
  /** Called with the page number before each list page is answered: tests change `leads` here to
   *  create or delete leads between the pages of one sync. */
  beforePage: null | ((page: number) => void);
}

export interface DemoRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
}

export interface DemoApi {
  app: FastifyInstance;
  /** The data it serves. Assigning a new array (or pushing) is picked up on the next request. */
  leads: Lead[];
  /** Mutable; read on every request. */
  faults: DemoFaults;
  /** Mutable; set used = limit to simulate a spent quota. */
  quota: { used: number; limit: number };
  /** Every request received, in order. */
  requests: DemoRequestRecord[];
  resetFaults(): void;
  /** Adds a lead (newest first by its created_at) or, when its id exists, changes those fields of it. */
  upsertLead(lead: Lead): void;
  /** Listens (default 127.0.0.1, ephemeral port); resolves to the base URL including basePath. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
}

const defaultFaults = (): DemoFaults => ({ latencyMs: 0, failWith: null, hang: false, malformed: null, paging: null, beforePage: null });

export function createDemoApi(options: DemoApiOptions = {}): DemoApi {
  const seed = options.seed ?? 1;
  const initialLeads = options.leads ?? generateDemoLeads(options.leadCount ?? 2500, seed);
  const apiKey = options.apiKey ?? 'demo';
  const basePath = (options.basePath ?? '/open-api').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const initialFaults = (): DemoFaults => ({ ...defaultFaults(), ...options.faults });

  let index = buildLeadTable(initialLeads);
  const currentIndex = (): DemoLeadTable => {
    if (index.source !== api.leads || index.length !== api.leads.length) index = buildLeadTable(api.leads);
    return index;
  };

  let quotaDay = Math.floor(now() / 86_400_000);
  const hanging = new Set<FastifyReply>();

  // forceCloseConnections: close() must not wait for requests left hanging on purpose.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });

  const api: DemoApi = {
    app,
    leads: initialLeads,
    faults: initialFaults(),
    quota: { used: 0, limit: options.dailyLimit ?? 1000 },
    requests: [],
    resetFaults() {
      api.faults = defaultFaults();
    },
    upsertLead(lead) {
      const at = api.leads.findIndex((held) => held.id === lead.id);
      // A new array: the page table is rebuilt on the next request.
      api.leads = at === -1 ? [lead, ...api.leads] : api.leads.map((held, i) => (i === at ? { ...held, ...lead } : held));
    },
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      await app.listen({ port: listenOptions.port ?? 0, host });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('demo API: unexpected listen address');
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${urlHost}:${address.port}${basePath}`;
    },
    async close() {
      for (const reply of hanging) reply.raw.destroy();
      hanging.clear();
      await app.close();
    },
  };

  const sendError = (reply: FastifyReply, status: number, body: ErrorBody) => reply.code(status).send(body);

  /** Sends a 200 body, or the broken variant the `malformed` fault asks for. */
  const sendSuccess = (reply: FastifyReply, body: { data: unknown; [key: string]: unknown }) => {
    switch (api.faults.malformed) {
      case null:
        return reply.send(body);
      case 'truncated-json': {
        const json = JSON.stringify(body);
        return reply.type('application/json; charset=utf-8').send(json.slice(0, Math.max(1, Math.floor(json.length / 2))));
      }
      case 'html':
        return reply
          .type('text/html; charset=utf-8')
          .send('<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We&rsquo;ll be right back</h1></body></html>');
      case 'wrong-shape':
        // Valid JSON, but `data` is not what the route promises and pagination is missing.
        return reply.send({ status: 'success', data: { items: body.data }, pagination: null });
    }
  };

  // One gate for every request, matched or not: record, delay, faults, auth, version, quota.
  const controlPath = `${basePath}/_test/leads`;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.testControl === true && pathOf(request.url) === controlPath) return;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    api.requests.push({ method: request.method, path: pathOf(request.url), query: queryOf(request.url), headers });
    const keep = options.requestLogLimit;
    if (keep !== undefined && api.requests.length > keep) api.requests.splice(0, api.requests.length - keep);

    const faults = api.faults;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (api.faults.hang) {
      hanging.add(reply);
      reply.raw.on('close', () => hanging.delete(reply));
      return new Promise<never>(() => {}); // never answers; close() destroys the socket
    }
    const failWith = api.faults.failWith;
    if (failWith && failWith.remaining > 0) {
      failWith.remaining -= 1;
      return sendError(reply, failWith.status, failureBody(failWith.status, api.quota.limit));
    }

    if (request.headers['x-api-key'] !== apiKey) return sendError(reply, 401, authRequiredBody());
    const version = request.headers['rotor-api-version'];
    if (version !== ROTOR_API_VERSION) {
      return sendError(reply, 400, unsupportedVersionBody(version));
    }

    // Every authenticated request counts, refused ones included; the counter resets at 00:00 UTC.
    const today = Math.floor(now() / 86_400_000);
    if (today !== quotaDay) {
      quotaDay = today;
      api.quota.used = 0;
    }
    api.quota.used += 1;
    if (api.quota.used > api.quota.limit) return sendError(reply, 429, rateLimitBody(api.quota.limit));
  });

  app.get(`${basePath}/leads`, async (request, reply) => {
    const query = queryOf(request.url);
    const limit = integerParam(query.limit, 'limit', 50, 1, 1000);
    if (typeof limit === 'string') return sendError(reply, 400, invalidParamBody(limit));
    const askedPage = integerParam(query.page, 'page', 1, 1, 1_000_000_000);
    if (typeof askedPage === 'string') return sendError(reply, 400, invalidParamBody(askedPage));
    api.faults.beforePage?.(askedPage);
    const { paging } = api.faults;
    const page = paging === 'ignore-page' ? 1 : askedPage;

    const includeArchived = query.archived === 'true';
    const search = query.search ? query.search.toLowerCase() : '';
    const stage = query.stage ? query.stage : undefined;
    const tags = new Set(
      (query.tags ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    );

    const leadIndex = currentIndex();
    // A client paging through one filter hits the same match list page after page.
    const cacheKey = JSON.stringify([includeArchived, search, stage ?? null, [...tags]]);
    let matches = leadIndex.matchCache.get(cacheKey);
    if (!matches) {
      matches = filterLeads(leadIndex, includeArchived, search, stage, tags);
      if (leadIndex.matchCache.size >= 32) leadIndex.matchCache.clear();
      leadIndex.matchCache.set(cacheKey, matches);
    }
    const start = (page - 1) * limit;
    if (paging === 'empty')
      return sendSuccess(reply, { data: [], pagination: { has_more: false, limit, page, total: 0 }, status: 'success' });
    const hasMore = paging === 'end-early' && page >= 1 ? false : start + limit < matches.length;
    const pagination =
      paging === 'no-total' ? { has_more: hasMore, limit, page } : { has_more: hasMore, limit, page, total: matches.length };
    return sendSuccess(reply, { data: matches.slice(start, start + limit), pagination, status: 'success' });
  });

  if (options.testControl === true)
    app.post(controlPath, async (request, reply) => {
      const lead = request.body as Lead | null;
      if (lead === null || typeof lead !== 'object' || typeof lead.id !== 'string')
        return sendError(reply, 400, invalidParamBody('A lead with an id'));
      api.upsertLead(lead);
      return reply.send({ status: 'success', data: lead });
    });

  app.get<{ Params: { id: string } }>(`${basePath}/leads/:id`, async (request, reply) => {
    const lead = currentIndex().byId.get(request.params.id);
    if (!lead) return sendError(reply, 404, notFoundBody('Lead not found'));
    return sendSuccess(reply, { data: lead, status: 'success' });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, notFoundBody(`Route ${request.method} ${pathOf(request.url)} not found`)),
  );
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return sendError(
      reply,
      status,
      status === 500 ? { status: 'error', message: 'Internal server error' } : { status: 'error', message: 'Bad request' },
    );
  });

  return api;
}
