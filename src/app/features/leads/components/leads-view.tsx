import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { ColumnVisibilityState } from '@tanstack/react-table';
import type { SyncProgress } from '../../../../shared/api-types';
import { useMediaQuery } from '../../../lib/hooks';
import { useReloadOnSyncChange } from '../../../lib/sync-invalidation';
import { ErrorPanel } from '../../../components/error-panel';
import { useLeads } from '../api/get-leads';
import { DEFAULT_COLUMN_VISIBILITY, loadColumnVisibility, saveColumnVisibility } from '../columns';
import { useCommittedQuery, useCorrectPagePastEnd, useLeadUrlState } from '../url-state';
import { ActiveFilters, activeFilterCount } from './active-filters';
import { ColumnsMenu } from './columns-menu';
import { NoLeadsMatch } from './empty-state';
import { FiltersButton, FiltersSidebar } from './filters-drawer';
import { LeadActionsContext } from './lead-actions';
import { LeadsTable, useLeadsTable } from './leads-table';
import { Pagination } from './pagination';
import { PipelineStrip } from './pipeline-strip';
import { SearchBox } from './search-box';
import { LEADS_TABLE_REGION_ID } from './skip-to-table';
import { CopyLinkButton, ExportExcelLink, ExportLink } from './share-actions';
import { ReloadFailedBanner, StaleBanner } from './stale-banner';
import { ViewsMenu } from '../../views/components/views-menu';
import { ActiveViewHeading } from '../../views/components/active-view';
import { useViewsState } from '../../views/use-views-state';
import { KeyboardHelpButton, useLeadsKeyboard } from './keyboard-shortcuts';
import { useLeadStepper } from './lead-stepper';
import { useColumnOrder } from '../column-order';
import { SinceLastVisit } from '../../freshness/since-last-visit';
import { lastPageOf } from '../paging';

const LeadDetails = lazy(() => import('./lead-details'));
// Only a big account's first sync shows it: loaded then, not with every first load (the bundle budget).
const SyncProgressBar = lazy(() => import('../../../components/sync-progress').then((module) => ({ default: module.SyncProgressBar })));
// The sidebar's groups are not needed for the table's first paint (docs/ui.md v2; bundle budget).
const FilterPanel = lazy(() => import('./sidebar/filter-panel'));
const FiltersDrawer = lazy(() => import('./filters-drawer-panel'));

/**
 * The leads screen: filters, toolbar, table, pagination and the details panel, all following the URL.
 * `firstSyncProgress`: the server holds no data yet and its first sync is running (from /api/status).
 */
export function LeadsView({ firstSyncProgress = null }: { firstSyncProgress?: SyncProgress | null }) {
  const url = useLeadUrlState();
  const query = useCommittedQuery(url.query);
  const leads = useLeads(query);
  const response = leads.data;
  const wide = useMediaQuery('(min-width: 64rem)');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(loadColumnVisibility);
  const columnOrder = useColumnOrder();
  const views = useViewsState(url.query);

  const onColumnVisibilityChange = useCallback((visibility: ColumnVisibilityState) => {
    setColumnVisibility(visibility);
    saveColumnVisibility(visibility);
  }, []);

  const table = useLeadsTable({
    rows: response?.data,
    columnVisibility,
    onColumnVisibilityChange,
    columnOrder: columnOrder.order,
    onColumnOrderChange: columnOrder.set,
  });
  const lastPage = lastPageOf(response?.pagination.total, query.limit);

  // Leads newer than the status we show (a sync just ended): the header's freshness follows at once.
  useReloadOnSyncChange('status', response?.meta.synced_at, { initial: true });
  useCorrectPagePastEnd(url, query.page, leads.isPlaceholderData ? undefined : response?.pagination);

  const { openLead } = url;
  const actions = useMemo(() => ({ openLead }), [openLead]);
  const rowsShown = leads.isPlaceholderData ? undefined : response?.data;
  const keyboard = useLeadsKeyboard({
    rows: rowsShown,
    onOpen: openLead,
    onPreviousPage: query.page > 1 ? () => url.setPage(query.page - 1) : null,
    onNextPage: query.page < lastPage ? () => url.setPage(query.page + 1) : null,
  });
  const stepper = useLeadStepper({ leadId: url.leadId, rows: rowsShown, query, total: response?.pagination.total, onStep: url.stepLead });

  const filterPanel = (
    <Suspense fallback={<p className="text-sm text-muted">Loading filters…</p>}>
      <FilterPanel answer={response} query={url.query} onChange={url.setFilters} unavailable={leads.isError && !response} />
    </Suspense>
  );
  const filterCount = activeFilterCount(url.query);
  const firstLoad = leads.isPending;
  const loadFailed = leads.isError && !response;
  const refetchFailed = leads.isError && !!response;
  const showingOld = leads.isPlaceholderData || (leads.isFetching && !firstLoad);
  // No data yet and the first sync progressing: its progress, not a loading table or a "slow to answer" error
  // (requests give up after 15 s; the table reloads when the sync ends, see StatusBar's reload on sync change).
  const awaitingFirstSync = firstSyncProgress !== null && (firstLoad || loadFailed);
  const empty = !!response && !leads.isPlaceholderData && response.data.length === 0 && response.pagination.total === 0;

  return (
    <LeadActionsContext.Provider value={actions}>
      <div className="flex min-h-0 flex-1">
        {wide && <FiltersSidebar>{filterPanel}</FiltersSidebar>}
        <main className="flex min-w-0 flex-1 flex-col">
          <div className="flex flex-wrap items-center gap-1.5 px-4 pt-3 pb-2 sm:gap-2 sm:px-6">
            <SearchBox value={url.query.search} onChange={url.setSearch} />
            <ViewsMenu state={views} />
            {!wide && <FiltersButton activeCount={filterCount} onOpen={() => setFiltersOpen(true)} />}
            <div className="ml-auto flex flex-wrap items-center gap-1.5 sm:gap-2">
              <ColumnsMenu
                table={table}
                onReset={() => {
                  onColumnVisibilityChange({ ...DEFAULT_COLUMN_VISIBILITY });
                  columnOrder.reset();
                }}
                onMove={(id, step) =>
                  columnOrder.move(
                    id,
                    step,
                    table.getVisibleLeafColumns().map((c) => c.id),
                  )
                }
              />
              <ExportLink filter={query} />
              <ExportExcelLink filter={query} columns={table.getVisibleLeafColumns().map((column) => column.id)} />
              <CopyLinkButton />
              <KeyboardHelpButton onOpen={keyboard.openHelp} />
            </div>
          </div>
          <ActiveViewHeading state={views} />
          <ActiveFilters query={url.query} onChange={url.setFilters} onClearAll={url.clearFilters} />
          <PipelineStrip stages={response?.facets.stage} selected={url.query.stage} onChange={(stage) => void url.setFilters({ stage })} />
          <SinceLastVisit />
          {response?.meta.stale && !refetchFailed && <StaleBanner syncedAt={response.meta.synced_at} />}
          {refetchFailed && (
            <ReloadFailedBanner error={leads.error} onRetry={() => void leads.refetch()} syncedAt={response?.meta.synced_at} />
          )}
          <div className="relative min-h-40 flex-1">
            {showingOld && (
              <div
                className="absolute inset-x-0 top-0 z-30 h-0.5 overflow-hidden bg-accent-soft"
                role="progressbar"
                aria-label="Loading leads"
              >
                <div className="h-full w-2/5 bg-accent motion-safe:animate-[progress_1s_ease-in-out_infinite]" />
              </div>
            )}
            {awaitingFirstSync ? (
              <Suspense fallback={null}>
                <SyncProgressBar progress={firstSyncProgress} />
              </Suspense>
            ) : loadFailed ? (
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
                ref={scrollRef}
                id={LEADS_TABLE_REGION_ID}
                className="absolute inset-0 scroll-pt-10 scroll-pl-[10.5rem] overflow-auto bg-surface sm:scroll-pl-[17.5rem]"
                tabIndex={0}
                role="region"
                aria-label="Leads table, scrolls in both directions"
              >
                <LeadsTable
                  table={table}
                  query={query}
                  loading={firstLoad}
                  stale={showingOld}
                  onSortChange={url.setSort}
                  summary={response?.summary}
                  scrollRef={scrollRef}
                  highlightedId={keyboard.highlighted}
                  onRowClick={openLead}
                  onColumnOrderChange={wide ? columnOrder.set : undefined}
                />
                {empty && <NoLeadsMatch query={query} onClearFilters={url.clearFilters} />}
              </div>
            )}
          </div>
          <Pagination
            page={query.page}
            limit={query.limit}
            rowsOnPage={response?.data.length}
            total={response?.pagination.total}
            failed={loadFailed}
            onPageChange={url.setPage}
            onLimitChange={url.setLimit}
          />
        </main>
      </div>
      {!wide && filtersOpen && (
        <Suspense fallback={null}>
          <FiltersDrawer
            activeCount={filterCount}
            total={response?.pagination.total}
            loading={leads.isFetching}
            onReset={url.clearFilters}
            onClose={() => setFiltersOpen(false)}
          >
            {filterPanel}
          </FiltersDrawer>
        </Suspense>
      )}
      {url.leadId && (
        <Suspense fallback={null}>
          <LeadDetails key={url.leadId} id={url.leadId} onClose={url.closeLead} stepper={stepper} />
        </Suspense>
      )}
      {keyboard.help}
    </LeadActionsContext.Provider>
  );
}
