// Scrolling a long page (issue 11): while a vertical scroll crosses rows, the rows entering render only the
// columns in view (one empty cell spans the rest); once the scroll settles every row holds every column, with
// the lead's values, and a sideways scroll never shows a blank column. A phone's first rows likewise: the
// columns that can be in view first, every column once they are painted.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import { leadsTable, POLL, rangeStatus, saveScreenshot } from './support/ui';

const LIMIT = 250;

/** Scrolls the table's scroller down by `rowsPerFrame` rows' height each animation frame for `frames` frames;
 * returns how many frames showed a data row with a blank spanning cell. */
function scrollDown(page: Page, frames: number, rowsPerFrame: number): Promise<number> {
  return leadsTable(page).evaluate(
    (table, [count, rows]) =>
      new Promise<number>((resolve) => {
        const scroller = table.closest('[role="region"]') as HTMLElement;
        const rowPx = (table.querySelector('tbody tr[aria-rowindex]') as HTMLElement).offsetHeight;
        let left = count;
        let blankFrames = 0;
        const frame = () => {
          if (table.querySelector('tbody tr[aria-rowindex] td[colspan]')) blankFrames += 1;
          if (left-- <= 0) return resolve(blankFrames);
          scroller.scrollTop += rows * rowPx;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [frames, rowsPerFrame] as const,
  );
}

/** Every rendered data row's cells as text, by aria-rowindex. */
function renderedRows(page: Page): Promise<Array<{ index: number; cells: string[]; blanks: number }>> {
  return leadsTable(page).evaluate((table) =>
    [...table.querySelectorAll('tbody tr[aria-rowindex]')].map((row) => ({
      index: Number(row.getAttribute('aria-rowindex')),
      cells: [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim()),
      blanks: row.querySelectorAll('td[colspan]').length,
    })),
  );
}

describeInBrowser('scrolling a long page', () => {
  const e2e = useDashboard();

  it('rows entering during a scroll hold the columns in view, and every column once it settles', async () => {
    const expected = await e2e.dashboard.leads({ limit: LIMIT });
    const page = await e2e.open(`/?limit=${LIMIT}`);
    await rangeStatus(page)
      .filter({ hasText: `Showing 1–${LIMIT} of` })
      .waitFor();
    const headers = await leadsTable(page).locator('thead th').count();
    // Before any scroll every row is whole.
    expect((await renderedRows(page)).every((row) => row.blanks === 0 && row.cells.length === headers)).toBe(true);

    // A scroll of 4 rows a frame for 30 frames: the rows entering are cut to the columns in view meanwhile.
    expect(await scrollDown(page, 30, 4)).toBeGreaterThan(0);
    await expect.poll(async () => (await renderedRows(page)).every((row) => row.blanks === 0), POLL).toBe(true);
    const rows = await renderedRows(page);
    expect(Math.min(...rows.map((row) => row.index))).toBeGreaterThan(50); // far from the rows first shown
    const stage = (await leadsTable(page).locator('thead th').allTextContents()).findIndex((text) => text.startsWith('Stage'));
    const email = (await leadsTable(page).locator('thead th').allTextContents()).findIndex((text) => text.startsWith('Email'));
    expect(stage).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.cells).toHaveLength(headers);
      const lead = expected.data[row.index - 2]!;
      expect(row.cells[stage]).toBe(lead.stage ?? '—');
      if (email > 0 && lead.email) expect(row.cells[email]).toContain(lead.email);
    }
    await saveScreenshot(page, 'scroll-columns-settled');

    // Sideways: the far right columns come into view at once, never blank.
    await scrollDown(page, 10, 3);
    const blankAfterSideways = await leadsTable(page).evaluate((table) => {
      const scroller = table.closest('[role="region"]') as HTMLElement;
      scroller.scrollLeft = scroller.scrollWidth;
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() => resolve(table.querySelectorAll('tbody tr[aria-rowindex] td[colspan]').length)),
      );
    });
    expect(blankAfterSideways).toBe(0);
  });

  it("a phone's first rows hold the columns in view at once, every column once painted, and a sideways scroll shows no blank", async () => {
    const expected = await e2e.dashboard.leads();
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    // Records whether any first row was cut to the columns in view (one empty cell spanning the rest).
    await page.addInitScript(`
      window.__cutRows = 0;
      new MutationObserver(() => {
        if (document.querySelector('tbody tr[aria-rowindex] td[colspan]')) window.__cutRows += 1;
      }).observe(document, { subtree: true, childList: true });
    `);
    await page.goto(e2e.dashboard.baseUrl);
    await rangeStatus(page).filter({ hasText: 'Showing 1–' }).waitFor();
    const headerTexts = await leadsTable(page).locator('thead th').allTextContents();
    const stage = headerTexts.findIndex((text) => text.startsWith('Stage'));
    const email = headerTexts.findIndex((text) => text.startsWith('Email'));
    expect(await page.evaluate(() => (window as unknown as { __cutRows: number }).__cutRows)).toBeGreaterThan(0);
    await expect.poll(async () => (await renderedRows(page)).every((row) => row.blanks === 0), POLL).toBe(true);
    const rows = await renderedRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.cells).toHaveLength(headerTexts.length);
      const lead = expected.data[row.index - 2]!;
      expect(row.cells[stage]).toBe(lead.stage ?? '—');
      if (email > 0 && lead.email) expect(row.cells[email]).toContain(lead.email);
    }
    await saveScreenshot(page, 'phone-first-rows-filled');

    // A fresh load scrolled sideways as soon as its rows show: the far columns at once, never blank.
    await page.reload();
    const blankAfterSideways = await leadsTable(page).evaluate(
      (table) =>
        new Promise<number>((resolve) => {
          const scroller = table.closest('[role="region"]') as HTMLElement;
          const check = () => {
            if (!table.querySelector('tbody tr[aria-rowindex]')) return void requestAnimationFrame(check);
            scroller.scrollLeft = scroller.scrollWidth;
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve(table.querySelectorAll('tbody tr[aria-rowindex] td[colspan]').length)),
            );
          };
          check();
        }),
    );
    expect(blankAfterSideways).toBe(0);
  });
});
