// One full sync's data work for the store: download (fetch-pages.ts), the shrink guard, the merge with
// what is held (change-tracking.ts) and the new index, built off to the side. The store only swaps it in.
import type { SyncProgress } from '../../shared/api-types';
import { LeadIndex } from '../lead-index/lead-index';
import type { CallOptions } from '../upstream/rotor-client';
import { mergeFullSync } from './change-tracking';
import { fetchWholeSet, type LeadSource, type OnPage, type PageLimits } from './fetch-pages';
import type { Logger } from './lead-store-options';
import { releaseMemoryWhenIdle } from './release-memory';
import type { ShrinkGuard } from './shrink-guard';

export async function fetchAndMerge(run: {
  source: LeadSource;
  limits: PageLimits;
  call: CallOptions;
  log: Logger;
  held: LeadIndex | null;
  shrinkGuard: ShrinkGuard;
  /** The sync's start: leads first seen, and stages first seen changed, at this time. */
  startedAt: number;
  /** Each page fetched (/api/status `sync_progress`). */
  onPage?: OnPage;
}): Promise<{ index: LeadIndex; pages: number }> {
  const { held, log } = run;
  const fetched = await fetchWholeSet(run.source, run.limits, run.call, log, run.onPage);
  // Only a consistent sync may drop leads (so only it meets the shrink guard); an inconsistent one
  // keeps the held copy of every lead it did not see until a consistent sync confirms the absence.
  if (fetched.consistent) run.shrinkGuard.check(held?.size ?? 0, fetched.leads);
  const merged = await mergeFullSync(fetched.leads, held, fetched.consistent, new Date(run.startedAt).toISOString());
  if (merged.kept > 0) log.info({ kept: merged.kept, reason: fetched.inconsistency }, 'sync inconsistent: held leads it missed are kept');
  // Built between pauses of the event loop (runtime/time-slice.ts): requests on the old index keep being answered meanwhile.
  const index = await LeadIndex.buildAsync(merged.leads);
  // Replacing held data: sort orders are built and the leads turned into JSON text first (yielding
  // between steps), so no request on the new index pays for that and the parsed objects are
  // dropped before the swap; the old index answers meanwhile (the store releases the memory after
  // the swap). With no data yet, waiting requests get the index at once and this runs in the background.
  if (held !== null) await index.compactAsync(held.sortsInUse());
  else
    void index.compactAsync().then(
      () => releaseMemoryWhenIdle(),
      () => undefined,
    );
  return { index, pages: fetched.pages };
}

/** /api/status `sync_progress` after a page: the pages expected follow from upstream's total, once known. */
export function syncProgressAfter({ pages, received, total }: Parameters<OnPage>[0], pageLimit: number): SyncProgress {
  const expected = total ?? null;
  return {
    pages_done: pages,
    pages_expected: expected === null ? null : Math.max(1, Math.ceil(expected / pageLimit)),
    leads_received: received,
    leads_expected: expected,
  };
}
