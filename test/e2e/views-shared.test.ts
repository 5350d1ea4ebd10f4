// Views between two signed-in reps (users-file mode, each with an owner id in the users file): a view
// shared by one shows in the other's menu, marked, without Rename/Delete; "I am…" is hidden (the server
// knows who they are); "My follow-ups" gives each rep the server's answer for them; "Set as my default"
// is kept by the server per rep (a fresh browser as the same rep opens it, the other rep does not), and a
// failure to keep it is said in words.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password';
import { serializeUsers } from '../../src/server/auth/users-file';
import { writeFileAtomic } from '../../src/server/persistence/atomic-file';
import type { LeadsResponse } from '../../src/shared/api-types';
import { shownLeads, type ShownLeads } from '../support/dashboard-harness';
import { launchBrowser, skipBrowserSuites } from './support/browser';
import { DESKTOP_VIEWPORT, startDashboard, type RunningDashboard, usersFileAuth } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { expectListing, expectNoSeriousA11yViolations, expectUrlParams, saveScreenshot } from './support/ui';

const PASSWORD = 'e2e-password-42';
const OWNERS = { ana: 'Alex Rivera', ben: 'Brianna Cole' } as const;
type Rep = keyof typeof OWNERS;
let dir: string;
let server: RunningDashboard;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserSuites) return;
  dir = mkdtempSync(path.join(tmpdir(), 'e2e-views-shared-'));
  const usersFile = path.join(dir, 'users.json');
  const hash = await hashPassword(PASSWORD, { ln: 10, r: 8, p: 1 });
  await writeFileAtomic(usersFile, [
    serializeUsers(
      new Map([
        ['ana', hash],
        ['ben', hash],
      ]),
      new Map(Object.entries(OWNERS)),
    ),
  ]);
  server = await startDashboard({
    config: {
      dataDir: path.join(dir, 'data'),
      auth: usersFileAuth(usersFile),
    },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The server's answer for a query as this rep (own session), with `(me)` resolved by their account. */
async function leadsAs(rep: Rep, query: string): Promise<ShownLeads & { raw: LeadsResponse }> {
  const signIn = await fetch(`${server.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: rep, password: PASSWORD }),
  });
  const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  const raw = (await (await fetch(`${server.baseUrl}/api/leads?${query}`, { headers: { cookie } })).json()) as LeadsResponse;
  return { ...shownLeads(raw), raw };
}

async function signedIn(rep: Rep, url = '/'): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(new URL(url, server.baseUrl).href);
  const form = page.getByRole('form', { name: 'Sign in to Rotor Leads' });
  await form.getByLabel('Username').fill(rep);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Views' }).waitFor();
  return page;
}

const menu = (page: Page) => page.getByRole('menu', { name: 'Views' });

describeInBrowser('views shared between two signed-in reps', () => {
  it('ana shares a view; ben sees it marked as shared, opens it, and cannot rename or delete it', { timeout: 180_000 }, async () => {
    const ana = await signedIn('ana', '/?tags=solar,roofing&sort=name');
    await expectListing(ana, await leadsAs('ana', 'tags=solar,roofing&sort=name'));
    // The server knows ana's owner id: no "I am…".
    expect(await ana.getByRole('button', { name: /^(I am|Choose who you are)/ }).count()).toBe(0);
    await ana.getByRole('button', { name: 'Views' }).click();
    await menu(ana).getByRole('menuitem', { name: 'Save view…' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Save view' });
    await dialog.getByRole('textbox', { name: 'View name' }).fill('Solar and roofing');
    await dialog.getByRole('checkbox', { name: 'Share with team' }).check();
    await expectNoSeriousA11yViolations(ana, 'save view dialog with sharing');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await ana.getByRole('heading', { name: 'Solar and roofing' }).waitFor();
    // A private one too: ben must not see it.
    await ana.goto(new URL('/?stage=Won', server.baseUrl).href);
    await ana.getByRole('button', { name: 'Views' }).click();
    await menu(ana).getByRole('menuitem', { name: 'Save view…' }).click();
    await dialog.getByRole('textbox', { name: 'View name' }).fill('Ana private');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await ana.getByRole('heading', { name: 'Ana private' }).waitFor();

    const ben = await signedIn('ben', '/');
    await ben.getByRole('button', { name: 'Views' }).click();
    const item = menu(ben).getByRole('menuitem', { name: 'Solar and roofing' });
    await item.waitFor();
    expect(await item.getAttribute('aria-describedby')).toBeTruthy();
    expect(await item.textContent()).toContain('Shared by ana');
    expect(await menu(ben).getByRole('menuitem', { name: 'Ana private' }).count()).toBe(0);
    await saveScreenshot(ben, 'views-shared-menu');
    await item.click();
    await expectUrlParams(ben, { tags: 'solar,roofing', sort: 'name' });
    await expectListing(ben, await leadsAs('ben', 'tags=solar,roofing&sort=name'));
    await ben.getByRole('heading', { name: 'Solar and roofing' }).waitFor();
    await ben.getByRole('button', { name: 'Views' }).click();
    await menu(ben).getByRole('menuitem', { name: 'Save view…' }).waitFor();
    expect(await menu(ben).getByRole('menuitem', { name: 'Rename view…' }).count()).toBe(0);
    expect(await menu(ben).getByRole('menuitem', { name: 'Delete view…' }).count()).toBe(0);
    await ana.context().close();
    await ben.context().close();
  });

  it('“My follow-ups” as two reps: each gets their own rows, the server’s answer for them', { timeout: 180_000 }, async () => {
    const query = 'assigned_to=(me)&follow_up_date=..today&sort=follow_up_date';
    const shownIds: Record<Rep, string[]> = { ana: [], ben: [] };
    for (const rep of ['ana', 'ben'] as const) {
      const page = await signedIn(rep, '/');
      await page.getByRole('button', { name: 'Views' }).click();
      await menu(page).getByRole('menuitem', { name: 'My follow-ups' }).click();
      await expectUrlParams(page, { assigned_to: '(me)', follow_up_date: '..today', sort: 'follow_up_date' });
      await page.getByRole('heading', { name: 'My follow-ups' }).waitFor();
      const expected = await leadsAs(rep, query);
      await expectListing(page, expected);
      // Only their own leads, and some: the demo data gives each owner follow-ups due.
      expect(expected.data.length).toBeGreaterThan(0);
      for (const lead of expected.data) expect(lead.assigned_to).toBe(OWNERS[rep]);
      shownIds[rep] = expected.data.flatMap((lead) => (lead.id === undefined ? [] : [lead.id]));
      await page.context().close();
    }
    expect(shownIds.ana.filter((id) => shownIds.ben.includes(id))).toEqual([]);
  });

  it(
    '“Set as my default” is kept by the server: a fresh browser as the same rep opens / on it; the other rep does not',
    { timeout: 180_000 },
    async () => {
      const query = 'priority=high&sort=-value_score';
      const ana = await signedIn('ana', '/');
      await ana.getByRole('button', { name: 'Views' }).click();
      await menu(ana).getByRole('menuitem', { name: 'High priority' }).click();
      await ana.getByRole('heading', { name: 'High priority' }).waitFor();
      await ana.getByRole('button', { name: 'Views' }).click();
      const saved = ana.waitForResponse((r) => new URL(r.url()).pathname === '/api/preferences' && r.request().method() === 'PUT');
      await menu(ana).getByRole('menuitem', { name: 'Set as my default' }).click();
      expect((await saved).status()).toBe(200);
      await ana.context().close();

      // A new context: no cookies, no localStorage — only the server can know ana's default.
      const again = await signedIn('ana', '/');
      await expectUrlParams(again, { priority: 'high', sort: '-value_score' });
      await again.getByRole('heading', { name: 'High priority' }).waitFor();
      await expectListing(again, await leadsAs('ana', query));
      await again.getByRole('button', { name: 'Views' }).click();
      const item = menu(again).getByRole('menuitem', { name: 'High priority' });
      expect(await item.textContent()).toContain('Default');
      await again.context().close();

      const ben = await signedIn('ben', '/');
      await expectListing(ben, await leadsAs('ben', ''));
      expect(ben.url()).toBe(new URL('/', server.baseUrl).href);
      await ben.context().close();
    },
  );

  it('a default the server cannot save is said in words (an alert under Views) until dismissed', { timeout: 120_000 }, async () => {
    // preferences.json turned into a non-empty directory: the atomic rename over it fails (500).
    const file = path.join(dir, 'data', 'preferences.json');
    rmSync(file, { force: true });
    mkdirSync(path.join(file, 'blocker'), { recursive: true });
    const ben = await signedIn('ben', '/?stage=Won');
    await ben.getByRole('button', { name: 'Views' }).click();
    await menu(ben).getByRole('menuitem', { name: 'Set as my default' }).click();
    const alert = ben.getByRole('alert').filter({ hasText: 'Your default view could not be saved' });
    await alert.waitFor();
    await expectNoSeriousA11yViolations(ben, 'default view not saved');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    rmSync(file, { recursive: true, force: true });
    await ben.context().close();
  });
});
