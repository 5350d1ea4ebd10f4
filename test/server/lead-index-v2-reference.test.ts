// The lead index against the independent reference of docs/api.md §4 (test/support/reference-query-v2.ts) on
// generated queries over demo leads plus messy ones (nulls, blanks, wrong types, equal values, stage_changed_at
// on some): same rows in the same order, totals, facets with sums, facet_sizes and summary, and the export's
// order. Queries are parsed by the real strict grammar and resolved at clocks on DST changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { resolveFilter } from '../../src/server/query-v2/resolve-filter';
import type { Lead } from '../../src/shared/lead';
import { parseLeadQueryStrict, SORT_FIELDS } from '../../src/shared/lead-query';
import { queryV2Arbitrary, TEST_NOWS } from '../support/query-v2-arbitraries';
import { referenceQueryV2 } from '../support/reference-query-v2';

/** Demo leads, some given stage_changed_at, plus leads with every kind of missing or odd value. */
function testLeads(): Lead[] {
  const leads = generateDemoLeads(500, 29);
  leads.forEach((lead, i) => {
    if (i % 3 === 0) lead.stage_changed_at = new Date(Date.parse('2026-03-07T00:00:00Z') + i * 3_600_000 * 7).toISOString();
  });
  const odd = [
    { id: 'odd-1', name: '   ', stage: ' ', tags: ['', '  '], assigned_to: '', priority: null, projected_value: 100, value_score: 5 },
    {
      id: 'odd-2',
      stage: 42,
      tags: [3, 'solar', 'solar'],
      assigned_to: 7,
      lead_source: [],
      projected_value: Infinity,
      created_at: 'not a date',
    },
    { id: 'odd-3', created_at: null, projected_value: 100, value_score: 5, follow_up_date: '2026-03-08T07:00:00Z', archived: true },
    { id: 'odd-4', created_at: null, projected_value: 100, value_score: 5, follow_up_date: '2026-03-08T07:00:00Z' },
    { id: 'odd-0', phone: '020 7946 0355', notes: 'Call back at noon', property_zip: '95804', property_city: 'Sacramento' },
    { id: 'odd-5', phone: '+1 (555) 016-8557', name: 'Sarah McAllister', property_street1: '12 Pine Dr' },
  ] as unknown as Lead[];
  return [...leads, ...odd];
}

const leads = testLeads();
const index = LeadIndex.build(leads);
const sortFields = [...SORT_FIELDS];
const ids = (list: readonly Lead[]) => list.map((lead) => lead.id);

describe('LeadIndex v2 against the reference', () => {
  it('agrees on ≥ 500 generated queries (rows, order, totals, facets with sums, sizes, summary, export)', () => {
    let compared = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        queryV2Arbitrary(leads, sortFields),
        fc.constantFrom(...TEST_NOWS),
        fc.integer({ min: 1, max: 3 }),
        ({ params }, now, page) => {
          const parsed = parseLeadQueryStrict(params);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const query = parsed.query;
          const resolved = resolveFilter(query, now);
          const expected = referenceQueryV2(leads, {
            search: query.search,
            archived: query.archived,
            facets: {
              stage: query.stage,
              tags: query.tags,
              assigned_to: query.assigned_to,
              priority: query.priority,
              lead_source: query.lead_source,
              service_type: query.service_type,
            },
            numberRanges: Object.fromEntries(
              (['projected_value', 'value_score'] as const).flatMap((p) => (query[p] === null ? [] : [[p, query[p]]])),
            ),
            dateRanges: Object.fromEntries(
              (['created_at', 'follow_up_date', 'archived_at', 'stage_changed_at'] as const).flatMap((p) =>
                query[p] === null ? [] : [[p, query[p]]],
              ),
            ),
            tz: query.tz,
            sort: query.sort,
            facetLimit: query.facet_limit,
            now,
          });
          expect(resolved.ok).toBe(expected.ok);
          if (!resolved.ok || !expected.ok) return;
          compared += 1;
          if (expected.leads.length > 0) nonEmpty += 1;
          const limit = 40;
          const answer = index.queryJson({ filter: resolved.filter, sort: query.sort, page, limit, facetLimit: query.facet_limit });
          expect(answer.total).toBe(expected.leads.length);
          expect(answer.dataJson.map((text) => (JSON.parse(text) as Lead).id)).toEqual(
            ids(expected.leads.slice((page - 1) * limit, page * limit)),
          );
          expect(answer.facets).toEqual(expected.facets);
          expect(answer.facetSizes).toEqual(expected.facet_sizes);
          expect(answer.summary).toEqual(expected.summary);
          // The second ask caches the filter summary (cache/second-sight.ts), the third takes it: the same page.
          for (let ask = 2; ask <= 3; ask++) {
            const again = index.queryJson({ filter: resolved.filter, sort: query.sort, page, limit, facetLimit: query.facet_limit });
            expect(again.dataJson).toEqual(answer.dataJson);
            expect(again.total).toBe(answer.total);
          }
          expect(ids([...index.matchingLazy(resolved.filter, query.sort).leads])).toEqual(ids(expected.leads));
        },
      ),
      // About a sixth of the random queries do not parse or resolve (inverted ranges) and are not compared:
      // 700 runs leave ≥ 500 compared whatever the seed (600 gave 489 on one seed).
      { numRuns: 700 },
    );
    expect(compared).toBeGreaterThanOrEqual(500);
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('search v2: words in any order across the eight fields, and the phone rules a and b', () => {
    const search = (text: string) => {
      const parsed = parseLeadQueryStrict(new URLSearchParams({ search: text, archived: 'true' }));
      if (!parsed.ok) throw new Error(parsed.message);
      const resolved = resolveFilter(parsed.query, TEST_NOWS[0]!);
      if (!resolved.ok) throw new Error(resolved.message);
      return ids([...index.matchingLazy(resolved.filter, parsed.query.sort).leads]);
    };
    expect(search('Sacramento')).toContain('odd-0');
    expect(search('95804')).toContain('odd-0');
    expect(search('Pine Dr')).toContain('odd-5');
    expect(search('mcallister sarah')).toEqual(['odd-5']);
    expect(search('+15550168557')).toContain('odd-5'); // (b): the phone's digits end the query's
    expect(search('+44 20 7946 0355')).toContain('odd-0'); // (b): leading zero dropped
    expect(search('noon call')).toContain('odd-0');
    expect(search('sarah zzzz')).toEqual([]);
  });
});
