import type { LeadQuery } from '../../../../shared/lead-query';
import type { FilterPatch } from '../url-state';

interface ActiveFiltersProps {
  query: LeadQuery;
  onChange: (patch: FilterPatch) => void;
  onClearAll: () => void;
}

interface Chip {
  key: string;
  label: string;
  remove: FilterPatch;
}

export function activeFilterCount(query: LeadQuery): number {
  return query.stage.values.length + query.tags.values.length + (query.archived ? 1 : 0) + (query.search ? 1 : 0);
}

/** The filters in force as removable chips, so a shared link explains itself. */
export function ActiveFilters({ query, onChange, onClearAll }: ActiveFiltersProps) {
  const chips: Chip[] = [
    ...(query.search ? [{ key: 'search', label: `Search: “${query.search}”`, remove: { search: '' } }] : []),
    ...query.stage.values.map((stage) => ({
      key: `stage:${stage}`,
      label: `Stage: ${stage}`,
      remove: { stage: { ...query.stage, values: query.stage.values.filter((s) => s !== stage) } },
    })),
    ...query.tags.values.map((tag) => ({
      key: `tag:${tag}`,
      label: `Tag: ${tag}`,
      remove: { tags: { ...query.tags, values: query.tags.values.filter((t) => t !== tag) } },
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
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0">
                <path fill="currentColor" d="M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3z" />
              </svg>
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
