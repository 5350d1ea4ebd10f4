// The v2 filters sidebar, pipeline strip and totals as a person sees them: axe clean in light and dark on a
// desktop and in the phone drawer, with screenshots to look at (test/e2e/screenshots/).
import { expect, it } from 'vitest';
import { DESKTOP_VIEWPORT, useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { expectNoSeriousA11yViolations, saveScreenshot } from './support/ui';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// Active filters of every kind, so chips, presets, inputs and ticked values are all on screen.
const VIEW = '/?priority=high,(none)&follow_up_date=..today-1&projected_value=5000..&sort=-projected_value,value_score';
const GROUPS = ['Stage', 'Owner', 'Priority', 'Tags', 'Source', 'Service', 'Follow-up', 'Created', 'Value', 'Score'];

describeInBrowser('v2 sidebar accessibility', () => {
  const e2e = useDashboard();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the sidebar groups are in order and pass axe (${colorScheme})`, async () => {
      const page = await e2e.newPage({ viewport: DESKTOP_VIEWPORT, colorScheme });
      await page.goto(`${e2e.dashboard.baseUrl}${VIEW}`);
      const sidebar = page.getByRole('complementary');
      await sidebar.getByRole('group', { name: 'Score', exact: true }).waitFor();
      await page.getByRole('group', { name: 'Pipeline' }).getByRole('button').first().waitFor();
      await sidebar.getByRole('checkbox', { name: /^High \(/ }).waitFor();
      const order = await sidebar
        .getByRole('group')
        .evaluateAll((groups) => groups.map((g) => g.querySelector('legend')?.textContent ?? ''));
      expect(order).toEqual(GROUPS);
      await saveScreenshot(page, `v2-sidebar-${colorScheme}`);
      await expectNoSeriousA11yViolations(page, `v2 sidebar ${colorScheme}`);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`on a phone the drawer holds every group and passes axe (${colorScheme})`, async () => {
      const page = await e2e.newPage({ ...PHONE, colorScheme });
      await page.goto(`${e2e.dashboard.baseUrl}${VIEW}`);
      await page.getByRole('group', { name: 'Pipeline' }).getByRole('button').first().waitFor();
      await saveScreenshot(page, `v2-phone-${colorScheme}`);
      await expectNoSeriousA11yViolations(page, `v2 phone ${colorScheme}`);
      await page.getByRole('button', { name: /^Filters/ }).click();
      const drawer = page.getByRole('dialog', { name: 'Filters' });
      await drawer.getByRole('group', { name: 'Score', exact: true }).waitFor();
      await drawer.getByRole('checkbox', { name: /^High \(/ }).waitFor();
      await saveScreenshot(page, `v2-phone-drawer-${colorScheme}`);
      await expectNoSeriousA11yViolations(page, `v2 phone drawer ${colorScheme}`);
      await drawer.getByRole('group', { name: 'Created', exact: true }).scrollIntoViewIfNeeded();
      await saveScreenshot(page, `v2-phone-drawer-ranges-${colorScheme}`);
    });
  }
});
