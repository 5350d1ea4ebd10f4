// `npm run demo-api` runs for days: its request log keeps only the last `requestLogLimit` entries
// (1,000 in src/demo-api/main.ts); tests' demo APIs keep everything, as they count upstream calls.
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/demo-api/app';

let api: DemoApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the demo API request log', () => {
  it('keeps the last requestLogLimit requests, oldest dropped', async () => {
    api = createDemoApi({ leadCount: 5, apiKey: 'k', requestLogLimit: 4 });
    const base = await api.listen();
    for (let i = 1; i <= 7; i++) await (await fetch(`${base}/leads?page=${i}`, { headers: { 'x-api-key': 'k' } })).arrayBuffer();
    expect(api.requests.map((r) => r.query.page)).toEqual(['4', '5', '6', '7']);
  });

  it('unset: keeps every request', async () => {
    api = createDemoApi({ leadCount: 5, apiKey: 'k' });
    const base = await api.listen();
    for (let i = 0; i < 7; i++) await (await fetch(`${base}/leads`, { headers: { 'x-api-key': 'k' } })).arrayBuffer();
    expect(api.requests).toHaveLength(7);
  });
});
