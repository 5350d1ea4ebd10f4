// Multi-sort keys and facet value lists with (none) (docs/api.md §4).
import { describe, expect, it } from 'vitest';
import { coerceFacetList, facetListCodec, formatFacetList, isEmptySelection, parseFacetList } from '../../src/shared/query-v2/facet-list';
import { coerceSortKeys, formatSortKeys, parseSortKeys, sortKeysCodec } from '../../src/shared/query-v2/multi-sort';

const FIELDS = ['name', 'priority', 'follow_up_date', 'created_at', 'projected_value'] as const;

describe('multi-sort', () => {
  it('reads up to 3 keys, each field or -field', () => {
    expect(parseSortKeys('-priority,follow_up_date', FIELDS)).toEqual({
      ok: true,
      value: [
        { field: 'priority', descending: true },
        { field: 'follow_up_date', descending: false },
      ],
    });
    expect(parseSortKeys(' name , -created_at,projected_value ', FIELDS)).toMatchObject({
      ok: true,
      value: [{ field: 'name' }, { field: 'created_at', descending: true }, { field: 'projected_value' }],
    });
  });

  it.each([
    ['name,created_at,priority,projected_value', 'sort takes at most 3 comma-separated keys'],
    ['name,-name', 'sort names name more than once'],
    ['priority,priority', 'sort names priority more than once'],
    ['', 'sort keys must be one of name, priority, follow_up_date, created_at, projected_value, optionally prefixed with -'],
    ['name,', 'sort keys must be one of'],
    ['--name', 'sort keys must be one of'],
    ['+name', 'sort keys must be one of'],
    ['Name', 'sort keys must be one of'],
    ['tags', 'sort keys must be one of'],
    [',,,,,,,,,,,,,,,,,,,,,,,,,,,', 'sort takes at most 3'],
  ])('refuses %j: %s', (raw, message) => {
    const result = parseSortKeys(raw, FIELDS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(message)).toBe(true);
  });

  it('leniently drops unknown, empty and repeated keys and keeps the first 3', () => {
    expect(coerceSortKeys('bogus,-name,,name,priority,created_at,projected_value', FIELDS)).toEqual([
      { field: 'name', descending: true },
      { field: 'priority', descending: false },
      { field: 'created_at', descending: false },
    ]);
    expect(coerceSortKeys('bogus,,', FIELDS)).toBeNull();
  });

  it('formats back and compares by text', () => {
    const codec = sortKeysCodec(FIELDS, [{ field: 'created_at', descending: true }]);
    const parsed = codec.parse('-priority,follow_up_date');
    expect(parsed.ok && codec.serialize(parsed.value)).toBe('-priority,follow_up_date');
    expect(codec.equals(codec.defaultValue, [{ field: 'created_at', descending: true }])).toBe(true);
    expect(formatSortKeys([])).toBe('');
  });
});

describe('facet lists', () => {
  it('trims, drops empty values, keeps each value once in the given order, and lifts out (none)', () => {
    expect(parseFacetList(' u_alex ,(none),,u_bo,u_alex, ', 'assigned_to')).toEqual({
      ok: true,
      value: { values: ['u_alex', 'u_bo'], none: true },
    });
    expect(parseFacetList('high', 'priority')).toEqual({ ok: true, value: { values: ['high'], none: false } });
    expect(parseFacetList(' , ,', 'tags')).toEqual({ ok: true, value: { values: [], none: false } });
    // Only the exact token means "no value".
    expect(parseFacetList('(None),( none )', 'tags')).toEqual({ ok: true, value: { values: ['(None)', '( none )'], none: false } });
  });

  it('accepts 50 distinct values, (none) counted, and refuses the 51st', () => {
    const fifty = Array.from({ length: 49 }, (_, i) => `t${i}`).concat('(none)');
    expect(parseFacetList(fifty.join(','), 'tags')).toMatchObject({ ok: true, value: { none: true } });
    expect(parseFacetList([...fifty, 'one-more'].join(','), 'tags')).toEqual({ ok: false, message: 'tags accepts at most 50 values' });
    // Duplicates are kept once, but the cap counts values as given (it is checked before de-duplicating).
    expect(parseFacetList(Array(50).fill('solar').join(','), 'tags')).toEqual({ ok: true, value: { values: ['solar'], none: false } });
    expect(parseFacetList(Array(51).fill('solar').join(','), 'tags')).toEqual({ ok: false, message: 'tags accepts at most 50 values' });
  });

  it('stops splitting at the 51st value (a megabyte of values costs little)', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => `v${i}`).join(',');
    const started = performance.now();
    expect(parseFacetList(huge, 'lead_source')).toEqual({ ok: false, message: 'lead_source accepts at most 50 values' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses a value over 200 characters, naming the param', () => {
    expect(parseFacetList('a'.repeat(201), 'service_type')).toEqual({
      ok: false,
      message: 'service_type values must be at most 200 characters',
    });
  });

  it('leniently drops over-long values and keeps the first 50', () => {
    const values = coerceFacetList(['x'.repeat(201), ...Array.from({ length: 60 }, (_, i) => `v${i}`)].join(','));
    expect(values.values).toHaveLength(50);
    expect(values.values[0]).toBe('v0');
    expect(coerceFacetList('(none)')).toEqual({ values: [], none: true });
  });

  it('formats canonically with (none) last; empty is the default', () => {
    const codec = facetListCodec('assigned_to');
    expect(formatFacetList({ values: ['u_alex'], none: true })).toBe('u_alex,(none)');
    const a = codec.parse('(none),u_alex');
    const b = codec.parse('u_alex,(none)');
    expect(a.ok && b.ok && codec.equals(a.value, b.value)).toBe(true);
    expect(isEmptySelection(codec.defaultValue)).toBe(true);
    expect(isEmptySelection({ values: [], none: true })).toBe(false);
  });
});
