// DEMO_LEADS=100000 must start fast and serve pages quickly (the newest-first order is computed once).
import { afterAll, expect, it } from 'vitest';
import { createDemoApi } from '../../src/demo-api/app';

const headers = { 'x-api-key': 'demo', 'rotor-api-version': '1.1.0' };
const saved = process.env.DEMO_LEADS;
process.env.DEMO_LEADS = '100000';
const started = performance.now();
const demo = createDemoApi({ apiKey: 'demo', dailyLimit: 1_000_000 });
const startupMs = performance.now() - started;
if (saved === undefined) delete process.env.DEMO_LEADS;
else process.env.DEMO_LEADS = saved;
afterAll(() => demo.close());

it('builds 100,000 leads from DEMO_LEADS and is ready in under 3 s', () => {
  expect(demo.leads).toHaveLength(100_000);
  expect(startupMs).toBeLessThan(3000);
});

it('pages through 100,000 leads quickly, in order, without repeats', async () => {
  const seen = new Set<string>();
  let previous = Number.POSITIVE_INFINITY;
  const pageTimes: number[] = [];
  for (let page = 1; ; page++) {
    const t0 = performance.now();
    const response = await demo.app.inject({ url: `/open-api/leads?archived=true&limit=1000&page=${page}`, headers });
    pageTimes.push(performance.now() - t0);
    const body = response.json() as { data: { id: string; created_at?: string | null }[]; pagination: { has_more: boolean; total: number } };
    for (const lead of body.data) {
      expect(seen.has(lead.id)).toBe(false);
      seen.add(lead.id);
      const time = lead.created_at ? Date.parse(lead.created_at) : Number.NEGATIVE_INFINITY;
      expect(time).toBeLessThanOrEqual(previous);
      previous = time;
    }
    if (!body.pagination.has_more) break;
  }
  expect(seen.size).toBe(100_000);
  pageTimes.sort((a, b) => a - b);
  const median = pageTimes[Math.floor(pageTimes.length / 2)]!;
  expect(median).toBeLessThan(100);
});

it('answers a filtered first page quickly', async () => {
  const t0 = performance.now();
  const response = await demo.app.inject({ url: '/open-api/leads?search=garc&tags=solar,hot&limit=50', headers });
  expect(response.statusCode).toBe(200);
  expect(performance.now() - t0).toBeLessThan(500);
});
