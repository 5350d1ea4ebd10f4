// The v2 sidebar, chips, multi-sort and `tz` in jsdom against the real server, plus the pure rules behind
// them (header clicks, the URL's reading of v2 params, chip wording).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LeadsAnswer } from '../../src/app/features/leads/api/get-leads';
import { nextSort } from '../../src/app/features/leads/multi-sort';
import { rangeChipLabel } from '../../src/app/features/leads/components/sidebar/filter-labels';
import { DEFAULT_VIEW_SORT, parseViewQuery, viewQueryToSearchParams } from '../../src/app/features/leads/view-query';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, expectUrl, renderApp, table, urlParams, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
const answer = async (params: Record<string, string> = {}) =>
  (await server.getJson<LeadsAnswer>(`/api/leads?${new URLSearchParams({ ...params, tz })}`)).body;

describe('v2 rules', () => {
  it('header clicks: alone, Shift adds (≤ 3) or flips, numbers and dates start descending', () => {
    expect(nextSort(DEFAULT_VIEW_SORT, 'projected_value', false)).toEqual([{ field: 'projected_value', descending: true }]);
    expect(nextSort(DEFAULT_VIEW_SORT, 'name', false)).toEqual([{ field: 'name', descending: false }]);
    // The default order is "Created descending": a click on Created flips it to oldest first, then back.
    expect(nextSort(DEFAULT_VIEW_SORT, 'created_at', false)).toEqual([{ field: 'created_at', descending: false }]);
    expect(nextSort([{ field: 'created_at', descending: false }], 'created_at', false)).toBeNull();
    const two = nextSort([{ field: 'stage', descending: false }], 'value_score', true)!;
    expect(two).toEqual([
      { field: 'stage', descending: false },
      { field: 'value_score', descending: true },
    ]);
    expect(nextSort(two, 'value_score', true)).toEqual([
      { field: 'stage', descending: false },
      { field: 'value_score', descending: false },
    ]);
    const three = nextSort(two, 'name', true)!;
    expect(nextSort(three, 'city', true)).toBeNull();
    expect(nextSort(three, 'property_city', true)!.map((k) => k.field)).toEqual(['stage', 'value_score', 'property_city']);
    expect(nextSort(three, 'stage', false)).toEqual([{ field: 'stage', descending: false }]);
  });

  it('the URL reads v2 params leniently and writes them canonically, never with tz', () => {
    const query = parseViewQuery(
      new URLSearchParams(
        'priority=high,,high,(none)&follow_up_date= ..today-1&projected_value=10..5&sort=-value_score,bogus,name&tz=Europe/Paris',
      ),
    );
    expect(query.priority).toEqual(['high', '(none)']);
    expect(query.follow_up_date).toBe('..today-1');
    expect(query.projected_value).toBe(''); // inverted: dropped
    expect(query.sort).toEqual([
      { field: 'value_score', descending: true },
      { field: 'name', descending: false },
    ]);
    expect(viewQueryToSearchParams(query).toString()).toBe('priority=high%2C%28none%29&follow_up_date=..today-1&sort=-value_score%2Cname');
  });

  it('chips name a preset by its label and a custom range by its bounds', () => {
    expect(rangeChipLabel('follow_up_date', '..today-1')).toBe('Follow-up: Overdue');
    expect(rangeChipLabel('created_at', 'today-6..')).toBe('Created: Last 7 days');
    expect(rangeChipLabel('projected_value', '20000..')).toMatch(/^Value: ≥ \$20,000$/);
    expect(rangeChipLabel('value_score', '..60')).toBe('Score: ≤ 60');
    expect(rangeChipLabel('follow_up_date', '(none)')).toBe('Follow-up: No follow-up');
  });
});

describe('v2 sidebar', () => {
  it('shows the URL state in the groups and chips, and every API call carries tz (never the URL)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const user = userEvent.setup();
    renderApp('/?priority=high&follow_up_date=..today-1');
    await expectListing((await answer({ priority: 'high', follow_up_date: '..today-1' })) as never);
    const followUp = await screen.findByRole('group', { name: 'Follow-up' }, WAIT);
    expect(within(followUp).getByRole<HTMLInputElement>('radio', { name: 'Overdue' }).checked).toBe(true);
    const chips = screen.getByRole('region', { name: 'Active filters' });
    within(chips).getByRole('button', { name: 'Remove filter Follow-up: Overdue' });
    within(chips).getByRole('button', { name: 'Remove filter Priority: High' });

    // A number applies on Enter, not per keystroke.
    const min = screen.getByRole('spinbutton', { name: 'Minimum value' });
    await user.type(min, '20000');
    expect(urlParams().projected_value).toBeUndefined();
    await user.keyboard('{Enter}');
    await expectUrl({ priority: 'high', follow_up_date: '..today-1', projected_value: '20000..' });
    await expectListing((await answer({ priority: 'high', follow_up_date: '..today-1', projected_value: '20000..' })) as never);

    const calls = fetchSpy.mock.calls.map(([input]) => new URL(String(input))).filter((url) => url.pathname.startsWith('/api/'));
    expect(calls.length).toBeGreaterThan(0);
    for (const url of calls) expect(url.searchParams.get('tz')).toBe(tz);
    expect(window.location.search).not.toContain('tz=');
    fetchSpy.mockRestore();
  });

  it('facet counts are the server’s, the no-value bucket is last, and a secondary sort key shows its position', async () => {
    const user = userEvent.setup();
    renderApp('/');
    const initial = await answer();
    await expectListing(initial as never);
    const priority = await screen.findByRole('group', { name: 'Priority' }, WAIT);
    const labels = within(priority)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')!.textContent.replace(/\s+/g, ' ').trim());
    const expected = ['high', 'medium', 'low', null]
      .map((value) => initial.facets.priority!.find((f) => f.value === value))
      .filter((f) => f !== undefined)
      .map((f) => `${f.value === null ? 'None' : f.value[0]!.toUpperCase() + f.value.slice(1)} (${f.count})`);
    expect(labels).toEqual(expected);

    await user.click(within(table()).getByRole('button', { name: 'Stage' }));
    await expectUrl({ sort: 'stage' });
    await user.keyboard('{Shift>}');
    await user.click(within(table()).getByRole('button', { name: 'Value' }));
    await user.keyboard('{/Shift}');
    await expectUrl({ sort: 'stage,-projected_value' });
    await expectListing((await answer({ sort: 'stage,-projected_value' })) as never);
    const valueHeader = within(table()).getByRole('button', { name: 'Value' }).closest('th')!;
    expect(valueHeader.getAttribute('aria-sort')).toBeNull();
    expect(valueHeader.textContent).toContain('2');
    expect(within(table()).getByRole('button', { name: 'Stage' }).closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    await waitFor(() => expect(table().querySelector('tfoot')?.textContent).toContain(`${initial.summary!.count} leads`), WAIT);
  });
});
