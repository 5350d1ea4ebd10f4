// Search v2 (docs/api.md §4): words in any order across eight fields, the phone rule with country codes.
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { compileSearch, leadMatchesSearch } from '../../src/server/query-v2/compile-search';
import {
  coerceSearch,
  matchesPhoneRule,
  parseSearch,
  phoneQueryDigits,
  phoneSuffixKeys,
  significantPhoneDigits,
  splitSearchWords,
} from '../../src/shared/query-v2/search-words';

describe('search words', () => {
  it('splits on any white space; at most 10 words', () => {
    expect(splitSearchWords('mcallister\tsarah\u00a0 pine')).toEqual(['mcallister', 'sarah', 'pine']);
    expect(splitSearchWords('')).toEqual([]);
    expect(parseSearch('  one two three four five six seven eight nine ten ')).toEqual({
      ok: true,
      value: 'one two three four five six seven eight nine ten',
    });
    expect(parseSearch('1 2 3 4 5 6 7 8 9 10 11')).toEqual({ ok: false, message: 'search accepts at most 10 words' });
    expect(parseSearch('x'.repeat(201))).toEqual({ ok: false, message: 'search must be at most 200 characters' });
  });

  it('leniently keeps what was typed up to the 10th word and 200 characters', () => {
    expect(coerceSearch('1 2  3 4 5 6 7 8 9 10 11 12')).toBe('1 2  3 4 5 6 7 8 9 10');
    expect(coerceSearch('  Pine   Dr  ')).toBe('Pine   Dr');
    expect(coerceSearch('y'.repeat(300))).toHaveLength(200);
  });
});

describe('phone rule', () => {
  it('applies to queries of digits, spaces and + ( ) . - with at least 3 digits', () => {
    expect(phoneQueryDigits('+1 (555) 016-8557')).toBe('15550168557');
    expect(phoneQueryDigits('555.0101')).toBe('5550101');
    expect(phoneQueryDigits('12')).toBeNull();
    expect(phoneQueryDigits('555 main')).toBeNull();
    expect(phoneQueryDigits('５５５１２３')).toBeNull(); // full-width digits are not ASCII digits
  });

  it('(a) query digits inside the phone digits; (b) the phone significant digits (≥ 7) ending the query digits', () => {
    expect(matchesPhoneRule('(555) 016-8557', '5550168')).toBe(true); // (a)
    expect(matchesPhoneRule('5550168557', '15550168557')).toBe(true); // (b), docs/api.md example
    expect(matchesPhoneRule('020 7946 0355', '442079460355')).toBe(true); // (b), leading zero dropped
    expect(matchesPhoneRule('016-8557', '15550168557')).toBe(false); // 7 digits but leading zero: 6 significant
    expect(matchesPhoneRule('216-8557', '15552168557')).toBe(true); // exactly 7 significant digits
    expect(matchesPhoneRule('5550168557', '5550168558')).toBe(false);
    expect(matchesPhoneRule(null, '5550168557')).toBe(false);
    expect(significantPhoneDigits('00 123 456')).toBeNull();
    expect(significantPhoneDigits('+1 555-016-8557')).toBe('15550168557');
  });

  it('lists the suffixes an index can look up for rule (b)', () => {
    expect(phoneSuffixKeys('442079460355')).toEqual(['442079460355', '42079460355', '2079460355', '79460355', '9460355']);
    expect(phoneSuffixKeys('1020304')).toEqual(['1020304']);
    expect(phoneSuffixKeys('0123456')).toEqual([]);
    expect(phoneSuffixKeys('123456')).toEqual([]);
    // The same leads as rule (b): significant digits that end the query's digits.
    const query = '442079460355';
    for (const phone of ['020 7946 0355', '2079460355', '79460355', '9460355', '946035', '1 946 0355']) {
      const significant = significantPhoneDigits(phone);
      expect(significant !== null && phoneSuffixKeys(query).includes(significant)).toBe(
        significant !== null && query.endsWith(significant),
      );
    }
  });
});

describe('compiled search (server, folded with the index foldText)', () => {
  const lead: Lead = {
    id: 'a',
    name: 'Sarah McAllister',
    email: 'sarah@example.com',
    phone: '(555) 016-8557',
    notes: 'Asked about solar; call after 5',
    property_street1: '12 Pine Dr',
    property_street2: null,
    property_city: 'Sacramento',
    property_zip: '95804',
    stage: 'Won',
  };

  it('finds every example of issue 11 that found nothing before', () => {
    for (const search of ['Sacramento', '95804', 'Pine Dr', 'mcallister sarah', '+15550168557', '+1 (555) 016-8557', 'SOLAR call'])
      expect([search, leadMatchesSearch(compileSearch(search)!, lead)]).toEqual([search, true]);
  });

  it('needs every word, each in some field; stage and other fields are not searched', () => {
    expect(leadMatchesSearch(compileSearch('sarah boston')!, lead)).toBe(false);
    expect(leadMatchesSearch(compileSearch('won')!, lead)).toBe(false);
  });

  it('folds accents and case, dedupes words, and has no search for blank text', () => {
    expect(compileSearch('  ')).toBeNull();
    expect(compileSearch('José JOSE jose')).toEqual({ words: ['jose'], phoneDigits: null });
    expect(leadMatchesSearch(compileSearch('SÁRAH')!, lead)).toBe(true);
    expect(compileSearch('555 0168')).toEqual({ words: ['555', '0168'], phoneDigits: '5550168' });
  });
});
