// LeadIndex.buildAsync (issue 14: the index of a sync built between pauses of the event loop) gives the
// same index as LeadIndex.build, and really pauses: timers run while it builds. sortAsync is the
// native stable sort's result.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { sortAsync, TimeSlice } from '../../src/server/runtime/time-slice';
import type { Lead } from '../../src/shared/lead';
import { SORT_FIELDS, type LeadQuery } from '../../src/shared/lead-query';
import { parseNumberRange } from '../../src/shared/query-v2/range';
import { answer, query } from './support/lead-index-answers';

const range = (text: string) => {
  const parsed = parseNumberRange(text, 'projected_value');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

describe('sortAsync', () => {
  it('equals Array.prototype.sort (stable) for many sizes and ties', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of [0, 1, 2, 2047, 2048, 2049, 5000, 20_000]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(random() * 50), i }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const sorted = await sortAsync(items, compare, new TimeSlice(0));
      expect(sorted.map((x) => x.i)).toEqual(
        items
          .slice()
          .sort(compare)
          .map((x) => x.i),
      );
    }
  });
});

describe('LeadIndex.buildAsync', () => {
  it('answers every sort, filter and search like LeadIndex.build, before and after compaction', async () => {
    const leads: Lead[] = [
      ...generateDemoLeads(3000, 5),
      { id: 'odd-1', name: '  ', created_at: 'not a date', tags: ['x', 'x', ''] },
      { id: 'odd-2', name: 'Émile Zola', stage: 7 as unknown as string, projected_value: Number.NaN },
      { id: 'odd-1', name: 'duplicate id' },
      // Collator-equal names (case, accents): one rank shared, whichever of them the sort met first.
      { id: 'odd-3', name: 'emile zola', assigned_to: 'ACME' },
      { id: 'odd-4', name: 'EMILE ZOLA', assigned_to: 'Acme' },
      null as unknown as Lead,
    ];
    const sync = LeadIndex.build(leads);
    // A zero budget pauses at every check: the most interleaved build.
    const built = await LeadIndex.buildAsync(leads, new TimeSlice(0));
    const name = leads[10]!.name!;
    const queries: LeadQuery[] = [query(), query({ archived: true, limit: 200 })];
    for (const field of SORT_FIELDS)
      for (const descending of [false, true]) queries.push(query({ sort: { field, descending }, archived: true, page: 3, limit: 37 }));
    queries.push(
      query({ search: name.slice(0, 4) }),
      query({ search: 'emile' }),
      query({ search: '555' }),
      query({ stage: ['Won'], tags: ['solar'] }),
      // The v2 columns (single facets, ranges) and a multi-key sort: the sliced build must build them too.
      query({ assigned_to: ['(none)'], priority: ['high', 'low'], projected_value: range('1000..'), limit: 100 }),
      query({
        sort: [
          { field: 'stage', descending: false },
          { field: 'projected_value', descending: true },
        ],
        archived: true,
        limit: 100,
      }),
    );
    const expected = queries.map((q) => answer(sync, q));
    expect(built.size).toBe(sync.size);
    expect(queries.map((q) => answer(built, q))).toEqual(expected);
    expect(built.getById('odd-1')?.name).toBe('  ');
    await built.compactAsync();
    expect(queries.map((q) => answer(built, q))).toEqual(expected);
  });

  it('builds the sorts in use on the index it replaces before compaction, with the same answers', async () => {
    const leads = generateDemoLeads(2_000, 3);
    const held = await LeadIndex.buildAsync(leads);
    await held.compactAsync();
    const sorted = [
      query({ sort: { field: 'name', descending: true }, limit: 30 }),
      query({
        sort: [
          { field: 'stage', descending: false },
          { field: 'projected_value', descending: true },
        ],
        limit: 30,
      }),
    ];
    const heldAnswers = sorted.map((q) => answer(held, q));
    const inUse = held.sortsInUse();
    expect(inUse).toEqual(expect.arrayContaining([[{ field: 'name', descending: true }], sorted[1]!.sort]));

    const next = await LeadIndex.buildAsync(leads);
    await next.compactAsync(inUse);
    // Built before any request asked: the next index holds them already, and they answer as before.
    expect(next.sortsInUse()).toEqual(expect.arrayContaining(inUse));
    expect(sorted.map((q) => answer(next, q))).toEqual(heldAnswers);
  });

  it('lets timers run while it builds', async () => {
    const leads = generateDemoLeads(5_000, 9);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const index = await LeadIndex.buildAsync(leads, new TimeSlice(2));
    await index.compactAsync();
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });
});
