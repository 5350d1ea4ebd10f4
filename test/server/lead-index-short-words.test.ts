// Search words of 1–2 code units (short-words.ts) and searches of several words (the first word's leads
// narrowed by the others), against the reference's plain per-lead test, through the index's production path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { answer, json, matching, query } from './support/lead-index-answers';
import { matchesSearch, referenceCompare } from '../support/reference-query-v2';
import { leadArb, referenceQuery } from './support/lead-index-reference';

/** Every match of `search` in name order, from the index and from the reference. */
function bothAnswers(leads: Lead[], index: LeadIndex, search: string) {
  const q = query({ search, archived: true, limit: 50, sort: { field: 'name', descending: false } });
  const expected = leads.filter((lead) => matchesSearch(lead, search)).sort(referenceCompare(q.sort));
  return { q, expected, actual: answer(index, q) };
}

describe('LeadIndex search with words of one or two code units', () => {
  it('finds a word equal to a whole two-unit field, and single units anywhere', () => {
    const leads: Lead[] = [
      { id: 'zip', name: 'Plain Name', property_zip: 'Q7' },
      { id: 'city', name: 'Other', property_city: 'Aq7b' },
      { id: 'one', name: 'X', email: 'x@q.q' },
      { id: 'none', name: 'Nothing here' },
    ];
    const index = LeadIndex.build(leads);
    for (const search of ['q7', 'Q', '7', 'x', 'X q', 'q7 pl', 'zz', 'é', 'q. x']) {
      expect(answer(index, query({ search, limit: 100 })).dataJson, search).toEqual(
        referenceQuery(leads, query({ search, limit: 100 })).data.map(json),
      );
    }
  });

  it('falls back to the scan for a unit beyond the bitset rows (an alphabet of hundreds of units)', () => {
    // 400 distinct CJK units: the last ones have no bitset row.
    const units = Array.from({ length: 400 }, (_, k) => String.fromCharCode(0x4e00 + k));
    const leads: Lead[] = units.map((unit, k) => ({ id: `l${k}`, name: `${unit}${units[(k + 1) % 400]}` }));
    const index = LeadIndex.build(leads);
    for (const search of [units[0]!, units[399]!, units[350]! + units[351]!, `${units[300]} ${units[301]}`]) {
      const { expected, actual } = bothAnswers(leads, index, search);
      expect(actual.total, search).toBe(expected.length);
      expect(actual.dataJson).toEqual(expected.slice(0, 50).map(json));
    }
  });

  it('answers like the reference on thousands of leads: short words, fragments cut across a space, several words', async () => {
    const { generateDemoLeads } = await import('../../src/demo-api/generate-leads');
    const many = generateDemoLeads(6000, 5);
    const index = LeadIndex.build(many);
    const position = (lead: Lead) => many.indexOf(lead);
    const names = many.flatMap((lead) => (typeof lead.name === 'string' && lead.name.includes(' ') ? [lead.name] : []));
    // Fragments of full names around their first space, as a one-off search cuts them: "h m", "ah mc", "rah m".
    const acrossSpace = names.slice(0, 12).map((name, k) => {
      const space = name.indexOf(' ');
      return name.slice(Math.max(0, space - 1 - (k % 3)), space + 1 + (k % 4));
    });
    const searches = ['a', 'e', 'q', '5', '@', '.', 'an', 'zq', 'qu', 'co', '0 5', 'a b', 'an e', 'exam q', ...acrossSpace];
    for (const search of searches) {
      const { q, expected, actual } = bothAnswers(many, index, search);
      expect(actual.total, search).toBe(expected.length);
      expect(actual.dataJson, search).toEqual(expected.slice(0, 50).map(json));
      expect(matching(index, q).map(position), search).toEqual(expected.map(position));
    }
  });

  it('answers like the reference for searches of short pieces of the leads’ own fields (property)', () => {
    const shortCase = fc.array(leadArb, { minLength: 1, maxLength: 30 }).chain((leadSet) => {
      const fields = leadSet
        .flatMap((lead) => [lead.name, lead.email, lead.phone, lead.property_zip, lead.notes])
        .filter((field): field is string => typeof field === 'string' && field.length >= 1);
      const piece =
        fields.length === 0
          ? fc.string({ minLength: 1, maxLength: 2 })
          : fc.tuple(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 1, max: 4 })).map(([field, from, length]) => {
              const start = from % field.length;
              return field.slice(start, start + length);
            });
      const search = fc.array(piece, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
      return fc.tuple(fc.constant(leadSet), fc.array(search, { minLength: 1, maxLength: 6 }));
    });
    fc.assert(
      fc.property(shortCase, ([leadSet, searches]) => {
        const index = LeadIndex.build(leadSet);
        for (const search of searches) {
          const q = query({ search, archived: true, limit: 1000 });
          expect(answer(index, q).dataJson, search).toEqual(referenceQuery(leadSet, q).data.map(json));
        }
      }),
      { numRuns: 300 },
    );
  });
});
