// The range grammar of docs/api.md §4: number and date bounds, (none), inverted bounds, strict vs lenient.
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/shared/query-v2/civil-day';
import {
  dateRangeCodec,
  formatDateRange,
  formatNumberRange,
  numberRangeCodec,
  parseDateBound,
  parseDateRange,
  parseNumberBound,
  parseNumberRange,
} from '../../src/shared/query-v2/range';

const day = (text: string) => {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return { kind: 'day', day: daysFromCivil(y, m, d) };
};

describe('number ranges', () => {
  it('reads A..B, A.. and ..B with inclusive bounds and canonical text', () => {
    expect(parseNumberRange('10..20', 'projected_value')).toEqual({
      ok: true,
      value: { kind: 'bounds', lower: { value: 10, text: '10' }, upper: { value: 20, text: '20' } },
    });
    expect(parseNumberRange('10000..', 'projected_value')).toMatchObject({ ok: true, value: { lower: { value: 10000 }, upper: null } });
    expect(parseNumberRange('..-2.5', 'value_score')).toMatchObject({ ok: true, value: { lower: null, upper: { value: -2.5 } } });
    expect(parseNumberRange(' 5..5 ', 'value_score')).toMatchObject({ ok: true, value: { lower: { value: 5 }, upper: { value: 5 } } });
    expect(parseNumberBound('007.50')).toEqual({ value: 7.5, text: '7.5' });
    expect(parseNumberBound('-0.000')).toEqual({ value: 0, text: '0' });
    expect(parseNumberBound('1000000000000000000000')).toEqual({ value: 1e21, text: '1000000000000000000000' });
  });

  it('reads (none) alone', () => {
    expect(parseNumberRange('(none)', 'projected_value')).toEqual({ ok: true, value: { kind: 'none' } });
  });

  it.each([
    '',
    '..',
    '5',
    '1.5.',
    '.5..',
    '5...6',
    '+5..',
    '1e3..',
    '1,5..',
    '0x10..',
    '..(none)',
    '(none)..',
    'NaN..',
    '1..2..3',
    ' 1 ..2',
    '1'.repeat(400) + '..',
  ])('refuses %j with a message naming the param', (raw) => {
    const result = parseNumberRange(raw, 'projected_value');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^projected_value /);
  });

  it('refuses a lower bound above the upper one', () => {
    expect(parseNumberRange('20..10', 'value_score')).toEqual({
      ok: false,
      message: 'value_score has its lower bound after its upper bound',
    });
    expect(parseNumberRange('-1..-2', 'value_score').ok).toBe(false);
  });

  it('formats back to text that parses to the same range', () => {
    for (const raw of ['010..20.50', '-3..', '..0', '(none)'])
      for (const result of [parseNumberRange(raw, 'p')])
        if (result.ok) expect(parseNumberRange(formatNumberRange(result.value), 'p')).toEqual(result);
    const parsed = parseNumberRange('010..20.50', 'p');
    expect(parsed.ok && formatNumberRange(parsed.value)).toBe('10..20.5');
  });
});

describe('date bounds', () => {
  it('reads a calendar day, validated', () => {
    expect(parseDateBound('2026-12-01')).toEqual(day('2026-12-01'));
    expect(parseDateBound('2024-02-29')).toEqual(day('2024-02-29'));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01', '2026-1-01', '26-01-01', '2026/01/01'])
      expect(parseDateBound(bad)).toBeNull();
  });

  it('reads today, today+N and today-N with 0 ≤ N ≤ 3660, and a decoded + (space) as +', () => {
    expect(parseDateBound('today')).toEqual({ kind: 'today', offset: 0 });
    expect(parseDateBound('today+7')).toEqual({ kind: 'today', offset: 7 });
    expect(parseDateBound('today 7')).toEqual({ kind: 'today', offset: 7 });
    expect(parseDateBound('today-1')).toEqual({ kind: 'today', offset: -1 });
    expect(parseDateBound('today-0')).toEqual({ kind: 'today', offset: 0 });
    expect(parseDateBound('today+3660')).toEqual({ kind: 'today', offset: 3660 });
    for (const bad of ['today+3661', 'today-99999', 'Today', 'today+', 'today++1', 'today+1.5', 'today+-1', 'tomorrow', 'today  1'])
      expect(parseDateBound(bad)).toBeNull();
  });

  it('reads an ISO-8601 instant with Z or an offset, as exactly that instant', () => {
    expect(parseDateBound('2026-12-01T10:00:00Z')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 11, 1, 10) });
    expect(parseDateBound('2026-12-01T10:00:00.123456Z')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 11, 1, 10, 0, 0, 123) });
    expect(parseDateBound('2026-12-01T10:00+01:00')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 11, 1, 9) });
    expect(parseDateBound('2026-12-01T10:00:00 05:30')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 11, 1, 4, 30) });
    expect(parseDateBound('2026-12-01T10:00:00-0330')).toEqual({ kind: 'instant', ms: Date.UTC(2026, 11, 1, 13, 30) });
    expect(parseDateBound('2026-12-31T23:30:00-01:00')).toEqual({ kind: 'instant', ms: Date.UTC(2027, 0, 1, 0, 30) });
    for (const bad of [
      '2026-12-01T10:00:00', // no zone: ambiguous
      '2026-12-01 10:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01T10:60:00Z',
      '2026-12-01T10:00:60Z',
      '2026-02-30T10:00:00Z',
      '2026-12-01T10:00:00+24:00',
      '2026-12-01T10:00:00.Z',
      '2026-12-01T10Z',
      '9999-12-31T23:00:00-05:00', // past year 9999 in UTC
    ])
      expect(parseDateBound(bad)).toBeNull();
  });
});

describe('date ranges', () => {
  it('reads the examples of docs/api.md §4', () => {
    expect(parseDateRange('..today-1', 'follow_up_date')).toEqual({
      ok: true,
      value: { kind: 'bounds', lower: null, upper: { kind: 'today', offset: -1 } },
    });
    expect(parseDateRange('today..today', 'follow_up_date').ok).toBe(true);
    expect(parseDateRange('today..today+7', 'follow_up_date').ok).toBe(true);
    expect(parseDateRange('today-6..', 'created_at').ok).toBe(true);
    expect(parseDateRange('(none)', 'archived_at')).toEqual({ ok: true, value: { kind: 'none' } });
  });

  it('refuses bounds of the same kind in the wrong order, naming the param', () => {
    for (const raw of ['2026-12-02..2026-12-01', 'today+1..today', '2026-12-01T10:00:01Z..2026-12-01T10:00:00Z'])
      expect(parseDateRange(raw, 'created_at')).toEqual({ ok: false, message: 'created_at has its lower bound after its upper bound' });
    // Mixed kinds depend on tz and now: resolveDateRange decides (zoned-time.test.ts).
    expect(parseDateRange('2999-01-01..today', 'created_at').ok).toBe(true);
  });

  it('names the param and the bad side', () => {
    expect(parseDateRange('yesterday..', 'follow_up_date')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^follow_up_date has a malformed lower bound/),
    });
    expect(parseDateRange('..2026-02-30', 'created_at')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^created_at has a malformed upper bound/),
    });
    expect(parseDateRange('today', 'created_at')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^created_at must be A\.\.B/),
    });
  });

  it('formats canonically: days, today±N, instants in UTC', () => {
    const format = (raw: string) => {
      const result = parseDateRange(raw, 'created_at');
      return result.ok ? formatDateRange(result.value) : null;
    };
    expect(format('today-0..today+007')).toBe('today..today+7');
    expect(format('2026-12-01T10:00+01:00..2026-12-31')).toBe('2026-12-01T09:00:00.000Z..2026-12-31');
    expect(format('today 3..')).toBe('today+3..');
  });
});

describe('range codecs (strict for the server, lenient for the SPA URL)', () => {
  it('strict: the value or the error; lenient: the value, tolerating spaces around .., or dropped', () => {
    const codec = dateRangeCodec('follow_up_date');
    expect(codec.defaultValue).toBeNull();
    expect(codec.parse('today .. today+1').ok).toBe(false);
    expect(codec.coerce('today .. today+1')).toEqual({
      kind: 'bounds',
      lower: { kind: 'today', offset: 0 },
      upper: { kind: 'today', offset: 1 },
    });
    expect(codec.coerce('today+1..today')).toBeNull();
    expect(codec.coerce('garbage')).toBeNull();
    const numbers = numberRangeCodec('projected_value');
    const a = numbers.coerce('10.0..');
    const b = numbers.coerce('10..');
    expect(a !== null && b !== null && numbers.equals(a, b)).toBe(true);
    expect(numbers.equals(null, null)).toBe(true);
    expect(numbers.equals(a, null)).toBe(false);
    expect(numbers.serialize(a)).toBe('10..');
  });
});
