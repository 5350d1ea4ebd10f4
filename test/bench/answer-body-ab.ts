// The cold /api/leads body's assembly alone (not a vitest test). Run:
//   node --import tsx test/bench/answer-body-ab.ts [leads=10000] [blocks=40]
// On demo leads, compacted as after a sync, each query of the cold types (cold-pass-types.ts) answered once
// first (its filter summary cached, so only the page walk and the body remain), then blocks of the same
// queries through the route's writer (leads-body.ts: the held bytes copied) and through the string path it
// replaced (each lead decoded, joined, encoded again), the blocks alternating. Prints CPU µs per body
// (p50/p90 over the blocks) and the collections during each path's blocks; checks both give the same bytes.
import { PerformanceObserver } from 'node:perf_hooks';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { encodeAnswer } from '../../src/server/routes/leads-body';
import type { LeadRequest } from '../../src/server/routes/lead-request';
import type { LeadsResponse } from '../../src/shared/api-types';
import { DEFAULT_LEAD_QUERY } from '../../src/shared/lead-query';
import { COLD_TYPES, coldQuery, quantile } from './cold-pass-types';

const leads = Number(process.argv[2] ?? 10_000);
const blocks = Number(process.argv[3] ?? 40);
const META = '{"synced_at":"2026-12-02T11:00:00.000Z","stale":false}';

/** The body as the route made it before leads-body.ts: lead texts decoded, joined and encoded again. */
function stringPath(index: LeadIndex, { query, filter }: LeadRequest): Uint8Array {
  const result = index.queryJson({ filter, sort: query.sort, page: query.page, limit: query.limit, facetLimit: query.facet_limit });
  const rest: Omit<LeadsResponse, 'status' | 'data' | 'meta'> = {
    pagination: { page: query.page, limit: query.limit, total: result.total, has_more: query.page * query.limit < result.total },
    facets: result.facets,
    facet_sizes: result.facetSizes,
    summary: result.summary,
  };
  const prefix = Buffer.from(`{"status":"success","data":[${result.dataJson.join(',')}],${JSON.stringify(rest).slice(1, -1)},`);
  const suffix = Buffer.from(`"meta":${META}}`);
  const body = new Uint8Array(prefix.length + suffix.length);
  body.set(prefix);
  body.set(suffix, prefix.length);
  return body;
}

const index = LeadIndex.build(generateDemoLeads(leads));
await index.compactAsync();
const requests: LeadRequest[] = [];
for (const type of Object.keys(COLD_TYPES))
  for (let run = 0; run < 25; run++) {
    const q = coldQuery(type, run);
    const query = { ...DEFAULT_LEAD_QUERY, sort: [...q.sort], page: q.page, limit: q.limit, facet_limit: q.facetLimit };
    requests.push({ query, filter: q.filter, cacheKey: `${type} ${run}` });
  }
for (const request of requests) {
  const a = Buffer.from(stringPath(index, request));
  if (!a.equals(Buffer.from(encodeAnswer(index, request, META).body))) throw new Error(`bodies differ: ${request.cacheKey}`);
}

const paths = { bytes: (r: LeadRequest) => encodeAnswer(index, r, META).body, string: (r: LeadRequest) => stringPath(index, r) };
const perBody: Record<keyof typeof paths, number[]> = { bytes: [], string: [] };
const gcMs: Record<keyof typeof paths, number> = { bytes: 0, string: 0 };
let current: keyof typeof paths = 'bytes';
const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => (gcMs[current] += entry.duration)));
observer.observe({ entryTypes: ['gc'] });
for (let block = 0; block < blocks; block++) {
  for (const name of block % 2 === 0 ? (['bytes', 'string'] as const) : (['string', 'bytes'] as const)) {
    current = name;
    const before = process.cpuUsage();
    for (const request of requests) paths[name](request);
    const used = process.cpuUsage(before);
    perBody[name].push((used.user + used.system) / requests.length);
    await new Promise((done) => setImmediate(done)); // lets the gc entries of this block arrive
  }
}
observer.disconnect();
for (const name of ['string', 'bytes'] as const) {
  const sorted = perBody[name].sort((a, b) => a - b);
  console.log(
    `${name}: ${leads} leads, ${requests.length} bodies × ${blocks} blocks, CPU per body p50 ${quantile(sorted, 0.5).toFixed(1)} µs, ` +
      `p90 ${quantile(sorted, 0.9).toFixed(1)} µs; GC ${gcMs[name].toFixed(1)} ms`,
  );
}
