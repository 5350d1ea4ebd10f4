// The proxy mix's one-off searches as index queries (test/bench/query-mix.ts, its seed), drawn from what an
// index of demo leads holds: shared by one-off-searches.bench.ts and one-off-ab.ts.
import type { LeadIndex, IndexQuery } from '../../src/server/lead-index/lead-index';
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

/** `count` one-off searches of the proxy mix, its texts read from the first 5,000 leads `index` lists. */
export function oneOffQueries(index: LeadIndex, count: number): IndexQuery[] {
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
  while (queries.length < count) {
    const before = mix.oneOffsDrawn();
    const path = mix.next();
    if (mix.oneOffsDrawn() === before) continue;
    const parsed = parseLeadQueryStrict(new URLSearchParams(path.split('?')[1]));
    if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
    queries.push(indexQuery(parsed.query));
  }
  return queries;
}
