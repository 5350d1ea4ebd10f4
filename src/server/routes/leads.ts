// GET /api/leads and GET /api/leads/:id (api.md §2), answered from the index: no upstream call.
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { LeadResponse, LeadsResponse } from '../../shared/api-types';
import { isValidLeadId } from '../../shared/lead';
import { leadQueryToSearchParams, parseLeadQueryStrict, type LeadQuery, type RawQuery } from '../../shared/lead-query';
import { invalidParameter, notFound } from '../errors';
import type { LeadIndex } from '../lead-index/lead-index';
import type { LeadStore } from '../sync/lead-store';

/** The strict reading of the query string; a bad param is a 400 whose message names it. */
export function parseQueryOrThrow(rawQuery: unknown): LeadQuery {
  const parsed = parseLeadQueryStrict((rawQuery ?? {}) as RawQuery);
  if (!parsed.ok) throw invalidParameter(parsed.message);
  return parsed.query;
}

/**
 * Answers of `/api/leads` for one index, by canonical query, as body text up to (not including) `meta`,
 * which changes on its own (staleness) and is added at send time. A team keeps coming back to the
 * same views, so most requests cost a lookup. Bounded by the bytes the bodies take in the heap.
 */
const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/** V8 holds a string with any character above U+00FF at two bytes per character (e.g. CJK names). */
const NOT_ONE_BYTE = /[^\u0000-\u00ff]/;
const heldBytes = (text: string): number => (NOT_ONE_BYTE.test(text) ? 2 : 1) * text.length;

class ResponseCache {
  private index: LeadIndex | null = null;
  private readonly bodies = new LRUCache<string, string>({
    maxSize: RESPONSE_CACHE_MAX_BYTES,
    sizeCalculation: (body, key) => heldBytes(body) + heldBytes(key),
  });

  /** The cached body start for this query on this index; a new index starts an empty cache. */
  get(index: LeadIndex, key: string): string | undefined {
    if (index !== this.index) {
      this.bodies.clear();
      this.index = index;
    }
    return this.bodies.get(key);
  }

  set(index: LeadIndex, key: string, body: string): void {
    if (index === this.index) this.bodies.set(key, body);
  }
}

/** `{"status":"success","data":[…],"pagination":{…},"facets":{…},` — the response without meta. */
function bodyWithoutMeta(index: LeadIndex, query: LeadQuery): string {
  const result = index.queryJson(query);
  const rest: Omit<LeadsResponse, 'status' | 'data' | 'meta'> = {
    pagination: {
      page: query.page,
      limit: query.limit,
      total: result.total,
      has_more: query.page * query.limit < result.total,
    },
    facets: result.facets,
  };
  // Each lead's JSON text comes from the index (held as text once compacted): no per-request stringify.
  return `{"status":"success","data":[${result.dataJson.join(',')}],${JSON.stringify(rest).slice(1, -1)},`;
}

export async function leadRoutes(app: FastifyInstance, { store }: { store: LeadStore }): Promise<void> {
  const responses = new ResponseCache();

  app.get('/api/leads', async (request, reply): Promise<string> => {
    const query = parseQueryOrThrow(request.query);
    const { index, meta } = await store.snapshot();
    // Canonical: equal queries written differently (param order, defaults spelled out) share an entry.
    const key = leadQueryToSearchParams(query).toString();
    let body = responses.get(index, key);
    if (body === undefined) {
      body = bodyWithoutMeta(index, query);
      responses.set(index, key, body);
    }
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
    // Same bytes as JSON.stringify({ status, data, pagination, facets, meta }).
    return `${body}"meta":${JSON.stringify(meta)}}`;
  });

  app.get<{ Params: { id: string } }>('/api/leads/:id', async (request, reply): Promise<LeadResponse> => {
    const { id } = request.params;
    if (!isValidLeadId(id)) throw invalidParameter('id is malformed: letters, digits and . _ : - only, at most 128');
    const { index } = await store.snapshot();
    const lead = index.getById(id);
    if (lead === undefined) throw notFound('No lead has this id.');
    reply.header('cache-control', 'no-store');
    return { status: 'success', data: lead };
  });
}
