// Each error state says what happened and what to do, driven by the demo API's fault knobs.
import { expect, it, describe } from 'vitest';
import type { Page } from 'playwright-core';
import type { StatusResponse } from '../../src/shared/api-types';
import { E2E_API_KEY, useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { expectListing, expectNoSeriousA11yViolations, POLL, saveScreenshot } from './support/ui';

/**
 * Once an error is shown nothing may go on claiming to be loading: that would tell the person to wait. Polled:
 * a lazy part's own fallback ("Loading filters…") may still be up for a moment on a loaded machine.
 */
async function expectNothingStillLoading(page: Page): Promise<void> {
  await expect.poll(() => page.getByText(/loading/i).count(), POLL).toBe(0);
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), POLL).toBe(0);
}

/** Text of every alert on the page (error states are announced). */
async function alertText(page: Page): Promise<string> {
  const texts = await page.getByRole('alert').allTextContents();
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

describeInBrowser('error states', () => {
  describe("the server's API key is refused upstream", () => {
    const revokedKey = 'revoked-e2e-key';
    const e2e = useDashboard({ serverApiKey: revokedKey, expectedConsoleErrors: [/status of 502 .*\/api\//] });

    it('tells the person to contact an admin, and never shows the key', async () => {
      const answer = (await e2e.dashboard.getJson<{ error_code: string }>('/api/leads')).body;
      expect(answer.error_code).toBe('AUTHENTICATION_REQUIRED');
      const page = await e2e.open('/');
      await expect.poll(() => alertText(page), POLL).toMatch(/admin/i);
      await expectNothingStillLoading(page);
      const body = (await page.content()) + (await page.locator('body').innerText());
      expect(body).not.toContain(revokedKey);
      expect(body).not.toContain(E2E_API_KEY);
      await saveScreenshot(page, 'error');
      await expectNoSeriousA11yViolations(page, 'error: key refused');
    });
  });

  describe("the day's upstream quota is spent before any data is held", () => {
    const e2e = useDashboard({
      expectedConsoleErrors: [/status of 503 .*\/api\//],
      beforeServerStart: (demoApi) => {
        demoApi.quota.used = demoApi.quota.limit;
      },
    });

    it('says the quota is spent and when it resets', async () => {
      const answer = (await e2e.dashboard.getJson<{ error_code: string }>('/api/leads')).body;
      expect(answer.error_code).toBe('RATE_LIMIT_EXCEEDED');
      const page = await e2e.open('/'); // the browser runs in UTC, en-US
      const now = new Date();
      const resetAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
      const resetTime = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(resetAt);
      await expect.poll(() => alertText(page), POLL).toMatch(/reset/i);
      expect(await alertText(page)).toContain(resetTime);
      await expectNothingStillLoading(page);
    });
  });

  describe('upstream goes down after a successful sync', () => {
    const e2e = useDashboard();

    it('keeps showing the held data under a stale banner saying when it is from', async () => {
      const fresh = await e2e.dashboard.leads();
      expect(fresh.meta.stale).toBe(false);
      const page = await e2e.open('/');
      await expectListing(page, fresh);

      e2e.dashboard.demo.faults.failWith = { status: 503, remaining: Number.POSITIVE_INFINITY };
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(async () => (await e2e.dashboard.leads()).meta.stale, POLL).toBe(true);

      await expect.poll(async () => (await page.locator('body').innerText()).replace(/\s+/g, ' '), POLL).toMatch(/data from/i);
      await expectListing(page, fresh); // the held rows are still there
      // ...saying when they are from: the last good sync, in the person's locale and time zone (en-US, UTC here).
      const { data: status } = (await e2e.dashboard.getJson<StatusResponse>('/api/status')).body;
      expect(status.stale).toBe(true);
      const syncedAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
        .format(new Date(status.synced_at!))
        .replace(/\s+/g, ' ');
      expect((await page.locator('body').innerText()).replace(/\s+/g, ' ')).toContain(`data from ${syncedAt}`);
      await saveScreenshot(page, 'stale');
      await expectNoSeriousA11yViolations(page, 'stale data');
    });
  });

  describe('Refresh pressed right after a sync', () => {
    // The server's real 30 s gap between manual refreshes.
    const e2e = useDashboard({ sync: { minRefreshGapMs: 30_000 }, expectedConsoleErrors: [/status of 429 .*\/api\/refresh/] });

    it('is refused politely, costs no upstream call, and the table stays', async () => {
      const listing = await e2e.dashboard.leads();
      const page = await e2e.open('/');
      await expectListing(page, listing);
      const upstreamCalls = e2e.dashboard.upstreamCalls();

      await page.getByRole('button', { name: 'Refresh' }).click();
      // Said in a live region (role status/alert, or aria-live), so a screen reader hears it too.
      const said = page
        .getByRole('status')
        .or(page.getByRole('alert'))
        .or(page.locator('[aria-live="polite"], [aria-live="assertive"]'))
        .filter({ hasText: /refresh/i });
      await said.first().waitFor();
      expect(e2e.dashboard.upstreamCalls()).toBe(upstreamCalls);
      await expectListing(page, listing);
    });
  });
});
