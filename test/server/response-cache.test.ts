// GET /api/leads answers repeated queries from a response cache: the bytes must be exactly what a
// fresh answer would be, meta must stay live, and a new index (after a sync) must never be answered
// from the old one's entries. Real app + real demo API on loopback.
import { describe, expect, it } from 'vitest';
import { useHarnesses } from './support/harness';
import { fakeClock } from '../support/fake-clock';

const start = useHarnesses();

const clock = (start = Date.UTC(2026, 10, 27, 9, 0, 0)) => fakeClock(start);

describe('/api/leads response cache', () => {
  it('answers a repeated query (however it is spelled) with the same bytes as JSON of the response', async () => {
    const h = await start({ demo: { leadCount: 300 } });
    const stage = h.demo.leads.find((lead) => typeof lead.stage === 'string')!.stage!;
    const spellings = [
      `/api/leads?stage=${encodeURIComponent(stage)}&sort=-name&page=2&limit=20`,
      `/api/leads?limit=20&page=2&sort=-name&stage=${encodeURIComponent(stage)}&archived=false&search=`,
    ];
    const bodies: string[] = [];
    for (const url of [...spellings, ...spellings]) {
      const response = await h.app.inject(url);
      expect(response.statusCode).toBe(200);
      bodies.push(response.body);
    }
    expect(new Set(bodies).size).toBe(1);
    const parsed = JSON.parse(bodies[0]!);
    expect(Object.keys(parsed)).toEqual(['status', 'data', 'pagination', 'facets', 'facet_sizes', 'summary', 'meta']);
    expect(bodies[0]).toBe(JSON.stringify(parsed));
    expect(parsed.pagination).toMatchObject({ page: 2, limit: 20 });
    expect(parsed.data.every((lead: { stage?: string }) => lead.stage === stage)).toBe(true);
  });

  it('keeps meta live while the body is cached, and drops the cache when a sync brings new data', async () => {
    const c = clock();
    const h = await start({ demo: { leadCount: 150 }, now: c.now });
    const url = '/api/leads?sort=name&limit=1000&archived=true';
    const before = JSON.parse((await h.app.inject(url)).body);
    expect(before.meta.stale).toBe(false);

    // Past the TTL with upstream failing: the same data, now marked stale.
    h.demo.faults.failWith = { status: 500, remaining: Infinity };
    c.advance(301_000);
    await h.app.inject(url);
    await h.app.leadStore.settled();
    const stale = JSON.parse((await h.app.inject(url)).body);
    expect(stale.meta.stale).toBe(true);
    expect(stale.data).toEqual(before.data);

    // Upstream recovers with one lead renamed and one added: the next sync's index answers.
    h.demo.faults.failWith = null;
    const renamed = h.demo.leads[0]!;
    h.demo.leads = [...h.demo.leads.slice(1), { ...renamed, name: 'Aaaa Response Cache' }, { id: 'added-lead', name: 'Aaab Added' }];
    c.advance(301_000);
    await h.app.inject(url);
    await h.app.leadStore.settled();
    const after = JSON.parse((await h.app.inject(url)).body);
    expect(after.meta.stale).toBe(false);
    expect(after.pagination.total).toBe(before.pagination.total + 1);
    expect(after.data.slice(0, 2).map((lead: { name?: string }) => lead.name)).toEqual(['Aaaa Response Cache', 'Aaab Added']);
  });
});
