// The v2 screen (docs/ui.md v2): the new facets and their no-value buckets, range presets and custom ranges,
// multi-sort, the pipeline strip and the totals row, checked against the server's own answers, through
// Back/Forward and a bookmark reopened in a fresh page.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LeadsAnswer } from '../../src/app/features/leads/api/get-leads';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { columnHeader, escapeRegExp, expectListing, expectUrlParams, leadsTable, sortButton, urlParams, POLL } from './support/ui';

type Params = Record<string, string>;

describeInBrowser('query model v2', () => {
  const e2e = useDashboard();
  /** The server's answer as the browser asks for it: with the browser's zone (never in the page URL). */
  const answer = async (page: Page, params: Params = {}): Promise<LeadsAnswer> => {
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    return (await e2e.dashboard.getJson<LeadsAnswer>(`/api/leads?${new URLSearchParams({ ...params, tz })}`)).body;
  };
  const listing = async (page: Page, params: Params) => {
    await expectUrlParams(page, params);
    await expectListing(page, (await answer(page, params)) as never);
  };
  const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
  const checkbox = (page: Page, groupName: string, label: string) =>
    group(page, groupName).getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(label)} \\([\\d,]+\\)$`) });

  it('each new facet filters by its value, and the no-value bucket selects leads without one', async () => {
    const page = await e2e.open('/');
    const initial = await answer(page);
    await expectListing(page, initial as never);
    const owner = initial.facets.assigned_to!.find((f) => f.value !== null)!.value!;
    // Each next value is one the narrowed answer still lists (a value with no match is not offered).
    const firstNamed = async (params: Params, facet: 'lead_source' | 'service_type') =>
      (await answer(page, params)).facets[facet]!.find((f) => f.value !== null && f.count > 0)!.value!;

    await checkbox(page, 'Owner', owner).check();
    await listing(page, { assigned_to: owner });
    await checkbox(page, 'Priority', 'High').check();
    await listing(page, { assigned_to: owner, priority: 'high' });
    const source = await firstNamed({ assigned_to: owner, priority: 'high' }, 'lead_source');
    await checkbox(page, 'Source', source).check();
    await listing(page, { assigned_to: owner, priority: 'high', lead_source: source });
    const service = await firstNamed({ assigned_to: owner, priority: 'high', lead_source: source }, 'service_type');
    await checkbox(page, 'Service', service).check();
    await listing(page, { assigned_to: owner, priority: 'high', lead_source: source, service_type: service });
    // Every filter is a chip; "Clear all" clears them all.
    const chips = page.getByRole('region', { name: 'Active filters' });
    for (const chip of [`Owner: ${owner}`, 'Priority: High', `Source: ${source}`, `Service: ${service}`])
      await chips.getByRole('button', { name: `Remove filter ${chip}` }).waitFor();
    await chips.getByRole('button', { name: 'Clear all' }).click();
    await listing(page, {});

    // Priority lists by rank, not count; its no-value bucket is "None (n)", last.
    const priorities = await group(page, 'Priority')
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((b) => b.closest('label')!.textContent.replace(/\s*\(.*$/, '')));
    expect(priorities.filter((p) => p !== 'None')).toEqual(['High', 'Medium', 'Low'].filter((p) => priorities.includes(p)));
    const withoutPriority = initial.facets.priority!.find((f) => f.value === null);
    if (withoutPriority) {
      expect(priorities.at(-1)).toBe('None');
      await checkbox(page, 'Priority', 'None').check();
      await listing(page, { priority: '(none)' });
      expect((await answer(page, { priority: '(none)' })).pagination.total).toBe(withoutPriority.count);
      await page.getByRole('region', { name: 'Active filters' }).getByRole('button', { name: 'Remove filter Priority: None' }).click();
      await listing(page, {});
    }
    const unassigned = initial.facets.assigned_to!.find((f) => f.value === null);
    if (unassigned) {
      await checkbox(page, 'Owner', 'Unassigned').check();
      await listing(page, { assigned_to: '(none)' });
    }
  });

  it('"My leads" sends (me); a preset and a custom range filter by day in the browser zone', async () => {
    const page = await e2e.open('/');
    await expectListing(page, (await answer(page)) as never);
    await page.getByRole('switch', { name: 'My leads' }).check();
    await expectUrlParams(page, { assigned_to: '(me)' });
    await page.getByRole('switch', { name: 'My leads' }).uncheck();
    await expectUrlParams(page, {});

    await group(page, 'Follow-up').getByRole('radio', { name: 'Overdue' }).check();
    await listing(page, { follow_up_date: '..today-1' });
    await page.getByRole('region', { name: 'Active filters' }).getByRole('button', { name: 'Remove filter Follow-up: Overdue' }).waitFor();
    await group(page, 'Created').getByRole('radio', { name: 'Last 30 days' }).check();
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..' });

    // Number inputs apply on Enter (and blur), not per keystroke.
    const min = page.getByRole('spinbutton', { name: 'Minimum value' });
    await min.fill('20000');
    expect(urlParams(page).projected_value).toBeUndefined();
    await min.press('Enter');
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..', projected_value: '20000..' });
    await page.getByRole('spinbutton', { name: 'Maximum score' }).fill('60');
    await page.getByRole('spinbutton', { name: 'Minimum score' }).focus(); // blur applies
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..', projected_value: '20000..', value_score: '..60' });

    // A custom day range replaces the preset; Back walks every step.
    await page.getByLabel('Follow-up from').fill('2026-01-01');
    await listing(page, { follow_up_date: '2026-01-01..', created_at: 'today-29..', projected_value: '20000..', value_score: '..60' });
    await page.goBack();
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..', projected_value: '20000..', value_score: '..60' });
    await page.goBack();
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..', projected_value: '20000..' });
    expect(await page.getByRole('spinbutton', { name: 'Maximum score' }).inputValue()).toBe('');
    await page.goForward();
    await listing(page, { follow_up_date: '..today-1', created_at: 'today-29..', projected_value: '20000..', value_score: '..60' });
    expect(urlParams(page).tz).toBeUndefined();
  });

  it('multi-sort: Shift+click adds keys with position badges, aria-sort on the primary only', async () => {
    const page = await e2e.open('/');
    await expectListing(page, (await answer(page)) as never);
    await sortButton(page, 'Stage').click();
    await listing(page, { sort: 'stage' });
    await sortButton(page, 'Value').click({ modifiers: ['Shift'] });
    await listing(page, { sort: 'stage,-projected_value' });
    await sortButton(page, 'Name').focus();
    await page.keyboard.press('Shift+Enter');
    await listing(page, { sort: 'stage,-projected_value,name' });
    expect(await columnHeader(page, 'Stage').getAttribute('aria-sort')).toBe('ascending');
    expect(await columnHeader(page, 'Value').getAttribute('aria-sort')).toBeNull();
    expect(await columnHeader(page, 'Value').innerText()).toMatch(/2/);
    expect(await columnHeader(page, 'Name').innerText()).toMatch(/3/);
    await sortButton(page, 'Value').click({ modifiers: ['Shift'] }); // flips in place
    await listing(page, { sort: 'stage,projected_value,name' });
    await sortButton(page, 'Score').click(); // a plain click sorts by that alone
    await listing(page, { sort: '-value_score' });
    await page.goBack();
    await listing(page, { sort: 'stage,projected_value,name' });
  });

  it('the pipeline strip toggles stages (Back undoes), and the totals row is the API summary', async () => {
    const page = await e2e.open('/');
    const initial = await answer(page);
    await expectListing(page, initial as never);
    const pipeline = page.getByRole('group', { name: 'Pipeline' });
    const stage = initial.facets.stage!.find((f) => f.value !== null && f.count > 0)!;
    const button = pipeline.getByRole('button', { name: new RegExp(`^${escapeRegExp(stage.value!)} · ${stage.count} · \\$`) });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await listing(page, { stage: stage.value! });
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => totalsText(page), POLL).toContain(`${stage.count} lead`);
    const filtered = await answer(page, { stage: stage.value! });
    const footer = await totalsText(page);
    expect(footer).toContain(`${filtered.summary!.count} lead`);
    expect(footer).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(
        filtered.summary!.projected_value.sum,
      ),
    );
    await page.goBack();
    await listing(page, {});
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await page.goForward();
    await listing(page, { stage: stage.value! });
  });

  it('a bookmark of a v2 view opens in a fresh page with the same rows', async () => {
    const params = {
      priority: 'high,medium',
      follow_up_date: 'today-400..today+400',
      projected_value: '1000..',
      sort: '-value_score,name',
      limit: '25',
    };
    const first = await e2e.open(`/?${new URLSearchParams(params)}`);
    const expected = await answer(first, params);
    await expectListing(first, expected as never);
    const fresh = await e2e.open(`/?${new URLSearchParams(params)}`);
    await expectListing(fresh, expected as never);
    expect(urlParams(fresh)).toEqual(params);
  });
});

async function totalsText(page: Page): Promise<string> {
  return (await leadsTable(page).locator('tfoot').innerText()).replace(/\s+/g, ' ');
}
