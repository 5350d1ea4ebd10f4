// Facet filter values of docs/api.md §4: comma-separated exact values (OR), ≤ 50, plus the `(none)` token for
// "no value". Values are trimmed, empty ones dropped, duplicates kept once.
import type { ParamCodec, ParamResult } from '../lead-query';
import { NONE_TOKEN, QUERY_V2_LIMITS } from './params';

export interface FacetSelection {
  /** Named values in the order given, trimmed and distinct; `(none)` is not among them. */
  values: string[];
  /** `(none)` was given: leads with no value (null, absent, blank; for tags: no tag) match too. */
  none: boolean;
}

type SplitResult = { ok: true; values: string[] } | { ok: false; tooMany: true };

/**
 * Distinct trimmed non-empty values, counting every value read (duplicates too) against `max`: the scan
 * stops at the value past the cap, so a megabyte of commas costs one short scan and no megabyte array.
 */
function splitDistinct(raw: string, max: number): SplitResult {
  const seen = new Set<string>();
  let read = 0;
  let from = 0;
  while (from <= raw.length) {
    let to = raw.indexOf(',', from);
    if (to === -1) to = raw.length;
    const value = raw.slice(from, to).trim();
    from = to + 1;
    if (value === '') continue;
    if (++read > max) return { ok: false, tooMany: true };
    seen.add(value);
  }
  return { ok: true, values: [...seen] };
}

function toSelection(values: string[]): FacetSelection {
  const none = values.includes(NONE_TOKEN);
  return { values: none ? values.filter((v) => v !== NONE_TOKEN) : values, none };
}

/** Strict: the selection, or a message naming `param`. An empty result means "no filter". */
export function parseFacetList(raw: string, param: string): ParamResult<FacetSelection> {
  const { facetMaxValues, facetValueMaxLength } = QUERY_V2_LIMITS;
  const split = splitDistinct(raw, facetMaxValues);
  if (!split.ok) return { ok: false, message: `${param} accepts at most ${facetMaxValues} values` };
  if (split.values.some((v) => v.length > facetValueMaxLength))
    return { ok: false, message: `${param} values must be at most ${facetValueMaxLength} characters` };
  return { ok: true, value: toSelection(split.values) };
}

/** Lenient: over-long values dropped, the first 50 distinct kept. */
export function coerceFacetList(raw: string): FacetSelection {
  const kept: string[] = [];
  // A bounded split: a hand-made URL with a huge list costs no huge array.
  for (const part of raw.split(',', QUERY_V2_LIMITS.facetMaxValues * 4)) {
    const value = part.trim();
    if (value !== '' && value.length <= QUERY_V2_LIMITS.facetValueMaxLength && !kept.includes(value)) kept.push(value);
    if (kept.length === QUERY_V2_LIMITS.facetMaxValues) break;
  }
  return toSelection(kept);
}

export const isEmptySelection = (selection: FacetSelection) => selection.values.length === 0 && !selection.none;

/** `(none)` last: one canonical text per selection. */
export function formatFacetList(selection: FacetSelection): string {
  return (selection.none ? [...selection.values, NONE_TOKEN] : selection.values).join(',');
}

export function facetListCodec(param: string): ParamCodec<FacetSelection> {
  return {
    defaultValue: { values: [], none: false },
    parse: (raw) => parseFacetList(raw, param),
    coerce: coerceFacetList,
    serialize: formatFacetList,
    equals: (a, b) => formatFacetList(a) === formatFacetList(b),
  };
}
