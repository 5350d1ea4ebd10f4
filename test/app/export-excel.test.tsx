// "Export Excel" next to "Export CSV": the same filters and sort, and exactly the table's visible columns in
// its order; the workbook it links to (from the real server) has those columns' labels as its header row.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../support/xlsx';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, renderApp, table, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const tableHeaders = () =>
  within(table())
    .getAllByRole('columnheader')
    .map((th) => th.textContent);

describe('Export Excel', () => {
  it('links to the workbook of the current filters and sort with the visible columns in table order', async () => {
    const stage = (await server.leads()).facets.stage[0]!.value;
    const user = userEvent.setup();
    renderApp(`/?stage=${encodeURIComponent(stage)}&sort=-value_score&page=2&limit=25`);
    await expectListing(await server.leads({ stage, sort: '-value_score', page: 2, limit: 25 }));

    // Hide Source, show Email: the link follows the table.
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Source' }, WAIT)); // the panel loads when first opened
    await user.click(screen.getByRole('checkbox', { name: 'Email' }));
    await user.keyboard('{Escape}');

    const excel = new URL(screen.getByRole<HTMLAnchorElement>('link', { name: 'Export Excel' }).href);
    const csv = new URL(screen.getByRole<HTMLAnchorElement>('link', { name: 'Export CSV' }).href);
    expect(excel.pathname).toBe('/api/export/leads.xlsx');
    const { columns, ...filters } = Object.fromEntries(excel.searchParams);
    expect(filters).toEqual(Object.fromEntries(csv.searchParams));
    expect(filters).toEqual({ stage, sort: '-value_score', tz: Intl.DateTimeFormat().resolvedOptions().timeZone });
    const ids = columns!.split(',');
    expect(ids).toContain('email');
    expect(ids).not.toContain('lead_source');

    const response = await fetch(excel);
    expect(response.status).toBe(200);
    const { rows } = readXlsx(Buffer.from(await response.arrayBuffer()));
    expect(rows[0]!.map((cell) => cell.value)).toEqual(tableHeaders());
    expect(rows.length - 1).toBe((await server.leads({ stage })).pagination.total); // every match, not the page
  });
});
