// "Since your last visit" in real Chromium against the real server: a lead added, one moved to another
// stage and one archived upstream (demo API test control, then a full sync) after the stored last visit
// are counted as the server counts them; each link applies its filter and the table shows exactly the
// server's rows; Dismiss hides the banner for the rest of the visit. Light, dark and a 360 px phone.
import { beforeAll, expect, it } from 'vitest';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { Lead } from '../../src/shared/lead';
import { LAST_VISIT_STORAGE_KEY } from '../../src/app/features/freshness/last-visit';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { detailsDialog, expectListing, expectNoSeriousA11yViolations, expectUrlParams, historyLength, saveScreenshot } from './support/ui';

const SMALL_PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describeInBrowser('since your last visit', () => {
  const e2e = useDashboard({ demo: { testControl: true } });
  let since = '';
  let movedId = '';

  beforeAll(async () => {
    const { dashboard } = e2e;
    await dashboard.app.leadStore.settled();
    since = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const oldest = (await dashboard.leads({ sort: 'created_at', limit: 2 })).data;
    const [moved, archived] = [oldest[0]!, oldest[1]!];
    movedId = moved.id!;
    dashboard.demo.upsertLead({ id: 'e2e-since-new', name: 'Since Visit Newcomer', stage: 'New', created_at: new Date().toISOString() });
    dashboard.demo.upsertLead({ id: moved.id!, stage: moved.stage === 'Won' ? 'Lost' : 'Won' });
    dashboard.demo.upsertLead({ id: archived.id!, archived: true, archived_at: new Date().toISOString() });
    await dashboard.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    await dashboard.app.leadStore.settled();
  });

  /** A page whose browser last had the dashboard open two hours ago (set once, before the SPA's first load). */
  async function openAfterAWhile(options: BrowserContextOptions = {}): Promise<Page> {
    const page = await e2e.newPage(options);
    await page.addInitScript(
      ([key, seenAt]) => {
        if (sessionStorage.getItem('seeded-last-visit')) return;
        sessionStorage.setItem('seeded-last-visit', '1');
        localStorage.setItem(key!, JSON.stringify({ '': { seenAt, since: null, dismissed: false } }));
      },
      [LAST_VISIT_STORAGE_KEY, since],
    );
    await page.goto(new URL('/', e2e.dashboard.baseUrl).href);
    return page;
  }

  const banner = (page: Page): Locator => page.getByRole('status').filter({ hasText: 'Since your last visit' });

  async function serverCounts() {
    const total = async (params: Record<string, string>) => (await e2e.dashboard.leads({ ...params, limit: 1 })).pagination.total;
    return {
      created: await total({ created_at: `${since}..` }),
      stage: await total({ stage_changed_at: `${since}..` }),
      archived: await total({ archived: 'true', archived_at: `${since}..` }),
    };
  }

  it('counts what changed since the last visit; each link applies its filter; Dismiss hides it for the visit', async () => {
    const counts = await serverCounts();
    for (const count of Object.values(counts)) expect(count).toBeGreaterThanOrEqual(1);
    const page = await openAfterAWhile();
    await banner(page).waitFor();
    const links: { name: string; params: Record<string, string> }[] = [
      { name: `${counts.created} new lead${counts.created === 1 ? '' : 's'}`, params: { created_at: `${since}..` } },
      { name: `${counts.stage} changed stage`, params: { stage_changed_at: `${since}..` } },
      { name: `${counts.archived} archived`, params: { archived: 'true', archived_at: `${since}..` } },
    ];
    for (const link of links) await banner(page).getByRole('link', { name: link.name, exact: true }).waitFor();
    expect(await banner(page).textContent()).toMatch(/^Since your last visit \([A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}\):/);
    await expectNoSeriousA11yViolations(page, 'since-last-visit banner');
    await saveScreenshot(page, 'since-last-visit');

    for (const link of links) {
      const anchor = banner(page).getByRole('link', { name: link.name, exact: true });
      expect(Object.fromEntries(new URL((await anchor.getAttribute('href'))!, e2e.dashboard.baseUrl).searchParams)).toEqual(link.params);
      const before = await historyLength(page);
      await anchor.click();
      await expectUrlParams(page, link.params);
      expect(await historyLength(page)).toBe(before + 1); // in-app, a history push
      await expectListing(page, await e2e.dashboard.leads(link.params));
    }

    await banner(page).getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await banner(page).waitFor({ state: 'hidden' });
    await page.reload();
    await expectListing(page, await e2e.dashboard.leads(links[2]!.params));
    expect(await banner(page).count()).toBe(0);
  });

  it('the details panel of the moved lead shows its stage history', async () => {
    const lead = (await e2e.dashboard.getJson(`/api/leads/${movedId}`)).body.data as Lead;
    const page = await e2e.open(`/?lead=${movedId}`);
    const dialog = detailsDialog(page, lead.name ?? undefined);
    await dialog.getByText(`${lead.previous_stage} → ${lead.stage}, `).waitFor();
    const time = dialog.locator('time', { hasText: /ago|just now/ });
    expect(await time.getAttribute('datetime')).toBe(new Date(lead.stage_changed_at!).toISOString());
    await saveScreenshot(page, 'since-stage-history');
  });

  it('reads well on a 360 px phone and in the dark theme', async () => {
    const phone = await openAfterAWhile(SMALL_PHONE);
    await banner(phone).getByRole('button', { name: 'Dismiss' }).waitFor();
    const box = await banner(phone).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await saveScreenshot(phone, 'since-last-visit-phone-360');

    const dark = await openAfterAWhile({ colorScheme: 'dark' });
    await banner(dark).getByRole('button', { name: 'Dismiss' }).waitFor();
    await expectNoSeriousA11yViolations(dark, 'since-last-visit banner, dark');
    await saveScreenshot(dark, 'since-last-visit-dark');
  });
});
