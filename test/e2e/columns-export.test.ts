// The Columns menu (remembered across reloads), CSV export of every matching lead, and Refresh.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { useDashboard } from './support/dashboard';
import { csvRecords } from '../support/csv';
import { describeInBrowser } from './support/suite';
import { columnHeader, expectListing, exportButton, expectNoSeriousA11yViolations, leadsTable, POLL, visibleRowNames } from './support/ui';
import type { Page } from 'playwright-core';

/** The Columns menu's toggle for one column, whichever checkbox role the menu uses. */
function columnToggle(page: Page, column: string) {
  return page.getByRole('menuitemcheckbox', { name: column, exact: true }).or(page.getByRole('checkbox', { name: column, exact: true }));
}

async function toggleColumn(page: Page, column: string): Promise<void> {
  const toggle = columnToggle(page, column);
  if (!(await toggle.isVisible())) await page.getByRole('button', { name: 'Columns' }).click();
  await toggle.click();
}

describeInBrowser('columns, export and refresh', () => {
  const e2e = useDashboard();

  it('the Columns menu shows and hides columns, and the choice survives a reload', async () => {
    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());
    expect(await columnHeader(page, 'Email').count()).toBe(0); // hidden by default
    expect(await columnHeader(page, 'City').count()).toBe(1);

    await toggleColumn(page, 'Email');
    await columnHeader(page, 'Email').waitFor();
    await toggleColumn(page, 'City');
    await columnHeader(page, 'City').waitFor({ state: 'detached' });
    await expectNoSeriousA11yViolations(page, 'columns menu open');
    await page.keyboard.press('Escape');

    await page.reload();
    await expectListing(page, await e2e.dashboard.leads());
    expect(await columnHeader(page, 'Email').count()).toBe(1);
    expect(await columnHeader(page, 'City').count()).toBe(0);
    // The Email column holds the leads' emails.
    const listing = await e2e.dashboard.leads();
    const withEmail = listing.data.find((lead) => lead.email)!;
    expect((await leadsTable(page).textContent()) ?? '').toContain(withEmail.email);

    // Another browser profile (fresh localStorage) still gets the defaults.
    const fresh = await e2e.open('/');
    await expectListing(fresh, listing);
    expect(await columnHeader(fresh, 'Email').count()).toBe(0);
    expect(await columnHeader(fresh, 'City').count()).toBe(1);
  });

  it('Export CSV downloads every matching lead in the table order, not just the page', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[0]!.value;
    const filter = { stage, sort: '-value_score' };
    const shown = await e2e.dashboard.leads({ ...filter, limit: 25 });
    expect(shown.pagination.total).toBeGreaterThan(25); // the export must reach past the page
    const everyMatch = await e2e.dashboard.leads({ ...filter, limit: 1000 });

    const page = await e2e.open(`/?${new URLSearchParams({ ...filter, limit: '25' })}`);
    await expectListing(page, shown);
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton(page).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const records = csvRecords(await readFile(await download.path(), 'utf8'));

    expect(records).toHaveLength(shown.pagination.total);
    expect(records.map((record) => record.id)).toEqual(everyMatch.data.map((lead) => lead.id));
    expect(new Set(records.map((record) => record.stage))).toEqual(new Set([stage]));
  });

  it('Refresh fetches new upstream data and the table shows it', async () => {
    const page = await e2e.open('/');
    const before = await e2e.dashboard.leads();
    await expectListing(page, before);

    // Someone edits the newest lead in the CRM.
    const newest = e2e.dashboard.demo.leads.find((lead) => lead.id === before.data[0]!.id)!;
    const renamed = `${newest.name ?? 'Lead'} Refreshed`;
    e2e.dashboard.demo.leads = e2e.dashboard.demo.leads.map((lead) => (lead.id === newest.id ? { ...lead, name: renamed } : lead));
    const upstreamCallsBefore = e2e.dashboard.upstreamCalls();

    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => visibleRowNames(page), { ...POLL, timeout: 15_000 }).toContain(renamed);
    expect(e2e.dashboard.upstreamCalls()).toBeGreaterThan(upstreamCallsBefore);
    await expectListing(page, await e2e.dashboard.leads());
  });

  it('Copy link puts this exact view on the clipboard, and the link opens the same view', async () => {
    const initial = await e2e.dashboard.leads();
    const params = { stage: initial.facets.stage[0]!.value, sort: 'name', page: '2', limit: '25' };
    const expected = await e2e.dashboard.leads(params);
    expect(expected.data.length).toBeGreaterThan(0);
    const page = await e2e.open(`/?${new URLSearchParams(params)}`, { permissions: ['clipboard-read', 'clipboard-write'] });
    await expectListing(page, expected);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), POLL).toBe(page.url());
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(Object.fromEntries(new URL(copied).searchParams)).toEqual(params);

    const elsewhere = await e2e.open(copied);
    await expectListing(elsewhere, expected);
  });
});
