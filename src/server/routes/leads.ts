// GET /api/leads and GET /api/leads/:id (docs/api.md §2, §4), answered from the index: no upstream call.
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { DataMeta, LeadResponse } from '../../shared/api-types';
import { isValidLeadId } from '../../shared/lead';
import { invalidParameter, notFound } from '../errors';
import type { LeadIndex } from '../lead-index/lead-index';
import type { LeadStore } from '../sync/lead-store';
import { runInTurn } from '../runtime/request-turns';
import { TimeSlice } from '../runtime/time-slice';
import type { Clock } from '../sync/quota-budget';
import { SecondSight } from '../cache/second-sight';
import { encodeAnswer, withMeta, type EncodedAnswer } from './leads-body';
import { readLeadRequest, type LeadRequest } from './lead-request';

export { parseQueryOrThrow } from './lead-request';

/**
 * Answers of `/api/leads` for one index, by canonical query, as the encoded body. A team keeps coming
 * back to the same views, so most requests cost a lookup and send these bytes as they are (no
 * per-request encoding or copy). `meta` changes on its own (staleness): an entry whose meta differs is
 * rebuilt from its part before `"meta":`. Bounded by bytes (32 MB of bodies); a query enters on its second request.
 */
const RESPONSE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/**
 * Answers computed on a new index before it is swapped in: the most recently used of the old index's
 * (a team's popular views), so they stay cache hits across a sync or poll instead of all being cold at once.
 */
const WARM_ANSWERS = 256;

/** `body` is the whole response, `{"status":…,"facets":{…},"meta":…}` in UTF-8 (leads-body.ts). */
interface CachedAnswer extends EncodedAnswer {
  metaJson: string;
  /** What it answers, to answer it again on the next index. */
  request: LeadRequest;
}

class ResponseCache {
  private index: LeadIndex | null = null;
  private readonly answers = new LRUCache<string, CachedAnswer>({
    maxSize: RESPONSE_CACHE_MAX_BYTES,
    sizeCalculation: (answer, key) => answer.body.length + key.length,
  });

  /** Indexes this cache has moved on from: a query that waited its turn across a swap is answered uncached. */
  private readonly replaced = new WeakSet<LeadIndex>();

  /** Which queries were asked before: an answer is cached on its second request. */
  private readonly asked = new SecondSight();

  /** Answers made by `warm` for the index about to be swapped in. */
  private warmed: { index: LeadIndex; answers: CachedAnswer[] } | null = null;

  /** True when `answer` would find this query's body cached for this index: a cheap answer, no turn needed. */
  holds(index: LeadIndex, request: LeadRequest): boolean {
    return index === this.index && this.answers.has(request.cacheKey);
  }

  /** The answer for this query on this index with this meta, built from `request` when missing. */
  answer(index: LeadIndex, request: LeadRequest, metaJson: string): Uint8Array {
    if (this.replaced.has(index)) return encodeAnswer(index, request, metaJson).body;
    if (index !== this.index) {
      if (this.index !== null) this.replaced.add(this.index);
      this.answers.clear(); // a new index: nothing cached for the old one is valid
      this.index = index;
      if (this.warmed?.index === index) for (const answer of this.warmed.answers) this.answers.set(answer.request.cacheKey, answer);
      this.warmed = null;
    }
    const key = request.cacheKey;
    const cached = this.answers.get(key);
    if (cached !== undefined && cached.metaJson === metaJson) return cached.body;
    const encoded = cached !== undefined ? withMeta(cached, metaJson) : encodeAnswer(index, request, metaJson);
    // A query's first answer is not kept: most are never asked again (cache/second-sight.ts).
    if (cached === undefined && !this.asked.seenBefore(key)) return encoded.body;
    this.answers.set(key, { ...encoded, metaJson, request });
    return encoded.body;
  }

  /**
   * Before `next` replaces the index: the most recently used answers made again on it, between pauses of
   * the event loop (each is a cold query), kept until `next` answers its first request. Their meta
   * is left empty: the first request rebuilds it (the synced_at changes with the swap).
   */
  async warm(next: LeadIndex, slice = new TimeSlice()): Promise<void> {
    const requests: LeadRequest[] = [];
    for (const answer of this.answers.values()) {
      if (requests.length >= WARM_ANSWERS) break;
      requests.push(answer.request);
    }
    const answers: CachedAnswer[] = [];
    for (const request of requests) {
      answers.push({ ...encodeAnswer(next, request, null), metaJson: '', request });
      await slice.check();
    }
    this.warmed = { index: next, answers };
  }
}

/** `JSON.stringify(meta)`, kept while meta stays the same (it changes with a sync or staleness, not per request). */
function metaJsonMemo(): (meta: DataMeta) => string {
  let last: { meta: DataMeta; json: string } | null = null;
  return (meta) => {
    // DataMeta is exactly these two fields (api-types.ts).
    if (last === null || last.meta.synced_at !== meta.synced_at || last.meta.stale !== meta.stale)
      last = { meta, json: JSON.stringify(meta) };
    return last.json;
  };
}

export async function leadRoutes(app: FastifyInstance, { store, now }: { store: LeadStore; now: Clock }): Promise<void> {
  const responses = new ResponseCache();
  const metaJson = metaJsonMemo();
  store.warmBeforeSwap((next) => responses.warm(next));

  app.get('/api/leads', async (request, reply): Promise<Uint8Array> => {
    const leadRequest = await readLeadRequest(request, now());
    const { index, meta } = await store.current();
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
    // Canonical: equal queries written differently (param order, defaults spelled out, list order) share an
    // entry; the key also holds the caller's (me) and today's instants in tz (lead-request.ts).
    // Same bytes as JSON.stringify({ status, data, pagination, facets, facet_sizes, summary, meta }), UTF-8.
    const answer = () => responses.answer(index, leadRequest, metaJson(meta));
    // A cold query takes its turn (runtime/request-turns.ts): a batch of them no longer holds the loop.
    return responses.holds(index, leadRequest) ? answer() : runInTurn(answer);
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
