// Sorting applies to every matching lead (page 2 continues page 1), paging and rows per page.
import { expect, it } from 'vitest';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  chooseRowsPerPage,
  columnHeader,
  expectListing,
  expectedRowName,
  expectUrlParams,
  historyLength,
  leadsTable,
  pageButton,
  POLL,
  sortButton,
  visibleRowNames,
} from './support/ui';

describeInBrowser('sorting and paging', () => {
  const e2e = useDashboard();

  it('sorting by Value orders all leads: biggest first, page 2 continues page 1, then ascending, then back to default', async () => {
    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());

    await sortButton(page, 'Value').click(); // numbers start descending: the biggest deal first
    await expectUrlParams(page, { sort: '-projected_value' });
    const firstPage = await e2e.dashboard.leads({ sort: '-projected_value' });
    await expectListing(page, firstPage);
    expect(await columnHeader(page, 'Value').getAttribute('aria-sort')).toBe('descending');

    await pageButton(page, 'Next page').click();
    await expectUrlParams(page, { sort: '-projected_value', page: '2' });
    const secondPage = await e2e.dashboard.leads({ sort: '-projected_value', page: 2 });
    await expectListing(page, secondPage);
    // The order runs on across the page boundary (nulls, if any, come last).
    const lastOfFirst = firstPage.data.at(-1)!.projected_value;
    const firstOfSecond = secondPage.data[0]!.projected_value;
    expect(lastOfFirst).not.toBeNull();
    if (firstOfSecond != null) expect(firstOfSecond).toBeLessThanOrEqual(lastOfFirst!);

    await sortButton(page, 'Value').click(); // ascending, back to page 1
    await expectUrlParams(page, { sort: 'projected_value' });
    await expectListing(page, await e2e.dashboard.leads({ sort: 'projected_value' }));
    expect(await columnHeader(page, 'Value').getAttribute('aria-sort')).toBe('ascending');

    await sortButton(page, 'Value').click(); // default order again
    await expectUrlParams(page, {});
    await expectListing(page, await e2e.dashboard.leads());
    expect((await columnHeader(page, 'Value').getAttribute('aria-sort')) ?? 'none').toBe('none');
    expect(await columnHeader(page, 'Created').getAttribute('aria-sort')).toBe('descending');
  });

  it('sorting by Name follows the server collation across pages', async () => {
    const page = await e2e.open('/?page=3');
    await expectListing(page, await e2e.dashboard.leads({ page: 3 }));

    await sortButton(page, 'Name').click();
    await expectUrlParams(page, { sort: 'name' }); // a new sort goes back to page 1
    await expectListing(page, await e2e.dashboard.leads({ sort: 'name' }));
    await pageButton(page, 'Next page').click();
    await expectListing(page, await e2e.dashboard.leads({ sort: 'name', page: 2 }));
  });

  it('first, previous, next and last page walk the whole result, disabled at the ends', async () => {
    const first = await e2e.dashboard.leads();
    const { total, limit } = first.pagination;
    const lastPageNumber = Math.ceil(total / limit);
    expect(lastPageNumber).toBeGreaterThanOrEqual(3);
    const page = await e2e.open('/');
    await expectListing(page, first);
    expect(await pageButton(page, 'First page').isDisabled()).toBe(true);
    expect(await pageButton(page, 'Previous page').isDisabled()).toBe(true);

    await pageButton(page, 'Last page').click();
    await expectUrlParams(page, { page: String(lastPageNumber) });
    await expectListing(page, await e2e.dashboard.leads({ page: lastPageNumber }));
    expect(await pageButton(page, 'Next page').isDisabled()).toBe(true);
    expect(await pageButton(page, 'Last page').isDisabled()).toBe(true);

    await pageButton(page, 'Previous page').click();
    await expectUrlParams(page, { page: String(lastPageNumber - 1) });
    await expectListing(page, await e2e.dashboard.leads({ page: lastPageNumber - 1 }));

    await pageButton(page, 'First page').click();
    await expectUrlParams(page, {});
    await expectListing(page, first);
  });

  it('rows per page changes the page size and goes back to page 1', async () => {
    const page = await e2e.open('/?page=2');
    await expectListing(page, await e2e.dashboard.leads({ page: 2 }));

    await chooseRowsPerPage(page, 100);
    await expectUrlParams(page, { limit: '100' });
    await expectListing(page, await e2e.dashboard.leads({ limit: 100 }));

    await pageButton(page, 'Next page').click();
    await expectListing(page, await e2e.dashboard.leads({ limit: 100, page: 2 }));

    await chooseRowsPerPage(page, 25);
    await expectUrlParams(page, { limit: '25' });
    await expectListing(page, await e2e.dashboard.leads({ limit: 25 }));

    await chooseRowsPerPage(page, 250);
    await expectListing(page, await e2e.dashboard.leads({ limit: 250 }));
  });

  it('while the next page loads, the old rows stay (busy, with a progress cue) instead of an empty table', async () => {
    const first = await e2e.dashboard.leads();
    const page = await e2e.open('/');
    await expectListing(page, first);

    // Hold the next /api/leads answer back until the old rows have been looked at.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/api/leads',
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await pageButton(page, 'Next page').click();
    await expectUrlParams(page, { page: '2' });
    await expect.poll(() => leadsTable(page).getAttribute('aria-busy'), POLL).toBe('true');
    await page.getByRole('progressbar', { name: 'Loading leads' }).waitFor();
    expect(await visibleRowNames(page)).toEqual(first.data.map(expectedRowName));

    release();
    await expectListing(page, await e2e.dashboard.leads({ page: 2 }));
    await expect.poll(() => leadsTable(page).getAttribute('aria-busy'), POLL).not.toBe('true');
    await page.getByRole('progressbar', { name: 'Loading leads' }).waitFor({ state: 'detached' });
  });

  it('a page past the end (an old link) lands on the last page without adding a history step', async () => {
    const first = await e2e.dashboard.leads();
    const lastPageNumber = Math.ceil(first.pagination.total / first.pagination.limit);
    const page = await e2e.open(`/?page=${lastPageNumber + 40}`);
    await expectUrlParams(page, { page: String(lastPageNumber) });
    await expectListing(page, await e2e.dashboard.leads({ page: lastPageNumber }));
    expect(await historyLength(page)).toBe(2); // about:blank, then this one entry: the correction replaced it
  });

  it('every column but Tags sorts by its own field (docs/ui.md), through the server', async () => {
    // The columns shown by default and the lead field each one shows (docs/ui.md "Table").
    const fieldOfColumn: Record<string, string> = {
      Name: 'name',
      Stage: 'stage',
      Priority: 'priority',
      Value: 'projected_value',
      Score: 'value_score',
      'Follow-up': 'follow_up_date',
      'Assigned to': 'assigned_to',
      Source: 'lead_source',
      Service: 'service_type',
      City: 'property_city',
      State: 'property_state',
      Created: 'created_at',
    };
    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());

    for (const [column, field] of Object.entries(fieldOfColumn)) {
      // Numbers and dates start descending, text ascending; Created is the default (newest first), so its
      // first click flips it to oldest first.
      const descending = ['Value', 'Score', 'Follow-up'].includes(column);
      const sort = descending ? `-${field}` : field;
      await sortButton(page, column).click();
      await expectUrlParams(page, { sort });
      await expectListing(page, await e2e.dashboard.leads({ sort }));
      expect(await columnHeader(page, column).getAttribute('aria-sort')).toBe(descending ? 'descending' : 'ascending');
      await page.goBack();
      await expectUrlParams(page, {});
    }
    const tagsHeader = leadsTable(page).getByRole('columnheader', { name: 'Tags', exact: true });
    expect(await tagsHeader.getByRole('button').count()).toBe(0);
    expect((await tagsHeader.getAttribute('aria-sort')) ?? 'none').toBe('none');
  });
});
