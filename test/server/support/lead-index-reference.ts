// An independent, deliberately naive reading of docs/api.md §2 for the lead-index property tests, written
// straight from the contract (slow and obvious on purpose), and the generators of messy leads and queries.
import fc from 'fast-check';
import type { FacetValue } from '../../../src/shared/api-types';
import type { Lead } from '../../../src/shared/lead';
import { SORT_FIELDS, type LeadFilter, type LeadQuery, type SortField } from '../../../src/shared/lead-query';

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

export function referenceQuery(leads: readonly Lead[], q: LeadQuery) {
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
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Lead>;

const subsetOf = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 });
export const queryArb: fc.Arbitrary<LeadQuery> = fc.record({
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
      ),
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
