// The facet pass (facet-scan.ts with facet-combos.ts): facets with few values are counted as one combination
// per lead, a facet with many values on its own, and a search mask is skipped where it is all zero. Checked
// against the independent reference on data that takes every one of those paths.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { facetCombos, prepareFacetPassAsync, tagSets } from '../../src/server/lead-index/facet-combos';
import { extractColumns } from '../../src/server/lead-index/lead-columns';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import type { Lead } from '../../src/shared/lead';
import { selection, type LeadQuery } from '../../src/shared/lead-query';
import { parseDateRange, parseNumberRange, type DateRange, type NumberRange } from '../../src/shared/query-v2/range';
import { answer, json, query } from './support/lead-index-answers';
import { referenceQuery } from './support/lead-index-reference';

/** Demo leads where lead_source has thousands of values (too many to combine) and owners hundreds. */
function manyValuedLeads(count: number): Lead[] {
  return generateDemoLeads(count, 3).map((lead, i) => ({
    ...lead,
    lead_source: i % 7 === 0 ? null : `source ${i % 4500}`,
    assigned_to: i % 11 === 0 ? null : `owner-${(i * 7) % 350}`,
  }));
}

function expectSameAnswer(leads: Lead[], index: LeadIndex, q: LeadQuery, label: string) {
  const expected = referenceQuery(leads, q);
  const actual = answer(index, q);
  expect(actual.total, label).toBe(expected.total);
  expect(actual.facets, label).toEqual(expected.facets);
  expect(actual.facetSizes, label).toEqual(expected.facetSizes);
  expect(actual.summary, label).toEqual(expected.summary);
  expect(actual.dataJson, label).toEqual(expected.data.map(json));
}

describe('the facet pass with combined and separate facets', () => {
  const leads = manyValuedLeads(6000);
  const index = LeadIndex.build(leads);
  const owners = [...new Set(leads.map((lead) => lead.assigned_to).filter((v): v is string => typeof v === 'string'))];
  const stages = [...new Set(leads.map((lead) => lead.stage).filter((v): v is string => typeof v === 'string'))];

  it('answers like the reference with no filter, with one facet failing, and with several', () => {
    const cases: [string, Partial<LeadQuery>][] = [
      ['no filter', {}],
      ['archived too', { archived: true }],
      ['a source (a separate facet)', { lead_source: selection(['source 12', 'source 4000', '(none)']) }],
      ['an owner and a stage', { assigned_to: selection([owners[3]!]), stage: selection([stages[0]!]) }],
      ['priority and tags', { priority: selection(['high', '(none)']), tags: selection(['VIP']) }],
      [
        'all six',
        {
          ...{ stage: selection(stages.slice(0, 3)) },
          priority: selection(['high', 'medium']),
          assigned_to: selection(owners.slice(0, 40)),
          lead_source: selection(['source 1', 'source 2']),
          service_type: selection(['(none)']),
          tags: selection(['VIP', '(none)']),
        },
      ],
    ];
    for (const [label, overrides] of cases) expectSameAnswer(leads, index, query({ limit: 20, ...overrides }), label);
  });

  it('answers like the reference for searches matching a few leads and almost all, with filters', () => {
    const name = leads.find((lead) => typeof lead.name === 'string')!.name!;
    for (const search of [name.slice(0, 5), 'e', 'zzzq', name.split(' ')[0]!]) {
      expectSameAnswer(leads, index, query({ search, limit: 20 }), search);
      expectSameAnswer(leads, index, query({ search, limit: 20, stage: selection([stages[1]!]) }), `${search} + stage`);
    }
  });

  it('counts tags per lead when nearly every lead has its own tag set, like the reference', () => {
    const own = leads.slice(0, 3000).map((lead, i) => ({ ...lead, tags: i % 9 === 0 ? [] : [`t${i}`, `t${(i * 13) % 3000}`, 'common'] }));
    const ownIndex = LeadIndex.build(own);
    for (const overrides of [
      {},
      { tags: selection(['common', 't5']) },
      { tags: selection(['(none)']), stage: selection([stages[0]!]) },
      // Tags judged per lead in the branchless pass: with a search, archived leads, ranges and near misses.
      { search: 'a', tags: selection(['common']) },
      { archived: true, projected_value: numberRange('1000..'), tags: selection(['t5', '(none)']) },
      { priority: selection(['high']), tags: selection(['common']), value_score: numberRange('..50') },
    ])
      expectSameAnswer(own, ownIndex, query({ limit: 20, facet_limit: 5000, ...overrides }), JSON.stringify(overrides));
  });

  it('counts shared sets of four and more tags like the reference', () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f'];
    const big = leads.slice(0, 2000).map((lead, i) => ({ ...lead, tags: pool.filter((_, k) => ((i >> k) & 1) === 1 || k === i % 6) }));
    const bigIndex = LeadIndex.build(big);
    for (const overrides of [{}, { tags: selection(['a', 'f']) }, { tags: selection(['c']), priority: selection(['high']) }])
      expectSameAnswer(big, bigIndex, query({ limit: 20, ...overrides }), JSON.stringify(overrides));
  });
});

/** Range params as the strict parser makes them (the test's own texts are valid). */
function numberRange(text: string): NumberRange {
  const parsed = parseNumberRange(text, 'range');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}
function dateRange(text: string): DateRange {
  const parsed = parseDateRange(text, 'range');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('the branchless pass (every facet in two combination groups, tags in sets, ≤ 2 ranges)', () => {
  const leads = generateDemoLeads(6000, 5);
  const index = LeadIndex.build(leads);
  const columns = extractColumns(leads);
  const owners = [...new Set(leads.map((lead) => lead.assigned_to).filter((v): v is string => typeof v === 'string'))];
  const sources = [...new Set(leads.map((lead) => lead.lead_source).filter((v): v is string => typeof v === 'string'))];

  it('is the path these leads take', () => {
    expect(facetCombos(columns).separate).toEqual([]);
    expect(facetCombos(columns).second).not.toBeNull();
    expect(tagSets(columns)).not.toBeNull();
  });

  it('builds the same tag sets between pauses (the warm-up after a sync) as in one go', async () => {
    const warmed = extractColumns(leads);
    await prepareFacetPassAsync(warmed);
    expect(tagSets(warmed)).toEqual(tagSets(columns));
    // A query that built them first (during the pauses) keeps its sets: the warm-up does not replace them.
    const queried = extractColumns(leads);
    const warming = prepareFacetPassAsync(queried);
    const first = tagSets(queried);
    await warming;
    expect(tagSets(queried)).toBe(first);
  });

  it('answers like the reference with near misses in either group, in tags, and 0, 1, 2 or 3 ranges', () => {
    const cases: [string, Partial<LeadQuery>][] = [
      ['no filter', {}],
      ['archived too, one range', { archived: true, projected_value: numberRange('5000..') }],
      [
        'a source (second group) and a stage (first)',
        { lead_source: selection([sources[0]!, '(none)']), stage: selection(['New', 'Won']) },
      ],
      ['service none, priority, tags', { service_type: selection(['(none)']), priority: selection(['high']), tags: selection(['VIP']) }],
      ['no-value ranges', { value_score: numberRange('(none)'), follow_up_date: dateRange('(none)') }],
      [
        'owner, two ranges',
        {
          assigned_to: selection([owners[1]!, '(none)']),
          value_score: numberRange('..60.5'),
          created_at: dateRange('today-400..'),
        },
      ],
      [
        // Most leads fail two first-group facets: the pass visits the first-group lists of the rest only.
        'one stage, one priority, one owner, tags, a range (first-group lists)',
        {
          stage: selection(['Qualified']),
          priority: selection(['high']),
          assigned_to: selection([owners[2]!]),
          tags: selection(['VIP', '(none)']),
          value_score: numberRange('..70'),
        },
      ],
      ['the same with archived leads', { archived: true, stage: selection(['New']), priority: selection(['low', '(none)']) }],
      [
        'all six and three ranges (the general pass)',
        {
          stage: selection(['New', 'Contacted', 'Qualified']),
          priority: selection(['high', 'medium']),
          assigned_to: selection(owners.slice(0, 4)),
          lead_source: selection(sources.slice(0, 2)),
          service_type: selection(['(none)']),
          tags: selection(['VIP', '(none)']),
          value_score: numberRange('10..90'),
          projected_value: numberRange('..50000'),
          created_at: dateRange('today-900..'),
        },
      ],
    ];
    for (const [label, overrides] of cases) {
      expectSameAnswer(leads, index, query({ limit: 20, ...overrides }), label);
      expectSameAnswer(
        leads,
        index,
        query({ limit: 20, page: 3, sort: [{ field: 'value_score', descending: true }], ...overrides }),
        `${label}, page 3`,
      );
    }
  });
});

describe('the pass without tag sets (the tags filter as a byte per lead, tag-leads.ts)', () => {
  // Nearly every lead its own tags (too many sets), every facet in the two groups: the wide set's shape.
  const leads = generateDemoLeads(6000, 7).map((lead, i) => ({
    ...lead,
    tags: i % 10 === 0 ? [] : [`t${i % 2000}`, `t${(i * 37) % 2900}`, ...(i % 4 === 0 ? ['common'] : [])],
  }));
  const index = LeadIndex.build(leads);
  const columns = extractColumns(leads);
  const owners = [...new Set(leads.map((lead) => lead.assigned_to).filter((v): v is string => typeof v === 'string'))];

  it('is the path these leads take', () => {
    expect(facetCombos(columns).separate).toEqual([]);
    expect(tagSets(columns)).toBeNull();
  });

  it('answers like the reference with and without a tags filter, searches, ranges and near misses', () => {
    const cases: [string, Partial<LeadQuery>][] = [
      ['no filter', {}],
      ['tags with (none)', { tags: selection(['common', 't7', '(none)']) }],
      ['stage and tags', { stage: selection(['New', 'Won']), tags: selection(['t5', 't1999']) }],
      ['a search and tags', { search: 'a', tags: selection(['common']) }],
      ['archived, a range, tags', { archived: true, projected_value: numberRange('1000..'), tags: selection(['t3', '(none)']) }],
      [
        // Most leads fail two first-group facets: the first-group lists.
        'six facets, a range (first-group lists)',
        {
          stage: selection(['Qualified']),
          priority: selection(['high']),
          assigned_to: selection([owners[2]!]),
          tags: selection(['common', '(none)']),
          value_score: numberRange('..70'),
        },
      ],
      [
        'three ranges (the general loop)',
        {
          tags: selection(['common']),
          value_score: numberRange('10..90'),
          projected_value: numberRange('..50000'),
          created_at: dateRange('today-900..'),
        },
      ],
    ];
    for (const [label, overrides] of cases) {
      expectSameAnswer(leads, index, query({ limit: 20, facet_limit: 3000, ...overrides }), label);
      expectSameAnswer(
        leads,
        index,
        query({ limit: 20, page: 4, sort: [{ field: 'value_score', descending: true }], ...overrides }),
        `${label}, page 4`,
      );
    }
  });
});
