// The range grammar of docs/api.md §4: `A..B`, `A..`, `..B` (both bounds inclusive) or `(none)` alone.
// Date bounds stay symbolic (`today-1` is kept as "today minus one day", not an instant) so a bookmark
// means "overdue for whoever opens it"; zoned-time.ts turns them into instants per request.
import type { ParamCodec, ParamResult } from '../lead-query';
import { daysFromCivil, daysInMonth, formatCivilDay, MS_PER_DAY, parseCivilDay } from './civil-day';
import { NONE_TOKEN, QUERY_V2_LIMITS } from './params';

export interface NumberBound {
  value: number;
  /** Canonical decimal text (`007.50` → `7.5`): never an exponent, so it reads back with the same grammar. */
  text: string;
}

export type DateBound =
  /** A calendar day (days since 1970-01-01): the whole day in `tz`. */
  | { kind: 'day'; day: number }
  /** today + offset days in `tz` (offset < 0 for `today-N`): the whole day. */
  | { kind: 'today'; offset: number }
  /** Exactly this instant (ms since the epoch, sub-millisecond digits dropped). */
  | { kind: 'instant'; ms: number };

/** `none`: only leads with no value. `bounds`: at least one bound is non-null. */
export type Range<B> = { kind: 'none' } | { kind: 'bounds'; lower: B | null; upper: B | null };
export type NumberRange = Range<NumberBound>;
export type DateRange = Range<DateBound>;

const ok = <T>(value: T): ParamResult<T> => ({ ok: true, value });
const fail = <T>(message: string): ParamResult<T> => ({ ok: false, message });

const NUMBER_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parseNumberBound(text: string): NumberBound | null {
  const match = NUMBER_PATTERN.exec(text);
  if (match === null) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  const integer = (match[2] as string).replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  // -0 and 0 are the same bound: one canonical text.
  return value === 0 ? { value: 0, text: magnitude } : { value, text: (match[1] ?? '') + magnitude };
}

// `+` turns into a space when a query string is decoded, so `today+7` and `…+01:00` typed into a URL
// arrive as `today 7` and `… 01:00`; a space in those places can only mean `+`.
const TODAY_PATTERN = /^today(?:([+ -])(\d{1,4}))?$/;
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+ -])(\d{2})(?::?(\d{2}))?)$/;
const MIN_INSTANT_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
const END_INSTANT_MS = daysFromCivil(10000, 1, 1) * MS_PER_DAY;

function parseInstant(text: string): number | null {
  const m = INSTANT_PATTERN.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? '0');
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(m[9] ?? '0');
  const offsetMinutes = Number(m[10] ?? '0');
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const offsetMs = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMs;
  // Keeps the canonical `toISOString()` text in the four-digit-year form this grammar reads back.
  return ms >= MIN_INSTANT_MS && ms < END_INSTANT_MS ? ms : null;
}

export function parseDateBound(text: string): DateBound | null {
  const today = TODAY_PATTERN.exec(text);
  if (today !== null) {
    const n = Number(today[2] ?? '0');
    if (n > QUERY_V2_LIMITS.relativeDaysMax) return null;
    return { kind: 'today', offset: today[1] === '-' ? -n || 0 : n };
  }
  const day = parseCivilDay(text);
  if (day !== null) return { kind: 'day', day };
  const ms = parseInstant(text);
  return ms === null ? null : { kind: 'instant', ms };
}

export function formatNumberBound(bound: NumberBound): string {
  return bound.text;
}

export function formatDateBound(bound: DateBound): string {
  if (bound.kind === 'day') return formatCivilDay(bound.day);
  if (bound.kind === 'instant') return new Date(bound.ms).toISOString();
  if (bound.offset === 0) return 'today';
  return bound.offset > 0 ? `today+${bound.offset}` : `today${bound.offset}`;
}

/**
 * Whether lower > upper can be told from the text alone (same kind of bound). Mixed kinds (a day
 * against `today` or an instant) depend on `tz` and `now`: resolveDateRange checks those.
 */
function dateBoundsInverted(lower: DateBound, upper: DateBound): boolean {
  if (lower.kind === 'day' && upper.kind === 'day') return lower.day > upper.day;
  if (lower.kind === 'today' && upper.kind === 'today') return lower.offset > upper.offset;
  if (lower.kind === 'instant' && upper.kind === 'instant') return lower.ms > upper.ms;
  return false;
}

interface BoundGrammar<B> {
  parse(text: string): B | null;
  inverted(lower: B, upper: B): boolean;
  /** What a bound must look like, for the 400 message. */
  describe: string;
}

function parseRange<B>(raw: string, param: string, grammar: BoundGrammar<B>): ParamResult<Range<B>> {
  const text = raw.trim();
  if (text.length > QUERY_V2_LIMITS.rangeMaxLength) return fail(`${param} must be at most ${QUERY_V2_LIMITS.rangeMaxLength} characters`);
  if (text === NONE_TOKEN) return ok({ kind: 'none' });
  const separator = text.indexOf('..');
  if (separator === -1 || (separator === 0 && text.length === 2))
    return fail(`${param} must be A..B, A.. or ..B (bounds inclusive), or ${NONE_TOKEN}`);
  const lowerText = text.slice(0, separator);
  const upperText = text.slice(separator + 2);
  const lower = lowerText === '' ? null : grammar.parse(lowerText);
  const upper = upperText === '' ? null : grammar.parse(upperText);
  if (lowerText !== '' && lower === null) return fail(`${param} has a malformed lower bound: ${grammar.describe}`);
  if (upperText !== '' && upper === null) return fail(`${param} has a malformed upper bound: ${grammar.describe}`);
  if (lower !== null && upper !== null && grammar.inverted(lower, upper)) return fail(`${param} has its lower bound after its upper bound`);
  return ok({ kind: 'bounds', lower, upper });
}

const numberGrammar: BoundGrammar<NumberBound> = {
  parse: parseNumberBound,
  inverted: (lower, upper) => lower.value > upper.value,
  describe: 'a number like 10, -2 or 0.5',
};

const dateGrammar: BoundGrammar<DateBound> = {
  parse: parseDateBound,
  inverted: dateBoundsInverted,
  describe: `a day YYYY-MM-DD, today, today+N or today-N (N ≤ ${QUERY_V2_LIMITS.relativeDaysMax}), or an ISO-8601 instant with Z or an offset`,
};

/** Strict: the range, or a message naming `param` (the server's 400). */
export function parseNumberRange(raw: string, param: string): ParamResult<NumberRange> {
  return parseRange(raw, param, numberGrammar);
}

export function parseDateRange(raw: string, param: string): ParamResult<DateRange> {
  return parseRange(raw, param, dateGrammar);
}

function formatRange<B>(range: Range<B>, formatBound: (bound: B) => string): string {
  if (range.kind === 'none') return NONE_TOKEN;
  return `${range.lower === null ? '' : formatBound(range.lower)}..${range.upper === null ? '' : formatBound(range.upper)}`;
}

export const formatNumberRange = (range: NumberRange): string => formatRange(range, formatNumberBound);
export const formatDateRange = (range: DateRange): string => formatRange(range, formatDateBound);

function rangeCodec<B>(parse: (raw: string) => ParamResult<Range<B>>, format: (range: Range<B>) => string): ParamCodec<Range<B> | null> {
  return {
    defaultValue: null,
    parse: (raw) => parse(raw),
    // Lenient: a malformed or inverted range is dropped, never half-applied.
    coerce(raw) {
      const result = parse(raw.replace(/\s*\.\.\s*/, '..'));
      return result.ok ? result.value : null;
    },
    serialize: (range) => (range === null ? '' : format(range)),
    equals: (a, b) => (a === null || b === null ? a === b : format(a) === format(b)),
  };
}

/** Codecs in the style of lead-query.ts: `null` is "no range" (the default, left out of URLs). */
export const numberRangeCodec = (param: string) => rangeCodec((raw) => parseNumberRange(raw, param), formatNumberRange);
export const dateRangeCodec = (param: string) => rangeCodec((raw) => parseDateRange(raw, param), formatDateRange);
