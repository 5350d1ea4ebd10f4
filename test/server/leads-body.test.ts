// A /api/leads body is written as bytes (routes/leads-body.ts): each page lead's UTF-8 copied from the index
// as held, the rest encoded around it. It must be exactly the UTF-8 of JSON.stringify of the response, with
// multi-byte text (accents, Greek, CJK, emoji, a lone surrogate), whether the index still holds the lead
// objects or their compacted bytes. The real index, and the real app against the demo API on loopback.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { encodeAnswer } from '../../src/server/routes/leads-body';
import type { LeadRequest } from '../../src/server/routes/lead-request';
import type { Lead } from '../../src/shared/lead';
import { useHarnesses } from '../support/dashboard-harness';
import { query, resolved, type LooseQuery } from './support/lead-index-answers';

const multiByte: Lead[] = [
  { id: 'mb-1', name: 'Aaa Ζωή Łódź 😀 \uD800 lone', tags: ['ünï', '日本'], property_city: 'Saint-Étienne' },
  { id: 'mb-2', name: 'Aab Nguyễn Đức 👩🏽‍💻', email: 'duc@example.com', stage: 'Négociation' },
  { id: 'mb-3', name: 'Aac "quoted" \\ back\nline \u2028 sep', tags: [] },
  { id: 'mb-4', name: 'Aad 中文 한국어 العربية', projected_value: 1234.5, notes: 'Ça coûte 1 234,50 €' },
];
const leads: Lead[] = [...multiByte, ...generateDemoLeads(1500, 9)];
const byId = new Map(leads.map((lead) => [lead.id, lead]));
const META = '{"synced_at":"2026-12-02T11:00:00.000Z","stale":false}';

function request(overrides: LooseQuery): LeadRequest {
  const q = query(overrides);
  return { query: q, filter: resolved(q), cacheKey: JSON.stringify(overrides) };
}

/** UTF-8 of JSON.stringify of the response, the page's leads as the objects given to the index. */
function expectedBytes(index: LeadIndex, r: LeadRequest): Buffer {
  const { query: q, filter } = r;
  const result = index.queryJson({ filter, sort: q.sort, page: q.page, limit: q.limit, facetLimit: q.facet_limit });
  const data = result.dataJson.map((text) => byId.get((JSON.parse(text) as Lead).id));
  const pagination = { page: q.page, limit: q.limit, total: result.total, has_more: q.page * q.limit < result.total };
  const response = { status: 'success', data, pagination, facets: result.facets, facet_sizes: result.facetSizes, summary: result.summary };
  return Buffer.from(JSON.stringify({ ...response, meta: JSON.parse(META) as unknown }));
}

describe('encodeAnswer', () => {
  it('writes the bytes of JSON.stringify of the response, before and after the index compacts its leads', async () => {
    const index = LeadIndex.build(leads);
    const requests = [
      request({ sort: { field: 'name', descending: false }, limit: 10 }),
      request({ search: 'ł', limit: 50 }),
      request({ sort: { field: 'name', descending: false }, page: 3, limit: 100 }),
      request({ search: 'no lead has this text' }),
    ];
    for (const compacted of [false, true]) {
      if (compacted) await index.compactAsync();
      expect(index.leadBytesAt(0) !== null).toBe(compacted);
      for (const r of requests) {
        const { body, prefixBytes } = encodeAnswer(index, r, META);
        expect(Buffer.from(body).equals(expectedBytes(index, r))).toBe(true);
        expect(Buffer.from(body.subarray(prefixBytes)).toString()).toBe(`"meta":${META}}`);
        // Without meta (an answer made ahead of a swap): exactly the part before `"meta":`.
        const ahead = encodeAnswer(index, r, null);
        expect(Buffer.from(ahead.body).equals(Buffer.from(body.subarray(0, prefixBytes)))).toBe(true);
        expect(ahead.prefixBytes).toBe(prefixBytes);
      }
      const first = JSON.parse(Buffer.from(encodeAnswer(index, requests[0]!, META).body).toString()) as { data: Lead[] };
      expect(first.data.slice(0, 4)).toEqual(JSON.parse(JSON.stringify(multiByte)));
    }
  });
});

const start = useHarnesses();

describe('/api/leads with multi-byte text', () => {
  it('sends the UTF-8 of JSON.stringify of its response, cold and cached', async () => {
    const h = await start({
      beforeServerStart: (demo) => {
        demo.leads = [...multiByte, ...demo.leads];
      },
    });
    for (const url of ['/api/leads?sort=name&limit=4', '/api/leads?search=%C5%81%C3%B3d%C5%BA', '/api/leads?sort=name&limit=4']) {
      const response = await h.app.inject(url);
      expect(response.statusCode).toBe(200);
      const parsed = JSON.parse(response.body) as { data: Lead[] };
      expect(response.rawPayload.equals(Buffer.from(JSON.stringify(parsed)))).toBe(true);
      // The sync adds its tracking fields (first_seen_at, …) to the lead as given.
      expect(parsed.data[0]).toMatchObject(multiByte[0]!);
    }
  });
});
