// Filters, sorting, paging, facets and data handling of the lead index, through `queryJson` and
// `matchingLazy` (what the API and the CSV export call).
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { SORT_FIELDS } from '../../src/shared/lead-query';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { answer, ids, json, matching, named, query, sortBy } from './support/lead-index-answers';

describe('LeadIndex filters', () => {
  const leads: Lead[] = [
    { id: '1', stage: 'Won', tags: ['solar', 'solar', 'roof'], archived: false },
    { id: '2', stage: 'Lost', tags: null, archived: true },
    { id: '3', stage: 'Won', tags: ['roof', 7 as unknown as string, null as unknown as string], archived: null },
    { id: '4', stage: null },
    { id: '5', stage: 'won', tags: ['Solar'] },
  ];
  const index = LeadIndex.build(leads);

  it('leaves out archived leads unless archived=true (null/absent count as not archived)', () => {
    expect(ids(answer(index, query()).data).sort()).toEqual(['1', '3', '4', '5']);
    expect(ids(answer(index, query({ archived: true })).data).sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('matches any of the stages and any of the tags, exactly', () => {
    expect(ids(answer(index, query({ stage: ['Won'] })).data).sort()).toEqual(['1', '3']);
    expect(ids(answer(index, query({ stage: ['Won', 'Lost'], archived: true })).data).sort()).toEqual(['1', '2', '3']);
    expect(ids(answer(index, query({ tags: ['solar'] })).data)).toEqual(['1']);
    expect(ids(answer(index, query({ tags: ['solar', 'roof'] })).data).sort()).toEqual(['1', '3']);
    expect(ids(answer(index, query({ tags: ['7'] })).data)).toEqual([]);
    expect(ids(answer(index, query({ stage: ['Won'], tags: ['Solar'] })).data)).toEqual([]);
  });
});

describe('LeadIndex sorting', () => {
  it('puts null, absent, blank and wrong-typed values last in both directions', () => {
    const leads: Lead[] = [
      { id: 'a', value_score: 5 },
      { id: 'b', value_score: null },
      { id: 'c', value_score: 1 },
      { id: 'd' },
      { id: 'e', value_score: '7' as unknown as number },
      { id: 'f', value_score: 3 },
    ];
    const index = LeadIndex.build(leads);
    expect(ids(answer(index, query(sortBy('value_score'))).data)).toEqual(['c', 'f', 'a', 'b', 'd', 'e']);
    expect(ids(answer(index, query(sortBy('value_score', true))).data)).toEqual(['a', 'f', 'c', 'b', 'd', 'e']);

    const named = LeadIndex.build([{ id: '1', name: 'Bea' }, { id: '2', name: '  ' }, { id: '3', name: 'Al' }, { id: '4', name: '' }]);
    expect(ids(answer(named, query(sortBy('name'))).data)).toEqual(['3', '1', '2', '4']);
    expect(ids(answer(named, query(sortBy('name', true))).data)).toEqual(['1', '3', '2', '4']);
  });

  it('sorts priority by rank low < medium < high, unknown priorities last', () => {
    const leads: Lead[] = [
      { id: 'h', priority: 'high' },
      { id: 'u', priority: 'urgent' as Lead['priority'] },
      { id: 'l', priority: 'low' },
      { id: 'm', priority: 'medium' },
      { id: 'n', priority: null },
    ];
    const index = LeadIndex.build(leads);
    expect(ids(answer(index, query(sortBy('priority'))).data)).toEqual(['l', 'm', 'h', 'n', 'u']);
    expect(ids(answer(index, query(sortBy('priority', true))).data)).toEqual(['h', 'm', 'l', 'n', 'u']);
  });

  it('sorts dates by instant and strings with the numeric, accent- and case-insensitive collator', () => {
    const dates = LeadIndex.build([
      { id: 'a', follow_up_date: '2024-03-01T00:00:00+02:00' },
      { id: 'b', follow_up_date: '2024-02-29T23:00:00Z' },
      { id: 'c', follow_up_date: 'not a date' },
      { id: 'd', follow_up_date: '2023-12-31' },
    ]);
    expect(ids(answer(dates, query(sortBy('follow_up_date'))).data)).toEqual(['d', 'a', 'b', 'c']);

    const names = LeadIndex.build([
      { id: '1', name: 'item 10' },
      { id: '2', name: 'item 2' },
      { id: '3', name: 'Émile' },
      { id: '4', name: 'emma' },
    ]);
    expect(ids(answer(names, query(sortBy('name'))).data)).toEqual(['3', '4', '2', '1']);
  });

  it('breaks ties by created_at descending (nulls last), then id ascending in code-unit order', () => {
    const leads: Lead[] = [
      { id: 'b', stage: 'Won', created_at: '2024-01-01T00:00:00Z' },
      { id: 'a', stage: 'won', created_at: '2024-01-01T00:00:00.000Z' }, // same instant, collator-equal stage
      { id: 'c', stage: 'Won', created_at: '2024-06-01T00:00:00Z' },
      { id: 'B', stage: 'Won', created_at: null },
      { id: 'd', stage: 'Won' },
      { stage: 'Won', created_at: '2024-01-01T00:00:00Z' }, // missing id sorts as ''
      { id: 'x', stage: null, created_at: '2025-01-01T00:00:00Z' },
    ];
    const index = LeadIndex.build(leads);
    const expected = ['c', undefined, 'a', 'b', 'B', 'd', 'x'];
    expect(ids(answer(index, query(sortBy('stage'))).data)).toEqual(expected);
    expect(ids(answer(index, query(sortBy('stage', true))).data)).toEqual(expected);
    expect(ids(answer(index, query()).data)).toEqual(['x', 'c', undefined, 'a', 'b', 'B', 'd']);
    expect(ids(answer(index, query(sortBy('created_at'))).data)).toEqual([undefined, 'a', 'b', 'c', 'x', 'B', 'd']);
  });
});

describe('LeadIndex paging', () => {
  const leads: Lead[] = Array.from({ length: 23 }, (_, i) => ({
    id: `lead-${i}`,
    name: i % 4 === 0 ? null : `Name ${i % 5}`,
    created_at: `2024-01-${String(1 + (i % 3)).padStart(2, '0')}T00:00:00Z`,
  }));
  const index = LeadIndex.build(leads);

  it('splits the total order into pages that never overlap or skip', () => {
    for (const descending of [false, true]) {
      const all = answer(index, query({ ...sortBy('name', descending), limit: 1000 })).data;
      const paged: Lead[] = [];
      for (let page = 1; page <= 5; page++) {
        const result = answer(index, query({ ...sortBy('name', descending), page, limit: 5 }));
        expect(result.total).toBe(23);
        paged.push(...result.data);
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(23);
    }
  });

  it('gives an empty page with the right total past the end', () => {
    const result = answer(index, query({ page: 4, limit: 10 }));
    expect(result.data).toEqual([]);
    expect(result.total).toBe(23);
    expect(answer(index, query({ page: 1_000_000, limit: 1000, search: 'name 1' })).total).toBe(
      leads.filter((l) => l.name === 'Name 1').length,
    );
  });
});

describe('LeadIndex facets (named values; docs/api.md §4 buckets and sums: lead-index-v2.test.ts)', () => {
  const leads: Lead[] = [
    { id: '1', stage: 'Won', tags: ['solar', 'roof'] },
    { id: '2', stage: 'Won', tags: ['solar', 'solar'] },
    { id: '3', stage: 'Lost', tags: ['roof'] },
    { id: '4', stage: 'New', tags: [] },
    { id: '5', stage: '', tags: ['', '  ', 'attic'] },
    { id: '6', name: 'Sixth', stage: 'Lost', tags: ['solar'], archived: true },
    { id: '7', stage: 'a-lower', tags: ['Zeta'] },
  ];
  const index = LeadIndex.build(leads);

  it('counts every value, a lead once per distinct tag, ordered by count then code-unit value', () => {
    const { facets } = answer(index, query());
    expect(named(facets.stage)).toEqual([
      { value: 'Won', count: 2 },
      { value: 'Lost', count: 1 },
      { value: 'New', count: 1 },
      { value: 'a-lower', count: 1 },
    ]);
    expect(named(facets.tags)).toEqual([
      { value: 'roof', count: 2 },
      { value: 'solar', count: 2 },
      { value: 'Zeta', count: 1 },
      { value: 'attic', count: 1 },
    ]);
  });

  it('is disjunctive: each facet ignores its own selection but applies the others', () => {
    const result = answer(index, query({ stage: ['Won'], tags: ['roof'] }));
    expect(ids(result.data)).toEqual(['1']);
    // stage counts: leads with tag roof, any stage
    expect(named(result.facets.stage)).toEqual([
      { value: 'Lost', count: 1 },
      { value: 'Won', count: 1 },
    ]);
    // tag counts: leads in stage Won, any tag
    expect(named(result.facets.tags)).toEqual([
      { value: 'solar', count: 2 },
      { value: 'roof', count: 1 },
    ]);
  });

  it('lists a selected value with no matches with count 0', () => {
    const result = answer(index, query({ stage: ['Nope', 'Won'], tags: ['attic', 'missing'] }));
    expect(result.total).toBe(0);
    expect(named(result.facets.stage)).toEqual([
      { value: 'Nope', count: 0 },
      { value: 'Won', count: 0 },
    ]);
    expect(named(result.facets.tags)).toEqual([
      { value: 'solar', count: 2 },
      { value: 'roof', count: 1 },
      { value: 'attic', count: 0 },
      { value: 'missing', count: 0 },
    ]);
  });

  it('applies archived and search to both facets', () => {
    const result = answer(index, query({ archived: true, search: 'sixth' }));
    expect(named(result.facets.stage)).toEqual([{ value: 'Lost', count: 1 }]);
    expect(named(result.facets.tags)).toEqual([{ value: 'solar', count: 1 }]);
  });
});

describe('LeadIndex data handling', () => {
  it('keeps the first lead of a duplicate id for getById, and every lead in results', () => {
    const first: Lead = { id: 'dup', name: 'First' };
    const second: Lead = { id: 'dup', name: 'Second' };
    const index = LeadIndex.build([first, second, { id: 'other' }]);
    expect(index.getById('dup')).toBe(first);
    expect(index.getById('nope')).toBeUndefined();
    expect(index.size).toBe(3);
    expect(answer(index, query()).total).toBe(3);
  });

  it('returns the held objects and never mutates its input', async () => {
    const leads: Lead[] = [
      { id: '1', name: 'A', tags: ['x', 'x'], stage: 'Won', created_at: '2024-01-01' },
      { id: '2', name: null, tags: null },
    ];
    const snapshot = JSON.stringify(leads);
    const deepFreeze = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) {
        Object.freeze(value);
        Object.values(value).forEach(deepFreeze);
      }
    };
    deepFreeze(leads);
    const index = LeadIndex.build(leads);
    await index.warmUpAsync();
    const result = answer(index, query({ ...sortBy('name'), tags: ['x'], search: 'a' }));
    expect(result.dataJson).toEqual([json(leads[0]!)]);
    const all = matching(index, { ...query(), archived: true });
    expect(all[0]).toBe(leads[0]);
    expect(all[1]).toBe(leads[1]);
    expect(JSON.stringify(leads)).toBe(snapshot);
  });

  it('answers the same after warming up every sort order', async () => {
    const leads: Lead[] = [
      { id: '1', name: 'b', value_score: 2, created_at: '2024-01-02' },
      { id: '2', name: 'A', value_score: null, created_at: '2024-01-01' },
      { id: '3', name: null, value_score: 1 },
    ];
    const cold = LeadIndex.build(leads);
    const warm = LeadIndex.build(leads);
    await warm.warmUpAsync();
    for (const field of SORT_FIELDS) {
      for (const descending of [false, true]) {
        const q = query(sortBy(field, descending));
        expect(ids(answer(warm, q).data)).toEqual(ids(answer(cold, q).data));
      }
    }
  });

  it('handles an empty lead set', () => {
    const index = LeadIndex.build([]);
    const empty = answer(index, query({ stage: ['Won'] }));
    expect(empty.dataJson).toEqual([]);
    expect(empty.total).toBe(0);
    expect(empty.facets).toEqual({
      stage: [{ value: 'Won', count: 0, projected_value_sum: 0 }],
      tags: [],
      assigned_to: [],
      priority: [],
      lead_source: [],
      service_type: [],
    });
    expect(empty.summary).toEqual({ count: 0, projected_value: { sum: 0, avg: null, count: 0 }, value_score: { avg: null, count: 0 } });
  });
});
