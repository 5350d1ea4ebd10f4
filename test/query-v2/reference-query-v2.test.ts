// The test reference for docs/api.md §4 checked by hand on a small set (so the index can be checked against it),
// and cross-checked with the query-v2 building blocks it shares no code with (search, day boundaries).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { compileSearch, leadMatchesSearch } from '../../src/server/query-v2/compile-search';
import { parseFacetList, type FacetSelection } from '../../src/shared/query-v2/facet-list';
import { parseDateRange, parseNumberRange, type DateRange, type NumberRange } from '../../src/shared/query-v2/range';
import { referenceQueryV2, type ReferenceQueryV2 } from '../support/reference-query-v2';

const facet = (raw: string): FacetSelection => {
  const r = parseFacetList(raw, 'f');
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const dates = (raw: string): DateRange => {
  const r = parseDateRange(raw, 'd');
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const numbers = (raw: string): NumberRange => {
  const r = parseNumberRange(raw, 'n');
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

const NOW = Date.parse('2026-03-08T15:00:00Z'); // Sunday 8 March in New York: a 23-hour day
const LEADS: Lead[] = [
  {
    id: 'a',
    name: 'Ann',
    stage: 'New',
    priority: 'high',
    assigned_to: 'u_alex',
    tags: ['solar', 'roof'],
    projected_value: 1000.556,
    value_score: 80,
    created_at: '2026-03-08T04:59:59Z',
    follow_up_date: '2026-03-07T12:00:00Z',
  },
  {
    id: 'b',
    name: 'bob',
    stage: 'Won',
    priority: 'low',
    assigned_to: null,
    tags: [],
    projected_value: 250,
    value_score: null,
    created_at: '2026-03-08T05:00:00Z',
    follow_up_date: '2026-03-09T03:59:59.999Z',
  },
  {
    id: 'c',
    name: 'Cy',
    stage: ' ',
    priority: null,
    assigned_to: 'u_bo',
    tags: ['solar', 'solar'],
    projected_value: null,
    value_score: 40,
    created_at: '2026-03-08T05:00:00Z',
    archived: true,
  },
  {
    id: 'd',
    name: 'ann',
    stage: 'New',
    priority: 'medium',
    tags: null,
    projected_value: 0.1,
    value_score: 60,
    created_at: null,
    follow_up_date: 'not a date',
  },
  {
    id: 'e',
    name: null,
    stage: 'New',
    priority: 'high',
    assigned_to: 'u_alex',
    tags: ['roof'],
    projected_value: 0.2,
    value_score: 80,
    created_at: '2026-03-01T00:00:00Z',
    property_city: 'Sacramento',
  },
];
const ids = (result: ReturnType<typeof referenceQueryV2>) => (result.ok ? result.leads.map((l) => l.id) : result);
const run = (query: Partial<ReferenceQueryV2>) => referenceQueryV2(LEADS, { now: NOW, ...query });

describe('reference query v2', () => {
  it('leaves archived leads out by default; sorts by -created_at, nulls last, then id', () => {
    expect(ids(run({}))).toEqual(['b', 'a', 'e', 'd']);
    expect(ids(run({ archived: true }))).toEqual(['b', 'c', 'a', 'e', 'd']);
  });

  it('multi-sorts: priority rank, collator strings, nulls last both ways, ties by created_at desc then id', () => {
    expect(ids(run({ sort: [{ field: 'priority', descending: true }] }))).toEqual(['a', 'e', 'd', 'b']);
    expect(ids(run({ archived: true, sort: [{ field: 'priority', descending: false }] }))).toEqual(['b', 'd', 'a', 'e', 'c']);
    expect(ids(run({ sort: [{ field: 'name', descending: false }] }))).toEqual(['a', 'd', 'b', 'e']); // Ann = ann: created_at breaks
    expect(ids(run({ sort: [{ field: 'name', descending: true }] }))).toEqual(['b', 'a', 'd', 'e']);
    expect(
      ids(
        run({
          sort: [
            { field: 'value_score', descending: true },
            { field: 'projected_value', descending: false },
          ],
        }),
      ),
    ).toEqual(['e', 'a', 'd', 'b']);
  });

  it('filters facets with (none), OR within a param and AND across params', () => {
    expect(ids(run({ facets: { assigned_to: facet('u_alex,(none)') } }))).toEqual(['b', 'a', 'e', 'd']);
    expect(ids(run({ facets: { assigned_to: facet('(none)') } }))).toEqual(['b', 'd']);
    expect(ids(run({ archived: true, facets: { stage: facet('(none)') } }))).toEqual(['c']); // blank stage
    expect(ids(run({ facets: { tags: facet('(none)'), stage: facet('Won,New') } }))).toEqual(['b', 'd']);
  });

  it('computes disjunctive facets with sums, null bucket last, facet_limit and facet_sizes', () => {
    const result = run({ facets: { assigned_to: facet('u_bo,(none)'), tags: facet('roof') }, facetLimit: 1 });
    if (!result.ok) throw new Error('unexpected');
    expect(ids(result)).toEqual([]); // u_bo's lead is archived; unassigned ones have no roof tag
    // assigned_to counts every filter but itself: the roof leads a and e, both u_alex.
    expect(result.facets.assigned_to).toEqual([
      { value: 'u_alex', count: 2, projected_value_sum: 1000.76 },
      { value: 'u_bo', count: 0, projected_value_sum: 0 },
      { value: null, count: 0, projected_value_sum: 0 },
    ]);
    // tags counts leads with no assignee: b (no tag) and d (tags null), so only the null bucket and the selection.
    expect(result.facets.tags).toEqual([
      { value: 'roof', count: 0, projected_value_sum: 0 },
      { value: null, count: 2, projected_value_sum: 250.1 },
    ]);
    expect(result.facet_sizes).toMatchObject({ assigned_to: 1, tags: 0, stage: 0 });
    const all = run({ facetLimit: 1 });
    if (!all.ok) throw new Error('unexpected');
    expect(all.facets.stage).toEqual([{ value: 'New', count: 3, projected_value_sum: 1000.86 }]);
    expect(all.facets.priority).toEqual([{ value: 'high', count: 2, projected_value_sum: 1000.76 }]);
    expect(all.facet_sizes).toMatchObject({ stage: 2, priority: 3, tags: 2, assigned_to: 1, lead_source: 0 });
    expect(all.facets.lead_source).toEqual([{ value: null, count: 4, projected_value_sum: 1250.86 }]);
  });

  it('summarizes all matching leads', () => {
    const result = run({});
    expect(result.ok && result.summary).toEqual({
      count: 4,
      projected_value: { sum: 1250.86, avg: 312.71, count: 4 },
      value_score: { avg: 73.33, count: 3 },
    });
    const none = run({ numberRanges: { projected_value: numbers('(none)') } });
    expect(none.ok && none.summary).toEqual({
      count: 0,
      projected_value: { sum: 0, avg: null, count: 0 },
      value_score: { avg: null, count: 0 },
    });
  });

  it('resolves date ranges in tz: whole days, 23-hour DST day, unparseable = no value', () => {
    const created = (raw: string, tz: string) => ids(run({ archived: true, tz, dateRanges: { created_at: dates(raw) } }));
    expect(created('today..today', 'America/New_York')).toEqual(['b', 'c']); // 05:00Z is New York's midnight
    expect(created('today-1..today-1', 'America/New_York')).toEqual(['a']);
    expect(created('today..today', 'UTC')).toEqual(['b', 'c', 'a']);
    expect(created('(none)', 'UTC')).toEqual(['d']);
    expect(ids(run({ tz: 'America/New_York', dateRanges: { follow_up_date: dates('today..today') } }))).toEqual(['b']); // 03:59:59.999Z on the 9th: still the 8th
    expect(ids(run({ dateRanges: { follow_up_date: dates('(none)') } }))).toEqual(['e', 'd']);
    expect(ids(run({ dateRanges: { follow_up_date: dates('..today-1') } }))).toEqual(['a']);
  });

  it('filters number ranges inclusively; no value never matches a range', () => {
    expect(ids(run({ numberRanges: { value_score: numbers('60..80') } }))).toEqual(['a', 'e', 'd']);
    expect(ids(run({ numberRanges: { projected_value: numbers('..0.2') } }))).toEqual(['e', 'd']);
  });

  it('reports a range inverted once today is known', () => {
    expect(run({ dateRanges: { created_at: dates('2026-03-09..today') } })).toEqual({ ok: false, param: 'created_at' });
  });

  it('searches v2: every word in any of eight fields, phone with a country code', () => {
    const phones: Lead[] = [{ id: 'p', phone: '020 7946 0355', name: 'Zoë Hart', created_at: '2026-01-01T00:00:00Z' }];
    const search = (s: string) => ids(referenceQueryV2(phones, { now: NOW, search: s }));
    expect(search('+44 20 7946 0355')).toEqual(['p']);
    expect(search('hart zoe')).toEqual(['p']);
    expect(search('hart zoey')).toEqual([]);
    expect(ids(run({ search: 'sacramento' }))).toEqual(['e']);
  });
});

describe('reference search vs compileSearch/leadMatchesSearch (independent implementations)', () => {
  it('agree on generated leads and queries', () => {
    const piece = fc.constantFrom(
      'Zoë',
      'zoe',
      'Pine Dr',
      'Sacramento',
      '95804',
      '555',
      '016-8557',
      '+1',
      '(555)',
      'é',
      '\u0301',
      'ß',
      'ﬁ',
      ' ',
      '0',
      '00',
    );
    const text = fc.oneof(
      fc.constant(null),
      fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
    );
    const lead = fc.record({
      id: fc.constant('x'),
      name: text,
      email: text,
      phone: text,
      notes: text,
      property_street1: text,
      property_city: text,
      property_zip: text,
      stage: text,
    });
    fc.assert(
      fc.property(
        lead,
        fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(' ')),
        (l, query) => {
          const compiled = compileSearch(query);
          const expected = referenceQueryV2([l], { now: 0, search: query, archived: true });
          expect(compiled === null ? true : leadMatchesSearch(compiled, l as Lead)).toBe(expected.ok && expected.leads.length === 1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
