// GET /leads and GET /leads/:id with Rotor's semantics, through the real Fastify app (inject).
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoApi } from '../../src/demo-api/app';
import type { Lead } from '../../src/shared/lead';

const demo = createDemoApi({ leadCount: 1500, apiKey: 'test-key', dailyLimit: 1_000_000 });
afterAll(() => demo.close());

const headers = { 'x-api-key': 'test-key', 'rotor-api-version': '1.1.0' };

interface ListBody {
  data: Lead[];
  pagination: { has_more: boolean; limit: number; page: number; total: number };
  status: string;
}

async function list(params: Record<string, string> = {}): Promise<ListBody> {
  const response = await demo.app.inject({ method: 'GET', url: '/open-api/leads', query: params, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function listAll(params: Record<string, string> = {}): Promise<Lead[]> {
  const all: Lead[] = [];
  for (let page = 1; ; page++) {
    const body = await list({ ...params, limit: '1000', page: String(page) });
    all.push(...body.data);
    if (!body.pagination.has_more) return all;
  }
}

/** Rotor's order, written independently of the app: newest first, ties by id, no created_at last. */
function expectedOrder(leads: Lead[]): Lead[] {
  const time = (l: Lead) => (l.created_at ? Date.parse(l.created_at) : Number.NEGATIVE_INFINITY);
  return [...leads].sort((a, b) => time(b) - time(a) || (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
}
const notArchived = (l: Lead) => l.archived !== true;
const ids = (leads: Lead[]) => leads.map((l) => l.id);

describe('GET /leads', () => {
  it('answers the documented envelope with limit 50 and page 1 by default', async () => {
    const body = await list();
    expect(Object.keys(body)).toEqual(['data', 'pagination', 'status']);
    expect(body.status).toBe('success');
    const visible = demo.leads.filter(notArchived);
    expect(body.pagination).toEqual({ has_more: true, limit: 50, page: 1, total: visible.length });
    expect(ids(body.data)).toEqual(ids(expectedOrder(visible).slice(0, 50)));
  });

  it('orders newest first, equal created_at by id ascending, missing created_at last', async () => {
    const all = await listAll({ archived: 'true' });
    expect(ids(all)).toEqual(ids(expectedOrder(demo.leads)));
    // The data really exercises the tie-break and the missing-date rule.
    const times = all.map((l) => l.created_at);
    expect(times.some((t, i) => t && t === times[i + 1])).toBe(true);
    expect(all.at(-1)!.created_at ?? null).toBeNull();
  });

  it('leaves archived leads out unless archived=true', async () => {
    const archivedCount = demo.leads.filter((l) => l.archived === true).length;
    expect(archivedCount).toBeGreaterThan(0);
    expect((await list({ archived: 'true' })).pagination.total).toBe(demo.leads.length);
    for (const value of ['false', 'TRUE', '1', 'yes', '']) {
      expect((await list({ archived: value })).pagination.total, value).toBe(demo.leads.length - archivedCount);
    }
    expect((await listAll()).some((l) => l.archived === true)).toBe(false);
  });

  it('pages without overlap or gaps, has_more false on the last page, [] past the end', async () => {
    const visible = expectedOrder(demo.leads.filter(notArchived));
    const pageSize = 7;
    const seen: Lead[] = [];
    const lastPage = Math.ceil(visible.length / pageSize);
    for (const page of [1, 2, lastPage - 1, lastPage]) {
      const body = await list({ limit: String(pageSize), page: String(page) });
      expect(body.pagination).toEqual({ has_more: page < lastPage, limit: pageSize, page, total: visible.length });
      expect(ids(body.data)).toEqual(ids(visible.slice((page - 1) * pageSize, page * pageSize)));
      seen.push(...body.data);
    }
    const past = await list({ limit: String(pageSize), page: String(lastPage + 1) });
    expect(past.data).toEqual([]);
    expect(past.pagination).toEqual({ has_more: false, limit: pageSize, page: lastPage + 1, total: visible.length });
  });

  it('accepts limit 1 and 1000', async () => {
    expect((await list({ limit: '1' })).data).toHaveLength(1);
    expect((await list({ limit: '1000' })).data).toHaveLength(1000);
  });

  it.each([
    ['limit', '0'],
    ['limit', '1001'],
    ['limit', '-5'],
    ['limit', '2.5'],
    ['limit', 'abc'],
    ['limit', ''],
    ['page', '0'],
    ['page', '-1'],
    ['page', '1.5'],
    ['page', 'x'],
    ['page', ''],
  ])('refuses %s=%j with a 400 envelope naming the param', async (name, value) => {
    const response = await demo.app.inject({ url: '/open-api/leads', query: { [name]: value }, headers });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });
    expect(body.message).toContain(name);
  });

  it('filters by exactly one stage', async () => {
    for (const stage of ['Won', 'Appointment Set']) {
      const all = await listAll({ stage, archived: 'true' });
      expect(ids(all)).toEqual(ids(expectedOrder(demo.leads.filter((l) => l.stage === stage))));
      expect(all.length).toBeGreaterThan(0);
    }
    expect((await list({ stage: 'won' })).pagination.total).toBe(0); // exact, case-sensitive
    expect((await list({ stage: 'Won,Lost' })).pagination.total).toBe(0); // one value, not a list
  });

  it('filters tags by any-of a comma-separated list', async () => {
    const wanted = ['solar', 'referral'];
    const all = await listAll({ tags: 'solar, referral,', archived: 'true' });
    const expected = demo.leads.filter((l) => Array.isArray(l.tags) && l.tags.some((t) => wanted.includes(t)));
    expect(ids(all)).toEqual(ids(expectedOrder(expected)));
    const onlySolar = (await list({ tags: 'solar', archived: 'true' })).pagination.total;
    expect(all.length).toBeGreaterThan(onlySolar);
  });

  it('searches name, email and phone by case-insensitive substring, without accent folding', async () => {
    const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
    const matches = (q: string) =>
      expectedOrder(demo.leads.filter((l) => notArchived(l) && [l.name, l.email, l.phone].some((v) => lower(v).includes(q.toLowerCase()))));

    const accented = demo.leads.find((l) => typeof l.name === 'string' && /é/.test(l.name) && l.name.includes(' ') && notArchived(l))!;
    const fragment = accented.name!.slice(accented.name!.indexOf('é') - 2, accented.name!.indexOf('é') + 1).toUpperCase();
    const byAccent = await listAll({ search: fragment });
    expect(ids(byAccent)).toEqual(ids(matches(fragment)));
    expect(ids(byAccent)).toContain(accented.id);
    // No folding: the unaccented full name (it has a space, so no email can match it) misses the accented one.
    const foldedName = accented.name!.normalize('NFKD').replace(/\p{M}/gu, '');
    expect(foldedName).toContain(' ');
    expect(ids(await listAll({ search: foldedName }))).toEqual(ids(matches(foldedName)));
    expect(ids(await listAll({ search: foldedName }))).not.toContain(accented.id);

    const withEmail = demo.leads.find((l) => typeof l.email === 'string' && notArchived(l))!;
    const emailPart = withEmail.email!.split('@')[0]!.toUpperCase();
    expect(ids(await listAll({ search: emailPart }))).toEqual(ids(matches(emailPart)));

    const withPhone = demo.leads.find((l) => l.phone?.startsWith('(') && notArchived(l))!;
    const phonePart = withPhone.phone!.slice(0, 9); // "(555) 01x"
    expect(ids(await listAll({ search: phonePart }))).toEqual(ids(matches(phonePart)));
    // No digit rule: digits alone do not match a formatted number.
    const digitsOnly = withPhone.phone!.replace(/\D/g, '');
    expect(ids(await listAll({ search: digitsOnly }))).not.toContain(withPhone.id);

    const cjk = demo.leads.find((l) => typeof l.name === 'string' && /\p{Script=Han}/u.test(l.name) && notArchived(l))!;
    expect(ids(await listAll({ search: cjk.name! }))).toEqual(ids(matches(cjk.name!)));
    expect((await list({ search: 'no-such-lead-anywhere' })).pagination.total).toBe(0);
    // Regex metacharacters are plain text.
    expect((await list({ search: '.*' })).pagination.total).toBe(matches('.*').length);
  });

  it('combines filters with AND', async () => {
    const body = await listAll({ stage: 'Qualified', tags: 'hot', archived: 'true' });
    const expected = demo.leads.filter((l) => l.stage === 'Qualified' && (l.tags ?? []).includes('hot'));
    expect(ids(body)).toEqual(ids(expectedOrder(expected)));
  });

  it('treats the first of repeated params as the value', async () => {
    const response = await demo.app.inject({ url: '/open-api/leads?limit=3&limit=5', headers });
    expect(response.json().pagination.limit).toBe(3);
  });
});

describe('GET /leads/:id', () => {
  it('returns one lead, archived ones included', async () => {
    const archived = demo.leads.find((l) => l.archived === true)!;
    for (const lead of [demo.leads[0]!, archived]) {
      const response = await demo.app.inject({ url: `/open-api/leads/${lead.id}`, headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ data: lead, status: 'success' });
    }
  });

  it('answers 404 NOT_FOUND for an unknown id', async () => {
    const response = await demo.app.inject({ url: '/open-api/leads/does-not-exist', headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ status: 'error', message: 'Lead not found', error_code: 'NOT_FOUND' });
  });
});

describe('other routes', () => {
  it.each([
    ['GET', '/open-api/contacts'],
    ['GET', '/leads'],
    ['GET', '/open-api/leads/a/b'],
    ['POST', '/open-api/leads'],
    ['DELETE', '/open-api/leads/x'],
  ] as const)('%s %s → 404 envelope', async (method, url) => {
    const response = await demo.app.inject({ method, url, headers });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toMatchObject({ status: 'error', error_code: 'NOT_FOUND' });
  });
});

describe('data changes', () => {
  it('serves a replaced leads array from the next request on', async () => {
    const local = createDemoApi({ leadCount: 20, apiKey: 'k' });
    const h = { 'x-api-key': 'k', 'rotor-api-version': '1.1.0' };
    const total = async () => (await local.app.inject({ url: '/open-api/leads?archived=true', headers: h })).json().pagination.total;
    expect(await total()).toBe(20);
    local.leads = local.leads.slice(0, 5);
    expect(await total()).toBe(5);
    local.leads.push({ id: 'new-lead', created_at: '2030-01-01T00:00:00.000Z' });
    expect(await total()).toBe(6);
    const first = (await local.app.inject({ url: '/open-api/leads?limit=1', headers: h })).json().data[0];
    expect(first.id).toBe('new-lead');
    await local.close();
  });
});
