// "Since your last visit" (docs/ui.md v2) and the details panel's stage history, against the real server and
// the demo API's test control: a lead added, one moved to another stage and one archived upstream after the
// stored last visit show in the banner's counts (the server's totals); each link opens its filter.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { LAST_VISIT_STORAGE_KEY, type VisitRecord } from '../../src/app/features/freshness/last-visit';
import { startTestServer, type TestServer } from './support/server';
import { expectedName, expectListing, renderApp, urlParams, WAIT } from './support/render';

const HOUR = 3_600_000;
let server: TestServer;
let since: string;
let moved: Lead;
let unmoved: Lead;

beforeAll(async () => {
  server = await startTestServer({ demo: { testControl: true } });
  await server.app.leadStore.settled();
  since = new Date(Date.now() - 2 * HOUR).toISOString();
  const oldest = (await server.leads({ sort: 'created_at', limit: 3 })).data;
  const [target, archived] = [oldest[0]!, oldest[1]!];
  unmoved = oldest[2]!;
  server.demo.upsertLead({ id: 'since-new-1', name: 'Since Visit Newcomer', stage: 'New', created_at: new Date().toISOString() });
  server.demo.upsertLead({ id: target.id!, stage: target.stage === 'Won' ? 'Lost' : 'Won' });
  server.demo.upsertLead({ id: archived.id!, archived: true, archived_at: new Date().toISOString() });
  await server.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
  await server.app.leadStore.settled();
  moved = (await server.getJson(`/api/leads/${target.id}`)).body.data;
  expect(moved.previous_stage).toBe(target.stage);
});
afterAll(() => server.close());

function storeVisit(record: VisitRecord) {
  window.localStorage.setItem(LAST_VISIT_STORAGE_KEY, JSON.stringify({ '': record }));
}
const storedVisit = (): VisitRecord => JSON.parse(window.localStorage.getItem(LAST_VISIT_STORAGE_KEY) ?? '{}')[''];
const banner = () => screen.queryByText(/Since your last visit/)?.closest<HTMLElement>('[role="status"]') ?? null;

/** The server's totals for the three filters the banner counts. */
async function serverCounts() {
  const total = async (params: Record<string, string>) => (await server.leads({ ...params, limit: 1 })).pagination.total;
  return {
    created: await total({ created_at: `${since}..` }),
    stage: await total({ stage_changed_at: `${since}..` }),
    archived: await total({ archived: 'true', archived_at: `${since}..` }),
  };
}

describe('since your last visit', () => {
  it("counts the server's new, moved and archived leads since the last visit; each link opens its filter", async () => {
    storeVisit({ seenAt: since, since: null, dismissed: false });
    const counts = await serverCounts();
    expect(counts.created).toBeGreaterThanOrEqual(1);
    expect(counts.stage).toBeGreaterThanOrEqual(1);
    expect(counts.archived).toBeGreaterThanOrEqual(1);
    const user = userEvent.setup();
    renderApp('/');
    await waitFor(() => expect(banner()).not.toBeNull(), WAIT);
    const status = banner()!;
    const created = within(status).getByRole<HTMLAnchorElement>('link', {
      name: `${counts.created} new lead${counts.created === 1 ? '' : 's'}`,
    });
    within(status).getByRole('link', { name: `${counts.stage} changed stage` });
    within(status).getByRole('link', { name: `${counts.archived} archived` });
    expect(new URL(created.href).searchParams.get('created_at')).toBe(`${since}..`);
    expect(storedVisit()).toMatchObject({ since, dismissed: false });

    const filters: [RegExp, Record<string, string>][] = [
      [/new lead/, { created_at: `${since}..` }],
      [/changed stage/, { stage_changed_at: `${since}..` }],
      [/archived$/, { archived: 'true', archived_at: `${since}..` }],
    ];
    for (const [name, params] of filters) {
      const before = window.history.length;
      await user.click(within(banner()!).getByRole('link', { name }));
      await waitFor(() => expect(urlParams()).toEqual(params), WAIT);
      expect(window.history.length).toBe(before + 1);
      await expectListing(await server.leads(params));
      if (params.created_at) expect(screen.getByRole('table', { name: 'Leads' }).textContent).toContain('Since Visit Newcomer');
    }

    await user.click(within(banner()!).getByRole('button', { name: 'Dismiss' }));
    expect(banner()).toBeNull();
    expect(storedVisit()).toMatchObject({ since, dismissed: true });
  });

  it('stays over a quick reload of the same visit; a first visit shows none', async () => {
    const seenAt = new Date(Date.now() - 5 * 60_000).toISOString();
    storeVisit({ seenAt, since, dismissed: false });
    const first = renderApp('/');
    await waitFor(() => expect(banner()).not.toBeNull(), WAIT);
    first.unmount();

    window.localStorage.clear();
    renderApp('/');
    await expectListing(await server.leads());
    await waitFor(() => expect(storedVisit()).toMatchObject({ since: null, dismissed: false }), WAIT);
    expect(banner()).toBeNull();
  });
});

describe('stage history in the details panel', () => {
  it('shows the move the server saw, with its time in a time element', async () => {
    renderApp(`/?lead=${moved.id}`);
    const dialog = await screen.findByRole('dialog', { name: expectedName(moved) }, WAIT);
    await waitFor(() => expect(dialog.textContent).toContain(`${moved.previous_stage} → ${moved.stage}, `), WAIT);
    const time = within(dialog).getByText(/ago|just now/, { selector: 'time' });
    expect(time.getAttribute('dateTime')).toBe(new Date(moved.stage_changed_at!).toISOString());
    expect(time.getAttribute('title')).toBeTruthy();
  });

  it('a lead never seen moving: its stage and since when the server has held it', async () => {
    const lead: Lead = (await server.getJson(`/api/leads/${unmoved.id}`)).body.data;
    expect(lead.previous_stage ?? null).toBeNull();
    renderApp(`/?lead=${lead.id}`);
    const dialog = await screen.findByRole('dialog', { name: expectedName(lead) }, WAIT);
    const time = await within(dialog).findByText(
      (_, element) => element?.tagName === 'TIME' && element.parentElement?.textContent?.startsWith('since ') === true,
      {},
      WAIT,
    );
    expect(time.getAttribute('dateTime')).toBe(new Date(lead.first_seen_at!).toISOString());
    expect(dialog.textContent).not.toContain('→');
  });
});
