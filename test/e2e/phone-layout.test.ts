// A phone screen is mostly table: the header, toolbar and pagination stay compact, nothing jumps while the
// first answers arrive, and the page still never scrolls sideways.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { expectListing, leadsTable, pagination, rowsPerPage, saveScreenshot } from './support/ui';

const SMALL_PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Sum of the layout-shift scores seen since the page started (what Lighthouse reports as CLS, near enough). */
const LAYOUT_SHIFT_RECORDER = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

const heightOf = async (page: Page, selector: string): Promise<number> =>
  page.evaluate((css) => document.querySelector(css)!.getBoundingClientRect().height, selector);

describeInBrowser('phone layout', () => {
  const e2e = useDashboard();

  it('on a 360 px phone the header and pagination take two lines each, the table most of the screen, and nothing jumps', async () => {
    const page = await e2e.newPage(SMALL_PHONE);
    await page.addInitScript(LAYOUT_SHIFT_RECORDER);
    await page.goto(`${e2e.dashboard.baseUrl}/?stage=${encodeURIComponent((await e2e.dashboard.leads()).facets.stage[0]!.value)}`);
    const stage = new URL(page.url()).searchParams.get('stage')!;
    await expectListing(page, await e2e.dashboard.leads({ stage }));
    await page
      .getByRole('banner')
      .getByText(/API calls today/)
      .waitFor();
    await saveScreenshot(page, 'phone-360');

    const header = await page.getByRole('banner').boundingBox();
    const refresh = await page.getByRole('button', { name: 'Refresh' }).boundingBox();
    const title = await page.getByRole('heading', { level: 1 }).boundingBox();
    // Title and Refresh share the first line; freshness and quota fit on the second.
    expect(Math.abs(refresh!.y + refresh!.height / 2 - (title!.y + title!.height / 2))).toBeLessThan(8);
    expect(header!.height).toBeLessThan(90);

    // Range text and rows-per-page on one line, the page buttons on the next.
    const range = await page
      .getByRole('status')
      .filter({ hasText: /Showing/ })
      .boundingBox();
    const size = await rowsPerPage(page).boundingBox();
    expect(Math.abs(range!.y + range!.height / 2 - (size!.y + size!.height / 2))).toBeLessThan(12);
    const pager = await pagination(page).boundingBox();
    expect(pager!.y).toBeGreaterThan(size!.y + size!.height - 1);

    // The table's scroll area gets over half the screen.
    const region = await heightOf(page, '[role="region"][aria-label^="Leads table"]');
    expect(region).toBeGreaterThan(740 / 2);
    expect(await leadsTable(page).isVisible()).toBe(true);

    // Export and Copy link are icon buttons here, still named for a screen reader and still inside the screen.
    for (const control of [page.getByRole('link', { name: 'Export CSV' }), page.getByRole('button', { name: 'Copy link' })]) {
      const box = await control.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      expect(box!.height).toBeGreaterThanOrEqual(32);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    // The header held its size while /api/status loaded: the page did not jump (Lighthouse "poor" starts at 0.25).
    const shift = await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
    expect(shift).toBeLessThan(0.1);
  });
});
