import type { FilterPatch } from '../url-state';
import { FACET_NAMES, RANGE_NAMES, type ViewQuery } from '../view-query';
import { facetChipLabel, rangeChipLabel } from './sidebar/filter-labels';
import { CrossIcon } from '../../../components/icons';

interface ActiveFiltersProps {
  query: ViewQuery;
  onChange: (patch: FilterPatch) => void;
  onClearAll: () => void;
}

interface Chip {
  key: string;
  label: string;
  remove: FilterPatch;
}

/** One per chip: each facet value, each range, the search and "Including archived". */
export function activeFilterCount(query: ViewQuery): number {
  const facets = FACET_NAMES.reduce((n, facet) => n + query[facet].length, 0);
  const ranges = RANGE_NAMES.filter((name) => query[name] !== '').length;
  return facets + ranges + (query.archived ? 1 : 0) + (query.search ? 1 : 0);
}

/** The filters in force as removable chips, so a shared link explains itself. */
export function ActiveFilters({ query, onChange, onClearAll }: ActiveFiltersProps) {
  const chips: Chip[] = [
    ...(query.search ? [{ key: 'search', label: `Search: “${query.search}”`, remove: { search: '' } }] : []),
    ...FACET_NAMES.flatMap((facet) =>
      query[facet].map((value) => ({
        key: `${facet}:${value}`,
        label: facetChipLabel(facet, value),
        remove: { [facet]: query[facet].filter((v) => v !== value) },
      })),
    ),
    ...RANGE_NAMES.filter((name) => query[name] !== '').map((name) => ({
      key: name,
      label: rangeChipLabel(name, query[name]),
      remove: { [name]: '' },
    })),
    ...(query.archived ? [{ key: 'archived', label: 'Including archived', remove: { archived: false } }] : []),
  ];
  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5 px-4 pb-2 sm:px-6" aria-label="Active filters" role="region">
      <span className="sr-only">Active filters:</span>
      <ul className="contents">
        {chips.map((chip) => (
          <li key={chip.key}>
            <button
              type="button"
              onClick={() => onChange(chip.remove)}
              aria-label={`Remove filter ${chip.label}`}
              className="inline-flex min-h-6 max-w-64 cursor-pointer items-center gap-1 rounded-full bg-accent-soft py-1 pr-1.5 pl-2.5 text-xs font-medium text-ink hover:ring-1 hover:ring-accent"
            >
              <span className="truncate">{chip.label}</span>
              <CrossIcon className="size-3.5 shrink-0" />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClearAll} className="link ml-1 min-h-6 px-1 py-1 text-xs font-medium">
        Clear all
      </button>
    </div>
  );
}
