// The header's status line (freshness and quota from /api/status). A refused Refresh is covered with the
// other error answers in errors.test.tsx.
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, renderApp, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('status bar', () => {
  it('holds a stand-in line until the status arrives, then the freshness and quota', async () => {
    const listing = await server.leads(); // the server's first sync has ended: the status says "Updated"
    renderApp('/');
    const header = screen.getByRole('banner');
    // Nothing a screen reader would announce before the answer.
    expect(within(header).queryByText(/API calls today/)).toBeNull();
    await waitFor(() => expect(within(header).getByText(/\d+ \/ \d+ API calls today/)).toBeTruthy(), WAIT);
    expect(within(header).getByText(/^Updated /)).toBeTruthy();
    await expectListing(listing); // no request left in flight when the test ends
  });
});
