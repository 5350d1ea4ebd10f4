// Search v2 of docs/api.md §4, the parts both sides need: the word grammar (≤ 10 white-space separated words,
// ≤ 200 characters as in §2) and the phone rule, which works on ASCII digits only and so needs no folding.
// Folding the words is the server's (src/server/query-v2/compile-search.ts, with the index's foldText).
import type { ParamCodec, ParamResult } from '../lead-query';
import { QUERY_V2_LIMITS } from './params';

/** The lead fields every search word is looked for in (a word matches if it is in any one of them). */
export const SEARCH_FIELDS = [
  'name',
  'email',
  'phone',
  'notes',
  'property_street1',
  'property_street2',
  'property_city',
  'property_zip',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

const WHITE_SPACE = /\s+/u;

/** The words of an already trimmed search ('' → none). */
export function splitSearchWords(text: string): string[] {
  return text === '' ? [] : text.split(WHITE_SPACE);
}

/** Strict: the trimmed text, or a message naming `search`. */
export function parseSearch(raw: string): ParamResult<string> {
  const text = raw.trim();
  if (text.length > QUERY_V2_LIMITS.searchMaxLength)
    return { ok: false, message: `search must be at most ${QUERY_V2_LIMITS.searchMaxLength} characters` };
  if (splitSearchWords(text).length > QUERY_V2_LIMITS.searchMaxWords)
    return { ok: false, message: `search accepts at most ${QUERY_V2_LIMITS.searchMaxWords} words` };
  return { ok: true, value: text };
}

/** Lenient: cut to 200 characters, then after the 10th word (what the user typed, never re-spaced). */
export function coerceSearch(raw: string): string {
  const text = raw.trim().slice(0, QUERY_V2_LIMITS.searchMaxLength).trimEnd();
  const words = /\S+/gu;
  let end = text.length;
  for (let count = 0; words.exec(text) !== null; ) {
    count += 1;
    if (count === QUERY_V2_LIMITS.searchMaxWords) {
      end = words.lastIndex;
      break;
    }
  }
  return text.slice(0, end);
}

export const searchV2Codec: ParamCodec<string> = {
  defaultValue: '',
  parse: parseSearch,
  coerce: coerceSearch,
  serialize: (value) => value,
  equals: (a, b) => a === b,
};

const PHONE_LIKE = /^[0-9\s+().-]+$/u;
const NON_DIGITS = /[^0-9]/g;
const MIN_QUERY_DIGITS = 3;
/** Rule (b): at least this many phone digits (leading zeros not counted) must end the query's digits. */
export const MIN_PHONE_SUFFIX_DIGITS = 7;

/**
 * The query's digits when the phone rule applies (the whole trimmed query is digits, white space and
 * `+ ( ) . -`, with ≥ 3 digits), else null.
 */
export function phoneQueryDigits(search: string): string | null {
  if (!PHONE_LIKE.test(search)) return null;
  const digits = search.replace(NON_DIGITS, '');
  return digits.length >= MIN_QUERY_DIGITS ? digits : null;
}

/** The ASCII digits of a phone value ('' when it is not a string). */
export function phoneDigits(phone: unknown): string {
  return typeof phone === 'string' ? phone.replace(NON_DIGITS, '') : '';
}

/** A phone's digits without leading zeros, when ≥ 7 are left (what rule (b) compares), else null. */
export function significantPhoneDigits(phone: unknown): string | null {
  const digits = phoneDigits(phone).replace(/^0+/, '');
  return digits.length >= MIN_PHONE_SUFFIX_DIGITS ? digits : null;
}

/**
 * Rule (a) or (b) for one lead's phone: the query's digits inside the phone's digits, or the phone's
 * significant digits ending the query's digits (`+1 (555) 016-8557` finds `5550168557`, `+44 20 7946 0355`
 * finds `020 7946 0355`). `queryDigits` comes from phoneQueryDigits.
 */
export function matchesPhoneRule(phone: unknown, queryDigits: string): boolean {
  const digits = phoneDigits(phone);
  if (digits.includes(queryDigits)) return true;
  const significant = significantPhoneDigits(phone);
  return significant !== null && queryDigits.endsWith(significant);
}

/**
 * Rule (b) as lookups: every suffix of the query's digits that some phone's significant digits could equal
 * (≥ 7 digits, no leading zero). An index keyed by significantPhoneDigits finds rule-(b) leads with at most
 * `queryDigits.length − 6` Map lookups instead of a scan.
 */
export function phoneSuffixKeys(queryDigits: string): string[] {
  const keys: string[] = [];
  for (let from = 0; from <= queryDigits.length - MIN_PHONE_SUFFIX_DIGITS; from += 1)
    if (queryDigits[from] !== '0') keys.push(queryDigits.slice(from));
  return keys;
}
