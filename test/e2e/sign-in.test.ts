// Sign-in in Chromium against the real server in users-file mode, serving the production SPA build:
// the form on a bookmarked view, a wrong password announced, the same view after signing in, the
// cookie HttpOnly + SameSite=Strict (script cannot read it), kept across a reload, and "Sign out".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password';
import { SESSION_COOKIE } from '../../src/server/auth/session-cookie';
import { serializeUsers } from '../../src/server/auth/users-file';
import { writeFileAtomic } from '../../src/server/persistence/atomic-file';
import type { LeadsResponse } from '../../src/shared/api-types';
import { shownLeads, type ShownLeads } from '../support/dashboard-harness';
import { launchBrowser, skipBrowserSuites } from './support/browser';
import { DESKTOP_VIEWPORT, startDashboard, type RunningDashboard, usersFileAuth } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { expectListing, expectNoSeriousA11yViolations, leadsTable, saveScreenshot, urlParams } from './support/ui';

const PASSWORD = 'e2e-password-42';
let dir: string;
let server: RunningDashboard;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowserSuites) return;
  dir = mkdtempSync(path.join(tmpdir(), 'e2e-sign-in-'));
  const usersFile = path.join(dir, 'users.json');
  await writeFileAtomic(usersFile, [serializeUsers(new Map([['ana', await hashPassword(PASSWORD, { ln: 10, r: 8, p: 1 })]]))]);
  server = await startDashboard({
    config: {
      auth: usersFileAuth(usersFile),
    },
  });
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The server's answer for a view, fetched with a session of the test's own. */
async function serverLeads(query: string): Promise<ShownLeads> {
  const signIn = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ana', password: PASSWORD }),
  });
  const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  return shownLeads((await (await fetch(`${baseUrl}/api/leads?${query}`, { headers: { cookie } })).json()) as LeadsResponse);
}

async function openPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP_VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(new URL(url, baseUrl).href);
  return page;
}

describeInBrowser('sign-in (users-file mode)', () => {
  it('a bookmarked view asks for a sign-in, then shows that same view; the session survives a reload; Sign out ends it', async () => {
    const page = await openPage('/?stage=Won,Lost&sort=-projected_value&limit=25');
    const form = page.getByRole('form', { name: 'Sign in to Rotor Leads' });
    await form.waitFor();
    expect(await leadsTable(page).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'sign-in form');
    await saveScreenshot(page, 'sign-in');

    await form.getByLabel('Username').fill('ana');
    await form.getByLabel('Password').fill('wrong-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('Wrong user name or password.');

    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByLabel('Password').press('Enter');
    const expected = await serverLeads('stage=Won,Lost&sort=-projected_value&limit=25');
    await expectListing(page, expected);
    expect(urlParams(page)).toEqual({ stage: 'Won,Lost', sort: '-projected_value', limit: '25' });

    const [cookie] = (await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);

    await page.reload();
    await expectListing(page, expected);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await form.waitFor();
    expect(urlParams(page)).toEqual({ stage: 'Won,Lost', sort: '-projected_value', limit: '25' });
    expect((await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
    await page.context().close();
  });
});
