// The lead index against the deliberately naive reference of docs/api.md §4 on random messy leads and queries
// (every facet with (none), ranges, multi-sort, facet_limit, zones): same page, total, facets with sums,
// facet_sizes, summary and export order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { answer, json, matching } from './support/lead-index-answers';
import { leadArb, queryArb, referenceQuery } from './support/lead-index-reference';

describe('LeadIndex against a naive reference (property)', () => {
  it('gives the same data, total and facets for random leads and queries', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 40 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), (leads, queries) => {
        const index = LeadIndex.build(leads);
        // Pages compare as JSON (what the API sends); the export walks the held objects, compared by identity.
        const position = (lead: (typeof leads)[number]) => leads.indexOf(lead);
        // Each query three times: the second caches its filter summary, the third goes through it.
        for (const q of [...queries, ...queries, ...queries]) {
          const expected = referenceQuery(leads, q);
          const actual = answer(index, q);
          expect(actual.total).toBe(expected.total);
          expect(actual.dataJson).toEqual(expected.data.map(json));
          expect(actual.facets).toEqual(expected.facets);
          expect(actual.facetSizes).toEqual(expected.facetSizes);
          expect(actual.summary).toEqual(expected.summary);
          expect(matching(index, q).map(position)).toEqual(expected.all.map(position));
        }
      }),
      { numRuns: 400 },
    );
  });
});
