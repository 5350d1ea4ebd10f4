// Every change but typing is a history step: Back and Forward walk the views, and the table follows.
import { expect, it } from 'vitest';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  chooseRowsPerPage,
  columnHeader,
  expectListing,
  expectUrlParams,
  facetCheckbox,
  pageButton,
  searchBox,
  sortButton,
} from './support/ui';

describeInBrowser('history', () => {
  const e2e = useDashboard();

  it('Back and Forward walk a sequence of changes, the table following each step', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[0]!.value;
    expect(initial.facets.stage[0]!.count).toBeGreaterThan(25); // two pages of 25
    const steps: Record<string, string>[] = [
      {},
      { stage },
      // Numbers sort descending on the first click (docs/ui.md v2 "Multi-sort").
      { stage, sort: '-value_score' },
      { stage, sort: 'value_score' },
      { stage, sort: 'value_score', limit: '25' },
      { stage, sort: 'value_score', limit: '25', page: '2' },
    ];
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await facetCheckbox(page, 'Stage', stage).check();
    await expectUrlParams(page, steps[1]!);
    await sortButton(page, 'Score').click();
    await expectUrlParams(page, steps[2]!);
    await sortButton(page, 'Score').click();
    await expectUrlParams(page, steps[3]!);
    await chooseRowsPerPage(page, 25);
    await expectUrlParams(page, steps[4]!);
    await pageButton(page, 'Next page').click();
    await expectUrlParams(page, steps[5]!);
    await expectListing(page, await e2e.dashboard.leads(steps[5]));

    const arriveAt = async (params: Record<string, string>) => {
      await expectUrlParams(page, params);
      await expectListing(page, await e2e.dashboard.leads(params));
    };
    for (let step = steps.length - 2; step >= 0; step--) {
      await page.goBack();
      await arriveAt(steps[step]!);
    }
    expect(await facetCheckbox(page, 'Stage', stage).isChecked()).toBe(false);

    await page.goForward();
    await arriveAt(steps[1]!);
    expect(await facetCheckbox(page, 'Stage', stage).isChecked()).toBe(true);
    await page.goForward();
    await page.goForward();
    await arriveAt(steps[3]!);
    expect(await columnHeader(page, 'Score').getAttribute('aria-sort')).toBe('ascending');
  });

  it('a typed search adds no history step: Back undoes the change before it', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[0]!.value;
    const term = (initial.data.find((lead) => /^[A-Za-z]{3}/.test(lead.name ?? ''))!.name as string).slice(0, 3);
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await facetCheckbox(page, 'Stage', stage).check();
    await expectUrlParams(page, { stage });
    await searchBox(page).pressSequentially(term, { delay: 30 });
    await expectUrlParams(page, { stage, search: term });
    await expectListing(page, await e2e.dashboard.leads({ stage, search: term }));

    await page.goBack();
    await expectUrlParams(page, {});
    await expectListing(page, initial);
    expect(await searchBox(page).inputValue()).toBe('');
  });
});
