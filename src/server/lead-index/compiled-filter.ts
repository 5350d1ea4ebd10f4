// A query's filter compiled into lookups over lead positions and facet keys (docs/api.md §4), and the
// match test of one lead (the page walk of a cached filter, the export): what every pass over the columns reads.
import type { FacetSelection } from '../../shared/query-v2/facet-list';
import type { ResolvedFilter } from '../query-v2/resolve-filter';
import { RANGE_FIELDS, SINGLE_FACETS, type Dictionary, type LeadColumns } from './lead-columns';
import type { SearchMatches } from './search-masks';

/** A filter turned into lookups over lead positions and facet keys. */
export interface CompiledFilter {
  includeArchived: boolean;
  /** null: no search. */
  searchMask: Uint8Array | null;
  /** The search's matches ascending, when it has few (search-masks.ts); else null. */
  searchPositions: Uint32Array | null;
  /** Per single facet (SINGLE_FACETS order): null for no filter, else selected[key] (key 0: no value). */
  singleSelected: (Uint8Array | null)[];
  tagsSelected: Uint8Array | null;
  /** The range filters given: column, bounds, and whether only no-value leads match. */
  rangeColumns: Float64Array[];
  rangeMin: Float64Array;
  rangeMax: Float64Array;
  rangeNone: Uint8Array;
}

function selectedKeys(selection: FacetSelection, dictionary: Dictionary, forceActive: boolean): Uint8Array | null {
  if (selection.values.length === 0 && !selection.none && !forceActive) return null;
  const selected = new Uint8Array(dictionary.values.length + 1);
  if (selection.none) selected[0] = 1;
  for (const value of selection.values) {
    const key = dictionary.keyOf.get(value);
    if (key !== undefined) selected[key] = 1;
  }
  return selected;
}

export function compileFilter(
  columns: LeadColumns,
  filter: ResolvedFilter,
  searchMatches: (search: string) => SearchMatches,
): CompiledFilter {
  const entries = RANGE_FIELDS.flatMap((field) => {
    const range = filter.ranges[field];
    return range === undefined ? [] : [{ column: columns.ranges[field], range }];
  });
  const search = filter.search === '' ? null : searchMatches(filter.search);
  return {
    includeArchived: filter.archived,
    searchMask: search === null ? null : search.mask,
    searchPositions: search === null ? null : search.positions,
    singleSelected: SINGLE_FACETS.map((field) =>
      selectedKeys(filter.facets[field], columns.single[field].dictionary, field === 'assigned_to' && filter.ownerMatchesNothing),
    ),
    tagsSelected: selectedKeys(filter.facets.tags, columns.tags, false),
    rangeColumns: entries.map((e) => e.column),
    rangeMin: Float64Array.from(entries, (e) => (e.range.kind === 'none' ? 0 : e.range.min)),
    rangeMax: Float64Array.from(entries, (e) => (e.range.kind === 'none' ? 0 : e.range.max)),
    rangeNone: Uint8Array.from(entries, (e) => (e.range.kind === 'none' ? 1 : 0)),
  };
}

/**
 * The range filters from the `from`-th on (NaN, no value, fails both comparisons, and only NaN is unequal to
 * itself).
 */
export function passesRanges(i: number, f: CompiledFilter, from = 0): boolean {
  for (let r = from; r < f.rangeColumns.length; r++) {
    const value = (f.rangeColumns[r] as Float64Array)[i] as number;
    if (f.rangeNone[r] === 1 ? value === value : !(value >= (f.rangeMin[r] as number) && value <= (f.rangeMax[r] as number))) return false;
  }
  return true;
}

/** Archived, search and ranges: the filters every facet applies. */
function passesCommon(columns: LeadColumns, i: number, f: CompiledFilter): boolean {
  if (!f.includeArchived && columns.archived[i] === 1) return false;
  if (f.searchMask !== null && f.searchMask[i] === 0) return false;
  return passesRanges(i, f);
}

function passesTags(columns: LeadColumns, i: number, selected: Uint8Array): boolean {
  const from = columns.tagStarts[i] as number;
  const to = columns.tagStarts[i + 1] as number;
  if (from === to) return selected[0] === 1;
  for (let t = from; t < to; t++) if (selected[columns.tagKeys[t] as number] === 1) return true;
  return false;
}

export function matches(columns: LeadColumns, i: number, f: CompiledFilter): boolean {
  if (!passesCommon(columns, i, f)) return false;
  for (let s = 0; s < SINGLE_FACETS.length; s++) {
    const selected = f.singleSelected[s];
    if (selected != null && selected[columns.single[SINGLE_FACETS[s] as (typeof SINGLE_FACETS)[number]].keys[i] as number] !== 1)
      return false;
  }
  return f.tagsSelected === null || passesTags(columns, i, f.tagsSelected);
}
