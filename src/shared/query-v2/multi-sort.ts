// `sort` of docs/api.md §4: up to 3 comma-separated keys, each `field` or `-field`. The sortable fields are
// passed in (the field catalogue owns them), so this stays a pure grammar.
import type { ParamCodec, ParamResult } from '../lead-query';
import { QUERY_V2_LIMITS } from './params';

export interface SortKey<F extends string = string> {
  field: F;
  descending: boolean;
}

export function formatSortKeys(keys: readonly SortKey[]): string {
  return keys.map((key) => (key.descending ? '-' : '') + key.field).join(',');
}

/**
 * Strict: 1..3 keys, each a known field, none repeated (in either direction), or a message naming `sort`.
 * Splits at most 4 parts so a huge value costs no more than a short one.
 */
export function parseSortKeys<F extends string>(raw: string, fields: readonly F[]): ParamResult<SortKey<F>[]> {
  const max = QUERY_V2_LIMITS.sortMaxKeys;
  const parts = raw.split(',', max + 1);
  if (parts.length > max) return { ok: false, message: `sort takes at most ${max} comma-separated keys` };
  const keys: SortKey<F>[] = [];
  for (const part of parts) {
    const text = part.trim();
    const descending = text.startsWith('-');
    const name = descending ? text.slice(1) : text;
    const field = fields.find((candidate) => candidate === name);
    if (field === undefined) return { ok: false, message: `sort keys must be one of ${fields.join(', ')}, optionally prefixed with -` };
    if (keys.some((key) => key.field === field)) return { ok: false, message: `sort names ${field} more than once` };
    keys.push({ field, descending });
  }
  return { ok: true, value: keys };
}

/** Lenient: unknown, empty and repeated keys dropped, the first 3 kept; null when none is left. */
export function coerceSortKeys<F extends string>(raw: string, fields: readonly F[]): SortKey<F>[] | null {
  const keys: SortKey<F>[] = [];
  // Bounded: a URL may be long, but only the first few keys can survive anyway.
  for (const part of raw.split(',', 20)) {
    const text = part.trim();
    const descending = text.startsWith('-');
    const name = descending ? text.slice(1) : text;
    const field = fields.find((candidate) => candidate === name);
    if (field !== undefined && !keys.some((key) => key.field === field)) keys.push({ field, descending });
    if (keys.length === QUERY_V2_LIMITS.sortMaxKeys) break;
  }
  return keys.length === 0 ? null : keys;
}

export function sortKeysCodec<F extends string>(fields: readonly F[], defaultValue: SortKey<F>[]): ParamCodec<SortKey<F>[]> {
  return {
    defaultValue,
    parse: (raw) => parseSortKeys(raw, fields),
    coerce: (raw) => coerceSortKeys(raw, fields),
    serialize: formatSortKeys,
    equals: (a, b) => formatSortKeys(a) === formatSortKeys(b),
  };
}
