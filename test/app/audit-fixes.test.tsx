// Usability fixes from an audit against docs/ui.md: stage facet order, skip link, phone-sized controls keep their names,
// and a header that keeps its size while /api/status loads.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_STAGES } from '../../src/shared/lead-fields';
import { startTestServer, type TestServer } from './support/server';
import { expectListing, expectUrl, renderApp, WAIT } from './support/render';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const stageNames = () =>
  within(screen.getByRole('group', { name: 'Stage' }))
    .getAllByRole('checkbox')
    .map((box) => (box.closest('label')?.textContent ?? '').replace(/\s*\(\d[\d,]*\)$/, '').trim());

/** The order a list of stage names takes in the pipeline (stages outside it last). */
const stages: readonly string[] = PIPELINE_STAGES;
const pipelineRank = (stage: string) => (stages.includes(stage) ? stages.indexOf(stage) : stages.length);

describe('audit fixes', () => {
  it('lists stages in pipeline order, and a ticked stage stays where it was clicked', async () => {
    const initial = await server.leads();
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(initial);
    const shown = stageNames();
    expect(new Set(shown)).toEqual(new Set(initial.facets.stage.map((facet) => facet.value)));
    expect(shown).toEqual([...shown].sort((a, b) => pipelineRank(a) - pipelineRank(b)));

    // Tick the stage the server counts least of: after the reload of counts, the list order is unchanged.
    const rarest = initial.facets.stage.at(-1)!.value;
    await user.click(within(screen.getByRole('group', { name: 'Stage' })).getByRole('checkbox', { name: new RegExp(`^${rarest} \\(`) }));
    await expectUrl({ stage: rarest });
    await expectListing(await server.leads({ stage: rarest }));
    expect(stageNames()).toEqual(shown);
  });

  it('"Skip to leads table" moves focus past the filters to the table without touching the URL', async () => {
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(await server.leads());
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to leads table' });
    expect(document.activeElement).toBe(skip);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('region', { name: /^Leads table/ }));
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('');
  });

  it('compact phone controls keep their accessible names', async () => {
    renderApp('/');
    await expectListing(await server.leads());
    expect(screen.getByRole('combobox', { name: 'Rows per page' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });

  it('the header holds a stand-in line until the status arrives, then the freshness and quota', async () => {
    renderApp('/');
    const header = screen.getByRole('banner');
    // Nothing a screen reader would announce before the answer.
    expect(within(header).queryByText(/API calls today/)).toBeNull();
    await waitFor(() => expect(within(header).getByText(/\d+ \/ \d+ API calls today/)).toBeTruthy(), WAIT);
    expect(within(header).getByText(/^Updated /)).toBeTruthy();
    await expectListing(await server.leads()); // no request left in flight when the test ends
  });
});
