// Saved views in the SPA against the real server (no auth mode): the menu, opening a view (a push), saving
// one, its name above the table and in the title, rename, delete, a stale stored query, the default view.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewsResponse } from '../../src/shared/views';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, expectUrl, renderApp, WAIT } from './support/render';

let server: TestServer;
let dataDir: string;
const STALE = { id: 'v_stale0000000000a', name: 'Old storm view', query: 'stage=Won&limit=abc&storm_id=7' };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'views-spa-'));
  // A view stored before the schema changed: its `limit` no longer parses and `storm_id` is no longer a param.
  const stamp = '2026-12-01T08:00:00.000Z';
  writeFileSync(
    path.join(dataDir, 'views.json'),
    JSON.stringify({
      format: 'rotor-dashboard/views@1',
      views: [{ ...STALE, shared: false, owner: null, created_at: stamp, updated_at: stamp }],
    }),
  );
  server = await startTestServer({ config: { dataDir } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const viewsButton = () => screen.getByRole('button', { name: 'Views' });
async function openMenu(user: ReturnType<typeof userEvent.setup>) {
  await user.click(viewsButton());
  return screen.findByRole('menu', { name: 'Views' }, WAIT);
}

// Whole flows against a real server: generous time on a shared 2-core machine.
describe('views menu', { timeout: 90_000 }, () => {
  it('lists built-ins first, then saved views; choosing one pushes its query and names it above the table and in the title', async () => {
    const user = userEvent.setup();
    renderApp('/?stage=Won,Lost&sort=name');
    await expectListing(await server.leads({ stage: 'Won,Lost', sort: 'name' }));
    expect(document.title).toBe('Rotor Leads');

    const menu = await openMenu(user);
    await waitFor(() => expect(within(menu).getAllByRole('menuitem').length).toBeGreaterThan(5), WAIT);
    const names = within(menu)
      .getAllByRole('menuitem')
      .map((item) => item.getAttribute('aria-label') ?? item.textContent);
    expect(names.slice(0, 5)).toEqual(['All leads', 'My follow-ups', 'New this week', 'High priority', 'Unassigned']);
    expect(names).toContain('Save view…');
    expect(menu.contains(document.activeElement)).toBe(true); // focus moves into the menu

    // Save the current filters as a view.
    await user.click(within(menu).getByRole('menuitem', { name: 'Save view…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save view' }, WAIT);
    expect(within(dialog).queryByRole('checkbox', { name: 'Share with team' })).toBeNull(); // no auth mode
    await user.type(within(dialog).getByRole('textbox', { name: 'View name' }), 'Closed deals');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    const stored = (await server.getJson<ViewsResponse>('/api/views')).body;
    expect(stored.data.find((view) => view.name === 'Closed deals')?.query).toBe('stage=Won,Lost&sort=name');
    await screen.findByRole('heading', { name: 'Closed deals' }, WAIT);
    await waitFor(() => expect(document.title).toBe('Closed deals · Rotor Leads'), WAIT);

    // Another view: a push, so Back returns to the saved one.
    const before = window.history.length;
    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'All leads' }));
    await expectUrl({});
    expect(window.history.length).toBe(before + 1);
    await screen.findByRole('heading', { name: 'All leads' }, WAIT);
    await expectListing(await server.leads());
    act(() => window.history.back());
    await expectUrl({ stage: 'Won,Lost', sort: 'name' });
    await screen.findByRole('heading', { name: 'Closed deals' }, WAIT);

    // Changing a filter: the URL no longer equals the view, so its name goes.
    await user.click(screen.getByRole('button', { name: 'Remove filter Stage: Won' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Closed deals' })).toBeNull(), WAIT);
    expect(document.title).toBe('Rotor Leads');
  });

  it('the owner renames and deletes the open view; a taken name is refused in words', async () => {
    const user = userEvent.setup();
    renderApp('/?stage=Qualified');
    await expectListing(await server.leads({ stage: 'Qualified' }));
    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'Save view…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Save view' }, WAIT);
    await user.type(within(dialog).getByRole('textbox', { name: 'View name' }), 'all LEADS');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/already exists/), WAIT);
    const name = within(dialog).getByRole('textbox', { name: 'View name' });
    await user.clear(name);
    await user.type(name, 'Qualified ones');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Qualified ones' }, WAIT);

    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'Rename view…' }));
    dialog = await screen.findByRole('dialog', { name: 'Rename view' }, WAIT);
    const box = within(dialog).getByRole('textbox', { name: 'View name' });
    await user.clear(box);
    await user.type(box, 'Qualified leads{Enter}');
    await screen.findByRole('heading', { name: 'Qualified leads' }, WAIT);

    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'Delete view…' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete view' }, WAIT);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Qualified leads' })).toBeNull(), WAIT);
    const stored = (await server.getJson<ViewsResponse>('/api/views')).body;
    expect(stored.data.map((view) => view.name)).not.toContain('Qualified leads');
    // Built-ins cannot be renamed: no such item while one is open.
    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'All leads' }));
    const menu = await openMenu(user);
    expect(within(menu).queryByRole('menuitem', { name: 'Rename view…' })).toBeNull();
  });

  it('a view whose stored query no longer parses opens without the bad params, with a notice', async () => {
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(await server.leads());
    const menu = await openMenu(user);
    await user.click(await within(menu).findByRole('menuitem', { name: STALE.name }, WAIT));
    await expectUrl({ stage: 'Won' });
    await waitFor(() => {
      const notices = screen.getAllByRole('status').map((status) => status.textContent ?? '');
      expect(notices.some((text) => /“Old storm view” no longer applies and was left out: storm_id, limit/.test(text))).toBe(true);
    }, WAIT);
    await expectListing(await server.leads({ stage: 'Won' }));
  });

  it('“Set as my default” makes a bare / open that view (in place); “Clear my default” forgets it', async () => {
    const user = userEvent.setup();
    const first = renderApp('/?tags=solar&limit=25');
    await expectListing(await server.leads({ tags: 'solar', limit: 25 }));
    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'Set as my default' }));
    first.unmount();

    const second = renderApp('/');
    await expectUrl({ tags: 'solar', limit: '25' });
    await expectListing(await server.leads({ tags: 'solar', limit: 25 }));
    await user.click(within(await openMenu(user)).getByRole('menuitem', { name: 'Clear my default' }));
    second.unmount();
    renderApp('/');
    await expectListing(await server.leads());
    expect(window.location.search).toBe('');
  });
});
