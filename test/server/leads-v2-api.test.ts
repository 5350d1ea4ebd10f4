// Query model v2 (docs/api.md §4) through the real app: generated queries against the reference at clocks on DST
// changes (fake clock), `(me)` in /api/leads and the CSV, the CSV's filters and multi-sort, a 400 naming the
// param for every malformed value, and a fuzz of the new grammar that never sees a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { parseLeadQueryStrict, SORT_FIELDS } from '../../src/shared/lead-query';
import { fakeClock } from '../support/fake-clock';
import { parseCsv } from '../support/csv';
import { queryV2Arbitrary, TEST_NOWS } from '../support/query-v2-arbitraries';
import { startHarness, type Harness } from './support/harness';
import { referenceAnswer } from './support/reference-query';

const clock = fakeClock(TEST_NOWS[0]!);
let h: Harness;
let leads: Lead[];

beforeAll(async () => {
  h = await startHarness({ demo: { leadCount: 400, seed: 17, dailyLimit: 1_000_000 }, now: clock.now });
  leads = h.demo.leads;
});
afterAll(() => h.close());

const ids = (list: readonly Lead[]) => list.map((lead) => lead.id);

describe('GET /api/leads v2', () => {
  it('answers generated queries like the reference, at clocks on DST changes in several zones', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(queryV2Arbitrary(leads, SORT_FIELDS), fc.constantFrom(...TEST_NOWS), async ({ params }, now) => {
        clock.set(now);
        const parsed = parseLeadQueryStrict(params);
        if (!parsed.ok) throw new Error(parsed.message);
        const { status, body } = await h.getJson(`/api/leads?${params}&limit=25`);
        let expected;
        try {
          expected = referenceAnswer(leads, parsed.query, now);
        } catch {
          expect(status).toBe(400); // a range inverted once today is known
          return;
        }
        expect(status).toBe(200);
        compared += 1;
        expect(body.pagination.total).toBe(expected.leads.length);
        expect(ids(body.data)).toEqual(ids(expected.leads.slice(0, 25)));
        expect(body.facets).toEqual(expected.facets);
        expect(body.facet_sizes).toEqual(expected.facet_sizes);
        expect(body.summary).toEqual(expected.summary);
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('resolves today in tz per request: an answer cached before midnight is not served after it', async () => {
    clock.set(Date.parse('2026-03-08T05:30:00Z')); // 00:30 in New York, Mar 8 (the DST day)
    const url = '/api/leads?follow_up_date=today..today&tz=America/New_York&archived=true&limit=1000';
    const before = (await h.getJson(url)).body;
    clock.set(Date.parse('2026-03-09T05:30:00Z')); // 01:30 a day later
    const after = (await h.getJson(url)).body;
    const inDay = (from: string, to: string) =>
      leads.filter(
        (l) =>
          typeof l.follow_up_date === 'string' &&
          Date.parse(l.follow_up_date) >= Date.parse(from) &&
          Date.parse(l.follow_up_date) < Date.parse(to),
      );
    // Mar 8 in New York is 23 hours long: 05:00Z to 04:00Z the next day.
    expect(before.pagination.total).toBe(inDay('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z').length);
    expect(after.pagination.total).toBe(inDay('2026-03-09T04:00:00Z', '2026-03-10T04:00:00Z').length);
  });

  it('(me) is the me param’s owner id in /api/leads and the CSV; unknown, it matches nothing', async () => {
    const owner = leads.find((l) => typeof l.assigned_to === 'string')!.assigned_to!;
    const mine = leads.filter((l) => l.assigned_to === owner && l.archived !== true);
    const withMe = (await h.getJson(`/api/leads?assigned_to=(me)&me=${encodeURIComponent(owner)}&limit=1000`)).body;
    expect(withMe.pagination.total).toBe(mine.length);
    expect(withMe.facets.assigned_to.map((e: { value: string | null }) => e.value)).not.toContain('(me)');
    const nobody = (await h.getJson('/api/leads?assigned_to=(me)')).body;
    expect(nobody.pagination.total).toBe(0);
    // The owner facet ignores its own filter: it still counts every owner.
    expect(nobody.facets.assigned_to.length).toBeGreaterThan(1);
    const orNone = (await h.getJson('/api/leads?assigned_to=(me),(none)&limit=1000')).body;
    expect(orNone.pagination.total).toBe(
      leads.filter((l) => (typeof l.assigned_to !== 'string' || l.assigned_to.trim() === '') && l.archived !== true).length,
    );
    const csv = await h.app.inject({ url: `/api/export/leads.csv?assigned_to=(me)&me=${encodeURIComponent(owner)}` });
    expect(csv.headers['x-total-count']).toBe(String(mine.length));
  });

  it('exports with every filter and the multi-sort, in the table’s order', async () => {
    clock.set(TEST_NOWS[1]!);
    const qs = 'priority=high,(none)&projected_value=1000..&sort=-stage,follow_up_date&archived=true';
    const parsed = parseLeadQueryStrict(new URLSearchParams(qs));
    if (!parsed.ok) throw new Error(parsed.message);
    const expected = referenceAnswer(leads, parsed.query, TEST_NOWS[1]).leads;
    expect(expected.length).toBeGreaterThan(5);
    const response = await h.app.inject({ url: `/api/export/leads.csv?${qs}` });
    const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
    const idColumn = rows[0]!.indexOf('id');
    expect(rows.slice(1).map((row) => row[idColumn])).toEqual(ids(expected));
  });

  it.each([
    ['assigned_to', `assigned_to=${Array.from({ length: 51 }, (_, i) => `u${i}`).join(',')}`],
    ['priority', `priority=${'p'.repeat(201)}`],
    ['lead_source', `lead_source=${'s'.repeat(201)}`],
    ['service_type', `service_type=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`],
    ['projected_value', 'projected_value=10'],
    ['projected_value', 'projected_value=1e5..'],
    ['value_score', 'value_score=5..1'],
    ['value_score', 'value_score=..'],
    ['created_at', 'created_at=yesterday..'],
    ['follow_up_date', 'follow_up_date=today+3661..'],
    ['archived_at', 'archived_at=2026-02-30..'],
    ['stage_changed_at', 'stage_changed_at=2026-12-05..2026-12-01'],
    ['follow_up_date', 'follow_up_date=2027-01-01..today'], // inverted once today is known
    ['created_at', 'created_at=1..2&created_at=3..4'],
    ['tz', 'tz=Mars/Olympus'],
    ['tz', 'tz=+05:00'],
    ['sort', 'sort=name,-name'],
    ['sort', 'sort=name,email,phone,stage'],
    ['sort', 'sort=tags'],
    ['facet_limit', 'facet_limit=0'],
    ['facet_limit', 'facet_limit=10001'],
    ['search', `search=${'a '.repeat(11)}`],
    ['me', 'me=a,b'],
  ])('400 INVALID_PARAMETER naming %s for %s', async (param, qs) => {
    clock.set(TEST_NOWS[0]!);
    for (const path of ['/api/leads', '/api/export/leads.csv']) {
      const { status, body } = await h.getJson(`${path}?${qs}`);
      expect(status, `${path}?${qs}`).toBe(400);
      expect(body.error_code).toBe('INVALID_PARAMETER');
      expect(body.message).toContain(param);
    }
  });

  it('never answers 5xx to arbitrary values of the new params (fuzz)', async () => {
    const params = [
      'assigned_to',
      'priority',
      'lead_source',
      'service_type',
      'projected_value',
      'value_score',
      'created_at',
      'follow_up_date',
      'archived_at',
      'stage_changed_at',
      'tz',
      'sort',
      'facet_limit',
      'search',
      'me',
    ];
    const grammarish = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(
        /^(today([+ -]\d{1,5})?|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?|-?\d{1,20}(\.\d{1,5})?|\(none\)|\(me\))?\.\.(today([+ -]\d{1,5})?|\d{4}-\d{2}-\d{2}|-?\d{1,20}(\.\d{1,5})?)?$/,
      ),
      fc.constantFrom(
        '(none)',
        '(me)',
        '(none),(me)',
        '-priority,name',
        'Europe/London',
        'america/new_york',
        'Etc/GMT+14',
        '..',
        '...',
        'today..today-1',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...params), grammarish), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...TEST_NOWS),
        async (pairs, now) => {
          clock.set(now);
          const qs = new URLSearchParams(pairs).toString();
          for (const path of ['/api/leads', '/api/export/leads.csv']) {
            const response = await h.app.inject({ url: `${path}?${qs}` });
            expect(response.statusCode, `${path}?${qs}`).toBeLessThan(500);
            if (response.statusCode === 400) expect(response.json().error_code).toBe('INVALID_PARAMETER');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
