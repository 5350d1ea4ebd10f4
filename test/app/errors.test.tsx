// Each error state, produced by the real server over the demo API's fault knobs: what happened and what to do.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, apiRequest } from '../../src/app/lib/api-client';
import { ErrorPanel } from '../../src/app/components/error-panel';
import { startTestServer, type TestServer, type TestServerOptions } from './support/server';
import { expectListing, renderApp, WAIT } from './support/render';

function withServer(options: TestServerOptions) {
  const holder: { server?: TestServer } = {};
  beforeAll(async () => {
    holder.server = await startTestServer(options);
  });
  afterAll(() => holder.server?.close());
  return holder;
}

/** Once an error shows, nothing may still claim to be loading (that would tell the person to wait). */
function expectNothingStillLoading() {
  expect(document.body.textContent).not.toMatch(/loading/i);
  expect(document.querySelectorAll('[aria-busy="true"]')).toHaveLength(0);
}

const alertText = async () => {
  const alert = await screen.findByRole('alert', {}, WAIT);
  return (alert.textContent ?? '').replace(/\s+/g, ' ');
};

describe('the server’s Rotor key is refused (AUTHENTICATION_REQUIRED)', () => {
  const held = withServer({ serverApiKey: 'revoked-key' });
  it('tells the person to ask an administrator, and never shows the key', async () => {
    expect((await held.server!.getJson<{ error_code: string }>('/api/leads')).body.error_code).toBe('AUTHENTICATION_REQUIRED');
    renderApp('/');
    const text = await alertText();
    expect(text).toMatch(/administrator/i);
    expect(text).toMatch(/API key/);
    expect(document.body.textContent).not.toContain('revoked-key');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull(); // retrying cannot help
    await waitFor(expectNothingStillLoading, WAIT);
    expect(screen.getByRole('status', { name: 'No leads loaded' })).toBeTruthy();
  });
});

describe('the key lacks the leads:read scope (INSUFFICIENT_SCOPE)', () => {
  const held = withServer({
    beforeServerStart: (demo) => {
      demo.faults.failWith = { status: 403, remaining: Number.POSITIVE_INFINITY };
    },
  });
  it('names the missing permission and sends the person to an administrator', async () => {
    expect((await held.server!.getJson<{ error_code: string }>('/api/leads')).body.error_code).toBe('INSUFFICIENT_SCOPE');
    renderApp('/');
    const text = await alertText();
    expect(text).toContain('leads:read');
    expect(text).toMatch(/administrator/i);
  });
});

describe('the daily quota is spent before any data is held (RATE_LIMIT_EXCEEDED)', () => {
  const held = withServer({
    beforeServerStart: (demo) => {
      demo.quota.used = demo.quota.limit;
    },
  });
  it('says the quota is used up and when it resets', async () => {
    expect((await held.server!.getJson<{ error_code: string }>('/api/leads')).body.error_code).toBe('RATE_LIMIT_EXCEEDED');
    renderApp('/');
    const text = await alertText();
    expect(text).toMatch(/quota/i);
    expect(text).toMatch(/resets at/i);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    await waitFor(expectNothingStillLoading, WAIT);
  });
});

describe('Rotor is down before any data is held (UPSTREAM_UNAVAILABLE)', () => {
  const held = withServer({
    sync: { firstSyncWaitMs: 1_000 },
    beforeServerStart: (demo) => {
      demo.faults.failWith = { status: 503, remaining: Number.POSITIVE_INFINITY };
    },
  });
  it('says Rotor is not responding and offers a retry that recovers once it is back', async () => {
    const answer = (await held.server!.getJson<{ error_code: string }>('/api/leads')).body;
    expect(answer.error_code).toBe('UPSTREAM_UNAVAILABLE');
    const user = userEvent.setup();
    renderApp('/');
    expect(await alertText()).toMatch(/Rotor is not responding/);
    held.server!.demo.resetFaults();
    await held.server!.app.inject({ method: 'POST', url: '/api/refresh', headers: { 'content-type': 'application/json' } });
    await waitFor(async () => expect((await held.server!.leads()).status).toBe('success'), WAIT);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await expectListing(await held.server!.leads());
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('upstream goes down after a successful sync (stale data)', () => {
  const held = withServer({});
  it('keeps the held rows under a banner saying when the data is from', async () => {
    const server = held.server!;
    const fresh = await server.leads();
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(fresh);
    server.demo.faults.failWith = { status: 503, remaining: Number.POSITIVE_INFINITY };
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    await waitFor(() => expect(refresh.getAttribute('aria-busy')).toBe('false'), WAIT);
    await user.click(refresh);
    await waitFor(async () => expect((await server.leads()).meta.stale).toBe(true), WAIT);
    await waitFor(() => expect(document.body.textContent).toMatch(/may be out of date.*Showing data from/), { ...WAIT, timeout: 10_000 });
    await expectListing(await server.leads());
  });
});

describe('REFRESH_TOO_SOON and INVALID_PARAMETER', () => {
  const held = withServer({ sync: { minRefreshGapMs: 60_000 } });

  it('a refused refresh is explained next to the button, with the gap the server reports', async () => {
    const user = userEvent.setup();
    renderApp('/');
    await expectListing(await held.server!.leads());
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    await waitFor(() => expect(refresh.getAttribute('aria-busy')).toBe('false'), WAIT); // the first sync has ended
    await waitFor(() => expect(screen.getByText(/API calls today/)).toBeTruthy(), WAIT); // the status is in
    await user.click(refresh);
    // 60 s is this server's setting (status `manual_refresh_min_interval_ms`), not a number the SPA knows.
    await waitFor(
      () => expect(document.body.textContent).toMatch(/Refresh skipped: the data was refreshed less than 60 seconds ago/),
      WAIT,
    );
  });

  it('a parameter the server refused reads as a bad link with a way back to all leads', async () => {
    const error = await apiRequest('/api/leads', { params: new URLSearchParams({ page: '0' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).error_code).toBe('INVALID_PARAMETER');
    expect((error as ApiRequestError).status).toBe(400);
    let reset = 0;
    render(<ErrorPanel error={error} onResetView={() => reset++} onRetry={() => {}} />);
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('page'); // the server's message names the param
    expect(text).toMatch(/Reset the view/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reset view' }));
    expect(reset).toBe(1);
  });
});
