// The whole flow without a mouse: Tab to a facet, Space to tick it, `/` to search, Enter to open, Escape to close.
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  dataRows,
  detailsDialog,
  expectListing,
  expectUrlParams,
  facetCheckbox,
  facetGroup,
  focusedElement,
  POLL,
  searchBox,
} from './support/ui';

const holdsFocus = (locator: Locator): Promise<boolean> =>
  locator.evaluateAll((elements) => elements.some((el) => el === document.activeElement || el.contains(document.activeElement)));

async function tabUntil(page: Page, target: Locator, what: string, maxPresses = 120): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await holdsFocus(target)) return;
  }
  throw new Error(`${maxPresses} presses of Tab never reached ${what}; last focus: ${JSON.stringify(await focusedElement(page))}`);
}

describeInBrowser('keyboard only', () => {
  const e2e = useDashboard();

  it('filters, searches, opens and closes a lead with the keyboard alone', async () => {
    const initial = await e2e.dashboard.leads();
    const page = await e2e.open('/');
    await expectListing(page, initial);

    // Tab from the top of the page to the first stage checkbox reached, tick it with Space.
    await tabUntil(page, facetGroup(page, 'Stage').getByRole('checkbox'), 'a Stage checkbox');
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).searchParams.get('stage'), POLL).not.toBeNull();
    const chosenStage = new URL(page.url()).searchParams.get('stage')!;
    expect(initial.facets.stage.map((f) => f.value)).toContain(chosenStage);
    expect(await facetCheckbox(page, 'Stage', chosenStage).isChecked()).toBe(true);
    const filtered = await e2e.dashboard.leads({ stage: chosenStage });
    await expectListing(page, filtered);

    // `/` jumps to the search box from anywhere (here: from the checkbox).
    await page.keyboard.press('/');
    expect(await holdsFocus(searchBox(page))).toBe(true);
    const lead = filtered.data.find((candidate) => /^[A-Za-z]{4}/.test(candidate.name ?? ''))!;
    const term = lead.name!.slice(0, 4);
    await page.keyboard.type(term, { delay: 30 });
    await expectUrlParams(page, { stage: chosenStage, search: term });
    const searched = await e2e.dashboard.leads({ stage: chosenStage, search: term });
    await expectListing(page, searched);

    // Tab on into the table, open the first lead reached with Enter, close with Escape.
    await tabUntil(page, dataRows(page).getByRole('button'), 'a lead name in the table');
    const opened = (await focusedElement(page)).text;
    const openedLead = searched.data.find((candidate) => candidate.name === opened);
    expect(openedLead, `focused "${opened}" should be a lead name`).toBeDefined();
    await page.keyboard.press('Enter');
    const dialog = detailsDialog(page, opened);
    await dialog.waitFor();
    expect(await holdsFocus(dialog)).toBe(true); // focus moves into the panel
    await expectUrlParams(page, { stage: chosenStage, search: term, lead: openedLead!.id! });

    await page.keyboard.press('Escape');
    await detailsDialog(page).waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focusedElement(page)).text, POLL).toBe(opened);
    await expectUrlParams(page, { stage: chosenStage, search: term });
  });
});
