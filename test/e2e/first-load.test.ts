// First load, bookmarked URLs and hand-broken URLs: what a person sees before touching anything.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StatusResponse } from '../../src/shared/api-types';
import { leadQueryToSearchParams, parseLeadQueryLenient } from '../../src/shared/lead-query';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  columnHeader,
  dataRowAt,
  dataRows,
  expectListing,
  expectNoSeriousA11yViolations,
  facetCheckbox,
  facetGroup,
  leadsTable,
  POLL,
  rowsPerPageValue,
  saveScreenshot,
} from './support/ui';

describeInBrowser('first load', () => {
  const e2e = useDashboard();

  it('shows the newest leads, the range text and every facet count the server reports', async () => {
    const expected = await e2e.dashboard.leads();
    expect(expected.pagination.total).toBeGreaterThan(expected.pagination.limit); // more than one page to show
    const page = await e2e.open('/');

    await expectListing(page, expected);
    for (const facet of ['Stage', 'Tags'] as const) {
      const values = facet === 'Stage' ? expected.facets.stage : expected.facets.tags;
      expect(values.length).toBeGreaterThan(1);
      // Long facets show their top 8, the rest behind "Show all (n)" (docs/ui.md v2).
      if (values.length > 8)
        await facetGroup(page, facet)
          .getByRole('button', { name: `Show all (${values.length})` })
          .waitFor();
      for (const { value, count } of values.slice(0, 8)) {
        await facetGroup(page, facet)
          .getByRole('checkbox', { name: `${value} (${count})`, exact: true })
          .waitFor({ state: 'attached' });
      }
    }
    expect(await columnHeader(page, 'Created').getAttribute('aria-sort')).toBe('descending');
  });

  it("the header tells how fresh the data is and how much of the day's API quota is used", async () => {
    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());
    const { data: status } = (await e2e.dashboard.getJson<StatusResponse>('/api/status')).body;
    expect(status.upstream_requests_today).toBeGreaterThan(0); // the first sync cost calls
    const header = page.getByRole('banner');
    await expect
      .poll(async () => ((await header.textContent()) ?? '').replace(/\s+/g, ' '), POLL)
      .toContain(`${status.upstream_requests_today} / ${status.daily_limit} API calls today`);
    expect((await header.textContent()) ?? '').toMatch(/Updated/);
    expect(await header.getByRole('button', { name: 'Refresh' }).count()).toBe(1);
  });

  it('passes axe on the desktop view (and leaves a screenshot)', async () => {
    const expected = await e2e.dashboard.leads();
    const page = await e2e.open('/');
    await expectListing(page, expected);
    await saveScreenshot(page, 'desktop');
    await expectNoSeriousA11yViolations(page, 'desktop first load');
  });

  it('opens a bookmarked view exactly, and again after a reload', async () => {
    const first = await e2e.dashboard.leads();
    // A stage with a space in its name (URL encoding), with more than one page of 25.
    const stage = first.facets.stage.find((facet) => facet.value.includes(' ') && facet.count > 25)!.value;
    const params = { stage, sort: '-value_score', page: 2, limit: 25 };
    const expected = await e2e.dashboard.leads(params);
    expect(expected.data.length).toBeGreaterThan(0);

    const page = await e2e.open(`/?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`);
    for (const attempt of ['bookmark', 'reload']) {
      if (attempt === 'reload') await page.reload();
      await expectListing(page, expected);
      expect(await facetCheckbox(page, 'Stage', stage).isChecked()).toBe(true);
      expect(await columnHeader(page, 'Score').getAttribute('aria-sort')).toBe('descending');
      expect(await rowsPerPageValue(page)).toContain('25');
    }
  });

  it('renders a hand-broken URL by dropping or clamping the bad values', async () => {
    const broken = '?page=-3&limit=99999&sort=bogus&archived=maybe&lead=..%2F..%2Fetc%2Fpasswd';
    // The SPA reads its URL with the shared lenient rules; the table must show the server's answer for that.
    const understood = parseLeadQueryLenient(new URLSearchParams(broken));
    const expected = await e2e.dashboard.leads(Object.fromEntries(leadQueryToSearchParams(understood)));
    expect(expected.pagination.page).toBe(1);

    const page = await e2e.open(`/${broken}`);
    await leadsTable(page).waitFor();
    await expectListing(page, expected);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0); // a malformed lead id opens nothing
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).not.toBe('bogus');
    expect(url.searchParams.get('archived')).not.toBe('maybe');
  });

  it('shows values as currency, numbers right-aligned, and keeps the header in view while scrolling', async () => {
    const listing = await e2e.dashboard.leads({ limit: 250 });
    const page = await e2e.open('/?limit=250');
    await expectListing(page, listing);

    // Value is projected_value as US dollars (the browser runs en-US); Score is value_score.
    const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    const valueColumn = await columnIndex(page, 'Value');
    const scoreColumn = await columnIndex(page, 'Score');
    const rowIndex = listing.data.findIndex((lead) => lead.projected_value != null && lead.value_score != null);
    const lead = listing.data[rowIndex]!;
    const cells = (await dataRowAt(page, rowIndex)).getByRole('cell');
    expect(collapse(await cells.nth(valueColumn).textContent())).toBe(currency.format(lead.projected_value!));
    expect(collapse(await cells.nth(scoreColumn).textContent())).toBe(String(lead.value_score));
    for (const column of [valueColumn, scoreColumn]) {
      expect(await cells.nth(column).evaluate((cell) => getComputedStyle(cell).textAlign)).toMatch(/right|end/);
    }

    // Scroll the last row into view: the header row stays visible.
    await dataRows(page).last().scrollIntoViewIfNeeded();
    const header = columnHeader(page, 'Name');
    const box = await header.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    expect(
      await header.evaluate(
        (el) =>
          document
            .elementFromPoint(el.getBoundingClientRect().x + 5, el.getBoundingClientRect().y + 5)
            ?.closest('th, [role="columnheader"]') === el,
      ),
    ).toBe(true);
  });
});

const collapse = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Position of a column among the header cells, for reading the same column of a row. */
async function columnIndex(page: Page, column: string): Promise<number> {
  const headers = await leadsTable(page).getByRole('columnheader').allTextContents();
  const index = headers.findIndex((text) => collapse(text) === column);
  expect(index, `column "${column}" in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return index;
}
