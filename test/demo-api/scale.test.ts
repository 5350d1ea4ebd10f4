// DEMO_LEADS=100000 serves every lead once, newest first. Its speed is a benchmark figure, not a test here.
import { afterAll, expect, it } from 'vitest';
import { createDemoApi } from '../../src/demo-api/app';
import { demoApiOptionsFromEnv } from '../../src/demo-api/env-options';

const headers = { 'x-api-key': 'demo', 'rotor-api-version': '1.1.0' };
const demo = createDemoApi(demoApiOptionsFromEnv({ DEMO_LEADS: '100000', DEMO_API_KEY: 'demo', DEMO_DAILY_LIMIT: '1000000' }));
afterAll(() => demo.close());

it('builds 100,000 leads from DEMO_LEADS', () => {
  expect(demo.leads).toHaveLength(100_000);
});

it('pages through 100,000 leads in order, without repeats', async () => {
  const seen = new Set<string>();
  let previous = Number.POSITIVE_INFINITY;
  for (let page = 1; ; page++) {
    const response = await demo.app.inject({ url: `/open-api/leads?archived=true&limit=1000&page=${page}`, headers });
    const body = response.json<{ data: { id: string; created_at?: string | null }[]; pagination: { has_more: boolean; total: number } }>();
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
}, 60_000);

it('answers a filtered first page at that scale with only matching leads', async () => {
  const response = await demo.app.inject({ url: '/open-api/leads?search=garc&tags=solar,hot&limit=50', headers });
  expect(response.statusCode).toBe(200);
  const body = response.json<{ data: { name?: string | null; email?: string | null; phone?: string | null; tags?: string[] | null }[] }>();
  expect(body.data.length).toBeGreaterThan(0);
  for (const lead of body.data) {
    const text = [lead.name, lead.email, lead.phone].map((v) => (v ?? '').toLowerCase()).join('\n');
    expect(text).toContain('garc');
    expect(lead.tags?.some((tag) => tag === 'solar' || tag === 'hot')).toBe(true);
  }
});
