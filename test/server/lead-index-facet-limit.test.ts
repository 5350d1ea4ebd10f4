// facet_limit on facets of thousands of values (facet-top.ts picks the listed values from the count arrays):
// the cut falls among many values of equal count, so the code-unit order of values decides who is listed,
// and selected values past the cut are appended. Checked against the independent reference.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { topKeys } from '../../src/server/lead-index/facet-top';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import type { Lead } from '../../src/shared/lead';
import { selection, type LeadQuery } from '../../src/shared/lead-query';
import { answer, query } from './support/lead-index-answers';
import { referenceQuery } from './support/lead-index-reference';

/** Sources, owners and tags of thousands of values, most counted once or twice (ties everywhere). */
function tiedLeads(count: number): Lead[] {
  return generateDemoLeads(count, 11).map((lead, i) => ({
    ...lead,
    lead_source: i % 13 === 0 ? null : `source ${i % 4500}`,
    assigned_to: i % 11 === 0 ? null : `owner-${(i * 7) % 350}`,
    tags: i % 9 === 0 ? [] : [`t${i % 2500}`, `t${(i * 31) % 2900}`, ...(i % 5 === 0 ? ['common'] : [])],
  }));
}

describe('facet lists cut at facet_limit among tied counts', () => {
  const leads = tiedLeads(6000);
  const index = LeadIndex.build(leads);

  it('lists what the reference lists, at every limit, with selected values past the cut', () => {
    const filters: Partial<LeadQuery>[] = [
      {},
      { lead_source: selection(['source 4499', 'source 7', 'no such source', '(none)']) },
      { tags: selection(['t2499', 't1', 'common']), assigned_to: selection(['owner-349', 'owner-0']) },
      { priority: selection(['high']), tags: selection(['(none)', 't2000']) },
      { search: 'a', stage: selection(['New', 'Won']) },
    ];
    for (const facet_limit of [1, 2, 3, 50, 100, 349, 350, 2899, 4499, 10000])
      for (const filter of filters) {
        const q = query({ limit: 5, facet_limit, ...filter });
        const expected = referenceQuery(leads, q);
        const actual = answer(index, q);
        const label = `${facet_limit} ${JSON.stringify(filter)}`;
        expect(actual.facets, label).toEqual(expected.facets);
        expect(actual.facetSizes, label).toEqual(expected.facetSizes);
      }
  });

  it('picks keys by count, then the lower key, whatever the order they are read in', () => {
    const counts = Uint32Array.from([9, 3, 0, 5, 3, 5, 1, 3, 0, 5]);
    const keys: number[] = [];
    expect(topKeys(counts, 4, keys)).toBe(7);
    expect(keys).toEqual([3, 5, 9, 1]);
    expect(topKeys(counts, 100, keys)).toBe(7);
    expect(keys).toEqual([3, 5, 9, 1, 4, 7, 6]);
    expect(topKeys(new Uint32Array(5), 3, keys)).toBe(0);
    expect(keys).toEqual([]);
  });
});
