// Column order by drag and drop on a wide screen (docs/ui.md "Table", issue 12): dragging a header onto
// another puts it in that place, the order is remembered across a reload, Name stays first and is not
// draggable; Phone is a `tel:` link in the table. Keyboard users' Move left/right: test/app/keyboard-table.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { dataRows, leadsTable, POLL } from './support/ui';

const suite = useDashboard();

const headers = (page: Page) => leadsTable(page).getByRole('columnheader');

async function headerNames(page: Page): Promise<string[]> {
  return (await headers(page).allInnerTexts()).map((text) => text.trim());
}

/** `order` with `moved` put where `target` is (after it when moving right, before it when moving left). */
function expectedAfterDrop(order: string[], moved: string, target: string): string[] {
  const from = order.indexOf(moved);
  const to = order.indexOf(target);
  const next = order.filter((name) => name !== moved);
  next.splice(next.indexOf(target) + (from < to ? 1 : 0), 0, moved);
  return next;
}

describeInBrowser('column drag and drop (wide screen)', () => {
  it(
    'dragging a header onto another reorders the columns, remembered across a reload; Name stays first',
    { timeout: 120_000 },
    async () => {
      const page = await suite.open('/');
      await dataRows(page).first().waitFor();
      const before = await headerNames(page);
      expect(before.length).toBeGreaterThan(3);
      expect(await headers(page).first().getAttribute('draggable')).toBeNull();

      // The fifth column onto the second (the first movable one): it moves left, before it. Both are on
      // screen without scrolling the table sideways (a scroll mid-drag would move the pointer's target).
      const moved = before[4]!;
      const target = before[1]!;
      await headers(page).nth(4).dragTo(headers(page).nth(1));
      const expected = expectedAfterDrop(before, moved, target);
      await expect.poll(() => headerNames(page), POLL).toEqual(expected);

      // And one to the right: the (new) second column onto the fourth, after it.
      const second = expected[1]!;
      await headers(page).nth(1).dragTo(headers(page).nth(3));
      const expectedRight = expectedAfterDrop(expected, second, expected[3]!);
      await expect.poll(() => headerNames(page), POLL).toEqual(expectedRight);

      // A drop on Name does nothing.
      await headers(page).nth(1).dragTo(headers(page).first());
      await expect.poll(() => headerNames(page), POLL).toEqual(expectedRight);

      await page.reload();
      await dataRows(page).first().waitFor();
      expect(await headerNames(page)).toEqual(expectedRight);
    },
  );

  it('Phone is shown and is a tel: link', { timeout: 60_000 }, async () => {
    const page = await suite.open('/');
    await dataRows(page).first().waitFor();
    expect(await headerNames(page)).toContain('Phone');
    const link = dataRows(page).locator('a[href^="tel:"]').first();
    await link.waitFor();
    expect((await link.getAttribute('href'))!.slice(4)).toMatch(/^\+?\d+$/);
  });
});
