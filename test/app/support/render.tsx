// Renders the whole App (providers, nuqs URL state, React Query) at a given URL, jsdom-side.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, expect } from 'vitest';
import { App } from '../../../src/app/App';
import { shouldRetry } from '../../../src/app/lib/api-client';
import type { ShownLeads as LeadsResponse } from '../../support/dashboard-harness';
import type { Lead } from '../../../src/shared/lead';

export const WAIT = { timeout: 8_000, interval: 20 };

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  window.localStorage.clear();
});

export function renderApp(url = '/') {
  window.history.replaceState(null, '', url);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: shouldRetry, retryDelay: 10, staleTime: 30_000 } },
  });
  const result = render(<App queryClient={queryClient} />);
  return { ...result, queryClient };
}

export const table = () => screen.getByRole('table', { name: 'Leads' });

/** The data rows (the header row holds columnheaders, not cells). */
export function dataRows(): HTMLElement[] {
  // Body rows only: the totals row sits in the tfoot.
  return within(table())
    .queryAllByRole('row')
    .filter((row) => row.closest('tfoot') === null && within(row).queryAllByRole('cell').length > 0);
}

export function rowNames(): string[] {
  // The name is the cell's button; badges ("New", "Archived") sit beside it.
  return dataRows().map((row) => {
    const cell = within(row).getAllByRole('cell')[0];
    const name = cell ? (within(cell).queryAllByRole('button')[0] ?? cell) : undefined;
    return (name?.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

export function expectedName(lead: Lead): string {
  return (lead.name ?? '').replace(/\s+/g, ' ').trim() || (lead.email ?? '').trim() || 'Unnamed lead';
}

export function rangeText(response: LeadsResponse): string {
  const { page, limit, total } = response.pagination;
  const n = (value: number) => value.toLocaleString();
  if (response.data.length === 0) return `Showing 0–0 of ${n(total)}`;
  const from = (page - 1) * limit + 1;
  return `Showing ${n(from)}–${n(from + response.data.length - 1)} of ${n(total)}`;
}

/** Waits until the rows and the range text are exactly the server's answer (not dimmed placeholder rows). */
export async function expectListing(response: LeadsResponse): Promise<void> {
  await waitFor(() => {
    expect(rowNames()).toEqual(response.data.map(expectedName));
    expect(screen.getByRole('status', { name: rangeText(response) })).toBeTruthy();
    expect(table().getAttribute('aria-busy')).toBe('false');
  }, WAIT);
}

export function urlParams(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

export async function expectUrl(expected: Record<string, string>): Promise<void> {
  await waitFor(() => expect(urlParams()).toEqual(expected), WAIT);
}
