// A compacted LeadIndex (each lead held only as its JSON text) answers exactly like the index over the
// lead objects: same pages, totals, facets, lookups and exports; and its JSON is the leads' JSON.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import type { Lead } from '../../src/shared/lead';
import { SORT_FIELDS, type LeadQuery } from '../../src/shared/lead-query';
import { answer, matching, query } from './support/lead-index-answers';

/** The page of a query cut from the export's walk (the held objects). */
const matchingPage = (index: LeadIndex, q: LeadQuery) => matching(index, q).slice((q.page - 1) * q.limit, q.page * q.limit);

function queriesFor(leads: Lead[]): LeadQuery[] {
  const stages = [...new Set(leads.map((l) => l.stage).filter((s): s is string => typeof s === 'string'))];
  const tags = [...new Set(leads.flatMap((l) => l.tags ?? []))];
  const name = leads.find((l) => typeof l.name === 'string')!.name!;
  const phone = leads.find((l) => typeof l.phone === 'string')!.phone!;
  const result: LeadQuery[] = [query(), query({ archived: true, page: 3, limit: 7 })];
  for (const field of SORT_FIELDS)
    for (const descending of [false, true]) result.push(query({ sort: { field, descending }, page: 2, limit: 13 }));
  result.push(query({ stage: stages.slice(0, 2), tags: tags.slice(0, 1), sort: { field: 'value_score', descending: true } }));
  result.push(
    query({
      assigned_to: ['(none)'],
      priority: ['high', '(none)'],
      sort: [
        { field: 'priority', descending: true },
        { field: 'name', descending: false },
      ],
    }),
  );
  result.push(query({ search: name.slice(0, 3), archived: true, limit: 100 }));
  result.push(query({ search: phone.replace(/\D/g, '').slice(-4) }));
  result.push(query({ search: 'x\u0000y' }), query({ search: 'nul\u0000', archived: true }));
  result.push(query({ page: 1000 }));
  return result;
}

describe('LeadIndex.compactAsync', () => {
  it('answers every query, lookup and export as before, and queryJson gives each lead’s JSON', async () => {
    const leads: Lead[] = [
      ...generateDemoLeads(1500, 3),
      // Fields holding the search separator take the slow search path.
      { id: 'nul-1', name: 'has x\u0000y inside', email: null, tags: ['t\u0000'] },
      { id: 'nul-2', name: 'NUL\u0000 at end', phone: '555\u0000123', archived: true },
      // Two- to four-byte UTF-8, a lone surrogate (JSON.stringify escapes it), and a text bigger than the
      // compaction's scratch Buffer, after other leads of its chunk (the scratch grows, keeping them).
      { id: 'utf8-1', name: 'Ζωή Łódź 😀 \uD800 lone', tags: ['ünï', '日本'] },
      { id: 'big-1', name: 'ż'.repeat(800_000), archived: true },
    ];
    const objects = LeadIndex.build(leads);
    const compact = LeadIndex.build(leads);
    const queries = queriesFor(leads);
    const before = queries.map((q) => answer(objects, q));
    await compact.compactAsync();

    for (const [k, q] of queries.entries()) {
      const expected = before[k]!;
      expect(answer(compact, q)).toEqual(expected);
      // Before compaction the text is JSON.stringify of the objects given, after it the text held.
      expect(expected.dataJson).toEqual(matchingPage(objects, q).map((lead) => JSON.stringify(lead)));
    }
    expect(answer(compact, query({ search: 'x\u0000y' })).dataJson.map((t) => (JSON.parse(t) as Lead).id)).toEqual(['nul-1']);
    for (const id of ['nul-2', leads[0]!.id!, leads[777]!.id!, 'missing']) expect(compact.getById(id)).toEqual(objects.getById(id));
    const filter = query({ archived: true, sort: { field: 'name', descending: false } });
    const all = matching(compact, filter);
    expect(all.length).toBe(leads.length);
    expect(all).toEqual(matching(objects, filter));
    for (const i of [0, 1, 1500, 1501, 1502, 1503]) expect(compact.leadJsonAt(i)).toBe(objects.leadJsonAt(i));
    expect(JSON.parse(`[${Array.from({ length: compact.size }, (_, i) => compact.leadJsonAt(i)).join(',')}]`)).toEqual(leads);
  });
});
