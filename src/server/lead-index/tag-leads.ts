// The leads of each tag (the columns' lead → tags lists inverted), for the general loop's tags filter when
// leads share too few tag sets for per-set judging (facet-combos.ts; the wide set's 3,000 tags). A filter of a
// few tags then marks its leads in one byte per lead from their lists, and the loop reads that byte instead
// of walking each lead's tags against the selection (a call and a branch per tag, on every lead).
import type { LeadColumns } from './lead-columns';

export interface TagLeads {
  /** Tag key k's leads are leads[starts[k] .. starts[k + 1]); key 0: the leads with no tag. */
  starts: Uint32Array;
  leads: Uint32Array;
}

const built = new WeakMap<LeadColumns, TagLeads>();

/** Built on first need, or in the warm-up (prepareFacetPassAsync) when leads share too few tag sets. */
export function tagLeads(columns: LeadColumns): TagLeads {
  let found = built.get(columns);
  if (found !== undefined) return found;
  const { tagStarts, tagKeys, size } = columns;
  const keys = columns.tags.values.length + 1;
  const starts = new Uint32Array(keys + 1);
  for (let i = 0; i < size; i++) {
    const from = tagStarts[i] as number;
    const to = tagStarts[i + 1] as number;
    if (from === to) starts[1]!++;
    for (let t = from; t < to; t++) starts[(tagKeys[t] as number) + 1]!++;
  }
  for (let k = 0; k < keys; k++) starts[k + 1]! += starts[k] as number;
  const leads = new Uint32Array(starts[keys] as number);
  const next = starts.slice(0, keys);
  for (let i = 0; i < size; i++) {
    const from = tagStarts[i] as number;
    const to = tagStarts[i + 1] as number;
    if (from === to) leads[next[0]!++] = i;
    for (let t = from; t < to; t++) leads[next[tagKeys[t] as number]!++] = i;
  }
  found = { starts, leads };
  built.set(columns, found);
  return found;
}

/** Writes into `into` (one byte per lead) 1 for each lead the tags filter passes (selected[key] = 1), else 0. */
export function markTagPasses(columns: LeadColumns, selected: Uint8Array, into: Uint8Array): void {
  const { starts, leads } = tagLeads(columns);
  into.fill(0);
  for (let key = 0; key < selected.length; key++) {
    if (selected[key] !== 1) continue;
    for (let p = starts[key] as number, end = starts[key + 1] as number; p < end; p++) into[leads[p] as number] = 1;
  }
}
