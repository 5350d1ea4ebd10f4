// Facet lists and summary from tallies (docs/api.md §4): ordering, facet_limit, selected values appended,
// the no-value bucket, rounding; checked against a plain sort-and-slice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facetEntries, leadsSummary, type FacetTally } from '../../src/shared/query-v2/facet-entries';
import { roundTo2 } from '../../src/shared/query-v2/response-types';

const tally = (value: string, count: number, sum = 0): FacetTally => ({ value, count, sum });

describe('facetEntries', () => {
  it('orders by count desc then code units, caps at limit, appends selected values, null bucket last', () => {
    const tallies = [tally('b', 5, 10.005), tally('a', 5, 1), tally('Z', 2), tally('c', 9), tally('d', 1, 3)];
    const { entries, size } = facetEntries(tallies, { count: 3, sum: 7.125 }, { values: ['d', 'nope'], none: false }, 2);
    expect(entries.map((e) => [e.value, e.count])).toEqual([
      ['c', 9],
      ['a', 5],
      ['d', 1],
      ['nope', 0],
      [null, 3],
    ]);
    expect(size).toBe(5);
    expect(entries[4]!.projected_value_sum).toBe(7.13);
  });

  it('lists the no-value bucket with 0 when (none) is selected, and leaves it out otherwise at 0', () => {
    expect(facetEntries([], { count: 0, sum: 0 }, { values: [], none: true }, 100).entries).toEqual([
      { value: null, count: 0, projected_value_sum: 0 },
    ]);
    expect(facetEntries([], { count: 0, sum: 0 }, undefined, 100)).toEqual({ entries: [], size: 0 });
  });

  it('agrees with sorting everything and slicing, for any tallies, selection and limit', () => {
    const tallies = fc.uniqueArray(
      fc.record({ value: fc.string({ maxLength: 3 }), count: fc.nat({ max: 6 }), sum: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
      { selector: (t) => t.value, maxLength: 60 },
    );
    fc.assert(
      fc.property(
        tallies,
        fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 5 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 70 }),
        (ts, selected, none, limit) => {
          const { entries, size } = facetEntries(ts, { count: 1, sum: 0 }, { values: selected, none }, limit);
          const named = new Map(ts.filter((t) => t.count > 0).map((t) => [t.value, t]));
          for (const v of selected) if (!named.has(v)) named.set(v, tally(v, 0));
          const ordered = [...named.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
          const expected = [...ordered.slice(0, limit), ...ordered.slice(limit).filter((t) => selected.includes(t.value))];
          expect(entries.map((e) => [e.value, e.count, e.projected_value_sum])).toEqual([
            ...expected.map((t) => [t.value, t.count, roundTo2(t.sum)]),
            [null, 1, 0],
          ]);
          expect(size).toBe(ts.filter((t) => t.count > 0).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the top 100 of 3,000 tags quickly', () => {
    const many = Array.from({ length: 3000 }, (_, i) => tally(`tag-${i}`, (i * 7919) % 500, i));
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) facetEntries(many, { count: 0, sum: 0 }, undefined, 100);
    expect((performance.now() - started) / 20).toBeLessThan(5);
  });
});

describe('leadsSummary', () => {
  it('rounds sums and averages to 2 decimals; avg null without values', () => {
    expect(leadsSummary({ count: 4, projectedSum: 1250.856, projectedCount: 4, scoreSum: 220, scoreCount: 3 })).toEqual({
      count: 4,
      projected_value: { sum: 1250.86, avg: 312.71, count: 4 },
      value_score: { avg: 73.33, count: 3 },
    });
    expect(leadsSummary({ count: 2, projectedSum: 0, projectedCount: 0, scoreSum: 0, scoreCount: 0 })).toEqual({
      count: 2,
      projected_value: { sum: 0, avg: null, count: 0 },
      value_score: { avg: null, count: 0 },
    });
    expect(Object.is(roundTo2(-0.001), 0)).toBe(true);
  });
});
