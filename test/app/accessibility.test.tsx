// What keyboard and screen-reader users rely on beyond the listing itself: the skip link past the filters,
// and the names the compact (icon-only on a phone) controls keep.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, renderApp } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('skip link and control names', () => {
  it('"Skip to leads table" moves focus past the filters to the table without touching the URL', async () => {
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(await server.leads());
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to leads table' });
    expect(document.activeElement).toBe(skip);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('region', { name: /^Leads table/ }));
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('');
  });

  it('compact phone controls keep their accessible names', async () => {
    renderApp('/');
    await expectListing(await server.leads());
    expect(screen.getByRole('combobox', { name: 'Rows per page' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });
});
