// The windowed table body against the real server: only the rows in view are in the document, in their
// places (aria-rowindex, aria-rowcount), they follow the scroll, the keyboard reaches a row far from view, and
// the focused row stays rendered when scrolled away.
// jsdom has no layout: the table's scroller is given a height and a scroll position, as a browser would.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowHeightPx } from '../../src/app/features/leads/components/lead-row';
import { startTestServer, type TestServer } from './support/server';
import { dataRows, expectedName, renderApp, rowNames, table, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close(), 30_000);

const VIEW_ROWS = 10;

/** Lays the table's scroller out as a browser would: VIEW_ROWS rows tall, scrolled to `top`. */
function layOutScroller(scroller: HTMLElement) {
  let top = 0;
  Object.defineProperty(scroller, 'clientHeight', { configurable: true, get: () => VIEW_ROWS * rowHeightPx() });
  Object.defineProperty(scroller, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = value;
    },
  });
  return (to: number) => {
    scroller.scrollTop = to;
    scroller.dispatchEvent(new Event('scroll'));
  };
}

const rowIndexes = () => dataRows().map((row) => Number(row.getAttribute('aria-rowindex')));

describe('windowed table body', { timeout: 60_000 }, () => {
  it('renders the rows in view of a 250-row page, follows the scroll, and j/k reach a row far from view', async () => {
    const listing = await server.leads({ limit: 250 });
    expect(listing.data.length).toBe(250);
    renderApp('/?limit=250');
    const scroller = await screen.findByRole('region', { name: /^Leads table/ }, WAIT);
    const scrollTo = layOutScroller(scroller);

    // The first screen: the first rows, in order, and far fewer than the page holds.
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(0), WAIT);
    const names = listing.data.map(expectedName);
    const shown = rowNames();
    expect(shown.length).toBeGreaterThanOrEqual(VIEW_ROWS);
    expect(shown.length).toBeLessThan(3 * VIEW_ROWS);
    expect(shown).toEqual(names.slice(0, shown.length));
    expect(rowIndexes()).toEqual(shown.map((_, i) => i + 2)); // the header row is 1
    // Header row + every data row + the totals row.
    expect(table().getAttribute('aria-rowcount')).toBe(String(1 + 250 + 1));

    // Scrolled to row 120: that row and its neighbours, with their places on the page.
    scrollTo(120 * rowHeightPx());
    await waitFor(() => expect(rowIndexes()).toContain(120 + 2), WAIT);
    const indexes = rowIndexes();
    expect(indexes).not.toContain(2);
    expect(indexes).toContain(120 + VIEW_ROWS - 1 + 2);
    expect(rowNames()).toEqual(indexes.map((index) => names[index - 2]));

    // k with no highlight goes to the last row, 130 rows out of view: it is rendered, highlighted and focused.
    const user = userEvent.setup();
    scroller.focus();
    await user.keyboard('k');
    const last = listing.data[249]!;
    await waitFor(() => expect(document.activeElement?.getAttribute('data-lead-button')).toBe(last.id), WAIT);
    const highlighted = dataRows().find((row) => row.getAttribute('data-highlighted') === 'true');
    expect(highlighted?.getAttribute('aria-rowindex')).toBe(String(249 + 2));
    await user.keyboard('k');
    const focusedId = listing.data[248]!.id;
    await waitFor(() => expect(document.activeElement?.getAttribute('data-lead-button')).toBe(focusedId), WAIT);

    // Scrolled back to the top, far from the focused row: it stays rendered, in its place, and keeps focus.
    scrollTo(0);
    await waitFor(() => expect(rowIndexes()).toContain(2), WAIT);
    expect(rowIndexes()).toContain(248 + 2);
    expect(document.activeElement?.getAttribute('data-lead-button')).toBe(focusedId);
  });
});
