// The proxy mix's one-off searches in-process (not a vitest test). Run:
//   node --expose-gc --import tsx test/bench/one-off-searches.bench.ts [leads=100000] [requests=4000]
// (add --cpu-prof to see where their time goes). Builds, warms and compacts an index of demo leads as the
// server does, draws the proxy bench's mix (test/bench/query-mix.ts, same seed) from what the index holds, and
// runs its one-off searches (never repeated, so no cache has seen them) through `queryJson`, timing each by
// process CPU: the cold path that separates the proxy from its floor at 100k.
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex, type IndexQuery } from '../../src/server/lead-index/lead-index';
import { resolveFilter } from '../../src/server/query-v2/resolve-filter';
import type { LeadsResponse } from '../../src/shared/api-types';
import type { Lead } from '../../src/shared/lead';
import { DEFAULT_LEAD_QUERY, parseLeadQueryStrict, type LeadQuery } from '../../src/shared/lead-query';
import { createQueryMix, loadMixSourceFromResponse, type SearchTexts } from './query-mix';

const NOW = Date.parse('2026-12-02T15:00:00Z');

function indexQuery(query: LeadQuery): IndexQuery {
  const resolved = resolveFilter(query, NOW);
  if (!resolved.ok) throw new Error(resolved.message);
  return { filter: resolved.filter, sort: query.sort, page: query.page, limit: query.limit, facetLimit: query.facet_limit };
}

function page(index: LeadIndex, n: number): Lead[] {
  const answer = index.queryJson(indexQuery({ ...DEFAULT_LEAD_QUERY, archived: true, limit: 1000, page: n }));
  return answer.dataJson.map((json) => JSON.parse(json) as Lead);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const requests = Number(process.argv[3] ?? 4000);
  const index = LeadIndex.build(generateDemoLeads(count));
  await index.compactAsync();
  const first = index.queryJson(indexQuery({ ...DEFAULT_LEAD_QUERY, archived: true, limit: 1000 }));
  const body = { data: page(index, 1), facets: first.facets } as unknown as LeadsResponse;
  const texts: SearchTexts = { names: [], emails: [], phones: [] };
  for (let n = 1; n <= 5; n++)
    for (const lead of page(index, n)) {
      if (typeof lead.name === 'string') texts.names.push(lead.name);
      if (typeof lead.email === 'string') texts.emails.push(lead.email);
      if (typeof lead.phone === 'string') texts.phones.push(lead.phone);
    }
  const mix = createQueryMix(loadMixSourceFromResponse(body), texts);
  const queries: IndexQuery[] = [];
  while (queries.length < requests) {
    const before = mix.oneOffsDrawn();
    const path = mix.next();
    if (mix.oneOffsDrawn() === before) continue;
    const parsed = parseLeadQueryStrict(new URLSearchParams(path.split('?')[1]));
    if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
    queries.push(indexQuery(parsed.query));
  }
  const warmUp = Math.floor(requests / 4);
  const cpu: number[] = [];
  let matched = 0;
  for (let k = 0; k < queries.length; k++) {
    const before = process.cpuUsage();
    const answer = index.queryJson(queries[k] as IndexQuery);
    const used = process.cpuUsage(before);
    if (k < warmUp) continue;
    cpu.push((used.user + used.system) / 1000);
    if (answer.total > 0) matched++;
  }
  const sum = cpu.reduce((a, b) => a + b, 0);
  cpu.sort((a, b) => a - b);
  const fmt = (ms: number) => ms.toFixed(3);
  console.log(
    `${count} leads, ${cpu.length} one-off searches (after ${warmUp} to warm up), ${((100 * matched) / cpu.length).toFixed(0)}% matching: ` +
      `CPU mean ${fmt(sum / cpu.length)} ms, p50 ${fmt(percentile(cpu, 50))}, p90 ${fmt(percentile(cpu, 90))}, ` +
      `p99 ${fmt(percentile(cpu, 99))}, max ${fmt(cpu.at(-1) as number)}`,
  );
}

await main();
