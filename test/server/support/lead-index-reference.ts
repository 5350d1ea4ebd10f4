// The generators of messy leads and queries for the lead-index property tests, and their expected answers from
// the independent reference of docs/api.md §4 (test/support/reference-query-v2.ts: naive filter, sort, facets).
import fc from 'fast-check';
import type { Lead } from '../../../src/shared/lead';
import { DEFAULT_LEAD_QUERY, selection, SORT_FIELDS, type LeadQuery } from '../../../src/shared/lead-query';
import { parseDateRange, parseNumberRange } from '../../../src/shared/query-v2/range';
import { referenceQueryV2 } from '../../support/reference-query-v2';
import { TEST_NOW } from './lead-index-answers';

/** The reference's answer for a parsed query (page cut from all matches), at the tests' clock. */
export function referenceQuery(leads: readonly Lead[], q: LeadQuery, now = TEST_NOW) {
  const result = referenceQueryV2([...leads], {
    search: q.search,
    archived: q.archived,
    facets: {
      stage: q.stage,
      tags: q.tags,
      assigned_to: q.assigned_to,
      priority: q.priority,
      lead_source: q.lead_source,
      service_type: q.service_type,
    },
    numberRanges: Object.fromEntries((['projected_value', 'value_score'] as const).flatMap((p) => (q[p] === null ? [] : [[p, q[p]]]))),
    dateRanges: Object.fromEntries(
      (['created_at', 'follow_up_date', 'archived_at', 'stage_changed_at'] as const).flatMap((p) => (q[p] === null ? [] : [[p, q[p]]])),
    ),
    tz: q.tz,
    sort: q.sort,
    facetLimit: q.facet_limit,
    now,
  });
  if (!result.ok) throw new Error(`reference refused ${result.param}`);
  const all = result.leads;
  return {
    all,
    data: all.slice((q.page - 1) * q.limit, q.page * q.limit),
    total: all.length,
    facets: result.facets,
    facetSizes: result.facet_sizes,
    summary: result.summary,
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

export const leadArb = fc.record(
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
    notes: textField,
    property_street1: textField,
    property_street2: textField,
    stage_changed_at: dateField,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Lead>;

const subsetOf = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 }).map(selection);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const numberRange = (param: string) =>
  fc.constantFrom('(none)', '0..', '..1.5', '-3..5', '100..100', '1..2', '-0..0').map((text) => {
    const parsed = parseNumberRange(text, param);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
const dateRange = (param: string) =>
  fc
    .constantFrom('(none)', '2024-01-01..2024-01-01', '..2024-01-01', '2023-12-31..', '2024-01-01T01:00:00Z..', 'today-400..', '..today')
    .map((text) => {
      const parsed = parseDateRange(text, param);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    });
const OWNERS = ['José', 'jose', 'a', 'A', 'item 2', 'Zoë'];

export const queryArb: fc.Arbitrary<LeadQuery> = fc
  .record({
    search: fc
      .oneof(
        fc.constant(''),
        fc.constantFrom(
          'jose',
          'JOSÉ',
          'zoe',
          'ωμεγα',
          '李',
          'item',
          '555',
          '5550101',
          '010-12',
          '(555)',
          '+1 555',
          '55',
          'a',
          '@',
          'é',
          '10',
          'item 2',
          'a jose',
        ),
        fc.string({ maxLength: 4 }),
        fc.stringMatching(/^[0-9 ()+.-]{1,8}$/),
        fc.constantFrom('\u0301', 'e\u0301', '\u0000', 'a\u0000b', '\u0000\u0000'),
      )
      .map((s) => s.trim()),
    stage: subsetOf([...STAGES.filter((s) => s.trim() === s), 'Nope', '(none)']),
    tags: subsetOf([...TAGS, 'missing', '(none)']),
    assigned_to: subsetOf([...OWNERS, '(none)']),
    priority: subsetOf(['low', 'medium', 'high', 'urgent', '(none)']),
    lead_source: subsetOf([...OWNERS.slice(0, 3), '(none)']),
    service_type: subsetOf([...OWNERS.slice(2), '(none)']),
    archived: fc.boolean(),
    projected_value: optional(numberRange('projected_value')),
    value_score: optional(numberRange('value_score')),
    created_at: optional(dateRange('created_at')),
    follow_up_date: optional(dateRange('follow_up_date')),
    archived_at: optional(dateRange('archived_at')),
    stage_changed_at: optional(dateRange('stage_changed_at')),
    sort: fc
      .uniqueArray(fc.constantFrom(...SORT_FIELDS), { minLength: 1, maxLength: 3 })
      .chain((fields) => fc.tuple(...fields.map((field) => fc.boolean().map((descending) => ({ field, descending }))))),
    page: fc.integer({ min: 1, max: 6 }),
    limit: fc.integer({ min: 1, max: 12 }),
    facet_limit: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant(100)),
    tz: fc.constantFrom('UTC', 'America/New_York', 'Australia/Lord_Howe'),
  })
  .map((q) => ({ ...DEFAULT_LEAD_QUERY, ...q }));
