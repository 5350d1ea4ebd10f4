// Fidelity: for every query Rotor itself can express (one stage, any-of tags, archived, a plain search,
// any page and limit), the proxy answers with exactly the leads Rotor would, in the same order, when
// sorted newest first. Checked against the demo API, which implements Rotor's own semantics.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { startHarness, TEST_KEY, type Harness } from '../support/dashboard-harness';

let h: Harness;
let leads: Lead[];
let stages: string[];
let tags: string[];
let searchWords: string[];

beforeAll(async () => {
  h = await startHarness({ demo: { leadCount: 700, seed: 23, dailyLimit: 1_000_000 } });
  leads = h.demo.leads;
  stages = [...new Set(leads.map((l) => l.stage).filter((s): s is string => typeof s === 'string'))].sort();
  tags = [...new Set(leads.flatMap((l) => l.tags ?? []))].sort();
  // Plain ASCII letters/digits taken from the searchable fields, so searches actually hit something.
  searchWords = [
    ...new Set(
      leads.flatMap((l) => [l.name, l.email, l.phone]).flatMap((v) => (typeof v === 'string' ? (v.match(/[A-Za-z0-9]{2,}/g) ?? []) : [])),
    ),
  ];
});
afterAll(() => h.close());

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const upstreamSearchable = (lead: Lead) => [lead.name, lead.email, lead.phone].filter((v): v is string => typeof v === 'string');
/** Search v2 (docs/api.md §4) looks in five more fields than Rotor. */
const ourSearchable = (lead: Lead) =>
  [
    lead.name,
    lead.email,
    lead.phone,
    lead.notes,
    lead.property_street1,
    lead.property_street2,
    lead.property_city,
    lead.property_zip,
  ].filter((v): v is string => typeof v === 'string');

/**
 * Where Rotor's plain lower-case substring and our folded match legitimately differ: text with accents,
 * ligatures or special case mappings (e.g. "José" is found by "jose" here, not upstream), and words found in
 * the fields only search v2 reads (notes, street, city, zip). A search is
 * comparable only if no lead is matched by one rule and not the other. The digit rule (a phone-like
 * query of 3+ digits matching phone digits) is ours alone, so such queries are not generated.
 */
function comparable(search: string): boolean {
  if (/^[0-9]+$/.test(search) && search.length >= 3) return false;
  const lower = search.toLowerCase();
  const folded = fold(search);
  return leads.every(
    (lead) =>
      upstreamSearchable(lead).some((f) => f.toLowerCase().includes(lower)) === ourSearchable(lead).some((f) => fold(f).includes(folded)),
  );
}

const upstreamQuery = fc.record(
  {
    stage: fc.oneof(
      fc.nat().map((i) => stages[i % stages.length]!),
      fc.constant('No Such Stage'),
    ),
    tags: fc.uniqueArray(
      fc.nat().map((i) => tags[i % tags.length]!),
      { minLength: 1, maxLength: 3 },
    ),
    archived: fc.boolean(),
    search: fc.oneof(
      fc.nat().chain((i) => {
        const word = searchWords[i % searchWords.length]!;
        return fc
          .tuple(fc.nat({ max: word.length - 1 }), fc.integer({ min: 1, max: 6 }))
          .map(([from, length]) => word.slice(from, from + length));
      }),
      fc.stringMatching(/^[A-Za-z0-9]{1,4}$/),
    ),
    page: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 800 })),
    limit: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1000 })),
  },
  { requiredKeys: [] },
);

describe('fidelity to upstream', () => {
  it('returns the same leads in the same order as the demo API for every upstream-expressible query', async () => {
    await fc.assert(
      fc.asyncProperty(upstreamQuery, async (query) => {
        fc.pre(query.search === undefined || comparable(query.search));
        const params = new URLSearchParams();
        if (query.stage !== undefined) params.set('stage', query.stage);
        if (query.tags !== undefined) params.set('tags', query.tags.join(','));
        if (query.archived !== undefined) params.set('archived', String(query.archived));
        if (query.search !== undefined) params.set('search', query.search);
        if (query.page !== undefined) params.set('page', String(query.page));
        if (query.limit !== undefined) params.set('limit', String(query.limit));

        const upstream = await fetch(`${h.upstreamUrl}/leads?${params}`, {
          headers: { 'x-api-key': TEST_KEY, 'rotor-api-version': '1.1.0' },
        }).then(
          (r) => r.json() as Promise<{ data: Lead[]; pagination: { total: number; has_more: boolean; page: number; limit: number } }>,
        );

        params.set('sort', '-created_at');
        const proxy = (await h.getJson(`/api/leads?${params}`)).body;

        expect(proxy.data.map((l: Lead) => l.id)).toEqual(upstream.data.map((l) => l.id));
        expect(proxy.pagination).toEqual({
          page: upstream.pagination.page,
          limit: upstream.pagination.limit,
          total: upstream.pagination.total,
          has_more: upstream.pagination.has_more,
        });
      }),
      { numRuns: 150 },
    );
  });
});
