// The order a facet's values are listed in. The server sends count order, which moves under the pointer as
// other filters change counts (ticking a stage reordered the tag list); so a group keeps the order it first
// showed and appends values it has not shown before. Stage and Priority have a natural order instead.
import { useState } from 'react';
import type { FacetEntry } from '../../../../../shared/query-v2/response-types';
import { PIPELINE_STAGES } from '../../../../../shared/lead-fields';
import type { FacetName } from '../../view-query';
import { PRIORITY_ORDER } from './filter-labels';

const FIXED_ORDERS: Partial<Record<FacetName, readonly string[]>> = { stage: PIPELINE_STAGES, priority: PRIORITY_ORDER };

/** Known values first in their fixed order, the others after them in the server's order. */
function inFixedOrder(entries: FacetEntry[], order: readonly string[]): FacetEntry[] {
  const rank = (value: string) => {
    const index = order.indexOf(value);
    return index === -1 ? order.length : index;
  };
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.value ?? '') - rank(b.entry.value ?? '') || a.index - b.index)
    .map(({ entry }) => entry);
}

/**
 * Named values in a stable order, the no-value bucket (`value: null`) last. `reset` (no filter is active)
 * adopts the server's order afresh: that is the overall count order, the best one to start from.
 */
export function useStableFacetOrder(facet: FacetName, entries: FacetEntry[] | undefined, reset: boolean): FacetEntry[] | undefined {
  // The order shown so far, kept in state and extended during render when a new answer brings new values
  // (React's "store information from previous renders" pattern).
  const [seen, setSeen] = useState<{ entries: FacetEntry[] | undefined; order: string[] }>({ entries: undefined, order: [] });
  let order = seen.order;
  if (entries && seen.entries !== entries) {
    const base = reset ? [] : seen.order;
    const known = new Set(base);
    order = [...base, ...entries.flatMap((e) => (e.value !== null && !known.has(e.value) ? [e.value] : []))];
    setSeen({ entries, order });
  }
  if (!entries) return undefined;
  const named = entries.filter((entry) => entry.value !== null);
  const none = entries.filter((entry) => entry.value === null);
  const fixed = FIXED_ORDERS[facet];
  if (fixed) return [...inFixedOrder(named, fixed), ...none];
  const rank = new Map(order.map((value, index) => [value, index]));
  const ordered = [...named].sort((a, b) => (rank.get(a.value as string) ?? 0) - (rank.get(b.value as string) ?? 0));
  return [...ordered, ...none];
}
