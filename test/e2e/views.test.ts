// Saved views, "I am…" and the keyboard in Chromium against the real server (no auth mode): save a view,
// reload, open it from the menu; a keyboard-only walk with visible focus; axe on the menu and dialogs;
// screenshots on a desktop, a phone and in the dark theme.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  dataRows,
  detailsDialog,
  expectListing,
  expectNoSeriousA11yViolations,
  expectUrlParams,
  focusedElement,
  POLL,
  saveScreenshot,
  searchBox,
} from './support/ui';

const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-views-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const viewsMenu = (page: Page) => page.getByRole('menu', { name: 'Views' });

/** The focused element shows a focus ring (an outline or a box shadow), as a sighted keyboard user needs. */
const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });

describeInBrowser('saved views and the keyboard', () => {
  const e2e = useDashboard({ config: { dataDir } });
  // Whole flows with axe runs, on a shared 2-core machine.
  const LONG = 150_000;

  it('saves a view, keeps it over a reload, and opens it from the menu; axe-clean menu and dialog', { timeout: LONG }, async () => {
    const page = await e2e.open('/?stage=Won,Lost&sort=-projected_value&limit=25');
    const expected = await e2e.dashboard.leads({ stage: 'Won,Lost', sort: '-projected_value', limit: 25 });
    await expectListing(page, expected);

    await page.getByRole('button', { name: 'Views' }).click();
    await viewsMenu(page).getByRole('menuitem', { name: 'My follow-ups' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'views menu');
    await saveScreenshot(page, 'views-menu');
    await viewsMenu(page).getByRole('menuitem', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByRole('textbox', { name: 'View name' }).fill('Closed, biggest first');
    expect(await dialog.getByRole('checkbox', { name: 'Share with team' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'save view dialog');
    await saveScreenshot(page, 'views-save-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Closed, biggest first' }).waitFor();
    await expect.poll(() => page.title(), POLL).toBe('Closed, biggest first · Rotor Leads');

    await page.goto(new URL('/', e2e.dashboard.baseUrl).href);
    await expectListing(page, await e2e.dashboard.leads());
    expect(await page.title()).toBe('All leads · Rotor Leads'); // the bare URL equals the built-in "All leads"
    await page.getByRole('button', { name: 'Views' }).click();
    await viewsMenu(page).getByRole('menuitem', { name: 'Closed, biggest first' }).click();
    await expectUrlParams(page, { stage: 'Won,Lost', sort: '-projected_value', limit: '25' });
    await expectListing(page, expected);
    await page.getByRole('heading', { name: 'Closed, biggest first' }).waitFor();
    await page.goBack();
    await expectUrlParams(page, {});
  });

  it(
    'keyboard only: / search, j/k with a visible highlight and focus, Enter, j in the details, Escape, ] [, ?',
    { timeout: LONG },
    async () => {
      const all = await e2e.dashboard.leads();
      const page = await e2e.open('/');
      await expectListing(page, all);

      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await expect.poll(async () => (await focusedElement(page)).text, POLL).toBe(all.data[1]!.name!.replace(/\s+/g, ' ').trim());
      expect(await focusVisible(page)).toBe(true);
      expect(await dataRows(page).nth(1).getAttribute('data-highlighted')).toBe('true');
      await saveScreenshot(page, 'keyboard-row-highlight');

      await page.keyboard.press('Enter');
      await detailsDialog(page, all.data[1]!.name!).waitFor();
      await page.keyboard.press('j');
      await detailsDialog(page, all.data[2]!.name!).waitFor();
      await expectUrlParams(page, { lead: all.data[2]!.id! });
      await page.keyboard.press('Escape');
      await detailsDialog(page).waitFor({ state: 'hidden' });
      await expectUrlParams(page, {});

      await page.keyboard.press(']');
      await expectUrlParams(page, { page: '2' });
      await expectListing(page, await e2e.dashboard.leads({ page: 2 }));
      await page.keyboard.press('[');
      await expectUrlParams(page, {});

      await page.keyboard.press('/');
      await expect.poll(async () => (await focusedElement(page)).tag, POLL).toBe('input');
      await page.keyboard.type('jk[?', { delay: 20 });
      await expectUrlParams(page, { search: 'jk[?' });
      expect(await page.getByRole('dialog').count()).toBe(0);
      await searchBox(page).press('Escape');
      await expectUrlParams(page, {});

      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      await expectNoSeriousA11yViolations(page, 'keyboard shortcuts dialog');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      // The Views menu by keyboard: ↓ walks the items, Escape returns to the button.
      await page.getByRole('button', { name: 'Views' }).focus();
      await page.keyboard.press('Enter');
      await viewsMenu(page).waitFor();
      await page.keyboard.press('ArrowDown');
      expect((await focusedElement(page)).role).toBe('menuitem');
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Escape');
      await viewsMenu(page).waitFor({ state: 'hidden' });
      expect((await focusedElement(page)).text).toBe('Views');
    },
  );

  it('“Who are you?” is axe-clean; the menu and dialogs fit a phone and the dark theme', { timeout: LONG }, async () => {
    const page = await e2e.open('/', PHONE);
    await expectListing(page, await e2e.dashboard.leads());
    await page.getByRole('button', { name: 'Choose who you are' }).click();
    const who = page.getByRole('dialog', { name: 'Who are you?' });
    await who.waitFor();
    await expectNoSeriousA11yViolations(page, 'who are you dialog');
    await saveScreenshot(page, 'views-who-are-you-phone');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Views' }).click();
    await viewsMenu(page).getByRole('menuitem', { name: 'All leads' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await saveScreenshot(page, 'views-menu-phone');

    const dark = await e2e.open('/?stage=Won', { colorScheme: 'dark' });
    await expectListing(dark, await e2e.dashboard.leads({ stage: 'Won' }));
    await dark.getByRole('button', { name: 'Views' }).click();
    await viewsMenu(dark).getByRole('menuitem', { name: 'Closed, biggest first' }).waitFor();
    await expectNoSeriousA11yViolations(dark, 'views menu, dark');
    await saveScreenshot(dark, 'views-menu-dark');
    await viewsMenu(dark).getByRole('menuitem', { name: 'Save view…' }).click();
    await dark.getByRole('dialog', { name: 'Save view' }).waitFor();
    await saveScreenshot(dark, 'views-save-dialog-dark');
  });
});
