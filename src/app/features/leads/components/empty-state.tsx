/** Under the table's header when the answer has no rows at all. */
export function NoLeadsMatch({ filtered, onClearFilters }: { filtered: boolean; onClearFilters: () => void }) {
  return (
    <div className="mx-auto max-w-md px-4 py-12 text-center">
      <p className="text-base font-semibold">No leads match</p>
      <p className="mt-1 text-sm text-muted">
        {filtered ? 'Nothing matches these filters. Loosen or clear them to see more leads.' : 'There are no leads yet.'}
      </p>
      {filtered && (
        <button type="button" className="btn btn-primary mt-4" onClick={onClearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
