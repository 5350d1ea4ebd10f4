// GET /api/leads and GET /api/leads/:id (docs/api.md §2), answered from the index: no upstream call.
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { LeadResponse, LeadsResponse } from '../../shared/api-types';
import { isValidLeadId } from '../../shared/lead';
import { leadQueryKey, parseLeadQueryStrict, type LeadQuery, type RawQuery } from '../../shared/lead-query';
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
 * Answers of `/api/leads` for one index, by canonical query, as the encoded body. A team keeps coming
 * back to the same views, so most requests cost a lookup and send these bytes as they are (no
 * per-request encoding or copy). `meta` changes on its own (staleness): an entry whose meta differs is
 * rebuilt from its part before `"meta":`. Bounded by bytes (32 MB of bodies).
 */
const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

interface CachedAnswer {
  /** The whole response: `{"status":…,"facets":{…},"meta":…}`, UTF-8. */
  body: Uint8Array;
  /** Bytes of `body` before `"meta":`. */
  prefixBytes: number;
  metaJson: string;
}

class ResponseCache {
  private index: LeadIndex | null = null;
  private readonly answers = new LRUCache<string, CachedAnswer>({
    maxSize: RESPONSE_CACHE_MAX_BYTES,
    sizeCalculation: (answer, key) => answer.body.length + key.length,
  });

  /** The answer for this query on this index with this meta, built by `bodyWithoutMeta` when missing. */
  answer(index: LeadIndex, key: string, metaJson: string, bodyWithoutMeta: () => string): Uint8Array {
    if (index !== this.index) {
      this.answers.clear(); // a new index: nothing cached for the old one is valid
      this.index = index;
    }
    const cached = this.answers.get(key);
    if (cached !== undefined && cached.metaJson === metaJson) return cached.body;
    const prefix = cached !== undefined ? cached.body.subarray(0, cached.prefixBytes) : Buffer.from(bodyWithoutMeta());
    const suffix = Buffer.from(`"meta":${metaJson}}`);
    // A plain Uint8Array made by this realm's constructor, not a Buffer: Fastify sends typed arrays as they
    // are when `payload.buffer instanceof ArrayBuffer`, which a Node Buffer fails wherever the globals come
    // from another realm (the SPA's jsdom tests run this server) — it would be JSON-serialised instead.
    const body = new Uint8Array(prefix.length + suffix.length);
    body.set(prefix);
    body.set(suffix, prefix.length);
    const answer = { body, prefixBytes: prefix.length, metaJson };
    this.answers.set(key, answer);
    return answer.body;
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

  app.get('/api/leads', async (request, reply): Promise<Uint8Array> => {
    const query = parseQueryOrThrow(request.query);
    const { index, meta } = await store.current();
    // Canonical: equal queries written differently (param order, defaults spelled out, list order) share an entry.
    const key = leadQueryKey(query);
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
    // Same bytes as JSON.stringify({ status, data, pagination, facets, meta }), UTF-8.
    return responses.answer(index, key, JSON.stringify(meta), () => bodyWithoutMeta(index, query));
  });

  app.get<{ Params: { id: string } }>('/api/leads/:id', async (request, reply): Promise<LeadResponse> => {
    const { id } = request.params;
    if (!isValidLeadId(id)) throw invalidParameter('id is malformed: letters, digits and . _ : - only, at most 128');
    const { index } = await store.current();
    const lead = index.getById(id);
    if (lead === undefined) throw notFound('No lead has this id.');
    reply.header('cache-control', 'no-store');
    return { status: 'success', data: lead };
  });
}
