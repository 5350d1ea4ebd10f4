// The sign-in form against the real server in users-file mode (buildApp on loopback + the demo API):
// a 401 from /api/* shows the form in place of the dashboard, a wrong password is announced, signing
// in brings back the same URL and view, and "Sign out" returns to the form.
// jsdom has no cookie store for Node's fetch, so fetch is wrapped with a minimal cookie jar (what a
// browser does for same-origin requests); every request still goes to the real server.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setApiBaseUrl } from '../../src/app/lib/api-client';
import { hashPassword } from '../../src/server/auth/password';
import { SESSION_COOKIE } from '../../src/server/auth/session-cookie';
import { serializeUsers } from '../../src/server/auth/users-file';
import { writeFileAtomic } from '../../src/server/persistence/atomic-file';
import type { LeadsResponse } from '../../src/shared/api-types';
import { shownLeads, startLiveDashboard, type LiveDashboard, type ShownLeads } from '../support/live-dashboard';
import { expectListing, renderApp, urlParams, WAIT } from './support/render';

const API_KEY = 'sign-in-test-key';
const jar = new Map<string, string>();
const realFetch = globalThis.fetch;

function cookieJarFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
  return realFetch(input, { ...init, headers }).then((response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  });
}

let dir: string;
let server: LiveDashboard;
let baseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sign-in-'));
  const usersFile = path.join(dir, 'users.json');
  await writeFileAtomic(usersFile, [serializeUsers(new Map([['ana', await hashPassword('ana-password-1', { ln: 10, r: 8, p: 1 })]]))]);
  server = await startLiveDashboard({
    demo: { leadCount: 200, seed: 5, apiKey: API_KEY },
    config: {
      auth: { mode: 'users-file', usersFile, sessionSecret: 'sign-in-test-secret-0123456789abcdef', trustedProxies: [], cookieSecure: false },
    },
    sync: { pageLimit: 100, minRefreshGapMs: 0, firstSyncWaitMs: 5_000 },
  });
  baseUrl = server.baseUrl;
  setApiBaseUrl(baseUrl);
  globalThis.fetch = cookieJarFetch;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => jar.clear());

/** The server's own answer for a view, fetched with a session of its own (not the page's). */
async function serverLeads(query: string): Promise<ShownLeads> {
  const signIn = await realFetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ana', password: 'ana-password-1' }),
  });
  const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  const response = await realFetch(`${baseUrl}/api/leads?${query}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return shownLeads((await response.json()) as LeadsResponse);
}

const form = () => screen.findByRole('form', { name: 'Sign in to Rotor Leads' }, WAIT);

describe('sign-in form', () => {
  it('appears on a 401, announces a wrong password, then returns to the same view', async () => {
    const user = userEvent.setup();
    renderApp('/?stage=Won,Lost&sort=name&limit=25');

    const signIn = await form();
    expect(screen.queryByRole('table', { name: 'Leads' })).toBeNull();
    const username = within(signIn).getByLabelText('Username');
    const password = within(signIn).getByLabelText('Password');
    expect(password.getAttribute('type')).toBe('password');

    await user.type(username, 'ana');
    await user.type(password, 'not-the-password');
    await user.click(within(signIn).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(within(signIn).getByRole('alert').textContent).toBe('Wrong user name or password.'), WAIT);
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    expect((password as HTMLInputElement).value).toBe(''); // cleared for the next try

    await user.type(password, 'ana-password-1');
    await user.click(within(signIn).getByRole('button', { name: 'Sign in' }));

    // Same URL, same view: the rows are the server's answer for it.
    await expectListing(await serverLeads('stage=Won,Lost&sort=name&limit=25'));
    expect(urlParams()).toEqual({ stage: 'Won,Lost', sort: 'name', limit: '25' });
    expect(screen.queryByRole('form', { name: 'Sign in to Rotor Leads' })).toBeNull();
    expect(jar.has(SESSION_COOKIE)).toBe(true);
  });

  it('"Sign out" in the header ends the session and shows the form again, keeping the URL', async () => {
    const user = userEvent.setup();
    renderApp('/?search=a');
    const signIn = await form();
    await user.type(within(signIn).getByLabelText('Username'), 'ana');
    await user.type(within(signIn).getByLabelText('Password'), 'ana-password-1');
    await user.click(within(signIn).getByRole('button', { name: 'Sign in' }));
    await expectListing(await serverLeads('search=a'));

    expect(await screen.findByText('ana', {}, WAIT)).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }, WAIT));
    await form();
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    expect(urlParams()).toEqual({ search: 'a' });
    expect(screen.queryByRole('table', { name: 'Leads' })).toBeNull();
    const status = await realFetch(`${baseUrl}/api/status`);
    expect(status.status).toBe(401);
  });
});
