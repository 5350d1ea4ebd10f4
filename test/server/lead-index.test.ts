import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FacetValue } from '../../src/shared/api-types';
import type { Lead } from '../../src/shared/lead';
import {
  DEFAULT_LEAD_QUERY,
  SORT_FIELDS,
  type LeadFilter,
  type LeadQuery,
  type SortField,
} from '../../src/shared/lead-query';
import { foldText } from '../../src/server/lead-index/fold-text';
import { LeadIndex } from '../../src/server/lead-index/lead-index';

const query = (overrides: Partial<LeadQuery> = {}): LeadQuery => ({ ...DEFAULT_LEAD_QUERY, ...overrides });
const sortBy = (field: SortField, descending = false) => ({ sort: { field, descending } });
const ids = (leads: readonly Lead[]) => leads.map((lead) => lead.id);
const searchIds = (index: LeadIndex, search: string) => ids(index.query(query({ search, limit: 1000 })).data);

describe('foldText', () => {
  it('removes accents and case, and folds compatibility forms', () => {
    expect(foldText('José')).toBe('jose');
    expect(foldText('JOSÉ')).toBe('jose');
    expect(foldText('Zoë')).toBe('zoe');
    expect(foldText('ｊｏｓｅ')).toBe('jose');
    expect(foldText('Ωμέγα')).toBe('ωμεγα');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('李雷')).toBe('李雷');
  });
});

describe('LeadIndex search', () => {
  const leads: Lead[] = [
    { id: 'jose', name: 'José Álvarez', email: 'jose@example.com', phone: '(555) 010-1234' },
    { id: 'zoe', name: 'Zoë Smith', email: 'ZOE@Example.org', phone: '+44 20 7946 0958' },
    { id: 'greek', name: 'Ωμέγα Λτδ', email: null },
    { id: 'chinese', name: '李雷', phone: '555.010.9999' },
    { id: 'plain', name: 'Jose Plain' },
    { id: 'blank' },
  ];
  const index = LeadIndex.build(leads);

  it('matches name, email and phone case- and accent-insensitively', () => {
    expect(searchIds(index, 'jose')).toEqual(expect.arrayContaining(['jose', 'plain']));
    expect(searchIds(index, 'jose').sort()).toEqual(['jose', 'plain']);
    expect(searchIds(index, 'JOSÉ').sort()).toEqual(['jose', 'plain']);
    expect(searchIds(index, 'álvarez')).toEqual(['jose']);
    expect(searchIds(index, 'zoe')).toEqual(['zoe']);
    expect(searchIds(index, 'example.org')).toEqual(['zoe']);
    expect(searchIds(index, 'ωμεγα')).toEqual(['greek']);
    expect(searchIds(index, '李')).toEqual(['chinese']);
    expect(searchIds(index, 'nobody')).toEqual([]);
  });

  it('matches phone digits when the query is phone-like with at least 3 digits', () => {
    expect(searchIds(index, '5550101')).toEqual(['jose']);
    expect(searchIds(index, '555 010 1')).toEqual(['jose']);
    expect(searchIds(index, '+44 (20) 7946-0958')).toEqual(['zoe']);
    expect(searchIds(index, '555-010').sort()).toEqual(['chinese', 'jose']);
    expect(searchIds(index, '5550109999')).toEqual(['chinese']);
    // Not phone-like (a letter): only the folded substring rule applies.
    expect(searchIds(index, '5550101x')).toEqual([]);
    // Fewer than 3 digits: no digit rule ("5 0" is not a substring of any phone).
    expect(searchIds(index, '5 0')).toEqual([]);
  });

  it('treats a regular-expression-looking query as plain text', () => {
    const withSymbols = LeadIndex.build([{ id: 'x', name: 'a.*b (c)' }, { id: 'y', name: 'axxb' }]);
    expect(searchIds(withSymbols, 'a.*b')).toEqual(['x']);
    expect(searchIds(withSymbols, '(c)')).toEqual(['x']);
    expect(searchIds(withSymbols, '[')).toEqual([]);
  });

  it('leaves search out when empty', () => {
    expect(index.query(query({ search: '' })).total).toBe(leads.length);
  });
});

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
    expect(ids(index.query(query()).data).sort()).toEqual(['1', '3', '4', '5']);
    expect(ids(index.query(query({ archived: true })).data).sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('matches any of the stages and any of the tags, exactly', () => {
    expect(ids(index.query(query({ stage: ['Won'] })).data).sort()).toEqual(['1', '3']);
    expect(ids(index.query(query({ stage: ['Won', 'Lost'], archived: true })).data).sort()).toEqual(['1', '2', '3']);
    expect(ids(index.query(query({ tags: ['solar'] })).data)).toEqual(['1']);
    expect(ids(index.query(query({ tags: ['solar', 'roof'] })).data).sort()).toEqual(['1', '3']);
    expect(ids(index.query(query({ tags: ['7'] })).data)).toEqual([]);
    expect(ids(index.query(query({ stage: ['Won'], tags: ['Solar'] })).data)).toEqual([]);
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
    expect(ids(index.query(query(sortBy('value_score'))).data)).toEqual(['c', 'f', 'a', 'b', 'd', 'e']);
    expect(ids(index.query(query(sortBy('value_score', true))).data)).toEqual(['a', 'f', 'c', 'b', 'd', 'e']);

    const named = LeadIndex.build([{ id: '1', name: 'Bea' }, { id: '2', name: '  ' }, { id: '3', name: 'Al' }, { id: '4', name: '' }]);
    expect(ids(named.query(query(sortBy('name'))).data)).toEqual(['3', '1', '2', '4']);
    expect(ids(named.query(query(sortBy('name', true))).data)).toEqual(['1', '3', '2', '4']);
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
    expect(ids(index.query(query(sortBy('priority'))).data)).toEqual(['l', 'm', 'h', 'n', 'u']);
    expect(ids(index.query(query(sortBy('priority', true))).data)).toEqual(['h', 'm', 'l', 'n', 'u']);
  });

  it('sorts dates by instant and strings with the numeric, accent- and case-insensitive collator', () => {
    const dates = LeadIndex.build([
      { id: 'a', follow_up_date: '2024-03-01T00:00:00+02:00' },
      { id: 'b', follow_up_date: '2024-02-29T23:00:00Z' },
      { id: 'c', follow_up_date: 'not a date' },
      { id: 'd', follow_up_date: '2023-12-31' },
    ]);
    expect(ids(dates.query(query(sortBy('follow_up_date'))).data)).toEqual(['d', 'a', 'b', 'c']);

    const names = LeadIndex.build([
      { id: '1', name: 'item 10' },
      { id: '2', name: 'item 2' },
      { id: '3', name: 'Émile' },
      { id: '4', name: 'emma' },
    ]);
    expect(ids(names.query(query(sortBy('name'))).data)).toEqual(['3', '4', '2', '1']);
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
    expect(ids(index.query(query(sortBy('stage'))).data)).toEqual(expected);
    expect(ids(index.query(query(sortBy('stage', true))).data)).toEqual(expected);
    expect(ids(index.query(query()).data)).toEqual(['x', 'c', undefined, 'a', 'b', 'B', 'd']);
    expect(ids(index.query(query(sortBy('created_at'))).data)).toEqual([undefined, 'a', 'b', 'c', 'x', 'B', 'd']);
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
      const all = index.query(query({ ...sortBy('name', descending), limit: 1000 })).data;
      const paged: Lead[] = [];
      for (let page = 1; page <= 5; page++) {
        const result = index.query(query({ ...sortBy('name', descending), page, limit: 5 }));
        expect(result.total).toBe(23);
        paged.push(...result.data);
      }
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(23);
    }
  });

  it('gives an empty page with the right total past the end', () => {
    const result = index.query(query({ page: 4, limit: 10 }));
    expect(result.data).toEqual([]);
    expect(result.total).toBe(23);
    expect(index.query(query({ page: 1_000_000, limit: 1000, search: 'name 1' })).total).toBe(
      leads.filter((l) => l.name === 'Name 1').length,
    );
  });
});

describe('LeadIndex facets', () => {
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
    const { facets } = index.query(query());
    expect(facets.stage).toEqual([
      { value: 'Won', count: 2 },
      { value: 'Lost', count: 1 },
      { value: 'New', count: 1 },
      { value: 'a-lower', count: 1 },
    ]);
    expect(facets.tags).toEqual([
      { value: 'roof', count: 2 },
      { value: 'solar', count: 2 },
      { value: 'Zeta', count: 1 },
      { value: 'attic', count: 1 },
    ]);
  });

  it('is disjunctive: each facet ignores its own selection but applies the others', () => {
    const result = index.query(query({ stage: ['Won'], tags: ['roof'] }));
    expect(ids(result.data)).toEqual(['1']);
    // stage counts: leads with tag roof, any stage
    expect(result.facets.stage).toEqual([
      { value: 'Lost', count: 1 },
      { value: 'Won', count: 1 },
    ]);
    // tag counts: leads in stage Won, any tag
    expect(result.facets.tags).toEqual([
      { value: 'solar', count: 2 },
      { value: 'roof', count: 1 },
    ]);
  });

  it('lists a selected value with no matches with count 0', () => {
    const result = index.query(query({ stage: ['Nope', 'Won'], tags: ['attic', 'missing'] }));
    expect(result.total).toBe(0);
    expect(result.facets.stage).toEqual([
      { value: 'Nope', count: 0 },
      { value: 'Won', count: 0 },
    ]);
    expect(result.facets.tags).toEqual([
      { value: 'solar', count: 2 },
      { value: 'roof', count: 1 },
      { value: 'attic', count: 0 },
      { value: 'missing', count: 0 },
    ]);
  });

  it('applies archived and search to both facets', () => {
    const result = index.query(query({ archived: true, search: 'sixth' }));
    expect(result.facets.stage).toEqual([{ value: 'Lost', count: 1 }]);
    expect(result.facets.tags).toEqual([{ value: 'solar', count: 1 }]);
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
    expect(index.query(query()).total).toBe(3);
  });

  it('returns the held objects and never mutates its input', () => {
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
    index.warmUp();
    const result = index.query(query({ ...sortBy('name'), tags: ['x'], search: 'a' }));
    expect(result.data[0]).toBe(leads[0]);
    expect(index.matching({ ...query(), archived: true })).toEqual([leads[0], leads[1]]);
    expect(JSON.stringify(leads)).toBe(snapshot);
  });

  it('answers the same after warming up every sort order, synchronously or not', async () => {
    const leads: Lead[] = [
      { id: '1', name: 'b', value_score: 2, created_at: '2024-01-02' },
      { id: '2', name: 'A', value_score: null, created_at: '2024-01-01' },
      { id: '3', name: null, value_score: 1 },
    ];
    const cold = LeadIndex.build(leads);
    const warm = LeadIndex.build(leads);
    const asyncWarm = LeadIndex.build(leads);
    warm.warmUp();
    await asyncWarm.warmUpAsync();
    for (const field of SORT_FIELDS) {
      for (const descending of [false, true]) {
        const q = query(sortBy(field, descending));
        expect(ids(warm.query(q).data)).toEqual(ids(cold.query(q).data));
        expect(ids(asyncWarm.query(q).data)).toEqual(ids(cold.query(q).data));
      }
    }
  });

  it('handles an empty lead set', () => {
    const index = LeadIndex.build([]);
    expect(index.query(query({ stage: ['Won'] }))).toEqual({
      data: [],
      total: 0,
      facets: { stage: [{ value: 'Won', count: 0 }], tags: [] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: LeadIndex against a deliberately naive reference written straight from docs/api.md §2.

const referenceCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const referenceFold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const isNonBlankString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const digitsOf = (text: string) => [...text].filter((c) => c >= '0' && c <= '9').join('');

function referenceMatches(lead: Lead, filter: LeadFilter, ignore?: 'stage' | 'tags'): boolean {
  if (!filter.archived && lead.archived === true) return false;
  if (filter.search !== '') {
    const folded = referenceFold(filter.search);
    const texts = [lead.name, lead.email, lead.phone].filter((t): t is string => typeof t === 'string');
    // A query that folds to '' (only combining marks) says nothing: every lead matches (documented choice).
    let found = folded === '' || texts.some((text) => referenceFold(text).includes(folded));
    const phoneLike = [...filter.search].every((c) => '0123456789 +().-'.includes(c));
    const queryDigits = digitsOf(filter.search);
    if (!found && phoneLike && queryDigits.length >= 3 && typeof lead.phone === 'string') {
      found = digitsOf(lead.phone).includes(queryDigits);
    }
    if (!found) return false;
  }
  if (ignore !== 'stage' && filter.stage.length > 0) {
    if (typeof lead.stage !== 'string' || !filter.stage.includes(lead.stage)) return false;
  }
  if (ignore !== 'tags' && filter.tags.length > 0) {
    const tags: unknown[] = Array.isArray(lead.tags) ? lead.tags : [];
    if (!tags.some((tag) => typeof tag === 'string' && filter.tags.includes(tag))) return false;
  }
  return true;
}

type ReferenceValue = { kind: 'string'; value: string } | { kind: 'number'; value: number } | null;

function referenceSortValue(lead: Lead, field: SortField): ReferenceValue {
  const value: unknown = lead[field];
  if (field === 'priority') {
    const rank = ['low', 'medium', 'high'].indexOf(value as string);
    return rank < 0 ? null : { kind: 'number', value: rank };
  }
  if (field === 'projected_value' || field === 'value_score') {
    return typeof value === 'number' && Number.isFinite(value) ? { kind: 'number', value } : null;
  }
  if (field.endsWith('_at') || field.endsWith('_date')) {
    const instant = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(instant) ? null : { kind: 'number', value: instant };
  }
  return isNonBlankString(value) ? { kind: 'string', value } : null;
}

function compareReferenceValues(a: ReferenceValue, b: ReferenceValue, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // nulls last either way
  const ascending =
    a.kind === 'string' && b.kind === 'string'
      ? referenceCollator.compare(a.value, b.value)
      : Math.sign((a.value as number) - (b.value as number));
  return descending ? -ascending : ascending;
}

function referenceSort(leads: readonly Lead[], filter: LeadFilter): Lead[] {
  const { field, descending } = filter.sort;
  const idOf = (lead: Lead) => (typeof lead.id === 'string' ? lead.id : '');
  // Array.prototype.sort is stable, so input order is the last tie-break, as in the index.
  return [...leads].sort(
    (a, b) =>
      compareReferenceValues(referenceSortValue(a, field), referenceSortValue(b, field), descending) ||
      compareReferenceValues(referenceSortValue(a, 'created_at'), referenceSortValue(b, 'created_at'), true) ||
      (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0),
  );
}

function referenceFacet(leads: readonly Lead[], filter: LeadFilter, facet: 'stage' | 'tags'): FacetValue[] {
  const counts = new Map<string, number>();
  for (const lead of leads) {
    if (!referenceMatches(lead, filter, facet)) continue;
    const raw: unknown = lead[facet];
    const values = facet === 'stage' ? [raw] : Array.isArray(raw) ? raw : [];
    for (const value of new Set(values.filter(isNonBlankString))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  for (const selected of filter[facet]) if (!counts.has(selected)) counts.set(selected, 0);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function referenceQuery(leads: readonly Lead[], q: LeadQuery) {
  const all = referenceSort(
    leads.filter((lead) => referenceMatches(lead, q)),
    q,
  );
  return {
    all,
    data: all.slice((q.page - 1) * q.limit, q.page * q.limit),
    total: all.length,
    facets: { stage: referenceFacet(leads, q, 'stage'), tags: referenceFacet(leads, q, 'tags') },
  };
}

const wrongType = fc.constantFrom<unknown>(42, true, ['x'], { a: 1 });
const texts = fc.constantFrom(
  'José',
  'jose',
  'JOSÉ',
  'Zoë',
  'zoe',
  'Ωμέγα',
  '李雷',
  'item 2',
  'item 10',
  'Émile',
  'emma',
  'a',
  'A',
  '',
  '   ',
  'ｊｏｓｅ',
  'x@example.com',
  'a\u0000b',
  'e\u0301',
);
const textField = fc.oneof(texts, fc.string({ maxLength: 6 }), fc.constant(null), wrongType);
const phoneField = fc.oneof(
  fc.constantFrom('(555) 010-1234', '+1 555 010 1234', '555.010.9999', '0101', '5550101', ''),
  fc.stringMatching(/^[0-9 ()+.-]{0,10}$/),
  fc.constant(null),
);
const dateField = fc.oneof(
  fc.constantFrom(
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00.000Z',
    '2024-01-01T02:00:00+02:00',
    '2024-06-15T12:00:00Z',
    '2023-12-31',
    'not a date',
    '',
  ),
  fc.constant(null),
  wrongType,
);
const numberField = fc.oneof(
  fc.constantFrom(0, -0, 1.5, -3, 100, 100, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer({ min: -5, max: 5 }),
  fc.constant(null),
  fc.constant('5'),
);
const STAGES = ['New', 'Won', 'won', 'Lost', 'Qualified', ' Won', 'Älpha'];
const TAGS = ['solar', 'Solar', 'roof', 'attic', 'zeta', 'Ünder'];
const stageField = fc.oneof(fc.constantFrom(...STAGES, '', '  '), fc.constant(null), wrongType);
const tagsField = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...TAGS, '', ' '), wrongType, fc.constant(null)), { maxLength: 5 }),
  fc.constant(null),
  wrongType,
);

const leadArb = fc.record(
  {
    id: fc.oneof(fc.constantFrom('a', 'b', 'B', 'c', '10', '9', 'é', 'a'), fc.string({ maxLength: 3 })),
    archived: fc.oneof(fc.boolean(), fc.constant(null)),
    archived_at: dateField,
    assigned_to: textField,
    created_at: dateField,
    email: textField,
    follow_up_date: dateField,
    lead_source: textField,
    name: textField,
    phone: phoneField,
    priority: fc.oneof(fc.constantFrom('low', 'medium', 'high', 'urgent', 'High'), fc.constant(null)),
    projected_value: numberField,
    value_score: numberField,
    property_city: textField,
    property_country: textField,
    property_state: textField,
    property_zip: textField,
    service_type: textField,
    stage: stageField,
    tags: tagsField,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Lead>;

const subsetOf = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 });
const queryArb: fc.Arbitrary<LeadQuery> = fc.record({
  search: fc
    .oneof(
      fc.constant(''),
      fc.constantFrom('jose', 'JOSÉ', 'zoe', 'ωμεγα', '李', 'item', '555', '5550101', '010-12', '(555)', '+1 555', '55', 'a', '@', 'é', '10'),
      fc.string({ maxLength: 4 }),
      fc.stringMatching(/^[0-9 ()+.-]{1,8}$/),
      fc.constantFrom('\u0301', 'e\u0301', '\u0000', 'a\u0000b', '\u0000\u0000'),
    )
    .map((s) => s.trim()),
  stage: subsetOf([...STAGES.filter((s) => s.trim() === s), 'Nope']),
  tags: subsetOf([...TAGS, 'missing']),
  archived: fc.boolean(),
  sort: fc.record({ field: fc.constantFrom(...SORT_FIELDS), descending: fc.boolean() }),
  page: fc.integer({ min: 1, max: 6 }),
  limit: fc.integer({ min: 1, max: 12 }),
});

describe('LeadIndex against a naive reference (property)', () => {
  it('gives the same data, total and facets for random leads and queries', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 40 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), (leads, queries) => {
        const index = LeadIndex.build(leads);
        const position = (lead: Lead) => leads.indexOf(lead);
        // Each query twice: the second run goes through the cached filter summary.
        for (const q of [...queries, ...queries]) {
          const expected = referenceQuery(leads, q);
          const actual = index.query(q);
          expect(actual.total).toBe(expected.total);
          expect(actual.data.map(position)).toEqual(expected.data.map(position));
          expect(actual.facets).toEqual(expected.facets);
          expect(index.matching(q).map(position)).toEqual(expected.all.map(position));
        }
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Searches of ≥ 3 code units read trigram postings (then verify each candidate); these pin that path.

describe('LeadIndex search through the trigram postings', () => {
  const leads: Lead[] = [
    { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', phone: '(555) 010-1234' },
    { id: 'jose', name: 'José Álvarez', email: 'jalvarez@mail.org', phone: '+1 555 010 9876' },
    { id: 'cjk', name: '李雷韩梅梅', email: 'li@example.cn', phone: '010-8888-1234' },
    { id: 'emoji', name: 'Zoë 😀😁 Day', email: null, phone: '555-0123' },
    { id: 'repeat', name: 'aaaaaa', email: 'aaa@aaa.aa', phone: '111 111 1111' },
    { id: 'plain', name: 'Bob', email: 'bob@ann.io' },
  ];
  const index = LeadIndex.build(leads);
  const expectedIds = (search: string) =>
    referenceQuery(leads, query({ search, limit: 1000 })).data.map((lead) => lead.id);
  const sorted = (values: (string | undefined)[]) => [...values].sort();

  it('matches a query of exactly 3 code units, in the sort order', () => {
    expect(sorted(searchIds(index, 'ann'))).toEqual(['ann', 'plain']);
    expect(searchIds(index, 'ANN')).toEqual(expectedIds('ANN'));
    expect(searchIds(index, 'lee')).toEqual(['ann']);
    expect(searchIds(index, 'xyz')).toEqual([]);
    expect(searchIds(index, 'aaa')).toEqual(['repeat']);
  });

  it('folds accents and compatibility forms of the query and the leads alike', () => {
    expect(searchIds(index, 'ÁLVA')).toEqual(['jose']);
    expect(searchIds(index, 'jose álvarez')).toEqual(['jose']);
    expect(searchIds(index, 'ｊｏｓé')).toEqual(['jose']);
    expect(searchIds(index, 'zoe')).toEqual(['emoji']);
  });

  it('never matches a query spanning two fields or two leads', () => {
    // "Ann Lee" + "ann@example.com": the name's end and the email's start are not one text.
    expect(searchIds(index, 'leeann')).toEqual([]);
    expect(searchIds(index, 'lee ann')).toEqual([]);
    expect(searchIds(index, 'com(555')).toEqual([]);
    expect(searchIds(index, '.com555')).toEqual([]);
    // Last field of one lead then first of the next.
    expect(searchIds(index, '1234josé')).toEqual([]);
  });

  it('applies the digit rule to phone-like queries with punctuation', () => {
    expect(searchIds(index, '555-010')).toEqual(expectedIds('555-010'));
    expect(sorted(searchIds(index, '555-010'))).toEqual(['ann', 'jose']);
    expect(searchIds(index, '(010) 1234')).toEqual(['ann']);
    expect(searchIds(index, '88881234')).toEqual(['cjk']);
    expect(searchIds(index, '+1 (555) 0109')).toEqual(['jose']);
    expect(searchIds(index, '111')).toEqual(['repeat']);
    // 555-0123 and (555) 010-1234 (digits 5550101234) both hold 0123.
    expect(sorted(searchIds(index, '0123'))).toEqual(['ann', 'emoji']);
    expect(searchIds(index, '5550123')).toEqual(['emoji']);
    expect(searchIds(index, '999')).toEqual([]);
  });

  it('matches CJK names and surrogate pairs by code units, like the reference', () => {
    expect(searchIds(index, '韩梅梅')).toEqual(['cjk']);
    expect(searchIds(index, '李雷韩')).toEqual(['cjk']);
    expect(searchIds(index, '雷李')).toEqual([]);
    expect(searchIds(index, '😀😁')).toEqual(['emoji']);
    expect(searchIds(index, '😀')).toEqual(['emoji']);
    expect(searchIds(index, ' 😀')).toEqual(['emoji']);
    expect(searchIds(index, '😁😀')).toEqual([]);
    for (const search of ['😀😁', '😀', '😁😀', '\ud83d\ude00', '\ude00\ud83d']) {
      expect(searchIds(index, search)).toEqual(expectedIds(search));
    }
  });

  it('matches nothing for a query longer than every field', () => {
    expect(searchIds(index, 'ann lee ann@example.com (555) 010-1234')).toEqual([]);
    expect(searchIds(index, 'a'.repeat(200))).toEqual([]);
    expect(searchIds(index, '5'.repeat(40))).toEqual([]);
  });

  it('answers like the reference on thousands of leads, where common queries take the dense check', async () => {
    const { generateDemoLeads } = await import('../../src/demo-api/generate-leads');
    const many = generateDemoLeads(6000, 11);
    const manyIndex = LeadIndex.build(many);
    const position = (lead: Lead) => many.indexOf(lead);
    const name = many.find((lead) => typeof lead.name === 'string')!.name!;
    const email = many.find((lead) => typeof lead.email === 'string')!.email!;
    const phone = many.find((lead) => typeof lead.phone === 'string')!.phone!;
    const searches = [
      '.com', 'exam', 'example', 'mail', 'com', '555', '5550', 'an', 'e', name.slice(0, 4), name.slice(1, 6),
      email.slice(0, 5), email.slice(-7), phone, phone.replace(/\D/g, '').slice(-5), 'zzzq', '@@@',
    ];
    for (const search of searches) {
      for (const archived of [false, true]) {
        const q = query({ search, archived, limit: 50, sort: { field: 'name', descending: false } });
        const expected = referenceQuery(many, q);
        const actual = manyIndex.query(q);
        expect(actual.total, search).toBe(expected.total);
        expect(actual.data.map(position)).toEqual(expected.data.map(position));
        expect(manyIndex.matching(q).map(position)).toEqual(expected.all.map(position));
      }
    }
  });

  it('checks every candidate of a common trigram pair, in one field, when candidates are many', () => {
    // Every lead holds the trigrams "abc" and "bcd"; only a third hold "abcd" within one field.
    const shapes = [
      { name: 'xabcdx', email: 'q@q.q' },
      { name: 'abc bcd', email: 'q@q.q' },
      { name: 'zz abc', email: 'bcd@q.q' },
    ];
    const common: Lead[] = Array.from({ length: 9000 }, (_, i) => ({ id: `l${i}`, ...shapes[i % 3] }));
    const commonIndex = LeadIndex.build(common);
    const result = commonIndex.query(query({ search: 'ABCD', limit: 5 }));
    expect(result.total).toBe(3000);
    expect(commonIndex.matching(query({ search: 'abcd' })).every((lead) => lead.name === 'xabcdx')).toBe(true);
    expect(commonIndex.query(query({ search: 'abc bcd' })).total).toBe(3000);
    expect(commonIndex.query(query({ search: 'abcbcd' })).total).toBe(0);
  });

  it('answers like the reference for ≥ 3-unit fragments of the leads’ own fields (property)', () => {
    const fragmentCase = fc
      .array(leadArb, { minLength: 1, maxLength: 30 })
      .chain((leadSet) => {
        const fields = leadSet
          .flatMap((lead) => [lead.name, lead.email, lead.phone])
          .filter((field): field is string => typeof field === 'string' && field.length >= 3);
        const fragment =
          fields.length === 0
            ? fc.string({ minLength: 3, maxLength: 6 })
            : fc
                .tuple(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 3, max: 8 }), fc.boolean())
                .map(([field, from, length, upper]) => {
                  const start = from % Math.max(1, field.length - 2);
                  const piece = field.slice(start, start + length);
                  return upper ? piece.toUpperCase() : piece;
                });
        // Pieces of two fields joined: must match only where one field holds the whole.
        const spanning = fc.tuple(fragment, fragment).map(([a, b]) => a.slice(-2) + b.slice(0, 2));
        return fc.tuple(fc.constant(leadSet), fc.array(fc.oneof(fragment, fragment, spanning), { minLength: 1, maxLength: 8 }));
      });
    fc.assert(
      fc.property(fragmentCase, ([leadSet, searches]) => {
        const fragmentIndex = LeadIndex.build(leadSet);
        const position = (lead: Lead) => leadSet.indexOf(lead);
        for (const search of searches) {
          const q = query({ search, archived: true, limit: 1000 });
          expect(fragmentIndex.query(q).data.map(position)).toEqual(referenceQuery(leadSet, q).data.map(position));
        }
      }),
      { numRuns: 300 },
    );
  });
});
