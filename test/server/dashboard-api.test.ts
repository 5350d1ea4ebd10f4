// The dashboard API (docs/api.md §2, §4) end to end: the real Fastify app syncing from the real demo API on
// loopback. Expected answers come from the demo's own data through test/server/support/reference-query.
// The static SPA and its headers: static-spa.test.ts.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { SORT_FIELDS, type LeadFilter } from '../../src/shared/lead-query';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { query, type LooseQuery } from './support/lead-index-answers';
import { referenceAnswer, referenceMatching } from './support/reference-query';
import { parseCsv } from '../support/csv';

let h: Harness;
let leads: Lead[];

beforeAll(async () => {
  h = await startHarness({ demo: { leadCount: 400, seed: 5 } });
  leads = h.demo.leads;
});
afterAll(() => h.close());

const filterOf = (partial: LooseQuery): LeadFilter => {
  const { page: _p, limit: _l, ...filter } = query(partial);
  return filter;
};
const ids = (list: Lead[]) => list.map((lead) => lead.id);

/** The API's answer for a query string, checked against the reference for data, total, facets and totals. */
async function expectLikeReference(queryString: string, filter: LeadFilter, page = 1, limit = 50) {
  const { status, body } = await h.getJson(`/api/leads?${queryString}`);
  expect(status).toBe(200);
  const reference = referenceAnswer(leads, filter);
  const expected = reference.leads;
  expect(body.pagination).toEqual({ page, limit, total: expected.length, has_more: page * limit < expected.length });
  expect(ids(body.data)).toEqual(ids(expected.slice((page - 1) * limit, page * limit)));
  expect(body.facets).toEqual(reference.facets);
  expect(body.facet_sizes).toEqual(reference.facet_sizes);
  expect(body.summary).toEqual(reference.summary);
  return { body, expected };
}

describe('GET /api/leads', () => {
  it('defaults: archived left out, newest first, 50 per page, facets, fresh meta', async () => {
    const { body, expected } = await expectLikeReference('', filterOf({}));
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThan(leads.length); // some demo leads are archived
    expect(body.status).toBe('success');
    expect(body.meta.stale).toBe(false);
    expect(Date.parse(body.meta.synced_at)).not.toBeNaN();
  });

  it.each(SORT_FIELDS.flatMap((field) => [field, `-${field}`]))('sort=%s over all leads', async (sort) => {
    const descending = sort.startsWith('-');
    const field = (descending ? sort.slice(1) : sort) as (typeof SORT_FIELDS)[number];
    await expectLikeReference(`archived=true&limit=1000&sort=${sort}`, filterOf({ archived: true, sort: { field, descending } }), 1, 1000);
  });

  it('stage and tags: any of the given values, with disjunctive facets', async () => {
    const stages = [...new Set(leads.map((l) => l.stage).filter((s): s is string => typeof s === 'string'))].slice(0, 2);
    const tags = [...new Set(leads.flatMap((l) => l.tags ?? []))].slice(0, 3);
    expect(stages).toHaveLength(2);
    expect(tags).toHaveLength(3);
    const qs = new URLSearchParams({ stage: stages.join(','), tags: tags.join(','), limit: '1000' });
    const { expected } = await expectLikeReference(qs.toString(), filterOf({ stage: stages, tags }), 1, 1000);
    expect(expected.length).toBeGreaterThan(0);
    // A selected value with no matches is still listed, with count 0.
    const { body } = await h.getJson(`/api/leads?stage=${encodeURIComponent(stages[0]!)},No%20Such%20Stage`);
    expect(body.facets.stage).toContainEqual({ value: 'No Such Stage', count: 0, projected_value_sum: 0 });
    // Repeated list params join; values are trimmed and empty ones dropped.
    await expectLikeReference(
      `stage=${encodeURIComponent(` ${stages[0]} `)}&stage=${encodeURIComponent(stages[1]!)},,`,
      filterOf({ stage: stages }),
    );
  });

  it('archived=true includes archived leads', async () => {
    const { expected } = await expectLikeReference('archived=true&limit=1000', filterOf({ archived: true }), 1, 1000);
    expect(expected.some((lead) => lead.archived === true)).toBe(true);
    await expectLikeReference('archived=false', filterOf({}));
  });

  it('search: case- and accent-insensitive on name, email, phone; digits match phone digits', async () => {
    const accented = leads.find((l) => typeof l.name === 'string' && /[À-ž]/.test(l.name))!;
    expect(accented).toBeDefined();
    const folded = accented.name!.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().slice(0, 6);
    const phoned = leads.find((l) => typeof l.phone === 'string' && l.phone.replace(/\D/g, '').length >= 10)!;
    const digits = phoned.phone!.replace(/\D/g, '').slice(3, 10);
    const emailPart = leads.find((l) => typeof l.email === 'string')!.email!.split('@')[0]!;
    for (const search of [
      folded,
      digits,
      `(${digits.slice(0, 3)}) ${digits.slice(3)}`,
      emailPart,
      '  ' + emailPart + '  ',
      'zzzz-no-match',
    ]) {
      const { expected } = await expectLikeReference(
        new URLSearchParams({ search, archived: 'true' }).toString(),
        filterOf({ search: search.trim(), archived: true }),
      );
      if (search !== 'zzzz-no-match') expect(expected.length).toBeGreaterThan(0);
    }
    const { body } = await h.getJson(`/api/leads?search=${encodeURIComponent(folded)}&archived=true`);
    expect(ids(body.data)).toContain(accented.id);
  });

  it('page and limit, and a page past the end', async () => {
    await expectLikeReference('page=3&limit=7&sort=name', filterOf({ sort: { field: 'name', descending: false } }), 3, 7);
    const total = referenceMatching(leads, filterOf({})).length;
    const { body } = await h.getJson('/api/leads?page=999&limit=10');
    expect(body.data).toEqual([]);
    expect(body.pagination).toEqual({ page: 999, limit: 10, total, has_more: false });
  });

  it('ignores unknown params', async () => {
    await expectLikeReference(
      'utm_source=mail&utm_campaign=x&foo[]=1&sort=-value_score',
      filterOf({ sort: { field: 'value_score', descending: true } }),
    );
  });

  it.each([
    ['search', `search=${'x'.repeat(201)}`],
    ['stage', `stage=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`],
    ['tags', `tags=${'t'.repeat(201)}`],
    ['archived', 'archived=yes'],
    ['archived', 'archived=TRUE'],
    ['page', 'page=0'],
    ['page', 'page=1.5'],
    ['page', 'page=abc'],
    ['page', 'page=1&page=2'],
    ['limit', 'limit=0'],
    ['limit', 'limit=1001'],
    ['limit', 'limit=-5'],
    ['sort', 'sort=bogus'],
    ['sort', 'sort=--name'],
    ['sort', 'sort=name&sort=email'],
  ])('400 INVALID_PARAMETER naming %s for %s', async (param, qs) => {
    const { status, body, headers } = await h.getJson(`/api/leads?${qs}`);
    expect(status).toBe(400);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body.status).toBe('error');
    expect(body.error_code).toBe('INVALID_PARAMETER');
    expect(body.message).toContain(param);
  });

  it('compresses large answers', async () => {
    const response = await h.app.inject({ url: '/api/leads?limit=1000&archived=true', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(response.rawPayload).toString('utf8'));
    expect(body.data).toHaveLength(leads.length);
  });
});

describe('GET /api/leads/:id', () => {
  it('found, unknown (404), malformed (400)', async () => {
    const lead = leads[17]!;
    const found = await h.getJson(`/api/leads/${lead.id}`);
    expect(found.status).toBe(200);
    // As upstream sent it, plus the proxy's change tracking (docs/api.md §6): held from the first sync.
    expect(found.body).toEqual({
      status: 'success',
      data: { ...lead, first_seen_at: expect.any(String), stage_changed_at: null, previous_stage: null },
    });

    const unknown = await h.getJson('/api/leads/no-such-lead-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe('NOT_FOUND');

    for (const bad of ['bad%20id', 'a%2Fb', '-leading-dash', 'x'.repeat(129), '%3Cscript%3E']) {
      const malformed = await h.getJson(`/api/leads/${bad}`);
      expect(malformed.status, bad).toBe(400);
      expect(malformed.body.error_code).toBe('INVALID_PARAMETER');
      expect(malformed.body.message).toContain('id');
    }
  });
});

describe('errors and unknown routes', () => {
  it('unknown /api/* and wrong methods answer 404 JSON', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/api/leads/1/extra'],
      ['POST', '/api/leads'],
      ['DELETE', '/api/leads/abc'],
      ['GET', '/api/refresh'],
    ] as const) {
      // POST/DELETE with the JSON content type they need (else 415), to reach the router's 404.
      const response = await h.app.inject({
        method,
        url,
        headers: { accept: 'text/html', 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { payload: '{}' }),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toEqual({ status: 'error', error_code: 'NOT_FOUND', message: expect.any(String) });
    }
  });

  it("Fastify's own errors (bad JSON body, 415, malformed URL) use the envelope", async () => {
    const badJson = await h.app.inject({
      method: 'POST',
      url: '/api/refresh',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });
    expect(badJson.body).not.toContain('Unexpected');

    const unsupported = await h.app.inject({
      method: 'POST',
      url: '/api/refresh',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(unsupported.statusCode).toBe(415);
    expect(unsupported.json()).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });

    const badUrl = await h.app.inject({ method: 'GET', url: '/api/leads/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });
  });
});

describe('GET /api/export/leads.csv', () => {
  it('streams every matching lead in order, as an attachment', async () => {
    const stage = leads.find((l) => typeof l.stage === 'string')!.stage!;
    const response = await h.app.inject({ url: `/api/export/leads.csv?stage=${encodeURIComponent(stage)}&sort=name&page=2&limit=5` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
    const header = rows[0]!;
    const expected = referenceMatching(leads, filterOf({ stage: [stage], sort: { field: 'name', descending: false } }));
    expect(rows.length - 1).toBe(expected.length); // paging ignored: every match
    const idColumn = header.indexOf('id');
    expect(rows.slice(1).map((row) => row[idColumn])).toEqual(ids(expected));
  });

  it('escapes quotes, commas, line breaks and formula starts', async () => {
    const tricky: Lead = {
      id: 'tricky-1',
      created_at: '2026-01-01T00:00:00.000Z',
      name: '=HYPERLINK("http://x","y")',
      notes: 'line one\r\nline "two", three',
      email: '+1@example.com',
      phone: '-555',
      stage: '@stage',
      tags: ['a', 'b'],
    };
    const local = await startHarness({ demo: { leads: [tricky, ...leads.slice(0, 20)] } });
    try {
      const response = await local.app.inject({ url: '/api/export/leads.csv?search=HYPERLINK' });
      const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
      expect(rows).toHaveLength(2);
      const cell = (name: string) => rows[1]![rows[0]!.indexOf(name)];
      expect(cell('name')).toBe(`'=HYPERLINK("http://x","y")`);
      expect(cell('notes')).toBe('line one\r\nline "two", three');
      expect(cell('email')).toBe("'+1@example.com");
      expect(cell('phone')).toBe("'-555");
      expect(cell('stage')).toBe("'@stage");
    } finally {
      await local.close();
    }
  });

  it('rejects an invalid filter with 400', async () => {
    const { status, body } = await h.getJson('/api/export/leads.csv?sort=nope');
    expect(status).toBe(400);
    expect(body.message).toContain('sort');
  });
});

describe('GET /api/status', () => {
  it('reports source, freshness, counts and quota use', async () => {
    const { status, body } = await h.getJson('/api/status');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'success',
      data: {
        source: 'demo',
        synced_at: expect.any(String),
        stale: false,
        syncing: false,
        lead_count: leads.length,
        upstream_requests_today: h.upstreamCalls(),
        daily_limit: 1000,
        next_refresh_at: expect.any(String),
        manual_refresh_min_interval_ms: 30_000, // the default gap (README "Manual refresh")
        refresh_mode: 'interval',
        pages_per_sync: 1,
        last_error: null,
        last_poll_at: null, // a hand-built config polls not (ROTOR_POLL_INTERVAL is read by loadConfig)
        next_poll_at: null,
        sync_progress: null, // no sync runs once the first one has ended
      },
    });
    expect(Date.parse(body.data.next_refresh_at)).toBeGreaterThan(Date.parse(body.data.synced_at));
  });
});
