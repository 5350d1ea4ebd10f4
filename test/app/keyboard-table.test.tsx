// The keyboard shortcuts, a click on a row, previous/next lead across pages, column order, and "I am…",
// against the real server.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { dataRows, expectedName, expectListing, expectUrl, renderApp, table, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close(), 30_000);

const highlightedRow = () => dataRows().find((row) => row.getAttribute('data-highlighted') === 'true');

describe('keyboard and table', { timeout: 90_000 }, () => {
  it('j/k move a highlight that focus follows, Enter opens; [ ] page; ? lists the shortcuts; nothing fires while typing', async () => {
    const listing = await server.leads();
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(listing);

    await user.keyboard('j');
    await waitFor(() => expect(highlightedRow()).toBe(dataRows()[0]), WAIT);
    await user.keyboard('jjk');
    expect(highlightedRow()).toBe(dataRows()[1]);
    expect(document.activeElement?.getAttribute('data-lead-button')).toBe(listing.data[1]!.id);
    await user.keyboard('{ArrowDown}'); // focus is inside the table
    expect(highlightedRow()).toBe(dataRows()[2]);
    await user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: expectedName(listing.data[2]!) }, WAIT);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);

    await user.keyboard(']');
    await expectUrl({ page: '2' });
    await expectListing(await server.leads({ page: 2 }));
    await user.keyboard('[['); // `[[` is how user-event types a `[`
    await expectUrl({});

    // Typing: the letters go into the box, no shortcut runs.
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search leads' }));
    await user.keyboard('j]?');
    await expectUrl({ search: 'j]?' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.keyboard('{Escape}');
    await expectUrl({});

    (document.activeElement as HTMLElement).blur();
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }, WAIT);
    expect(help.textContent).toMatch(/Previous page/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
  });

  it('a click anywhere on a row opens it; Next lead / Previous lead follow the table across pages', async () => {
    const page1 = await server.leads({ limit: 25 });
    const page2 = await server.leads({ limit: 25, page: 2 });
    const user = userEvent.setup();
    renderApp('/?limit=25');
    await expectListing(page1);

    const last = page1.data.at(-1)!;
    const row = dataRows().at(-1)!;
    await user.click(within(row).getAllByRole('cell')[2]!); // the Stage cell, not the name
    let dialog = await screen.findByRole('dialog', { name: expectedName(last) }, WAIT);
    await expectUrl({ limit: '25', lead: last.id! });

    await user.click(within(dialog).getByRole('button', { name: 'Next lead' }));
    dialog = await screen.findByRole('dialog', { name: expectedName(page2.data[0]!) }, WAIT);
    await expectUrl({ limit: '25', page: '2', lead: page2.data[0]!.id! });
    await expectListing(page2);
    await user.keyboard('j');
    await screen.findByRole('dialog', { name: expectedName(page2.data[1]!) }, WAIT);
    await user.keyboard('kk');
    await screen.findByRole('dialog', { name: expectedName(last) }, WAIT);
    await expectUrl({ limit: '25', lead: last.id! });
  });

  it('Move left / Move right in the Columns menu reorder the table and are remembered', async () => {
    const user = userEvent.setup();
    const first = renderApp('/');
    await expectListing(await server.leads());
    const headers = () =>
      within(table())
        .getAllByRole('columnheader')
        .map((th) => th.textContent);
    expect(headers().slice(0, 4)).toEqual(['Name', 'Phone', 'Stage', 'Priority']);
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await screen.findByRole('group', { name: 'Show columns' }, WAIT); // the panel loads when first opened
    // The sidebar has a "Priority" group too: the move buttons are the ones in the Columns menu.
    const moveButtons = (column: string) =>
      within(within(screen.getByRole('group', { name: 'Show columns' })).getByRole('group', { name: column }));
    await user.click(moveButtons('Priority').getByRole('button', { name: 'Move left' }));
    expect(headers().slice(0, 4)).toEqual(['Name', 'Phone', 'Priority', 'Stage']);
    await user.click(moveButtons('Phone').getByRole('button', { name: 'Move right' }));
    expect(headers().slice(0, 4)).toEqual(['Name', 'Priority', 'Phone', 'Stage']);
    first.unmount();
    renderApp('/');
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    expect(headers().slice(0, 4)).toEqual(['Name', 'Priority', 'Phone', 'Stage']);
  });

  it('“I am…” keeps the owner id in localStorage and sends it as `me` with every API call, never in the URL', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const user = userEvent.setup();
    renderApp('/?stage=Won');
    await expectListing(await server.leads({ stage: 'Won' }));
    await user.click(await screen.findByRole('button', { name: 'Choose who you are' }, WAIT));
    const dialog = await screen.findByRole('dialog', { name: 'Who are you?' }, WAIT);
    // The Owner values (the assigned_to facet over every lead), most leads first, then "Nobody (not set)".
    const radios = await within(dialog).findAllByRole('radio', {}, WAIT);
    expect(radios.length).toBeGreaterThan(1);
    await user.click(radios[0]!);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const me = JSON.parse(window.localStorage.getItem('rotor-leads:me:v1') ?? 'null') as string;
    expect(me).toBeTruthy();
    await screen.findByRole('button', { name: `I am ${me}` }, WAIT);
    fetchSpy.mockClear();
    await user.click(screen.getByRole('button', { name: 'Remove filter Stage: Won' }));
    await waitFor(() => expect(fetchSpy.mock.calls.some(([url]) => String(url).includes('/api/leads?'))).toBe(true), WAIT);
    for (const [url] of fetchSpy.mock.calls) expect(new URL(String(url)).searchParams.get('me')).toBe(me);
    expect(new URLSearchParams(window.location.search).has('me')).toBe(false);
    fetchSpy.mockRestore();
  });
});
