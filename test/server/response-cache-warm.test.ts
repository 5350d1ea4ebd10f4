// Issue 14: before a sync's index replaces the held one, the response cache answers its most used queries
// on the new index (routes/leads.ts `warm`), so they are not all cold at once after the swap. Those
// answers must be exactly what a cold answer on the new index is, with the new sync's meta.
// Real app + real demo API on loopback, fake clock.
import { describe, expect, it } from 'vitest';
import { useHarnesses } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const start = useHarnesses();

describe('/api/leads answers warmed before a swap', () => {
  it('answer the new data, byte for byte as a cold answer, with the new sync meta', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 27, 9, 0, 0));
    const h = await start({ demo: { leadCount: 150 }, now: clock.now });
    const stage = h.demo.leads.find((lead) => typeof lead.stage === 'string')!.stage!;
    const views = [
      '/api/leads?sort=name&limit=20&page=2&archived=true',
      `/api/leads?stage=${encodeURIComponent(stage)}&sort=-created_at`,
      '/api/leads?search=aa&limit=10',
    ];
    for (const view of views) expect((await h.app.inject(view)).statusCode).toBe(200);

    // Upstream changes: one lead renamed to sort first, one added. The next sync's index must answer.
    const renamed = h.demo.leads[0]!;
    h.demo.leads = [...h.demo.leads.slice(1), { ...renamed, name: 'Aaaa Warmed', stage }, { id: 'added-lead', name: 'Aaab Added', stage }];
    clock.advance(301_000);
    await h.app.inject('/api/status');
    await h.app.inject(views[0]!); // starts the due sync (stale data meanwhile)
    await h.app.leadStore.settled();
    const syncedAt = (await h.getJson('/api/status')).body.data.synced_at as string;

    for (const view of views) {
      const warmed = (await h.app.inject(view)).body;
      // The same query under another cache key (a facet limit no facet here reaches): computed cold.
      const cold = JSON.parse((await h.app.inject(`${view}&facet_limit=500`)).body);
      const parsed = JSON.parse(warmed);
      for (const values of Object.values(parsed.facets as Record<string, unknown[]>)) expect(values.length).toBeLessThan(100);
      expect(warmed).toBe(JSON.stringify(parsed));
      expect(parsed).toEqual(cold);
      expect(parsed.meta).toEqual({ synced_at: syncedAt, stale: false });
    }
    const byStage = JSON.parse((await h.app.inject(views[1]!)).body);
    expect(byStage.data.map((lead: { id: string }) => lead.id)).toEqual(expect.arrayContaining(['added-lead', renamed.id]));
    const byName = JSON.parse((await h.app.inject('/api/leads?sort=name&limit=2&archived=true')).body);
    expect(byName.data.map((lead: { name?: string }) => lead.name)).toEqual(['Aaaa Warmed', 'Aaab Added']);
  });
});
