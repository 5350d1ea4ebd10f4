// One poll of the newest page (docs/api.md §6): `GET /leads?archived=true&limit=1000&page=1`, merged into
// what is held (change-tracking.ts), and the new index built off to the side. The store decides when
// (poll-policy.ts) and swaps the result in; this file only fetches and merges, so the store stays small.
import { LeadIndex } from '../lead-index/lead-index';
import type { CallOptions } from '../upstream/rotor-client';
import { UpstreamError } from '../upstream/upstream-error';
import { mergePoll } from './change-tracking';
import type { LeadSource } from './fetch-pages';
import type { Logger } from './lead-store-options';
import { POLL_PAGE_LIMIT } from './poll-policy';
import type { QuotaBudget } from './quota-budget';
import { releaseMemoryWhenIdle } from './release-memory';

export type PollOutcome = { kind: 'unchanged' } | { kind: 'gap' } | { kind: 'merged'; index: LeadIndex; added: number; updated: number };

export async function pollNewestPage(source: LeadSource, held: LeadIndex, call: CallOptions, now: number): Promise<PollOutcome> {
  const page = await source.listLeads({ archived: true, limit: POLL_PAGE_LIMIT, page: 1 }, call);
  const merge = await mergePoll(page.leads, held, new Date(now).toISOString());
  if (merge.kind !== 'merged') return merge;
  // The whole set is re-indexed: built between pauses of the event loop, as a full sync's is.
  const index = await LeadIndex.buildAsync(merge.leads);
  // As after a sync: sort orders and JSON texts built before the swap; the held index answers meanwhile.
  await index.compactAsync(held.sortsInUse());
  return { kind: 'merged', index, added: merge.added, updated: merge.updated };
}

export interface PollRun {
  source: LeadSource;
  budget: QuotaBudget;
  log: Logger;
  held: LeadIndex;
  /** The poll's start: new leads are first seen then. */
  at: number;
  call: CallOptions;
  /** False when the store closed or swapped in another index meanwhile: the merge is dropped. */
  stillCurrent(): boolean;
  /** Before the swap, while the held index still answers (the store's warmers: lead-store.ts). */
  beforeSwap(index: LeadIndex): Promise<void>;
  swapIn(index: LeadIndex): void;
}

/** One poll for the store: fetch, merge, swap in. Never throws; resolves true when the page showed a gap. */
export async function runPoll(run: PollRun): Promise<boolean> {
  try {
    const outcome = await pollNewestPage(run.source, run.held, run.call, run.at);
    if (!run.stillCurrent()) return false;
    if (outcome.kind === 'gap') run.log.info({}, 'poll found no lead already held: full sync');
    if (outcome.kind !== 'merged') return outcome.kind === 'gap';
    await run.beforeSwap(outcome.index);
    if (!run.stillCurrent()) return false;
    run.swapIn(outcome.index);
    // The replaced index and the merge's objects are garbage only now.
    releaseMemoryWhenIdle();
    run.log.info({ added: outcome.added, updated: outcome.updated, leads: outcome.index.size }, 'poll merged');
  } catch (error) {
    const failure = error instanceof UpstreamError ? error : new UpstreamError('malformed', 'poll could not be merged', false);
    if (failure.httpStatus === 429) run.budget.blockUntilReset();
    // A failed poll changes nothing held: the next look (poll or sync) comes at its time.
    if (run.stillCurrent()) run.log.warn({ failure: failure.kind, detail: failure.detail }, 'poll failed');
  }
  return false;
}
