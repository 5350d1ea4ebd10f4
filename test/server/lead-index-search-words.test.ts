// Searches of several words (docs/api.md §4 "Search v2": every word, in any order, each in some field) take one
// pass over the candidates of the rarest trigrams of all the words; and the search masks evicted from the
// index's cache are reused. Both must answer exactly as the plain reference does.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { Lead } from '../../src/shared/lead';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { matchesSearch, referenceCompare } from '../support/reference-query-v2';
import { answer, json, matching, query } from './support/lead-index-answers';

const many = generateDemoLeads(6000, 23);
const manyIndex = LeadIndex.build(many);
const position = (lead: Lead) => many.indexOf(lead);

/** The index's answer for `search` against a plain filter and sort of every lead. */
function expectLikeReference(index: LeadIndex, leads: readonly Lead[], search: string): void {
  const q = query({ search, archived: true, limit: 50, sort: { field: 'name', descending: false } });
  const all = leads.filter((lead) => matchesSearch(lead, search)).sort(referenceCompare(q.sort));
  const actual = answer(index, q);
  expect(actual.total, search).toBe(all.length);
  expect(actual.dataJson, search).toEqual(all.slice(0, 50).map(json));
  expect(
    matching(index, q).map((lead) => leads.indexOf(lead)),
    search,
  ).toEqual(all.map((lead) => leads.indexOf(lead)));
}

/** Two-word searches cut from the leads' own names across the space, as a rep types a part of a full name. */
function acrossTheSpace(leads: readonly Lead[], count: number): string[] {
  const names = leads.map((lead) => lead.name).filter((name): name is string => typeof name === 'string' && name.includes(' '));
  return Array.from({ length: count }, (_, k) => {
    const name = names[(k * 37) % names.length] as string;
    const space = name.indexOf(' ');
    const before = 1 + (k % 4);
    const after = 1 + ((k >> 2) % 4);
    return name.slice(Math.max(0, space - before), space + 1 + after);
  });
}

describe('LeadIndex search of several words', () => {
  it('answers like the reference for pieces of names across the space (short and long words, rare and common)', () => {
    const searches = acrossTheSpace(many, 60);
    expect(searches.some((search) => search.split(' ').some((word) => word.length < 3))).toBe(true);
    for (const search of searches) expectLikeReference(manyIndex, many, search);
  });

  it('answers like the reference for common and rare word pairs, in either order, and words of 3 units', () => {
    const name = many.find((lead) => typeof lead.name === 'string' && lead.name.includes(' '))!.name!;
    const [first, last] = name.toLowerCase().split(' ') as [string, string];
    const email = many.find((lead) => typeof lead.email === 'string')!.email!;
    const searches = [
      `${first} ${last}`,
      `${last} ${first}`,
      `${last.slice(0, 3)} ${first.slice(0, 3)}`,
      `${first.slice(0, 3)} com`,
      'com exa',
      'example com',
      'com .com',
      `mail ${email.slice(0, 4)}`,
      `555 ${first}`,
      `an ${last}`,
      `${first} e`,
      `${first} zzqx`,
      'zzqx com',
      `${email.slice(0, 5)} ${email.slice(0, 5).toUpperCase()}`,
    ];
    for (const search of searches) expectLikeReference(manyIndex, many, search);
  });

  it('needs each word inside one field: a pair of words never matches across a field boundary', () => {
    const leads: Lead[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `l${i}`,
      name: i % 2 === 0 ? 'abcd efgh' : 'abcd',
      email: i % 3 === 0 ? 'efgh@x.io' : 'q@x.io',
    }));
    const index = LeadIndex.build(leads);
    for (const search of ['abcd efgh', 'efgh abcd', 'bcd fgh', 'abc efg', 'cd ef', 'abcdefgh', 'dx abcd', 'abcd io'])
      expectLikeReference(index, leads, search);
  });

  it('answers like the reference when words recur across searches, past the bitsets kept per word (word-sets.ts)', () => {
    // Each word's leads are kept as a bitset and reused by later searches holding it: 500 words (more than are
    // kept) in changing pairs and triples, with one-unit words (a row, none for a unit no lead holds) among them.
    const index = LeadIndex.build(many);
    const pieces = acrossTheSpace(many, 2000).flatMap((search) => search.split(' '));
    const emails = many.flatMap((lead) => (typeof lead.email === 'string' ? [lead.email.slice(0, 4)] : []));
    const words = [...new Set(['q', 'ж', 'zzzq', 'an', 'e', ...pieces, ...emails])].slice(0, 500);
    expect(words.length).toBeGreaterThan(400);
    for (let k = 0; k < 700; k++) {
      const a = words[(k * 7) % words.length] as string;
      const b = words[(k * 13 + 5) % words.length] as string;
      const c = words[(k * 3 + 1) % words.length] as string;
      expectLikeReference(index, many, k % 5 === 0 ? `${a} ${b} ${c}` : `${a} ${b}`);
    }
  });

  it('tests a longer word for itself even when one of its trigrams narrowed the candidates', () => {
    // `xyz` is the rarest trigram, `abc` the second: leads holding `abc` and `bcd` apart must not match `abcd`.
    const shape = (i: number): Partial<Lead> =>
      i < 10
        ? { name: 'abc bcd', email: 'xyzw@q.io' }
        : i < 20
          ? { name: 'abcd', email: 'xyzw@q.io' }
          : i < 30
            ? { name: 'abc bcd', email: 'q@q.io' }
            : { name: 'yzwq', email: 'q@q.io' };
    const leads: Lead[] = Array.from({ length: 130 }, (_, i) => ({ id: `l${i}`, ...shape(i) }));
    const index = LeadIndex.build(leads);
    expect(answer(index, query({ search: 'abcd xyzw', archived: true })).total).toBe(10);
    for (const search of ['abcd xyzw', 'xyzw abcd', 'abc xyzw', 'bcd xyz', 'abcd yzw']) expectLikeReference(index, leads, search);
  });
});

describe('LeadIndex search of words holding the text separator (U+0000)', () => {
  it('answers like the reference for one-unit words next to a U+0000 word, and for long words with it', () => {
    const leads: Lead[] = [
      { id: 'zero', name: 'h', phone: '+1 555 010 1234', property_zip: 'a\u0000b' },
      { id: 'plain', name: 'hank', phone: '+1 555 010 9999', property_zip: 'ab' },
      { id: 'both', name: 'hal + x', notes: 'x\u0000y' },
    ];
    const index = LeadIndex.build(leads);
    for (const search of ['+ \u0000', '\u0000 +', 'h \u0000', 'hal \u0000', 'a\u0000b h', '\u0000'])
      expectLikeReference(index, leads, search);
    expect(answer(index, query({ search: '+ \u0000', archived: true })).total).toBe(2);
  });
});

describe('LeadIndex search masks', () => {
  it('answers a search the same after many other searches evicted and reused its mask', () => {
    const searches = acrossTheSpace(many, 120).concat(many.slice(0, 60).map((lead) => String(lead.email ?? 'x').slice(1, 5)));
    const first = searches.map((search) => answer(manyIndex, query({ search, archived: true, limit: 20 })));
    // Backwards: every mask of the first round has been evicted (the cache holds a few dozen) and reused.
    for (let k = searches.length - 1; k >= 0; k--) {
      const again = answer(manyIndex, query({ search: searches[k] as string, archived: true, limit: 20 }));
      expect(again, searches[k]).toEqual(first[k]);
    }
    for (const search of searches.slice(0, 20)) expectLikeReference(manyIndex, many, search);
  });

  it('answers like the reference when masks listed as marked, walked for their matches or too broad to list are reused in turn', () => {
    // Each kind of search clears a reused mask its own way (search-masks.ts): one marking pass listing its
    // leads (one word, several, a two-unit filter), the phone rules and short words (the mask walked), and
    // broad searches past the listed share (cleared whole). 40 distinct searches a round evict every mask.
    const email = many.find((lead) => typeof lead.email === 'string')!.email!;
    const phone = many.find((lead) => typeof lead.phone === 'string')!.phone!.replace(/\D/g, '');
    const kinds = [
      ...acrossTheSpace(many, 10),
      ...many.slice(100, 110).map((lead) => String(lead.email ?? 'x').slice(2, 6)),
      ...[0, 1, 2, 3, 4].map((k) => phone.slice(k, k + 5)),
      ...['a', 'e', 'an', 'er', 'com', 'example', 'ma', 'o n', `${email.slice(0, 3)} an`, `${email.slice(1, 4)} e`],
      ...['zzqx', 'qqq', '555', '1 555'],
    ];
    expect(new Set(kinds).size).toBeGreaterThan(36);
    for (const round of [kinds, [...kinds].reverse(), kinds.filter((_, k) => k % 2 === 0).concat(kinds.filter((_, k) => k % 2 === 1))])
      for (const search of round) expectLikeReference(manyIndex, many, search);
  });

  it('answers the positions of a one-off search from a reused mask like a fresh index does', () => {
    const fresh = LeadIndex.build(many);
    for (const search of acrossTheSpace(many, 80).reverse()) {
      const q = query({ search, archived: true, limit: 1000 });
      expect(matching(manyIndex, q).map(position), search).toEqual(matching(fresh, q).map(position));
    }
  });
});
