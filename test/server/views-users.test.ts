// Saved views with an auth mode (docs/api.md §2 "Saved views", "(me)"), through the real app: owners,
// private views invisible to others, shared ones visible but only the owner's to change (403 for a shared
// view, 404 for a private one), names unique among what each user sees, the cap per owner; the users
// file's assigned_to in GET /api/session and as the caller's owner id; the trusted-header mode.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../src/shared/views';
import { sessionCookieOf, signIn, tempDir, usersFileAuth, writeUsers } from './support/auth';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { expectError, viewsClient } from './support/views';

const dir = tempDir('views-users-');
const usersFile = path.join(dir, 'users.json');
const auth = usersFileAuth(usersFile);

/** Adds `assigned_to` to the users file as `npm run user:add -- … --assigned-to` writes it. */
function setOwnerIds(ownerIds: Record<string, string>): void {
  const document = JSON.parse(readFileSync(usersFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(usersFile, JSON.stringify({ ...document, assigned_to: ownerIds }), { mode: 0o600 });
}

/** Enough of a request for callerOwnerId: who is signed in and the query params. */
const request = (authUser: string | null, query: Record<string, string> = {}) => ({ authUser, query }) as unknown as FastifyRequest;

let clock = Date.now();
let h: Harness;
let alice: ReturnType<typeof viewsClient>;
let bob: ReturnType<typeof viewsClient>;

beforeAll(async () => {
  await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
  setOwnerIds({ alice: 'u_alex' });
  h = await startHarness({ demo: { leadCount: 20 }, config: { auth }, now: () => clock });
  alice = viewsClient(h.app, { cookies: sessionCookieOf(await signIn(h.app, 'alice', 'alice-password')) });
  bob = viewsClient(h.app, { cookies: sessionCookieOf(await signIn(h.app, 'bob', 'bob-password')) });
});
afterAll(() => h.close());

describe('two users in users-file mode', () => {
  it('without a session every views route is 401', async () => {
    const stranger = viewsClient(h.app);
    expectError(await stranger.list(), 401, 'UNAUTHENTICATED');
    expectError(await stranger.create({ name: 'x', query: '' }), 401, 'UNAUTHENTICATED');
    expectError(await stranger.patch('builtin-all-leads', { name: 'x' }), 401, 'UNAUTHENTICATED');
    expectError(await stranger.remove('builtin-all-leads'), 401, 'UNAUTHENTICATED');
  });

  it('private views are seen only by their owner; shared ones by everyone; owner is the user', async () => {
    const secret = await alice.make('Alice private', 'stage=Won');
    const team = await alice.make('Alice team', 'tags=storm', true);
    expect(secret).toMatchObject({ owner: 'alice', shared: false, builtin: false });
    expect(team).toMatchObject({ owner: 'alice', shared: true });
    expect(await alice.names()).toEqual(expect.arrayContaining(['Alice private', 'Alice team']));
    const bobSees = await bob.names();
    expect(bobSees).toContain('Alice team');
    expect(bobSees).not.toContain('Alice private');
    expect(bobSees.slice(0, 5)).toEqual(['All leads', 'My follow-ups', 'New this week', 'High priority', 'Unassigned']);
  });

  it('another user’s shared view: 403 FORBIDDEN to change or delete; private: 404 NOT_FOUND; the owner may', async () => {
    const shared = await alice.make('Shared by Alice', '', true);
    const hidden = await alice.make('Hidden by Alice');
    expectError(await bob.patch(shared.id, { name: 'Taken over' }), 403, 'FORBIDDEN');
    expectError(await bob.patch(shared.id, { shared: false }), 403, 'FORBIDDEN');
    expectError(await bob.remove(shared.id), 403, 'FORBIDDEN');
    expectError(await bob.patch(hidden.id, { name: 'Found it' }), 404, 'NOT_FOUND');
    expectError(await bob.remove(hidden.id), 404, 'NOT_FOUND');
    // Unchanged, and the owner may still do all of it.
    expect((await alice.patch(shared.id, { name: 'Shared by Alice, renamed' })).status).toBe(200);
    expect((await alice.patch(hidden.id, { shared: true })).status).toBe(200);
    expect(await bob.names()).toContain('Hidden by Alice');
    expect((await alice.remove(hidden.id)).status).toBe(204);
    expect((await alice.remove(shared.id)).status).toBe(204);
    expect(await bob.names()).not.toContain('Hidden by Alice');
  });

  it('names are unique among the views the caller sees: another’s private name is free, a shared one is not', async () => {
    await alice.make('Dallas private');
    await alice.make('Dallas shared', '', true);
    const own = await bob.make('dallas PRIVATE');
    expect(own.owner).toBe('bob');
    expectError(await bob.create({ name: 'DALLAS shared', query: '' }), 409, 'CONFLICT');
    expectError(await bob.patch(own.id, { name: 'Dallas Shared' }), 409, 'CONFLICT');
    // Each sees one "Dallas private": their own.
    expect((await alice.names()).filter((n) => n.toLowerCase() === 'dallas private')).toEqual(['Dallas private']);
    expect((await bob.names()).filter((n) => n.toLowerCase() === 'dallas private')).toEqual(['dallas PRIVATE']);
  });

  it('the cap is 200 views per owner: a full owner gets 409 LIMIT_REACHED, another owner does not', async () => {
    const aliceOwns = ((await alice.list()).body.data as View[]).filter((v) => v.owner === 'alice').length;
    for (let i = aliceOwns; i < 200; i++) expect((await alice.create({ name: `alice ${i}`, query: '' })).status).toBe(201);
    expectError(await alice.create({ name: 'alice one more', query: '' }), 409, 'LIMIT_REACHED');
    expect((await bob.create({ name: 'bob still can', query: '' })).status).toBe(201);
  });
});

describe('assigned_to and (me)', () => {
  const session = async (client: 'alice' | 'bob') => {
    const cookies = sessionCookieOf(await signIn(h.app, client, `${client}-password`));
    return (await h.app.inject({ method: 'GET', url: '/api/session', cookies })).json();
  };

  it('GET /api/session says the user’s owner id from the users file, or null; a change is seen within a second', async () => {
    expect(await session('alice')).toEqual({ status: 'success', data: { username: 'alice', mode: 'users-file', assigned_to: 'u_alex' } });
    expect((await session('bob')).data.assigned_to).toBeNull();
    setOwnerIds({ alice: 'u_alex', bob: 'u_bobby' });
    clock += 1_000;
    expect((await session('bob')).data.assigned_to).toBe('u_bobby');
    setOwnerIds({ alice: 'u_alex' });
    clock += 1_000;
    expect((await session('bob')).data.assigned_to).toBeNull();
  });

  it('the caller’s owner id: the users file’s beats the me param; else the me param; else null', async () => {
    expect(await h.app.callerOwnerId(request('alice', { me: 'u_someone_else' }))).toBe('u_alex');
    expect(await h.app.callerOwnerId(request('bob', { me: ' u_bob ' }))).toBe('u_bob');
    expect(await h.app.callerOwnerId(request('bob', { me: '' }))).toBeNull();
    expect(await h.app.callerOwnerId(request('bob'))).toBeNull();
    await expect(h.app.callerOwnerId(request('bob', { me: 'a,b' }))).rejects.toMatchObject({ statusCode: 400, code: 'INVALID_PARAMETER' });
  });
});

describe('trusted-header mode', () => {
  const PROXY = '10.1.2.3';
  let t: Harness;
  beforeAll(async () => {
    t = await startHarness({
      demo: { leadCount: 20 },
      config: { auth: { mode: 'trusted-header', header: 'x-forwarded-email', trustedProxies: [PROXY], cookieSecure: false } },
    });
  });
  afterAll(() => t.close());
  const as = (user: string) => viewsClient(t.app, { remoteAddress: PROXY, headers: { 'x-forwarded-email': user } });

  it('the header’s user owns the views; visibility and permissions as in users-file mode; no owner id from the server', async () => {
    const ana = as('ana@example.com');
    const ben = as('ben@example.com');
    const mine = await ana.make('Ana only');
    const ours = await ana.make('Ana for all', '', true);
    expect(mine.owner).toBe('ana@example.com');
    expect(await ben.names()).toContain('Ana for all');
    expect(await ben.names()).not.toContain('Ana only');
    expectError(await ben.remove(ours.id), 403, 'FORBIDDEN');
    expectError(await ben.remove(mine.id), 404, 'NOT_FOUND');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-email': 'ana@example.com' },
    });
    expect(session.json().data.assigned_to).toBeNull();
    expect(await t.app.callerOwnerId(request('ana@example.com', { me: 'u_ana' }))).toBe('u_ana');
  });
});
