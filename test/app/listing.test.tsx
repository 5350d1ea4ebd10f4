// The whole App against the real Fastify server and demo API (no mocks): rows, facets, search, sort, paging.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PIPELINE_STAGES } from '../../src/shared/lead-fields';
import type { LeadsResponse } from '../../src/shared/api-types';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, expectUrl, renderApp, table, urlParams, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const stageNames = () =>
  within(screen.getByRole('group', { name: 'Stage' }))
    .getAllByRole('checkbox')
    .map((box) => (box.closest('label')?.textContent ?? '').replace(/\s*\(\d[\d,]*\)$/, '').trim());

/** The order a list of stage names takes in the pipeline (stages outside it last). */
const stages: readonly string[] = PIPELINE_STAGES;
const pipelineRank = (stage: string) => (stages.includes(stage) ? stages.indexOf(stage) : stages.length);

describe('dashboard listing', () => {
  it('renders the newest leads, the range text and the facet counts the server reports', async () => {
    const expected = await server.leads();
    renderApp('/');
    await expectListing(expected);
    const stageGroup = screen.getByRole('group', { name: 'Stage' });
    for (const facet of expected.facets.stage) {
      expect(within(stageGroup).getByRole('checkbox', { name: `${facet.value} (${facet.count})` })).toBeTruthy();
    }
    // Long facets show their top 8 (docs/ui.md v2); the rest behind "Show all (n)".
    const tagsGroup = screen.getByRole('group', { name: 'Tags' });
    for (const facet of expected.facets.tags.slice(0, 8)) {
      expect(within(tagsGroup).getByRole('checkbox', { name: `${facet.value} (${facet.count})` })).toBeTruthy();
    }
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Rotor Leads');
  });

  it('a facet checkbox pushes its value into the URL, resets the page and filters the rows', async () => {
    const initial = await server.leads();
    const stage = initial.facets.stage[0]!.value;
    const user = userEvent.setup();
    renderApp('/?page=2');
    await expectListing(await server.leads({ page: 2 }));
    const before = window.history.length;

    await user.click(within(screen.getByRole('group', { name: 'Stage' })).getByRole('checkbox', { name: new RegExp(`^${stage} \\(`) }));
    await expectUrl({ stage });
    expect(window.history.length).toBe(before + 1);
    const filtered = await server.leads({ stage });
    await expectListing(filtered);

    // A second value: leads of either; the tag facet counts follow the stage filter.
    // The tag list keeps the order it first showed (docs/ui.md v2), so take the first tag it shows now.
    const tagBox = within(screen.getByRole('group', { name: 'Tags' })).getAllByRole('checkbox')[0]!;
    const tag = (tagBox.closest('label')?.textContent ?? '').replace(/\s*\(\d[\d,]*\)$/, '').trim();
    expect(filtered.facets.tags.map((facet) => facet.value)).toContain(tag);
    await user.click(tagBox);
    await expectUrl({ stage, tags: tag });
    await expectListing(await server.leads({ stage, tags: tag }));

    // Chips: remove one, then "Clear all".
    await user.click(screen.getByRole('button', { name: `Remove filter Tag: ${tag}` }));
    await expectUrl({ stage });
    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    await expectUrl({});
    await expectListing(initial);

    // "Include archived" is a switch.
    await user.click(screen.getByRole('switch', { name: 'Include archived' }));
    await expectUrl({ archived: 'true' });
    await expectListing(await server.leads({ archived: true }));
  });

  it('lists stages in pipeline order, and a ticked stage stays where it was clicked', async () => {
    const initial = await server.leads();
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(initial);
    const shown = stageNames();
    // The named stages, then the no-value bucket "None" last when some leads have no stage.
    const raw = (await server.getJson<LeadsResponse>('/api/leads')).body;
    const noStage = raw.facets.stage.some((facet) => facet.value === null);
    expect(shown).toEqual([...shown.filter((name) => name !== 'None'), ...(noStage ? ['None'] : [])]);
    expect(new Set(shown.filter((name) => name !== 'None'))).toEqual(new Set(initial.facets.stage.map((facet) => facet.value)));
    expect(shown).toEqual([...shown].sort((a, b) => pipelineRank(a) - pipelineRank(b)));

    // Tick the stage the server counts least of: after the reload of counts, the list order is unchanged.
    const rarest = initial.facets.stage.at(-1)!.value;
    await user.click(within(screen.getByRole('group', { name: 'Stage' })).getByRole('checkbox', { name: new RegExp(`^${rarest} \\(`) }));
    await expectUrl({ stage: rarest });
    await expectListing(await server.leads({ stage: rarest }));
    expect(stageNames()).toEqual(shown);
  });

  it('search: the box shows keystrokes at once, the URL is replaced (no history step), and only the settled text is fetched', async () => {
    const all = await server.leads({ limit: 1000 });
    const term = all.data
      .map((lead) => lead.name ?? '')
      .find((name) => /^[A-Za-z]{4}/.test(name))!
      .slice(0, 4)
      .toLowerCase();
    const expected = await server.leads({ search: term });
    const fetchSpy = vi.spyOn(globalThis, 'fetch'); // observes, passes through to the real server
    const user = userEvent.setup();
    renderApp('/?page=3');
    await expectListing(await server.leads({ page: 3 }));
    const before = window.history.length;

    const box = screen.getByRole('searchbox', { name: 'Search leads' });
    await user.type(box, term);
    expect((box as HTMLInputElement).value).toBe(term);
    await expectUrl({ search: term }); // page reset to 1 as well
    await expectListing(expected);
    expect(window.history.length).toBe(before);

    const searches = fetchSpy.mock.calls
      .map(([input]) => new URL(String(input)))
      .filter((url) => url.pathname === '/api/leads')
      .map((url) => url.searchParams.get('search'))
      .filter((search) => search !== null);
    expect(searches).toEqual([term]); // no request per keystroke
    fetchSpy.mockRestore();
  });

  it('"/" focuses the search box unless typing in a field', async () => {
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(await server.leads());
    const box = screen.getByRole('searchbox', { name: 'Search leads' });
    await user.click(within(screen.getByRole('group', { name: 'Stage' })).getAllByRole('checkbox')[0]!);
    await user.keyboard('/');
    expect(document.activeElement).toBe(box);
    await user.keyboard('a/b');
    expect((box as HTMLInputElement).value).toBe('a/b');
    // The debounced URL write must land inside this test, not in the next one's URL.
    await waitFor(() => expect(urlParams().search).toBe('a/b'), WAIT);
  });

  it('header clicks on a number cycle descending → ascending → default, with aria-sort on the primary key only', async () => {
    const user = userEvent.setup();
    renderApp('/?page=2');
    await expectListing(await server.leads({ page: 2 }));
    const header = () => within(table()).getByRole('button', { name: 'Value' }).closest('th')!;
    const created = () => within(table()).getByRole('button', { name: 'Created' }).closest('th')!;
    expect(header().getAttribute('aria-sort')).toBeNull();
    expect(created().getAttribute('aria-sort')).toBe('descending'); // the default order is newest first

    await user.click(within(table()).getByRole('button', { name: 'Value' }));
    await expectUrl({ sort: '-projected_value' }); // biggest deal first, and back to page 1
    await expectListing(await server.leads({ sort: '-projected_value' }));
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(created().getAttribute('aria-sort')).toBeNull();

    await user.click(within(table()).getByRole('button', { name: 'Value' }));
    await expectUrl({ sort: 'projected_value' });
    await expectListing(await server.leads({ sort: 'projected_value' }));
    expect(header().getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(table()).getByRole('button', { name: 'Value' }));
    await expectUrl({});
    await expectListing(await server.leads());
    expect(header().getAttribute('aria-sort')).toBeNull();

    // Tags does not sort: no button, no aria-sort.
    const tagsHeader = within(table())
      .getAllByRole('columnheader')
      .find((th) => th.textContent === 'Tags')!;
    expect(tagsHeader.getAttribute('aria-sort')).toBeNull();
    expect(within(tagsHeader).queryByRole('button')).toBeNull();
  });

  it('pagination walks the pages with the range text, disabled at the ends; rows per page resets to page 1', async () => {
    const user = userEvent.setup();
    renderApp('/');
    const first = await server.leads();
    await expectListing(first);
    const nav = screen.getByRole('navigation', { name: 'Pagination' });
    const button = (name: string) => within(nav).getByRole<HTMLButtonElement>('button', { name });
    expect(button('First page').disabled).toBe(true);
    expect(button('Previous page').disabled).toBe(true);

    await user.click(button('Next page'));
    await expectUrl({ page: '2' });
    await expectListing(await server.leads({ page: 2 }));

    const lastPage = Math.ceil(first.pagination.total / first.pagination.limit);
    await user.click(button('Last page'));
    await expectUrl({ page: String(lastPage) });
    await expectListing(await server.leads({ page: lastPage }));
    expect(button('Next page').disabled).toBe(true);
    expect(button('Last page').disabled).toBe(true);

    await user.click(button('Previous page'));
    await expectUrl({ page: String(lastPage - 1) });
    await user.click(button('First page'));
    await expectUrl({});

    await user.click(button('Next page'));
    await expectUrl({ page: '2' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '25');
    await expectUrl({ limit: '25' });
    await expectListing(await server.leads({ limit: 25 }));
  });

  it('Back and Forward restore each view exactly', async () => {
    const user = userEvent.setup();
    renderApp('/');
    const initial = await server.leads();
    await expectListing(initial);
    const stage = initial.facets.stage[1]!.value;
    await user.click(within(screen.getByRole('group', { name: 'Stage' })).getByRole('checkbox', { name: new RegExp(`^${stage} \\(`) }));
    await expectUrl({ stage });
    await user.click(within(table()).getByRole('button', { name: 'Score' }));
    await expectUrl({ stage, sort: '-value_score' });
    await expectListing(await server.leads({ stage, sort: '-value_score' }));

    act(() => window.history.back());
    await expectUrl({ stage });
    await expectListing(await server.leads({ stage }));
    act(() => window.history.back());
    await expectUrl({});
    await expectListing(initial);
    const checkbox = within(screen.getByRole('group', { name: 'Stage' })).getByRole('checkbox', { name: new RegExp(`^${stage} \\(`) });
    expect((checkbox as HTMLInputElement).checked).toBe(false);
    act(() => window.history.forward());
    await expectUrl({ stage });
    await waitFor(() => expect((checkbox as HTMLInputElement).checked).toBe(true), WAIT);
  });

  it('a page past the end after a filter change (or in an old link) is clamped to the last page', async () => {
    const stage = (await server.leads()).facets.stage.at(-1)!.value;
    const filtered = await server.leads({ stage, limit: 25 });
    const lastPage = Math.max(1, Math.ceil(filtered.pagination.total / 25));
    renderApp(`/?stage=${encodeURIComponent(stage)}&limit=25&page=999`);
    await expectUrl(lastPage === 1 ? { stage, limit: '25' } : { stage, limit: '25', page: String(lastPage) });
    await expectListing(await server.leads({ stage, limit: 25, page: lastPage }));
    expect(urlParams().page ?? '1').toBe(String(lastPage));
  });

  it('hand-broken URL values are dropped or clamped, never a crash, and the URL is rewritten cleanly', async () => {
    const stage = (await server.leads()).facets.stage[0]!.value;
    renderApp(`/?page=abc&limit=0&sort=bogus&archived=maybe&stage=,${encodeURIComponent(stage)},,&lead=../etc&utm_source=mail`);
    // limit 0 → 1 (nearest valid); page, sort, archived and the malformed lead id dropped; unknown params kept.
    await expectUrl({ stage, limit: '1', utm_source: 'mail' });
    await expectListing(await server.leads({ stage, limit: 1 }));
    // The non-standard page size stays selectable.
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Rows per page' });
    expect(select.value).toBe('1');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('an empty result says so and "Clear filters" brings everything back', async () => {
    const user = userEvent.setup();
    renderApp('/?search=zzzzqqqq-no-such-lead');
    await waitFor(() => expect(screen.getByText('No leads match')).toBeTruthy(), WAIT);
    expect(screen.getByRole('status', { name: 'Showing 0–0 of 0' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await expectUrl({});
    await expectListing(await server.leads());
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search leads' }).value).toBe('');
  });

  it('Export CSV links to the export of the current filters and sort (no paging)', async () => {
    const stage = (await server.leads()).facets.stage[0]!.value;
    renderApp(`/?stage=${encodeURIComponent(stage)}&sort=-value_score&page=2&limit=25`);
    await expectListing(await server.leads({ stage, sort: '-value_score', page: 2, limit: 25 }));
    const link = screen.getByRole<HTMLAnchorElement>('link', { name: 'Export CSV' });
    const href = new URL(link.href);
    expect(href.pathname).toBe('/api/export/leads.csv');
    // `tz` rides along on every API call (never in the page's URL).
    expect(Object.fromEntries(href.searchParams)).toEqual({
      stage,
      sort: '-value_score',
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const csv = await (await fetch(link.href)).text();
    const total = (await server.leads({ stage })).pagination.total;
    expect(csv.trim().split(/\r\n/).length).toBeGreaterThanOrEqual(total + 1); // header + every lead (notes may span lines)
  });
});
