// The query generator the index fidelity tests will use, run through the reference on demo data: the
// reference keeps the invariants of docs/api.md §4 on every generated query, and its date filtering agrees with
// resolveDateRange (the fast day boundaries the index will use) on DST days in DST zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { SORT_FIELDS } from '../../src/shared/lead-query';
import { FACET_PARAMS } from '../../src/shared/query-v2/params';
import { resolveDateRange } from '../../src/shared/query-v2/zoned-time';
import { queryV2Arbitrary, TEST_NOWS } from '../support/query-v2-arbitraries';
import { referenceCompare, referenceQueryV2 } from '../support/reference-query-v2';

const leads = generateDemoLeads(600, 11);
const sortFields = [...SORT_FIELDS, 'stage_changed_at'];

describe('generated v2 queries through the reference', () => {
  it('keep the invariants of docs/api.md §4', () => {
    let nonEmpty = 0;
    let inverted = 0;
    fc.assert(
      fc.property(queryV2Arbitrary(leads, sortFields), fc.constantFrom(...TEST_NOWS), ({ params, query }, now) => {
        const result = referenceQueryV2(leads, { ...query, now });
        if (!result.ok) {
          inverted += 1;
          expect(params.has(result.param)).toBe(true);
          return;
        }
        if (result.leads.length > 0) nonEmpty += 1;
        expect(result.summary.count).toBe(result.leads.length);
        expect(new Set(result.leads.map((l) => l.id)).size).toBe(result.leads.length);
        // A total order: no two neighbours compare equal, so pages never overlap.
        const compare = referenceCompare(query.sort ?? [{ field: 'created_at', descending: true }]);
        for (let i = 1; i < result.leads.length; i += 1) expect(compare(result.leads[i - 1]!, result.leads[i]!)).toBeLessThan(0);
        for (const facet of FACET_PARAMS) {
          const entries = result.facets[facet];
          expect(entries.filter((e) => e.value === null).length).toBeLessThanOrEqual(1);
          expect(entries.findIndex((e) => e.value === null)).toBeGreaterThanOrEqual(
            entries.length === 0 || entries.at(-1)!.value !== null ? -1 : entries.length - 1,
          );
          // An unfiltered single-valued facet, listed in full, splits the matching leads exactly.
          const unfiltered = query.facets?.[facet] === undefined;
          if (unfiltered && facet !== 'tags' && result.facet_sizes[facet] <= (query.facetLimit ?? 100)) {
            expect(entries.reduce((n, e) => n + e.count, 0)).toBe(result.summary.count);
            expect(Math.abs(entries.reduce((n, e) => n + e.projected_value_sum, 0) - result.summary.projected_value.sum)).toBeLessThan(
              0.01 * (entries.length + 1),
            );
          }
        }
        for (const [param, range] of Object.entries(query.dateRanges ?? {})) {
          const resolved = resolveDateRange(range, param, query.tz ?? 'UTC', now);
          expect(resolved.ok).toBe(true);
          if (!resolved.ok || resolved.value.kind === 'none') continue;
          const { startMs, endMs } = resolved.value;
          for (const lead of result.leads) {
            const ms = Date.parse((lead as Record<string, unknown>)[param] as string);
            expect(ms >= startMs && ms <= endMs).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generator must give queries that select something (not only empty answers) and some 400s.
    expect(nonEmpty).toBeGreaterThan(60);
    expect(inverted).toBeLessThan(100);
  });

  it('agree with resolveDateRange on exactly which leads a date range keeps', () => {
    const arb = queryV2Arbitrary(leads, sortFields).filter(({ query }) => Object.keys(query.dateRanges ?? {}).length > 0);
    fc.assert(
      fc.property(arb, fc.constantFrom(...TEST_NOWS), ({ query }, now) => {
        const onlyDates = { dateRanges: query.dateRanges, tz: query.tz, archived: true, now };
        const result = referenceQueryV2(leads, onlyDates);
        const kept = leads.filter((lead) =>
          Object.entries(query.dateRanges ?? {}).every(([param, range]) => {
            const resolved = resolveDateRange(range, param, query.tz ?? 'UTC', now);
            if (!resolved.ok) return false;
            const raw = (lead as Record<string, unknown>)[param];
            const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
            if (resolved.value.kind === 'none') return Number.isNaN(ms);
            return !Number.isNaN(ms) && ms >= resolved.value.startMs && ms <= resolved.value.endMs;
          }),
        );
        const anyInverted = Object.entries(query.dateRanges ?? {}).some(([p, r]) => !resolveDateRange(r, p, query.tz ?? 'UTC', now).ok);
        expect(result.ok).toBe(!anyInverted);
        if (result.ok) expect(result.leads.map((l) => l.id).sort()).toEqual(kept.map((l) => l.id).sort());
      }),
      { numRuns: 200 },
    );
  });
});
