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
 * Distinct trimmed non-empty values. Stops at the 51st distinct value instead of splitting the whole text,
 * so a megabyte of commas costs one scan and no megabyte array.
 */
function splitDistinct(raw: string, max: number): SplitResult {
  const seen = new Set<string>();
  let from = 0;
  while (from <= raw.length) {
    let to = raw.indexOf(',', from);
    if (to === -1) to = raw.length;
    const value = raw.slice(from, to).trim();
    if (value !== '') {
      seen.add(value);
      if (seen.size > max) return { ok: false, tooMany: true };
    }
    from = to + 1;
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
  for (const part of raw.split(',')) {
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
