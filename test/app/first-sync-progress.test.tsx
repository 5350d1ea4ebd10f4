// Issue 14, first start with a big account: while the first sync pages through a slow Rotor (the demo
// API's latency fault), the leads screen shows the sync's real progress instead of an error, even after
// the server's first-sync wait gives up on the request (504), and loads the table once the sync ends.
import { screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_LEAD_COUNT, type TestServer } from './support/server';
import { expectListing, renderApp } from './support/render';

const SLOW = { timeout: 20_000, interval: 50 };
let server: TestServer;

beforeAll(async () => {
  // 4 pages of 100 (TEST_LEAD_COUNT 320) at 900 ms each; requests give up after 1 s, well before the end.
  server = await startTestServer({ demo: { faults: { latencyMs: 900 } }, sync: { firstSyncWaitMs: 1_000 } });
});
afterAll(() => server.close());

describe('the first sync of a slow upstream', () => {
  it('shows "Loading leads from Rotor: N of 320" as a progress bar, no error, then the table', { timeout: 60_000 }, async () => {
    renderApp('/');
    const bar = await screen.findByRole('progressbar', { name: 'Loading leads from Rotor' }, SLOW);
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toMatch(new RegExp(`^[1-9][\\d,]* of ${TEST_LEAD_COUNT}$`)), SLOW);
    expect(bar.getAttribute('aria-valuemax')).toBe(String(TEST_LEAD_COUNT));
    expect(document.body.textContent).toMatch(new RegExp(`Loading leads from Rotor: [\\d,]+ of ${TEST_LEAD_COUNT}`));
    // By now the screen's request has given up (504 after 1 s, retried once); the progress stays, no error.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    if ((await server.getJson<{ data: { syncing: boolean } }>('/api/status')).body.data.syncing) {
      expect(screen.getByRole('progressbar', { name: 'Loading leads from Rotor' })).toBeTruthy();
      expect(screen.queryByRole('alert')).toBeNull();
    }
    await waitFor(async () => expect((await server.getJson<{ status: string }>('/api/leads')).body.status).toBe('success'), SLOW);
    await expectListing(await server.leads());
    expect(screen.queryByRole('progressbar', { name: 'Loading leads from Rotor' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
