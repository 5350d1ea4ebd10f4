// The body of a `GET /api/leads` answer as UTF-8 bytes, written once: each page lead's bytes are copied
// from the index as held (no decode to a string and encode back, no joined string), the rest encoded
// into the same allocation. The same bytes as JSON.stringify({ status, data, pagination, facets,
// facet_sizes, summary, meta }) encoded as UTF-8.
import type { LeadsResponse } from '../../shared/api-types';
import type { LeadIndex } from '../lead-index/lead-index';
import type { LeadRequest } from './lead-request';

const DATA_OPEN = Buffer.from('{"status":"success","data":[');
const COMMA = 0x2c;

export interface EncodedAnswer {
  /** `{"status":"success","data":[…],"pagination":{…},"facets":{…},"facet_sizes":{…},"summary":{…},` then the meta part. */
  body: Uint8Array;
  /** Bytes of `body` before `"meta":`. */
  prefixBytes: number;
}

/**
 * The answer to `request` on `index`, ending with `"meta":<metaJson>}`, or (metaJson null) just before
 * `"meta":` — an answer made ahead whose meta is added when it is sent.
 */
export function encodeAnswer(index: LeadIndex, { query, filter }: LeadRequest, metaJson: string | null): EncodedAnswer {
  const result = index.queryBytes({ filter, sort: query.sort, page: query.page, limit: query.limit, facetLimit: query.facet_limit });
  const rest: Omit<LeadsResponse, 'status' | 'data' | 'meta'> = {
    pagination: {
      page: query.page,
      limit: query.limit,
      total: result.total,
      has_more: query.page * query.limit < result.total,
    },
    facets: result.facets,
    facet_sizes: result.facetSizes,
    summary: result.summary,
  };
  const restJson = `],${JSON.stringify(rest).slice(1, -1)},`;
  const metaPart = metaJson === null ? '' : metaSuffix(metaJson);
  const leads = result.dataBytes;
  let leadBytes = Math.max(0, leads.length - 1); // the commas
  for (const bytes of leads) leadBytes += bytes.length;
  const prefixBytes = DATA_OPEN.length + leadBytes + Buffer.byteLength(restJson);
  // A plain Uint8Array made by this realm's constructor, not a Buffer: Fastify sends typed arrays as they
  // are when `payload.buffer instanceof ArrayBuffer`, which a Node Buffer fails wherever the globals come
  // from another realm (the SPA's jsdom tests run this server) — it would be JSON-serialised instead.
  const body = new Uint8Array(prefixBytes + Buffer.byteLength(metaPart));
  // A Buffer over the same memory only to encode the strings in place.
  const writer = Buffer.from(body.buffer, body.byteOffset, body.length);
  writer.set(DATA_OPEN, 0);
  let offset = DATA_OPEN.length;
  for (let k = 0; k < leads.length; k++) {
    if (k > 0) writer[offset++] = COMMA;
    const bytes = leads[k] as Uint8Array;
    writer.set(bytes, offset);
    offset += bytes.length;
  }
  offset += writer.write(restJson, offset);
  writer.write(metaPart, offset);
  return { body, prefixBytes };
}

/** The answer's end: `"meta":<metaJson>}`. */
const metaSuffix = (metaJson: string): string => `"meta":${metaJson}}`;

/** An answer's part before `"meta":` with this meta after it, in a new plain Uint8Array (see encodeAnswer). */
export function withMeta(answer: EncodedAnswer, metaJson: string): EncodedAnswer {
  const suffix = Buffer.from(metaSuffix(metaJson));
  const body = new Uint8Array(answer.prefixBytes + suffix.length);
  body.set(answer.body.subarray(0, answer.prefixBytes));
  body.set(suffix, answer.prefixBytes);
  return { body, prefixBytes: answer.prefixBytes };
}
