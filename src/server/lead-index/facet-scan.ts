// Filtering and facet counting over the extracted columns (docs/api.md §2 "Matching", "Facets"): a filter
// compiled into lookups by lead position, the match test, and the one pass that filters, counts the
// facets disjunctively (each facet ignores its own selection) and collects one page.
import type { FacetValue, LeadsResponse } from '../../shared/api-types';
import type { LeadFilter } from '../../shared/lead-query';
import { compareCodeUnits, type Dictionary, type LeadColumns } from './lead-columns';

/** One list per catalogue field marked `facet`. */
export type Facets = LeadsResponse['facets'];

/** A filter turned into lookups over lead positions. */
export interface CompiledFilter {
  includeArchived: boolean;
  /** null: no search. */
  searchMask: Uint8Array | null;
  /** null: no stage filter; else selected[stageId]. */
  selectedStages: Uint8Array | null;
  selectedTags: Uint8Array | null;
}

function selection(values: readonly string[], dictionary: Dictionary): Uint8Array | null {
  if (values.length === 0) return null;
  const selected = new Uint8Array(dictionary.values.length);
  for (const value of values) {
    const id = dictionary.idOf.get(value);
    if (id !== undefined) selected[id] = 1;
  }
  return selected;
}

export function compileFilter(columns: LeadColumns, filter: LeadFilter, searchMask: (search: string) => Uint8Array): CompiledFilter {
  return {
    includeArchived: filter.archived,
    searchMask: filter.search === '' ? null : searchMask(filter.search),
    selectedStages: selection(filter.stage, columns.stages),
    selectedTags: selection(filter.tags, columns.tags),
  };
}

export function matches(columns: LeadColumns, i: number, filter: CompiledFilter): boolean {
  if (!filter.includeArchived && columns.archived[i] === 1) return false;
  if (filter.searchMask !== null && filter.searchMask[i] === 0) return false;
  if (filter.selectedStages !== null) {
    const stageId = columns.stageIds[i] as number;
    if (stageId < 0 || filter.selectedStages[stageId] === 0) return false;
  }
  if (filter.selectedTags !== null) {
    const to = columns.tagStarts[i + 1] as number;
    for (let t = columns.tagStarts[i] as number; t < to; t++) {
      if (filter.selectedTags[columns.tagIds[t] as number] === 1) return true;
    }
    return false;
  }
  return true;
}

function sortFacets(counts: Map<string, number>): FacetValue[] {
  const facets = [...counts].map(([value, count]) => Object.freeze({ value, count }));
  facets.sort((a, b) => b.count - a.count || compareCodeUnits(a.value, b.value));
  return Object.freeze(facets) as FacetValue[];
}

/**
 * Values with a count, plus every selected value (0 when it matches nothing, so it can be unticked);
 * count desc, value asc. This rule lives here only: the SPA lists what the server sends.
 */
function facetList(dictionary: Dictionary, counts: Uint32Array, selected: readonly string[]): FacetValue[] {
  const listed = new Map<string, number>();
  for (let id = 0; id < counts.length; id++) {
    if ((counts[id] as number) > 0) listed.set(dictionary.values[id] as string, counts[id] as number);
  }
  for (const value of selected) if (!listed.has(value)) listed.set(value, 0);
  return sortFacets(listed);
}

/**
 * One pass over `order`: filter, count facets, collect the positions of matches [start, end).
 * Returns the total and the facet lists for the selections of `filter`.
 */
export function scanWithFacets(
  columns: LeadColumns,
  order: Uint32Array,
  compiled: CompiledFilter,
  filter: LeadFilter,
  start: number,
  end: number,
): { page: number[]; total: number; facets: Facets } {
  const { includeArchived, searchMask, selectedStages, selectedTags } = compiled;
  const { archived, stageIds, tagStarts, tagIds } = columns;
  const stageCounts = new Uint32Array(columns.stages.values.length);
  const tagCounts = new Uint32Array(columns.tags.values.length);
  const page: number[] = [];
  let total = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (!includeArchived && archived[i] === 1) continue;
    if (searchMask !== null && searchMask[i] === 0) continue;
    const stageId = stageIds[i] as number;
    const stageOk = selectedStages === null || (stageId >= 0 && selectedStages[stageId] === 1);
    const tagFrom = tagStarts[i] as number;
    const tagTo = tagStarts[i + 1] as number;
    let tagsOk = selectedTags === null;
    for (let t = tagFrom; !tagsOk && t < tagTo; t++) tagsOk = selectedTags![tagIds[t] as number] === 1;
    if (tagsOk && stageId >= 0) stageCounts[stageId]!++;
    if (stageOk) for (let t = tagFrom; t < tagTo; t++) tagCounts[tagIds[t] as number]!++;
    if (stageOk && tagsOk) {
      if (total >= start && total < end) page.push(i);
      total++;
    }
  }
  return {
    page,
    total,
    facets: {
      stage: facetList(columns.stages, stageCounts, filter.stage),
      tags: facetList(columns.tags, tagCounts, filter.tags),
    },
  };
}
