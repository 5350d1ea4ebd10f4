// Search (docs/api.md §4 "Search v2", folding as §2): words in any order across eight fields, the phone rules,
// and the trigram path of words ≥ 3 code units, through the index's production entry points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { foldText } from '../../src/server/lead-index/fold-text';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { answer, json, matching, query, searchIds } from './support/lead-index-answers';
import { matchesSearch, referenceCompare } from '../support/reference-query-v2';
import { leadArb, referenceQuery } from './support/lead-index-reference';

describe('foldText', () => {
  it('removes accents and case, and folds compatibility forms', () => {
    expect(foldText('José')).toBe('jose');
    expect(foldText('JOSÉ')).toBe('jose');
    expect(foldText('Zoë')).toBe('zoe');
    expect(foldText('ｊｏｓｅ')).toBe('jose');
    expect(foldText('Ωμέγα')).toBe('ωμεγα');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('李雷')).toBe('李雷');
  });
});

describe('LeadIndex search', () => {
  const leads: Lead[] = [
    { id: 'jose', name: 'José Álvarez', email: 'jose@example.com', phone: '(555) 010-1234' },
    { id: 'zoe', name: 'Zoë Smith', email: 'ZOE@Example.org', phone: '+44 20 7946 0958' },
    { id: 'greek', name: 'Ωμέγα Λτδ', email: null },
    { id: 'chinese', name: '李雷', phone: '555.010.9999' },
    { id: 'plain', name: 'Jose Plain' },
    { id: 'blank' },
  ];
  const index = LeadIndex.build(leads);

  it('matches name, email and phone case- and accent-insensitively', () => {
    expect(searchIds(index, 'jose')).toEqual(expect.arrayContaining(['jose', 'plain']));
    expect(searchIds(index, 'jose').sort()).toEqual(['jose', 'plain']);
    expect(searchIds(index, 'JOSÉ').sort()).toEqual(['jose', 'plain']);
    expect(searchIds(index, 'álvarez')).toEqual(['jose']);
    expect(searchIds(index, 'zoe')).toEqual(['zoe']);
    expect(searchIds(index, 'example.org')).toEqual(['zoe']);
    expect(searchIds(index, 'ωμεγα')).toEqual(['greek']);
    expect(searchIds(index, '李')).toEqual(['chinese']);
    expect(searchIds(index, 'nobody')).toEqual([]);
  });

  it('matches phone digits when the query is phone-like with at least 3 digits', () => {
    expect(searchIds(index, '5550101')).toEqual(['jose']);
    // Digits 5550101 are in jose's phone (rule a); every word (555, 010, 1) is in the chinese lead's phone too.
    expect(searchIds(index, '555 010 1').sort()).toEqual(['chinese', 'jose']);
    expect(searchIds(index, '+44 (20) 7946-0958')).toEqual(['zoe']);
    expect(searchIds(index, '555-010').sort()).toEqual(['chinese', 'jose']);
    expect(searchIds(index, '5550109999')).toEqual(['chinese']);
    // Not phone-like (a letter): only the folded substring rule applies.
    expect(searchIds(index, '5550101x')).toEqual([]);
    // Fewer than 3 digits: no digit rule ("50" is in no phone's digits); as words, "5" and "0" are both in three phones.
    expect(searchIds(index, '50')).toEqual([]);
    expect(searchIds(index, '5 0').sort()).toEqual(['chinese', 'jose', 'zoe']);
  });

  it('treats a regular-expression-looking query as plain text', () => {
    const withSymbols = LeadIndex.build([
      { id: 'x', name: 'a.*b (c)' },
      { id: 'y', name: 'axxb' },
    ]);
    expect(searchIds(withSymbols, 'a.*b')).toEqual(['x']);
    expect(searchIds(withSymbols, '(c)')).toEqual(['x']);
    expect(searchIds(withSymbols, '[')).toEqual([]);
  });

  it('leaves search out when empty', () => {
    expect(answer(index, query({ search: '' })).total).toBe(leads.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Searches of ≥ 3 code units read trigram postings (then verify each candidate); these pin that path.

describe('LeadIndex search through the trigram postings', () => {
  const leads: Lead[] = [
    { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', phone: '(555) 010-1234' },
    { id: 'jose', name: 'José Álvarez', email: 'jalvarez@mail.org', phone: '+1 555 010 9876' },
    { id: 'cjk', name: '李雷韩梅梅', email: 'li@example.cn', phone: '010-8888-1234' },
    { id: 'emoji', name: 'Zoë 😀😁 Day', email: null, phone: '555-0123' },
    { id: 'repeat', name: 'aaaaaa', email: 'aaa@aaa.aa', phone: '111 111 1111' },
    { id: 'plain', name: 'Bob', email: 'bob@ann.io' },
  ];
  const index = LeadIndex.build(leads);
  const expectedIds = (search: string) => referenceQuery(leads, query({ search, limit: 1000 })).data.map((lead) => lead.id);
  const sorted = (values: (string | undefined)[]) => [...values].sort();

  it('matches a query of exactly 3 code units, in the sort order', () => {
    expect(sorted(searchIds(index, 'ann'))).toEqual(['ann', 'plain']);
    expect(searchIds(index, 'ANN')).toEqual(expectedIds('ANN'));
    expect(searchIds(index, 'lee')).toEqual(['ann']);
    expect(searchIds(index, 'xyz')).toEqual([]);
    expect(searchIds(index, 'aaa')).toEqual(['repeat']);
  });

  it('folds accents and compatibility forms of the query and the leads alike', () => {
    expect(searchIds(index, 'ÁLVA')).toEqual(['jose']);
    expect(searchIds(index, 'jose álvarez')).toEqual(['jose']);
    expect(searchIds(index, 'ｊｏｓé')).toEqual(['jose']);
    expect(searchIds(index, 'zoe')).toEqual(['emoji']);
  });

  it('never matches a word spanning two fields or two leads; words match in any order', () => {
    // "Ann Lee" + "ann@example.com": the name's end and the email's start are not one text.
    expect(searchIds(index, 'leeann')).toEqual([]);
    expect(searchIds(index, 'lee ann')).toEqual(['ann']);
    expect(searchIds(index, 'lee bob')).toEqual([]);
    expect(searchIds(index, 'com(555')).toEqual([]);
    expect(searchIds(index, '.com555')).toEqual([]);
    // Last field of one lead then first of the next.
    expect(searchIds(index, '1234josé')).toEqual([]);
  });

  it('applies the digit rule to phone-like queries with punctuation', () => {
    expect(searchIds(index, '555-010')).toEqual(expectedIds('555-010'));
    expect(sorted(searchIds(index, '555-010'))).toEqual(['ann', 'jose']);
    expect(searchIds(index, '(010) 1234')).toEqual(['ann']);
    expect(searchIds(index, '88881234')).toEqual(['cjk']);
    expect(searchIds(index, '+1 (555) 0109')).toEqual(['jose']);
    expect(searchIds(index, '111')).toEqual(['repeat']);
    // 555-0123 and (555) 010-1234 (digits 5550101234) both hold 0123.
    expect(sorted(searchIds(index, '0123'))).toEqual(['ann', 'emoji']);
    expect(searchIds(index, '5550123')).toEqual(['emoji']);
    expect(searchIds(index, '999')).toEqual([]);
  });

  it('matches CJK names and surrogate pairs by code units, like the reference', () => {
    expect(searchIds(index, '韩梅梅')).toEqual(['cjk']);
    expect(searchIds(index, '李雷韩')).toEqual(['cjk']);
    expect(searchIds(index, '雷李')).toEqual([]);
    expect(searchIds(index, '😀😁')).toEqual(['emoji']);
    expect(searchIds(index, '😀')).toEqual(['emoji']);
    expect(searchIds(index, ' 😀')).toEqual(['emoji']);
    expect(searchIds(index, '😁😀')).toEqual([]);
    for (const search of ['😀😁', '😀', '😁😀', '\ud83d\ude00', '\ude00\ud83d']) {
      expect(searchIds(index, search)).toEqual(expectedIds(search));
    }
  });

  it('matches nothing for a word longer than every field', () => {
    // Each word is in one of Ann's fields: a match, however long the whole query.
    expect(searchIds(index, 'ann lee ann@example.com (555) 010-1234')).toEqual(['ann']);
    expect(searchIds(index, 'annlee')).toEqual([]);
    expect(searchIds(index, 'a'.repeat(200))).toEqual([]);
    expect(searchIds(index, '5'.repeat(40))).toEqual([]);
  });

  it('answers like the reference on thousands of leads, where common queries take the dense check', async () => {
    const { generateDemoLeads } = await import('../../src/demo-api/generate-leads');
    const many = generateDemoLeads(6000, 11);
    const manyIndex = LeadIndex.build(many);
    const position = (lead: Lead) => many.indexOf(lead);
    const name = many.find((lead) => typeof lead.name === 'string')!.name!;
    const email = many.find((lead) => typeof lead.email === 'string')!.email!;
    const phone = many.find((lead) => typeof lead.phone === 'string')!.phone!;
    const searches = [
      '.com',
      'exam',
      'example',
      'mail',
      'com',
      '555',
      '5550',
      'an',
      'e',
      name.slice(0, 4),
      name.slice(1, 6),
      email.slice(0, 5),
      email.slice(-7),
      phone,
      phone.replace(/\D/g, '').slice(-5),
      'zzzq',
      '@@@',
    ];
    for (const search of searches) {
      for (const archived of [false, true]) {
        const q = query({ search, archived, limit: 50, sort: { field: 'name', descending: false } });
        // Search alone from the reference (its full answer folds every lead seven times per query: too slow here).
        const all = many
          .filter((lead) => (archived || lead.archived !== true) && matchesSearch(lead, search))
          .sort(referenceCompare(q.sort));
        const actual = answer(manyIndex, q);
        expect(actual.total, search).toBe(all.length);
        expect(actual.dataJson).toEqual(all.slice(0, 50).map(json));
        expect(matching(manyIndex, q).map(position)).toEqual(all.map(position));
      }
    }
  });

  it('checks every candidate of a common trigram pair, in one field, when candidates are many', () => {
    // Every lead holds the trigrams "abc" and "bcd"; only a third hold "abcd" within one field.
    const shapes = [
      { name: 'xabcdx', email: 'q@q.q' },
      { name: 'abc bcd', email: 'q@q.q' },
      { name: 'zz abc', email: 'bcd@q.q' },
    ];
    const common: Lead[] = Array.from({ length: 9000 }, (_, i) => ({ id: `l${i}`, ...shapes[i % 3] }));
    const commonIndex = LeadIndex.build(common);
    const result = answer(commonIndex, query({ search: 'ABCD', limit: 5 }));
    expect(result.total).toBe(3000);
    expect(matching(commonIndex, query({ search: 'abcd' })).every((lead) => lead.name === 'xabcdx')).toBe(true);
    expect(answer(commonIndex, query({ search: 'abc bcd' })).total).toBe(9000); // two words, each in every lead
    expect(answer(commonIndex, query({ search: 'abcbcd' })).total).toBe(0);
  });

  it('answers like the reference for ≥ 3-unit fragments of the leads’ own fields (property)', () => {
    const fragmentCase = fc.array(leadArb, { minLength: 1, maxLength: 30 }).chain((leadSet) => {
      const fields = leadSet
        .flatMap((lead) => [lead.name, lead.email, lead.phone])
        .filter((field): field is string => typeof field === 'string' && field.length >= 3);
      const fragment =
        fields.length === 0
          ? fc.string({ minLength: 3, maxLength: 6 })
          : fc
              .tuple(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 3, max: 8 }), fc.boolean())
              .map(([field, from, length, upper]) => {
                const start = from % Math.max(1, field.length - 2);
                const piece = field.slice(start, start + length);
                return upper ? piece.toUpperCase() : piece;
              });
      // Pieces of two fields joined: must match only where one field holds the whole.
      const spanning = fc.tuple(fragment, fragment).map(([a, b]) => a.slice(-2) + b.slice(0, 2));
      return fc.tuple(fc.constant(leadSet), fc.array(fc.oneof(fragment, fragment, spanning), { minLength: 1, maxLength: 8 }));
    });
    fc.assert(
      fc.property(fragmentCase, ([leadSet, searches]) => {
        const fragmentIndex = LeadIndex.build(leadSet);
        for (const search of searches) {
          const q = query({ search, archived: true, limit: 1000 });
          expect(answer(fragmentIndex, q).dataJson).toEqual(referenceQuery(leadSet, q).data.map(json));
        }
      }),
      { numRuns: 300 },
    );
  });
});
