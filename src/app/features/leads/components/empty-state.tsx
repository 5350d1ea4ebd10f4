import type { ViewQuery } from '../view-query';
import { activeFilterCount } from './active-filters';

/** Under the table's header when the answer has no rows at all; a search alone is named as the reason. */
export function NoLeadsMatch({ query, onClearFilters }: { query: ViewQuery; onClearFilters: () => void }) {
  const filters = activeFilterCount(query);
  const searchOnly = query.search !== '' && filters === 1;
  const message = searchOnly
    ? `No lead matches the search “${query.search}”. Check the spelling or search for fewer words.`
    : query.search
      ? `No lead matches the search “${query.search}” with these filters. Loosen or clear them to see more leads.`
      : filters > 0
        ? 'Nothing matches these filters. Loosen or clear them to see more leads.'
        : 'There are no leads yet.';
  return (
    <div className="mx-auto max-w-md px-4 py-12 text-center">
      <p className="text-base font-semibold">No leads match</p>
      <p className="mt-1 text-sm text-muted">{message}</p>
      {filters > 0 && (
        <button type="button" className="btn btn-primary mt-4" onClick={onClearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
