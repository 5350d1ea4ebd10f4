// Phone width (filters in a drawer, no sideways page scroll) and the dark theme.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  expectListing,
  expectNoSeriousA11yViolations,
  expectUrlParams,
  facetCheckbox,
  facetGroup,
  leadsTable,
  POLL,
  saveScreenshot,
} from './support/ui';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const pageScrollsSideways = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Relative luminance (0 black … 1 white) of the page background as painted. */
async function backgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => {
    for (const el of [document.body, document.documentElement, document.getElementById('root')]) {
      if (!el) continue;
      const color = getComputedStyle(el).backgroundColor;
      if (color && color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
    }
    return 'rgb(255, 255, 255)'; // nothing painted: the canvas default
  });
  const channels = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [r, g, b] = channels.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describeInBrowser('phone and dark theme', () => {
  const e2e = useDashboard();

  it('on a 390×844 phone the filters live in a drawer and the page never scrolls sideways', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[0]!.value;
    const page = await e2e.open('/', PHONE);
    await expectListing(page, initial);
    expect(await pageScrollsSideways(page)).toBe(false);
    expect(await facetGroup(page, 'Stage').isVisible()).toBe(false); // tucked away in the drawer
    await saveScreenshot(page, 'phone');

    await page.getByRole('button', { name: 'Filters' }).click();
    await facetGroup(page, 'Stage').waitFor();
    expect(await pageScrollsSideways(page)).toBe(false);
    await saveScreenshot(page, 'phone-filters');
    await expectNoSeriousA11yViolations(page, 'phone, filters drawer open');
    await facetCheckbox(page, 'Stage', stage).check();
    await expectUrlParams(page, { stage });
    const filtered = await e2e.dashboard.leads({ stage });

    // The drawer's own button says how many leads the choice shows, and closes it.
    await page.getByRole('button', { name: `Show ${filtered.pagination.total} leads` }).click();
    await facetGroup(page, 'Stage').waitFor({ state: 'hidden' });
    await expectListing(page, filtered);
    expect(await pageScrollsSideways(page)).toBe(false);

    // Escape closes it too, and focus goes back to the Filters button.
    await page.getByRole('button', { name: 'Filters' }).click();
    await facetGroup(page, 'Stage').waitFor();
    await page.keyboard.press('Escape');
    await facetGroup(page, 'Stage').waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: 'Filters' }).evaluate((el) => el === document.activeElement)).toBe(true);

    // The narrowest supported width.
    await page.setViewportSize({ width: 360, height: 740 });
    await expectListing(page, filtered);
    expect(await pageScrollsSideways(page)).toBe(false);
  });

  it('passes axe on a phone', async () => {
    const page = await e2e.open('/', PHONE);
    await expectListing(page, await e2e.dashboard.leads());
    await expectNoSeriousA11yViolations(page, 'phone');
  });

  it('follows a dark system setting, and passes axe in dark', async () => {
    const listing = await e2e.dashboard.leads();
    const light = await e2e.open('/', { colorScheme: 'light' });
    await expectListing(light, listing);
    const dark = await e2e.open('/', { colorScheme: 'dark' });
    await expectListing(dark, listing);

    expect(await backgroundLuminance(light)).toBeGreaterThan(0.5);
    expect(await backgroundLuminance(dark)).toBeLessThan(0.2);
    await saveScreenshot(dark, 'dark');
    await expectNoSeriousA11yViolations(dark, 'dark theme');

    // The system setting changing while the page is open is followed at once, without a reload.
    await light.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => backgroundLuminance(light), POLL).toBeLessThan(0.2);
  });

  it('fills a 4K screen without sideways scrolling', async () => {
    const page = await e2e.open('/', { viewport: { width: 3840, height: 2160 } });
    await expectListing(page, await e2e.dashboard.leads());
    expect(await pageScrollsSideways(page)).toBe(false);
    const table = await leadsTable(page).boundingBox();
    expect(table!.width).toBeGreaterThan(3840 / 2); // the table uses the room, not a narrow column
    await saveScreenshot(page, '4k');
  });
});
