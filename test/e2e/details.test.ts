// Lead details: opened by clicking a name or by a deep link, closed by Escape or Back, focus returned.
import { expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { DESKTOP_VIEWPORT, useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  dataRowAt,
  detailsDialog,
  expectListing,
  expectNoSeriousA11yViolations,
  expectUrlParams,
  focusedElement,
  historyLength,
  leadsTable,
  POLL,
  saveScreenshot,
} from './support/ui';

/** A lead with every contact field, so the panel has links to show. */
const isComplete = (lead: Lead): boolean =>
  Boolean(lead.name && lead.email && lead.phone && lead.notes && lead.property_city && lead.location);

describeInBrowser('lead details', () => {
  const e2e = useDashboard();

  it('clicking a name opens its details with every field; Escape closes and focus returns to the name', async () => {
    const listing = await e2e.dashboard.leads();
    const index = listing.data.findIndex(isComplete);
    const lead = listing.data[index]!;
    const page = await e2e.open('/');
    await expectListing(page, listing);
    const before = await historyLength(page);

    const nameButton = (await dataRowAt(page, index)).getByRole('button', { name: lead.name!, exact: true });
    await nameButton.click();
    const dialog = detailsDialog(page, lead.name!);
    await dialog.waitFor();
    await expectUrlParams(page, { lead: lead.id! });
    expect(await historyLength(page)).toBe(before + 1); // opening is a step Back can undo
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(lead.email!);
    expect(text).toContain(lead.property_city!);
    expect(text).toContain(lead.notes!.trim().split('\n')[0]!.trim());
    expect(await dialog.locator(`a[href="mailto:${lead.email}"]`).count()).toBe(1);
    expect(await dialog.locator('a[href^="tel:"]').count()).toBe(1);
    // Once it has slid in, the whole panel is on screen.
    await expect
      .poll(async () => {
        const box = await dialog.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= DESKTOP_VIEWPORT.width + 0.5;
      }, POLL)
      .toBe(true);
    await saveScreenshot(page, 'details');

    await page.keyboard.press('Escape');
    await detailsDialog(page).waitFor({ state: 'hidden' });
    await expectUrlParams(page, {});
    await expect.poll(async () => (await focusedElement(page)).text, POLL).toBe(lead.name);
  });

  it('passes axe with the details open', async () => {
    const listing = await e2e.dashboard.leads();
    const lead = listing.data.find(isComplete)!;
    const page = await e2e.open(`/?lead=${lead.id}`);
    await detailsDialog(page, lead.name!).waitFor();
    await expectNoSeriousA11yViolations(page, 'details open');
  });

  it('Back closes the details and leaves the table as it was', async () => {
    const listing = await e2e.dashboard.leads({ page: 2 });
    const lead = listing.data.find((candidate) => candidate.name)!;
    const page = await e2e.open('/?page=2');
    await expectListing(page, listing);

    await leadsTable(page).getByRole('button', { name: lead.name!, exact: true }).first().click();
    await detailsDialog(page, lead.name!).waitFor();
    await expectUrlParams(page, { page: '2', lead: lead.id! });

    await page.goBack();
    await detailsDialog(page).waitFor({ state: 'hidden' });
    await expectUrlParams(page, { page: '2' });
    await expectListing(page, listing);
    await expect.poll(async () => (await focusedElement(page)).text, POLL).toBe(lead.name);
  });

  it('a deep link opens straight onto a lead that is not on the first page', async () => {
    const everyLead = await e2e.dashboard.leads({ limit: 1000 });
    const lead = everyLead.data.slice(150).find(isComplete)!;
    const page = await e2e.open(`/?lead=${lead.id}`);

    const dialog = detailsDialog(page, lead.name!);
    await dialog.waitFor();
    expect((await dialog.textContent()) ?? '').toContain(lead.email!);
    await expectListing(page, await e2e.dashboard.leads()); // the table behind it is the default view

    await page.keyboard.press('Escape');
    await detailsDialog(page).waitFor({ state: 'hidden' });
    await expectUrlParams(page, {});
    await leadsTable(page).waitFor();
  });

  it('a deep link to a lead that does not exist says so instead of breaking the page', async () => {
    e2e.expectConsoleError(/status of 404 .*\/api\/leads\/no-such-lead-42/);
    const page = await e2e.open('/?lead=no-such-lead-42');
    await expectListing(page, await e2e.dashboard.leads());
    await expect
      .poll(async () => (await page.locator('body').textContent()) ?? '', POLL)
      .toMatch(/not found|no longer exists|doesn.t exist/i);
  });

  it('a deep link opens an archived lead too (it is still a lead, just hidden from the default list)', async () => {
    const withArchived = await e2e.dashboard.leads({ archived: true, limit: 1000 });
    const archived = withArchived.data.find((lead) => lead.archived === true && lead.name)!;
    expect(archived, 'the demo data holds archived leads').toBeDefined();
    const page = await e2e.open(`/?lead=${archived.id}`);
    await detailsDialog(page, archived.name!).waitFor();
    expect(((await detailsDialog(page, archived.name!).textContent()) ?? '').toLowerCase()).toContain('archived');
  });
});
