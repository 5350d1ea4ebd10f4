import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import { useQueryClient } from '@tanstack/react-query';
import { statusKeys } from '../../status/api/get-status';
import type { LeadQuery } from '../../../../shared/lead-query';
import { useMediaQuery } from '../../../lib/hooks';
import { dataFromText } from '../../../lib/errors';
import { ErrorPanel, Spinner } from '../../../components/error-panel';
import { SidePanel } from '../../../components/dialog';
import { useLeads } from '../api/get-leads';
import { DEFAULT_COLUMN_VISIBILITY, loadColumnVisibility, saveColumnVisibility } from '../columns';
import { isCanonicalUrl, useLeadUrlState } from '../url-state';
import { ActiveFilters, activeFilterCount } from './active-filters';
import { ColumnsMenu } from './columns-menu';
import { FilterPanel } from './facets';
import { LeadActionsContext } from './lead-actions';
import { LeadsTable, useLeadsTable } from './leads-table';
import { Pagination } from './pagination';
import { SearchBox } from './search-box';
import { LEADS_TABLE_REGION_ID } from './skip-to-table';
import { CopyLinkButton, ExportLink } from './share-actions';

const LeadDetails = lazy(() => import('./lead-details'));

export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The query the table asks for. A search change waits until typing pauses (the box and URL
 * already show it); any other change (facet, sort, page, Back/Forward) applies at once.
 */
function useCommittedQuery(query: LeadQuery): LeadQuery {
  const [committed, setCommitted] = useState(query);
  const searchChanged = query.search !== committed.search;
  useEffect(() => {
    if (query === committed) return;
    if (!searchChanged) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- commits the new query after the render that showed it; deriving it during render is the leads-view refactor's job
      setCommitted(query);
      return;
    }
    const timer = setTimeout(() => setCommitted(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, committed, searchChanged]);
  return searchChanged ? committed : query;
}

export function LeadsView() {
  const url = useLeadUrlState();
  const query = useCommittedQuery(url.query);
  const leads = useLeads(query);
  const response = leads.data;
  const wide = useMediaQuery('(min-width: 64rem)');
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(loadColumnVisibility);

  const onColumnVisibilityChange = useCallback((visibility: ColumnVisibilityState) => {
    setColumnVisibility(visibility);
    saveColumnVisibility(visibility);
  }, []);

  const table = useLeadsTable({
    rows: response?.data,
    total: response?.pagination.total,
    query,
    columnVisibility,
    onColumnVisibilityChange,
    onSortChange: url.setSort,
    onPageChange: url.setPage,
    onLimitChange: url.setLimit,
  });

  // Leads newer than the status we show (a sync just ended): the header's freshness follows at once.
  const queryClient = useQueryClient();
  const leadsSyncedAt = response?.meta.synced_at;
  useEffect(() => {
    if (leadsSyncedAt) void queryClient.invalidateQueries({ queryKey: statusKeys.all });
  }, [leadsSyncedAt, queryClient]);

  // A hand-edited URL is rewritten once in canonical form (bad values dropped or clamped).
  const canonicalized = useRef(false);
  useEffect(() => {
    if (canonicalized.current) return;
    canonicalized.current = true;
    if (!isCanonicalUrl(window.location.search, { query: url.query, leadId: url.leadId })) void url.canonicalize();
  }, [url]);

  // A page past the end (the filter shrank the result, or an old link): go to the last page.
  const { correctPage } = url;
  useEffect(() => {
    if (!response || leads.isPlaceholderData) return;
    const { total, limit, page } = response.pagination;
    const lastPage = Math.max(1, Math.ceil(total / limit));
    if (page === query.page && page > lastPage) void correctPage(lastPage);
  }, [response, leads.isPlaceholderData, query.page, correctPage]);

  // Opening a lead pushes a history entry; closing goes Back over it, so Back and Escape agree.
  const openedHere = useRef(false);
  useEffect(() => {
    if (!url.leadId) openedHere.current = false;
  }, [url.leadId]);
  const { openLead: pushLead, clearLead } = url;
  const actions = useMemo(
    () => ({
      openLead: (id: string) => {
        openedHere.current = true;
        void pushLead(id);
      },
    }),
    [pushLead],
  );
  const closeLead = useCallback(() => {
    if (openedHere.current) {
      openedHere.current = false;
      window.history.back();
    } else {
      void clearLead();
    }
  }, [clearLead]);

  const filterPanel = (
    <FilterPanel
      facets={response?.facets}
      stage={url.query.stage}
      tags={url.query.tags}
      archived={url.query.archived}
      onChange={url.setFilters}
      unavailable={leads.isError && !response}
    />
  );
  const filterCount = activeFilterCount(url.query);
  const firstLoad = leads.isPending;
  const loadFailed = leads.isError && !response;
  const refetchFailed = leads.isError && !!response;
  const showingOld = leads.isPlaceholderData || (leads.isFetching && !firstLoad);
  const empty = !!response && !leads.isPlaceholderData && response.data.length === 0 && response.pagination.total === 0;

  return (
    <LeadActionsContext.Provider value={actions}>
      <div className="flex min-h-0 flex-1">
        {wide && (
          <aside aria-labelledby="filters-heading" className="w-64 shrink-0 overflow-y-auto border-r border-line bg-surface px-4 py-4 xl:w-72">
            <h2 id="filters-heading" className="mb-4 text-base font-semibold">
              Filters
            </h2>
            {filterPanel}
          </aside>
        )}
        <main className="flex min-w-0 flex-1 flex-col">
          <div className="flex flex-wrap items-center gap-2 px-4 pt-3 pb-2 sm:px-6">
            <SearchBox value={url.query.search} onChange={url.setSearch} />
            {!wide && (
              <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setFiltersOpen(true)}>
                <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
                  <path fill="currentColor" d="M3 5h14v1.5H3V5Zm3 4.25h8v1.5H6v-1.5Zm2 4.25h4V15H8v-1.5Z" />
                </svg>
                Filters
                {filterCount > 0 && (
                  <span className="rounded-full bg-accent px-1.5 text-xs text-accent-ink">
                    {filterCount}
                    <span className="sr-only"> active</span>
                  </span>
                )}
              </button>
            )}
            <div className="ml-auto flex flex-wrap items-center gap-2">
              <ColumnsMenu table={table} onReset={() => onColumnVisibilityChange({ ...DEFAULT_COLUMN_VISIBILITY })} />
              <ExportLink filter={query} />
              <CopyLinkButton />
            </div>
          </div>
          <ActiveFilters query={url.query} onChange={url.setFilters} onClearAll={url.clearFilters} />
          {response?.meta.stale && !refetchFailed && (
            <div className="mx-4 mb-2 flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:mx-6 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
              <span aria-hidden="true">⚠</span>
              <p>
                <strong className="font-semibold">These leads may be out of date.</strong> {dataFromText(response.meta.synced_at)}{' '}
                The dashboard could not get a fresh copy from Rotor, so recent changes may be missing. It keeps trying; you can
                also use Refresh.
              </p>
            </div>
          )}
          {refetchFailed && (
            <div className="mx-4 mb-2 sm:mx-6">
              <ErrorBanner error={leads.error} onRetry={() => void leads.refetch()} syncedAt={response?.meta.synced_at} />
            </div>
          )}
          <div className="relative min-h-40 flex-1">
            {showingOld && (
              <div className="absolute inset-x-0 top-0 z-30 h-0.5 overflow-hidden bg-accent-soft" role="progressbar" aria-label="Loading leads">
                <div className="h-full w-2/5 bg-accent motion-safe:animate-[progress_1s_ease-in-out_infinite]" />
              </div>
            )}
            {loadFailed ? (
              <div className="h-full overflow-y-auto px-4">
                <ErrorPanel
                  error={leads.error}
                  onRetry={() => void leads.refetch()}
                  retrying={leads.isFetching}
                  onResetView={url.clearFilters}
                />
              </div>
            ) : (
              <div
                id={LEADS_TABLE_REGION_ID}
                className="absolute inset-0 scroll-pt-10 scroll-pl-[10.5rem] overflow-auto bg-surface sm:scroll-pl-[17.5rem]"
                tabIndex={0}
                role="region"
                aria-label="Leads table, scrolls in both directions"
              >
                <LeadsTable table={table} query={query} loading={firstLoad} stale={showingOld} onSortChange={url.setSort} />
                {empty && (
                  <div className="mx-auto max-w-md px-4 py-12 text-center">
                    <p className="text-base font-semibold">No leads match</p>
                    <p className="mt-1 text-sm text-muted">
                      {filterCount > 0 ? 'Nothing matches these filters. Loosen or clear them to see more leads.' : 'There are no leads yet.'}
                    </p>
                    {filterCount > 0 && (
                      <button type="button" className="btn btn-primary mt-4" onClick={url.clearFilters}>
                        Clear filters
                      </button>
                    )}
                  </div>
                )}
              </div>
            )}
          </div>
          <Pagination
            table={table}
            page={query.page}
            limit={query.limit}
            rowsOnPage={response?.data.length}
            total={response?.pagination.total}
            failed={loadFailed}
          />
        </main>
      </div>
      {!wide && filtersOpen && (
        <SidePanel labelledBy="filters-drawer-heading" onClose={() => setFiltersOpen(false)} side="left" widthClass="max-w-sm">
          <div className="flex items-center justify-between border-b border-line px-4 py-3">
            <h2 id="filters-drawer-heading" className="text-base font-semibold">
              Filters
            </h2>
            <button type="button" className="btn btn-icon" aria-label="Close filters" onClick={() => setFiltersOpen(false)}>
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4">
                <path fill="currentColor" d="M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3z" />
              </svg>
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">{filterPanel}</div>
          <div className="flex items-center gap-2 border-t border-line px-4 py-3">
            {filterCount > 0 && (
              <button type="button" className="btn" onClick={url.clearFilters}>
                Reset filters
              </button>
            )}
            <button type="button" className="btn btn-primary flex-1" onClick={() => setFiltersOpen(false)}>
              {leads.isFetching ? <Spinner /> : null}
              Show {response ? response.pagination.total : ''} leads
            </button>
          </div>
        </SidePanel>
      )}
      {url.leadId && (
        <Suspense fallback={null}>
          <LeadDetails key={url.leadId} id={url.leadId} onClose={closeLead} />
        </Suspense>
      )}
    </LeadActionsContext.Provider>
  );
}

function ErrorBanner({ error, onRetry, syncedAt }: { error: unknown; onRetry: () => void; syncedAt: string | null | undefined }) {
  return <ErrorPanel error={error} onRetry={onRetry} extra={`${dataFromText(syncedAt)} The rows below are from the last successful load.`} />;
}
