// Lead details (dialog, deep link, focus, Escape/Back) and the Columns menu, against the real server.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadResponse } from '../../src/shared/api-types';
import { startTestServer, type TestServer } from './support/server';
import { dataRows, expectedName, expectListing, expectUrl, renderApp, table, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('lead details', () => {
  it('opens from the row name with every field; Escape closes it, drops ?lead and returns focus to the name', async () => {
    const listing = await server.leads();
    const lead = listing.data.find((candidate) => candidate.email && candidate.phone && candidate.name)!;
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(listing);
    const before = window.history.length;

    const nameButton = within(table()).getByRole('button', { name: expectedName(lead) });
    await user.click(nameButton);
    const dialog = await screen.findByRole('dialog', { name: expectedName(lead) }, WAIT);
    await expectUrl({ lead: lead.id! });
    expect(window.history.length).toBe(before + 1);
    expect(dialog.contains(document.activeElement)).toBe(true);

    const email = within(dialog).getByRole<HTMLAnchorElement>('link', { name: lead.email! });
    expect(email.href).toBe(`mailto:${lead.email}`);
    const phone = within(dialog).getByRole<HTMLAnchorElement>('link', { name: lead.phone! });
    expect(phone.href.startsWith('tel:')).toBe(true);
    if (lead.location) {
      const map = within(dialog).getByRole<HTMLAnchorElement>('link', { name: /Google Maps/ });
      expect(map.href).toContain(`${lead.location[0]},${lead.location[1]}`);
    }
    for (const tag of lead.tags ?? []) expect(within(dialog).getAllByText(tag).length).toBeGreaterThan(0);
    if (lead.notes) expect(dialog.textContent).toContain(lead.notes.trim().slice(0, 20));

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    await expectUrl({});
    await waitFor(() => expect(document.activeElement?.getAttribute('data-lead-button')).toBe(lead.id), WAIT);
  });

  it('Tab stays inside the open dialog', async () => {
    const listing = await server.leads();
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(listing);
    await user.click(within(table()).getByRole('button', { name: expectedName(listing.data[0]!) }));
    const dialog = await screen.findByRole('dialog', { name: expectedName(listing.data[0]!) }, WAIT);
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('Back closes the details and leaves the view as it was', async () => {
    const listing = await server.leads({ page: 2 });
    const user = userEvent.setup();
    renderApp('/?page=2');
    await expectListing(listing);
    const lead = listing.data[3]!;
    await user.click(within(table()).getByRole('button', { name: expectedName(lead) }));
    await screen.findByRole('dialog', { name: expectedName(lead) }, WAIT);
    await expectUrl({ page: '2', lead: lead.id! });
    act(() => window.history.back());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    await expectUrl({ page: '2' });
    await expectListing(listing);
  });

  it('a deep link opens a lead that is not on the current page, and the close button clears it', async () => {
    const all = await server.leads({ limit: 1000 });
    const lead = all.data.at(-1)!;
    const user = userEvent.setup();
    renderApp(`/?lead=${encodeURIComponent(lead.id!)}`);
    const dialog = await screen.findByRole('dialog', { name: expectedName(lead) }, WAIT);
    const full = (await server.getJson<LeadResponse>(`/api/leads/${encodeURIComponent(lead.id!)}`)).body;
    expect(dialog.textContent).toContain(full.data.id);
    await user.click(within(dialog).getByRole('button', { name: 'Close details' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    await expectUrl({});
  });

  it('a deep link to an unknown lead says it was not found instead of breaking the page', async () => {
    renderApp('/?lead=no-such-lead-123');
    const dialog = await screen.findByRole('dialog', { name: 'Lead not available' }, WAIT);
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/does not exist/), WAIT);
    await expectListing(await server.leads());
  });
});

describe('columns menu', () => {
  it('hides and shows columns, remembers the choice in localStorage across a reload', async () => {
    const user = userEvent.setup();
    const first = renderApp('/');
    await expectListing(await server.leads());
    const headers = () =>
      within(table())
        .getAllByRole('columnheader')
        .map((th) => th.textContent);
    expect(headers()).toEqual([
      'Name',
      'Phone',
      'Stage',
      'Priority',
      'Value',
      'Score',
      'Follow-up',
      'Tags',
      'Assigned to',
      'Source',
      'Service',
      'City',
      'State',
      'Created',
    ]);

    const menuButton = screen.getByRole('button', { name: 'Columns' });
    await user.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    await user.click(await screen.findByRole('checkbox', { name: 'Source' }, WAIT)); // the panel loads when first opened
    await user.click(screen.getByRole('checkbox', { name: 'Email' }));
    expect(headers()).not.toContain('Source');
    expect(headers()).toContain('Email');
    expect(within(dataRows()[0]!).getAllByRole('cell')).toHaveLength(14);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('checkbox', { name: 'Source' })).toBeNull();

    first.unmount();
    renderApp('/');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    expect(headers()).not.toContain('Source');
    expect(headers()).toContain('Email');
  });

  it('ignores garbage in localStorage', async () => {
    window.localStorage.setItem('rotor-leads:columns:v1', '{"name":false,"stage":"nope","bogus":false,"email":true');
    renderApp('/');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toContain('Name');
    expect(headers).not.toContain('Email'); // the defaults
  });

  it('trusts only known columns with boolean values', async () => {
    window.localStorage.setItem(
      'rotor-leads:columns:v1',
      JSON.stringify({ name: false, stage: 'nope', bogus: false, email: true, city: 1 }),
    );
    renderApp('/');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toContain('Name'); // never hideable
    expect(headers).toContain('Stage');
    expect(headers).toContain('Email');
  });
});
