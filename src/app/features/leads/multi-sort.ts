// Header clicks (docs/ui.md v2 "Multi-sort"): a click sorts by that column alone; Shift+click (Shift+Enter)
// adds it as the next key, at most 3, or flips it where it already is. Numbers and dates start descending
// (biggest deal, latest date first: what a rep wants on top), text ascending.
import { LEAD_FIELDS } from '../../../shared/lead-fields';
import { isSortField, type SortField } from '../../../shared/lead-query';
import { QUERY_V2_LIMITS } from '../../../shared/query-v2/params';
import { isDefaultSort, type ViewSort } from './view-query';

export function sortsDescendingFirst(field: SortField): boolean {
  const kind = LEAD_FIELDS[field].kind;
  return kind === 'number' || kind === 'date';
}

/**
 * The sort after a header click on `field`; null is the default order (newest first). Without Shift:
 * first direction → the other → default. The default order counts as nothing chosen, so Shift+click on it
 * starts a fresh list.
 */
export function nextSort(current: ViewSort, field: string, additive: boolean): ViewSort | null {
  if (!isSortField(field)) return null;
  const first = sortsDescendingFirst(field);
  const keys = isDefaultSort(current) && additive ? [] : current;
  if (additive) {
    const at = keys.findIndex((key) => key.field === field);
    if (at >= 0) return keys.map((key, i) => (i === at ? { field, descending: !key.descending } : key));
    const kept = keys.length >= QUERY_V2_LIMITS.sortMaxKeys ? keys.slice(0, QUERY_V2_LIMITS.sortMaxKeys - 1) : keys;
    return [...kept, { field, descending: first }];
  }
  const only = current.length === 1 && current[0]?.field === field ? current[0] : null;
  if (!only) return [{ field, descending: first }];
  if (only.descending === first) return [{ field, descending: !first }];
  return null;
}
