// Page helpers: everything is found by role and accessible name (docs/ui.md's table of names is the contract),
// and expectations are read from the server's own answers, never hard-coded.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { isNewLead } from '../../../src/app/features/leads/components/cells';
import type { Lead } from '../../../src/shared/lead';
import type { ShownLeads as LeadsResponse } from '../../support/dashboard-harness';

export const POLL = { timeout: 15_000, interval: 50 };

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

// --- finding things -----------------------------------------------------------------------------------------

export const leadsTable = (page: Page): Locator => page.getByRole('table', { name: 'Leads' });

/** Data rows only: rows holding cells in the body (the header row holds columnheaders; the totals are a tfoot). */
export const dataRows = (page: Page): Locator =>
  leadsTable(page)
    .locator('tbody')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/**
 * The data row at `index` (0-based) of the page. The body is windowed (only rows near view are rendered),
 * so the table's scroller is moved, as a person scrolling would, until that row is rendered.
 */
export async function dataRowAt(page: Page, index: number): Promise<Locator> {
  const row = leadsTable(page).locator(`tbody tr[aria-rowindex="${index + 2}"]`);
  await leadsTable(page).evaluate(async (table, wanted) => {
    const scroller = table.closest('[role="region"]') as HTMLElement;
    const rendered = () => [...table.querySelectorAll('tbody tr[aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    for (let step = 0; step < 200; step++) {
      const indexes = rendered();
      if (indexes.includes(wanted)) return;
      const first = Math.min(...indexes);
      scroller.scrollTop += (wanted < first ? -0.8 : 0.8) * scroller.clientHeight;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, index + 2);
  await row.scrollIntoViewIfNeeded();
  // A row that entered during the scroll holds only the columns then in view until the scroll settles
  // (lead-row.tsx): wait for its other cells, as a person would see them.
  await row.locator('td[colspan]').first().waitFor({ state: 'detached' });
  return row;
}

export const searchBox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Search leads' });

export const facetGroup = (page: Page, facet: 'Stage' | 'Tags'): Locator => page.getByRole('group', { name: facet, exact: true });

/** A facet's checkbox for one value, whatever its count ("Won (12)"). */
export const facetCheckbox = (page: Page, facet: 'Stage' | 'Tags', value: string): Locator =>
  facetGroup(page, facet).getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(value)} \\(\\d+\\)$`) });

export const archivedSwitch = (page: Page): Locator =>
  page.getByRole('switch', { name: 'Include archived' }).or(page.getByRole('checkbox', { name: 'Include archived' }));

/** The header of a sortable column, found through the button that names it. */
export const columnHeader = (page: Page, column: string): Locator =>
  leadsTable(page)
    .getByRole('columnheader')
    .filter({ has: page.getByRole('button', { name: column, exact: true }) });

export const sortButton = (page: Page, column: string): Locator =>
  columnHeader(page, column).getByRole('button', { name: column, exact: true });

export const pagination = (page: Page): Locator => page.getByRole('navigation', { name: 'Pagination' });
export const pageButton = (page: Page, name: 'First page' | 'Previous page' | 'Next page' | 'Last page'): Locator =>
  pagination(page).getByRole('button', { name, exact: true });

export const rowsPerPage = (page: Page): Locator => page.getByRole('combobox', { name: 'Rows per page' });

/** The range text ("Showing 51–100 of 142"), a live status region. */
export const rangeStatus = (page: Page): Locator => page.getByRole('status').filter({ hasText: /Showing/ });

export const exportButton = (page: Page): Locator =>
  page.getByRole('button', { name: 'Export CSV' }).or(page.getByRole('link', { name: 'Export CSV' }));

export const detailsDialog = (page: Page, name?: string): Locator =>
  name === undefined ? page.getByRole('dialog') : page.getByRole('dialog', { name, exact: true });

// --- reading and comparing ----------------------------------------------------------------------------------

/**
 * The name shown in each data row's first cell, in order. A virtualized table (aria-rowcount set) renders
 * only the rows in view: its scroller is walked from top to bottom, collecting each row by aria-rowindex,
 * so the answer is every row of the page as a person scrolling would see them.
 */
export async function visibleRowNames(page: Page): Promise<string[]> {
  return leadsTable(page).evaluate(async (table) => {
    const nameOf = (row: Element) => {
      const cell = row.querySelector('td, th, [role="cell"], [role="gridcell"]');
      // Text nodes joined with spaces: the name and its badges ("New", "Archived") are separate elements
      // with no white space between them, so textContent alone would run them together.
      const parts: string[] = [];
      if (cell) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
      }
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    };
    const dataRows = () =>
      [...table.querySelectorAll('tbody tr')].filter((row) => row.querySelector('td') && !row.hasAttribute('aria-hidden'));
    const rowCount = Number(table.getAttribute('aria-rowcount') ?? 0);
    if (!rowCount) return dataRows().map(nameOf);

    let scroller: HTMLElement | null = table.parentElement;
    while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) {
      scroller = scroller.parentElement;
    }
    const box = scroller ?? (document.scrollingElement as HTMLElement);
    // A timer, not requestAnimationFrame: a page in a background tab gets no frames.
    const frame = () => new Promise((resolve) => setTimeout(resolve, 50));
    const names = new Map<number, string>();
    const start = box.scrollTop;
    for (let top = 0; ; top += Math.max(1, Math.floor(box.clientHeight * 0.8))) {
      box.scrollTop = top;
      await frame();
      for (const row of dataRows()) names.set(Number(row.getAttribute('aria-rowindex')), nameOf(row));
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
    }
    box.scrollTop = start;
    // Header row is 1, data rows from 2; the totals row (if any) is not a data row of the body.
    return [...names.entries()].sort(([a], [b]) => a - b).map(([, name]) => name);
  });
}

export function expectedRowName(lead: Lead): unknown {
  const name = typeof lead.name === 'string' ? collapse(lead.name) : '';
  if (name === '') return expect.any(String);
  // The Name cell also carries the lead's badges (docs/ui.md): "New" (first seen within 24 h), then "Archived".
  return [name, ...(isNewLead(lead) ? ['New'] : []), ...(lead.archived === true ? ['Archived'] : [])].join(' ');
}

/** Waits until the table shows exactly these leads, in this order (old rows may linger while loading). */
export async function expectRows(page: Page, leads: Lead[]): Promise<void> {
  await expect.poll(() => visibleRowNames(page), POLL).toEqual(leads.map(expectedRowName));
}

export function expectedRangeText(response: LeadsResponse): string {
  const { page, limit, total } = response.pagination;
  const from = total === 0 ? 0 : (page - 1) * limit + 1;
  const to = Math.min(total, page * limit);
  // The browser contexts run in en-US, so numbers are written the en-US way.
  const n = (value: number) => value.toLocaleString('en-US');
  return `Showing ${n(from)}–${n(to)} of ${n(total)}`;
}

export async function expectRange(page: Page, response: LeadsResponse): Promise<void> {
  const expected = expectedRangeText(response);
  await expect.poll(async () => collapse((await rangeStatus(page).first().textContent()) ?? ''), POLL).toContain(expected);
}

/** Rows and range text both match this answer of the server. */
export async function expectListing(page: Page, response: LeadsResponse): Promise<void> {
  await expectRows(page, response.data);
  await expectRange(page, response);
}

/** The page URL's query as a plain object. */
export function urlParams(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

export async function expectUrlParams(page: Page, expected: Record<string, string>): Promise<void> {
  await expect.poll(() => urlParams(page), POLL).toEqual(expected);
}

export async function historyLength(page: Page): Promise<number> {
  return page.evaluate(() => history.length);
}

/** The accessible-ish description of the focused element: its text or aria-label, for focus assertions. */
export async function focusedElement(page: Page): Promise<{ tag: string; role: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? null,
      text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

// --- acting -------------------------------------------------------------------------------------------------

/** Picks a rows-per-page value whether the combobox is a native select or a listbox popup. */
export async function chooseRowsPerPage(page: Page, rows: number): Promise<void> {
  const combobox = rowsPerPage(page);
  const isSelect = await combobox.evaluate((el) => el.tagName === 'SELECT');
  if (isSelect) {
    await combobox.selectOption(String(rows));
  } else {
    await combobox.click();
    await page.getByRole('option', { name: String(rows), exact: true }).click();
  }
}

export async function rowsPerPageValue(page: Page): Promise<string> {
  const combobox = rowsPerPage(page);
  return combobox.evaluate((el) => (el instanceof HTMLSelectElement ? el.value : (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

// --- audits and pictures ------------------------------------------------------------------------------------

const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Animations off: a panel caught mid-slide would make the picture misleading.
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, animations: 'disabled' });
}

/** axe-core on the page as it is now; fails on any serious or critical violation, listing where. */
export async function expectNoSeriousA11yViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  expect(report, `axe violations in state "${state}"`).toEqual([]);
}
