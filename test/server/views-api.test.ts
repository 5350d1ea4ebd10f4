// /api/views without an auth mode, through the real app (docs/api.md §2 "Saved views"): built-ins first
// and fixed, names trimmed, 1–80 characters and unique case-insensitively, queries parsed strictly and
// stored canonically, the 200-view cap, collator order, JSON content type, the rate limit, the envelope.
import { describe, expect, it } from 'vitest';
import { BUILTIN_VIEWS, type View } from '../../src/shared/views';
import { useHarnesses, type Harness } from './support/harness';
import { expectError, viewsClient } from './support/views';

const start = useHarnesses();
let h: Harness;
let views: ReturnType<typeof viewsClient>;

// A fresh app per test: views are kept in memory here (no DATA_DIR), so tests do not see each other's.
async function fresh(options: Parameters<typeof start>[0] = {}) {
  h = await start({ demo: { leadCount: 20 }, ...options });
  views = viewsClient(h.app);
}

describe('GET /api/views', () => {
  it('lists the five built-ins first, in order, unchangeable, with every View field', async () => {
    await fresh();
    const answer = await views.list();
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body.status).toBe('success');
    const list = answer.body.data as View[];
    expect(list.map((v) => [v.id, v.name, v.query])).toEqual([
      ['builtin-all-leads', 'All leads', ''],
      ['builtin-my-follow-ups', 'My follow-ups', 'assigned_to=(me)&follow_up_date=..today&sort=follow_up_date'],
      ['builtin-new-this-week', 'New this week', 'created_at=today-6..'],
      ['builtin-high-priority', 'High priority', 'priority=high&sort=-value_score'],
      ['builtin-unassigned', 'Unassigned', 'assigned_to=(none)'],
    ]);
    for (const view of list) expect(view).toMatchObject({ builtin: true, owner: null, shared: true, created_at: expect.any(String) });
    for (const id of BUILTIN_VIEWS.map((v) => v.id)) {
      expectError(await views.patch(id, { name: 'Mine now' }), 403, 'FORBIDDEN');
      expectError(await views.remove(id), 403, 'FORBIDDEN');
    }
    expect((await views.list()).body.data).toEqual(list);
  });

  it('orders saved views after the built-ins by name (collator: case-blind, numeric)', async () => {
    await fresh();
    for (const name of ['storm 10', 'Dallas', 'storm 9', 'dallas west', 'Émile', 'Zed', 'apple']) await views.make(name);
    expect((await views.names()).slice(5)).toEqual(['apple', 'Dallas', 'dallas west', 'Émile', 'storm 9', 'storm 10', 'Zed']);
  });
});

describe('POST /api/views', () => {
  it('creates a view: 201 with the View, owner null without auth, name trimmed, shared defaulting to false', async () => {
    await fresh();
    const created = await views.create({ name: '  Storm leads Dallas  ', query: 'stage=Won' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toEqual({
      status: 'success',
      data: {
        id: expect.stringMatching(/^v_[\w-]+$/),
        name: 'Storm leads Dallas',
        query: 'stage=Won',
        shared: false,
        owner: null,
        builtin: false,
        created_at: expect.any(String),
        updated_at: created.body.data.created_at,
      },
    });
    expect(Date.parse(created.body.data.created_at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await views.list()).body.data.at(-1)).toEqual(created.body.data);
    expect((await views.create({ name: 'Shared one', query: '', shared: true })).body.data.shared).toBe(true);
  });

  it('stores the query in canonical form: defaults, unknown params, lead, page, tz and me dropped; schema order', async () => {
    await fresh();
    const cases: [string, string][] = [
      ['', ''],
      ['?', ''],
      ['sort=-created_at&archived=false&limit=50&page=1&search=', ''],
      ['utm_source=mail&lead=abc&page=7&tz=Europe/Berlin&me=u_alex', ''],
      ['?tags=b, a,b&stage=Won&stage=Lost&sort=name&search=%20ann%20', 'search=ann&stage=Won,Lost&tags=b,a&sort=name'],
      ['archived=true&limit=100&sort=-name', 'archived=true&sort=-name&limit=100'],
      ['search=a%26b+c%3Dd', 'search=a%26b%20c%3Dd'],
      ['search=caf%C3%A9', 'search=caf%C3%A9'],
    ];
    for (const [index, [query, canonical]] of cases.entries()) {
      const created = await views.create({ name: `v${index}`, query });
      expect(created.status, query).toBe(201);
      expect(created.body.data.query, query).toBe(canonical);
    }
  });

  it('a bad param in the query is a 400 naming it (the rules of /api/leads, first error in their order)', async () => {
    await fresh();
    const cases: [string, RegExp][] = [
      ['sort=nope', /sort keys must be one of/],
      ['archived=yes', /archived must be true or false/],
      ['limit=0', /limit must be an integer/],
      ['search=x&search=y', /search must be given only once/],
      [`search=${'x'.repeat(201)}`, /search must be at most 200/],
      [`stage=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`, /stage accepts at most 50 values/],
      ['sort=nope&archived=yes', /archived/],
    ];
    for (const [query, message] of cases) expectError(await views.create({ name: 'x', query }), 400, 'INVALID_PARAMETER', message);
    // 2,000 characters is the most a query may have, before anything is dropped.
    expectError(await views.create({ name: 'x', query: `utm=${'a'.repeat(1997)}` }), 400, 'INVALID_PARAMETER', /query must be at most 2000/);
    expect((await views.create({ name: 'x', query: `utm=${'a'.repeat(1996)}` })).status).toBe(201);
  });

  it('name: trimmed, 1–80 characters (code points), no control characters; body fields typed', async () => {
    await fresh();
    const bad: [unknown, RegExp][] = [
      [{ name: '', query: '' }, /name must be 1 to 80/],
      [{ name: '   ', query: '' }, /name must be 1 to 80/],
      [{ name: 'x'.repeat(81), query: '' }, /name must be 1 to 80/],
      [{ name: 'two\nlines', query: '' }, /control characters/],
      [{ name: 7, query: '' }, /name must be a string/],
      [{ query: '' }, /name is required/],
      [{ name: 'ok' }, /query is required/],
      [{ name: 'ok', query: 5 }, /query must be a string/],
      [{ name: 'ok', query: '', shared: 'yes' }, /shared must be true or false/],
      [[1, 2], /JSON object/],
      ['"just a string"', /JSON object/],
    ];
    for (const [body, message] of bad) expectError(await views.create(body), 400, 'INVALID_PARAMETER', message);
    expect((await views.create({ name: ` ${'x'.repeat(80)} `, query: '' })).status).toBe(201);
    // 80 emoji are 160 UTF-16 units but 80 characters.
    expect((await views.create({ name: '🌩'.repeat(80), query: '' })).status).toBe(201);
  });

  it('names are unique case-insensitively among the views the caller sees, built-ins included: 409 CONFLICT', async () => {
    await fresh();
    await views.make('Dallas storms');
    expectError(await views.create({ name: 'dallas STORMS', query: '' }), 409, 'CONFLICT');
    expectError(await views.create({ name: '  Dallas storms ', query: 'stage=Won' }), 409, 'CONFLICT');
    expectError(await views.create({ name: 'all leads', query: '' }), 409, 'CONFLICT');
    expectError(await views.create({ name: 'High Priority', query: '' }), 409, 'CONFLICT');
    // NFC and NFD spellings of the same name are the same name.
    await views.make('Caf\u00e9');
    expectError(await views.create({ name: 'CAFE\u0301', query: '' }), 409, 'CONFLICT');
  });

  it('at most 200 views (without auth every view is the one null owner’s): 409 LIMIT_REACHED', async () => {
    await fresh();
    for (let i = 0; i < 200; i++) expect((await views.create({ name: `view ${i}`, query: '' })).status).toBe(201);
    expectError(await views.create({ name: 'one more', query: '' }), 409, 'LIMIT_REACHED');
    const list = (await views.list()).body.data as View[];
    expect(list).toHaveLength(205);
    expect((await views.remove(list[5]!.id)).status).toBe(204);
    expect((await views.create({ name: 'one more', query: '' })).status).toBe(201);
  });
});

describe('PATCH and DELETE /api/views/:id', () => {
  it('PATCH changes any of name, query, shared (name checked and trimmed, query canonical); updated_at moves', async () => {
    let clock = Date.parse('2026-12-01T10:00:00Z');
    await fresh({ now: () => clock });
    const view = await views.make('Before', 'stage=Won');
    const other = await views.make('Other');
    clock += 60_000;
    const renamed = await views.patch(view.id, { name: '  After ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toEqual({ ...view, name: 'After', updated_at: '2026-12-01T10:01:00.000Z' });
    const changed = await views.patch(view.id, { query: 'sort=-created_at&tags=x', shared: true });
    expect(changed.body.data).toMatchObject({ name: 'After', query: 'tags=x', shared: true, created_at: view.created_at });
    // Its own name in another case is not a clash; another view's name or a built-in's is.
    expect((await views.patch(view.id, { name: 'AFTER' })).status).toBe(200);
    expectError(await views.patch(view.id, { name: 'other' }), 409, 'CONFLICT');
    expectError(await views.patch(view.id, { name: 'Unassigned' }), 409, 'CONFLICT');
    expectError(await views.patch(other.id, { query: 'page=x&sort=bad' }), 400, 'INVALID_PARAMETER', /sort/);
    expectError(await views.patch(other.id, {}), 400, 'INVALID_PARAMETER', /at least one of/);
    expectError(await views.patch(other.id, { name: '' }), 400, 'INVALID_PARAMETER');
    expectError(await views.patch('v_unknown', { name: 'x' }), 404, 'NOT_FOUND');
    expect((await views.list()).body.data.slice(5).map((v: View) => v.name)).toEqual(['AFTER', 'Other']);
  });

  it('DELETE answers 204 with no body; the view is gone (then 404)', async () => {
    await fresh();
    const view = await views.make('Short-lived');
    const deleted = await views.remove(view.id);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect(await views.names()).not.toContain('Short-lived');
    expectError(await views.remove(view.id), 404, 'NOT_FOUND');
    expectError(await views.patch(view.id, { name: 'back' }), 404, 'NOT_FOUND');
  });
});

describe('transport rules', () => {
  it('POST, PATCH and DELETE need content-type: application/json, even without an auth mode (415)', async () => {
    await fresh();
    const view = await views.make('Kept');
    const attempts = [
      { method: 'POST' as const, url: '/api/views', payload: 'name=x&query=', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { method: 'POST' as const, url: '/api/views', payload: '{"name":"x","query":""}', headers: { 'content-type': 'text/plain' } },
      { method: 'POST' as const, url: '/api/views' },
      { method: 'PATCH' as const, url: `/api/views/${view.id}`, payload: '{"name":"x"}', headers: { 'content-type': 'text/plain' } },
      { method: 'DELETE' as const, url: `/api/views/${view.id}` },
    ];
    for (const attempt of attempts) {
      const response = await h.app.inject(attempt);
      expectError({ status: response.statusCode, body: response.json(), headers: response.headers }, 415, 'INVALID_PARAMETER');
    }
    expect((await views.names()).slice(5)).toEqual(['Kept']);
    const malformed = await h.app.inject({ method: 'POST', url: '/api/views', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expectError({ status: malformed.statusCode, body: malformed.json(), headers: malformed.headers }, 400, 'INVALID_PARAMETER');
  });

  it('views requests count against API_RATE_LIMIT like every /api request (429 RATE_LIMITED)', async () => {
    await fresh({ config: { apiRateLimit: 3 } });
    expect((await views.list()).status).toBe(200);
    expect((await views.create({ name: 'a', query: '' })).status).toBe(201);
    expect((await views.create({ name: 'b', query: '' })).status).toBe(201);
    const refused = await views.create({ name: 'c', query: '' });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    expectError(await views.list(), 429, 'RATE_LIMITED');
  });
});
