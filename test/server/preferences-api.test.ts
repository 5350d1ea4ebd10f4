// /api/preferences (docs/api.md "Preferences") through the real app against the demo API: two signed-in
// reps each see only their own default view; the query is checked and stored as a saved view's would be;
// 404 without an auth mode; kept in DATA_DIR/preferences.json across a restart; a damaged file set aside
// with a log line and never overwritten; writes need JSON and count against API_RATE_LIMIT.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFERENCES_FILE } from '../../src/server/preferences/preferences-file';
import { BUILTIN_VIEWS, canonicalViewQuery } from '../../src/shared/views';
import { JSON_HEADERS, sessionCookieOf, signIn, tempDir, usersFileAuth, writeUsers } from './support/auth';
import { useHarnesses } from '../support/dashboard-harness';
import { expectError, type Answer } from './support/views';

const root = tempDir('preferences-');
const usersFile = path.join(root, 'users.json');
const start = useHarnesses();
let dirs = 0;

function newDataDir(): string {
  const dir = path.join(root, `data-${++dirs}`);
  mkdirSync(dir);
  return dir;
}

function preferencesClient(app: FastifyInstance, cookies: Record<string, string> = {}) {
  const send = async (method: 'GET' | 'PUT', payload?: string, headers: Record<string, string> = JSON_HEADERS): Promise<Answer> => {
    const response = await app.inject({
      method,
      url: '/api/preferences',
      cookies,
      ...(method === 'PUT' ? { headers, payload } : {}),
    });
    return { status: response.statusCode, body: response.body === '' ? null : response.json(), headers: response.headers };
  };
  return {
    get: () => send('GET'),
    put: (body: unknown) => send('PUT', JSON.stringify(body)),
    putRaw: (payload: string, headers: Record<string, string>) => send('PUT', payload, headers),
  };
}

async function startSignedIn(options: { dataDir?: string; apiRateLimit?: number; lines?: string[] } = {}) {
  await writeUsers(usersFile, { alice: 'alice-password', bob: 'bob-password' });
  const h = await start({
    demo: { leadCount: 20 },
    config: {
      auth: usersFileAuth(usersFile),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.apiRateLimit ? { apiRateLimit: options.apiRateLimit } : {}),
    },
    ...(options.lines ? { logger: { level: 'info', stream: { write: (line: string) => void options.lines!.push(line) } } } : {}),
  });
  const as = async (user: string) => preferencesClient(h.app, sessionCookieOf(await signIn(h.app, user, `${user}-password`)));
  return { h, alice: await as('alice'), bob: await as('bob'), stranger: preferencesClient(h.app) };
}

const followUps = BUILTIN_VIEWS.find((view) => view.id === 'builtin-my-follow-ups')!;

describe('/api/preferences with sign-in', () => {
  it('each rep sees only their own default; null clears it', async () => {
    const { alice, bob } = await startSignedIn();
    expect((await alice.get()).body).toEqual({ status: 'success', data: { default_view: null } });
    const saved = await alice.put({ default_view: { view_id: followUps.id, query: followUps.query } });
    expect(saved.status).toBe(200);
    expect(saved.headers['cache-control']).toBe('no-store');
    expect(saved.body.data).toEqual({ default_view: { view_id: followUps.id, query: followUps.query } });
    await bob.put({ default_view: { view_id: null, query: 'stage=Won&limit=50' } });
    expect((await alice.get()).body.data.default_view).toEqual({ view_id: followUps.id, query: followUps.query });
    expect((await bob.get()).body.data.default_view).toEqual({ view_id: null, query: canonicalQuery('stage=Won&limit=50') });
    expect((await alice.put({ default_view: null })).body.data).toEqual({ default_view: null });
    expect((await alice.get()).body.data.default_view).toBeNull();
    expect((await bob.get()).body.data.default_view).not.toBeNull();
  });

  it('stores the query in canonical form (page, lead, tz, me and defaults dropped), as a saved view', async () => {
    const { alice } = await startSignedIn();
    const raw = '?sort=name&page=3&lead=abc&tz=Europe/Paris&tags=solar,roofing&archived=false';
    const answer = await alice.put({ default_view: { view_id: null, query: raw } });
    expect(answer.body.data.default_view.query).toBe(canonicalQuery(raw));
    expect(answer.body.data.default_view.query).not.toMatch(/page=|lead=|tz=/);
  });

  it.each([
    ['a body that is not an object', [1]],
    ['no default_view', {}],
    ['default_view of the wrong type', { default_view: 'stage=Won' }],
    ['a query that is not a string', { default_view: { view_id: null, query: 5 } }],
    ['a bad param in the query', { default_view: { view_id: null, query: 'sort=shoe_size' } }],
    ['a bad limit in the query', { default_view: { view_id: null, query: 'limit=lots' } }],
    ['an over-long query', { default_view: { view_id: null, query: `search=${'a'.repeat(2100)}` } }],
    ['a view id of the wrong shape', { default_view: { view_id: 'no spaces allowed', query: '' } }],
  ])('%s → 400 INVALID_PARAMETER, nothing stored', async (_name, body) => {
    const { alice } = await startSignedIn();
    expectError(await alice.put(body), 400, 'INVALID_PARAMETER');
    expect((await alice.get()).body.data.default_view).toBeNull();
  });

  it('a write needs a JSON content type (415); a stranger gets 401', async () => {
    const { alice, stranger } = await startSignedIn();
    expectError(await alice.putRaw('default_view=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'INVALID_PARAMETER');
    expectError(await stranger.get(), 401, 'UNAUTHENTICATED');
    expectError(await stranger.put({ default_view: null }), 401, 'UNAUTHENTICATED');
  });

  it('reads and writes count against API_RATE_LIMIT', async () => {
    const { alice } = await startSignedIn({ apiRateLimit: 3 });
    // Signing in spent none of alice's (it is counted by IP, not by user).
    const answers = [
      await alice.get(),
      await alice.put({ default_view: null }),
      await alice.get(),
      await alice.put({ default_view: null }),
    ];
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expectError(answers[3]!, 429, 'RATE_LIMITED');
  });
});

describe('/api/preferences without sign-in', () => {
  it('answers 404 NOT_FOUND (the browser keeps the default)', async () => {
    const h = await start({ demo: { leadCount: 20 } });
    const client = preferencesClient(h.app);
    expectError(await client.get(), 404, 'NOT_FOUND');
    expectError(await client.put({ default_view: null }), 404, 'NOT_FOUND');
  });
});

describe('DATA_DIR/preferences.json', () => {
  it('is written before the answer and a restart on the same DATA_DIR keeps each rep’s default', async () => {
    const dataDir = newDataDir();
    const first = await startSignedIn({ dataDir });
    await first.alice.put({ default_view: { view_id: followUps.id, query: followUps.query } });
    await first.bob.put({ default_view: { view_id: null, query: 'priority=high' } });
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, PREFERENCES_FILE), 'utf8'));
    expect(onDisk.format).toBe('rotor-dashboard/preferences@1');
    expect(Object.keys(onDisk.users).sort()).toEqual(['alice', 'bob']);
    const before = [(await first.alice.get()).body, (await first.bob.get()).body];
    await first.h.close();

    const second = await startSignedIn({ dataDir });
    expect([(await second.alice.get()).body, (await second.bob.get()).body]).toEqual(before);
  });

  it('a damaged file is set aside with a log line, never overwritten; the next save starts a new file', async () => {
    const dataDir = newDataDir();
    const damaged = '{"format":"rotor-dashboard/preferences@1","users":{"alice":{"default_view":{"view_id":null,"que';
    writeFileSync(path.join(dataDir, PREFERENCES_FILE), damaged);
    const lines: string[] = [];
    const { alice } = await startSignedIn({ dataDir, lines });
    expect((await alice.get()).body.data.default_view).toBeNull();
    const aside = readdirSync(dataDir).filter((name) => name.startsWith(`${PREFERENCES_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'preferences set aside');
    expect(logged).toEqual([
      expect.objectContaining({ file: PREFERENCES_FILE, moved_to: aside[0], reason: expect.stringMatching(/not valid JSON/) }),
    ]);
    await alice.put({ default_view: { view_id: null, query: 'stage=Won' } });
    expect(JSON.parse(readFileSync(path.join(dataDir, PREFERENCES_FILE), 'utf8')).users.alice.default_view.query).toBe('stage=Won');
    expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe(damaged);
  });
});

function canonicalQuery(raw: string): string {
  const result = canonicalViewQuery(raw);
  if (!result.ok) throw new Error(result.message);
  return result.query;
}
