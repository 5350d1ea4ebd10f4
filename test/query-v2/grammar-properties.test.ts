// Properties of the whole v2 grammar (fast-check): on any input the strict parsers never throw and give a
// value or a message naming their param; what they accept formats back to text they read the same way;
// the lenient readers never throw and give only values the strict parser accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParamCodec, ParamResult } from '../../src/shared/lead-query';
import { facetListCodec } from '../../src/shared/query-v2/facet-list';
import { sortKeysCodec } from '../../src/shared/query-v2/multi-sort';
import { dateRangeCodec, numberRangeCodec } from '../../src/shared/query-v2/range';
import { searchV2Codec } from '../../src/shared/query-v2/search-words';
import { resolveDateRange, tzCodec } from '../../src/shared/query-v2/zoned-time';

const FIELDS = ['name', 'priority', 'created_at', 'follow_up_date', 'projected_value'] as const;

const number = fc.oneof(
  fc.stringMatching(/^-?\d{1,6}(\.\d{1,4})?$/),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('0', '-0', '00.10', '1e5', '.5', '5.', '+1', '--1', 'Infinity', '9'.repeat(400)),
);
const date = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.integer({ min: -4000, max: 4000 }).map((n) => (n === 0 ? 'today' : n > 0 ? `today+${n}` : `today${n}`)),
  fc
    .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom('Z', '+01:00', '-05:30', ' 14:00', '+2400', 'z', ''))
    .map(([d, zone]) => d.toISOString().slice(0, 19) + zone),
  fc.constantFrom('today 7', 'today+', 'Today', '2026-02-30', '2026-12-01T25:00:00Z', '(none)', ''),
);
const junk = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('..', '...', '(none)', '(none)..', ' .. ', ',', '-'));
const rangeText = (bound: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.tuple(fc.oneof(bound, fc.constant('')), fc.oneof(bound, fc.constant(''))).map(([a, b]) => `${a}..${b}`),
    junk,
  );
const listText = fc.oneof(
  fc
    .array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('(none)', ' ', '', 'x'.repeat(201))), { maxLength: 60 })
    .map((v) => v.join(',')),
  junk,
);
const sortText = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom('', '-', '--', ' '), fc.constantFrom(...FIELDS, 'tags', '', 'Name')), { maxLength: 5 })
    .map((keys) => keys.map(([p, f]) => p + f).join(',')),
  junk,
);
const searchText = fc.oneof(
  fc.array(fc.string({ maxLength: 12 }), { maxLength: 14 }).map((w) => w.join(' ')),
  junk,
);
const tzText = fc.oneof(fc.constantFrom(...Intl.supportedValuesOf('timeZone'), 'utc', 'Mars/Base', '+05:00', 'Etc/GMT+99'), junk);

/** [param name, codec, inputs]: every grammar of docs/api.md §4. */
const GRAMMARS: [string, ParamCodec<unknown>, fc.Arbitrary<string>][] = [
  ['projected_value', numberRangeCodec('projected_value'), rangeText(number)],
  ['follow_up_date', dateRangeCodec('follow_up_date'), rangeText(date)],
  ['assigned_to', facetListCodec('assigned_to'), listText],
  ['sort', sortKeysCodec(FIELDS, [{ field: 'created_at', descending: true }]), sortText],
  ['search', searchV2Codec, searchText],
  ['tz', tzCodec, tzText],
];

const isNamedResult = (param: string, result: ParamResult<unknown>) =>
  result.ok || (typeof result.message === 'string' && result.message.startsWith(`${param} `));

describe.each(GRAMMARS)('the %s grammar', (param, codec, input) => {
  it('strict: never throws; a value, or a message naming the param', () => {
    fc.assert(
      fc.property(input, (raw) => {
        expect(isNamedResult(param, codec.parse(raw))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('strict: an accepted value formats to text read back as the same value', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const result = codec.parse(raw);
        if (!result.ok) return;
        const again = codec.parse(codec.serialize(result.value));
        expect(again.ok && codec.equals(again.value, result.value)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('lenient: never throws; keeps only what the strict parser accepts', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const value = codec.coerce(raw);
        if (value === null) return;
        const text = codec.serialize(value);
        // '' is how an empty (= default) list or search is written: no param at all.
        if (text !== '') expect(codec.parse(text).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('date range resolution', () => {
  it('never throws for any accepted range, zone and instant; errors name the param or tz', () => {
    const codec = dateRangeCodec('created_at');
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        rangeText(date),
        fc.constantFrom(...zones, 'Nowhere/Land'),
        fc.integer({ min: -8.64e15 / 2, max: 8.64e15 / 2 }),
        (raw, tz, now) => {
          const parsed = codec.parse(raw);
          if (!parsed.ok || parsed.value === null) return;
          const result = resolveDateRange(parsed.value, 'created_at', tz, now);
          if (!result.ok) expect(['created_at', 'tz']).toContain(result.param);
          else if (result.value.kind === 'between')
            expect(Number.isNaN(result.value.startMs) || Number.isNaN(result.value.endMs)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
