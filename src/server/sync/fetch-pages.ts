// One full sync's download, as a function of a page source (no store): pages `GET /leads` to the end
// and says whether what arrived is the whole set. Rotor pages by offset, newest first, so leads created
// while a sync runs shift later pages (a lead shows up twice), and leads deleted shift them the other
// way (a lead that still exists is skipped). Only the counts tell: upstream's `total` on the first and
// the last page against the distinct leads collected.
import { LeadTextsWriter, type LeadTexts } from '../lead-index/lead-texts';
import { TimeSlice } from '../runtime/time-slice';
import type { LeadPage } from '../upstream/lead-page';
import type { CallOptions, ListLeadsParams } from '../upstream/rotor-client';
import type { RefusedId } from '../upstream/sanitize-lead';
import { UpstreamError } from '../upstream/upstream-error';

export interface LeadSource {
  listLeads(params: ListLeadsParams, call?: CallOptions): Promise<LeadPage>;
}

export interface PageLimits {
  /** Page size asked for: upstream's maximum. */
  pageLimit: number;
  /** Never more pages than this in one sync, whatever has_more says. */
  maxPages: number;
  /** Never more leads (received, duplicates included) or body bytes than this in one sync. */
  maxLeads: number;
  maxBytes: number;
}

export interface FetchedLeads {
  /**
   * Distinct leads, in upstream order (first occurrence kept), held as their JSON texts until the merge
   * parses them again: 100k parsed leads held for the whole download were what the young generation's
   * scavenges copied and promoted (lead-texts.ts).
   */
  leads: LeadTexts;
  pages: number;
  bytes: number;
  /** `pagination.total` of the first and of the last page, when upstream sent it. */
  firstTotal: number | undefined;
  lastTotal: number | undefined;
  /** Distinct leads received, the refused ones included: what upstream's total counts. */
  received: number;
  refused: Partial<Record<RefusedId, number>>;
  /** Ids that arrived on page N and again on page N+1: leads created meanwhile shifted the pages. */
  shifted: number;
  /** The largest fall of `pagination.total` from one page to the next: leads deleted meanwhile,
   *  even when creations later brought the total back up. */
  totalFell: number;
}

/**
 * Whether a download is the whole set. `usable`: not the whole set, but the signs say upstream changed
 * while it paged (totals moved, page N's ids again on N+1), so every lead received exists and only
 * some may be missing: its leads are applied and held leads missing from it kept (docs/api.md §6).
 */
export type Completeness = { complete: true } | { complete: false; usable: boolean; reason: string };

const incomplete = (detail: string) => new UpstreamError('incomplete', detail, false);

/** Told after each page: pages so far, distinct leads so far, and the first page's total (for /api/status). */
export type OnPage = (progress: { pages: number; received: number; total: number | undefined }) => void;

export async function fetchAllPages(source: LeadSource, limits: PageLimits, call: CallOptions, onPage?: OnPage): Promise<FetchedLeads> {
  const { pageLimit, maxPages, maxLeads, maxBytes } = limits;
  const leads = new LeadTextsWriter();
  const slice = new TimeSlice();
  const seen = new Set<string>();
  const refused: FetchedLeads['refused'] = {};
  let firstTotal: number | undefined;
  let lastTotal: number | undefined;
  let bytes = 0;
  let rawCount = 0;
  let received = 0;
  let previousPage = '';
  let previousIds = new Set<string>();
  let shifted = 0;
  let totalFell = 0;
  let pages = 0;
  for (let page = 1; ; page++) {
    if (page > maxPages) throw incomplete(`upstream still reports more after ${maxPages} pages`);
    const result = await source.listLeads({ archived: true, limit: pageLimit, page }, call);
    pages = page;
    const refusedHere = Object.values(result.refused).reduce((sum, n) => sum + n, 0);
    bytes += result.bytes;
    rawCount += result.leads.length + refusedHere;
    if (rawCount > maxLeads) throw incomplete(`more than ${maxLeads} leads in one sync`);
    if (bytes > maxBytes) throw incomplete(`more than ${maxBytes} bytes of responses in one sync`);
    const totalBefore = lastTotal;
    if (page === 1) firstTotal = result.total;
    lastTotal = result.total;
    if (totalBefore !== undefined && result.total !== undefined) totalFell = Math.max(totalFell, totalBefore - result.total);
    // Duplicates on a shifted page are expected (even a whole page again when exactly a page of leads
    // was created meanwhile: the total grew); the same page at the same total means `page` is ignored.
    const signature = `${result.ids.join('\n')}|${refusedHere}`;
    if (page > 1 && signature === previousPage && rawCount > 0 && result.total === totalBefore)
      throw incomplete(`page ${page} repeats page ${page - 1} (upstream ignores \`page\`?)`);
    previousPage = signature;
    for (const [reason, n] of Object.entries(result.refused) as [RefusedId, number][]) refused[reason] = (refused[reason] ?? 0) + n;
    received += refusedHere;
    const pageIds = new Set<string>();
    for (let k = 0; k < result.ids.length; k++) {
      const id = result.ids[k] as string;
      pageIds.add(id);
      if (previousIds.has(id)) shifted++;
      if (seen.has(id)) continue;
      seen.add(id);
      leads.addFrom(result.leads, k);
      received++;
      if (slice.due()) await slice.pause();
    }
    onPage?.({ pages: page, received, total: firstTotal });
    previousIds = pageIds;
    if (!result.hasMore) break;
    if (result.leads.length === 0 && refusedHere === 0) throw incomplete(`page ${page} is empty but upstream reports more`);
    // A page of only duplicates with has_more means the pages shifted: keep going, but not past what
    // upstream says it holds (plus one page of shift).
    const total = Math.max(firstTotal ?? 0, lastTotal ?? 0);
    if (result.total !== undefined && rawCount > total + pageLimit)
      throw incomplete(`upstream sent ${rawCount} leads but reports ${total}`);
  }
  return { leads: leads.finish(), pages, bytes, firstTotal, lastTotal, received, refused, shifted, totalFell };
}

/**
 * Whether the distinct leads collected are the whole set upstream reported:
 * - totals equal on the first and last page, nothing shifted: every one of them must have arrived;
 *   fewer with no sign of a change upstream is a broken upstream (ended early): not usable;
 * - total grew and never fell from one page to the next (leads created during the sync): later pages
 *   shifted forward, so leads were seen twice but none skipped; when exactly the first page's total
 *   arrived it is the set as the sync began (a fall between pages means deletions too, which can
 *   skip leads while the creations make the count come out right);
 * - otherwise, with totals that moved or pages that shifted (leads created and deleted meanwhile), a
 *   lead that still exists may have been skipped: usable (what arrived exists) but not whole.
 * Without totals there is nothing to check against (the store's shrink guard still applies).
 */
export function checkComplete(
  fetched: Pick<FetchedLeads, 'firstTotal' | 'lastTotal' | 'received'> & { shifted?: number; totalFell?: number },
): Completeness {
  const { received } = fetched;
  const shifted = fetched.shifted ?? 0;
  const first = fetched.firstTotal ?? fetched.lastTotal;
  const last = fetched.lastTotal ?? fetched.firstTotal;
  if (first === undefined || last === undefined) return { complete: true };
  const fell = fetched.totalFell ?? 0;
  if (last < first || fell > 0)
    return {
      complete: false,
      usable: true,
      reason:
        last < first
          ? `leads were deleted upstream during the sync (total ${first} → ${last}); pages may have shifted`
          : `leads were deleted upstream during the sync (the total fell by ${fell} between two pages, ${first} → ${last} overall); pages may have shifted`,
    };
  if (received === first && (last > first || shifted === 0)) return { complete: true };
  if (first === last && shifted === 0) return { complete: false, usable: false, reason: `received ${received} of ${first} leads` };
  return {
    complete: false,
    usable: true,
    reason:
      first === last
        ? `received ${received} of ${first} leads while pages shifted (${shifted} seen twice): leads were created and deleted during the sync`
        : `received ${received} leads while upstream's total went from ${first} to ${last}`,
  };
}

/** A download and its verdict: consistent (deletions may be applied) or usable with held leads kept. */
export interface FetchedSet extends FetchedLeads {
  consistent: boolean;
  /** Why it is not consistent (for the log); null when it is. */
  inconsistency: string | null;
}

/** fetchAllPages, then the completeness check: the set, or an 'incomplete' failure saying why. */
export async function fetchWholeSet(
  source: LeadSource,
  limits: PageLimits,
  call: CallOptions,
  log: { warn(obj: object, msg: string): void },
  onPage?: OnPage,
): Promise<FetchedSet> {
  const fetched = await fetchAllPages(source, limits, call, onPage);
  if (Object.keys(fetched.refused).length > 0)
    log.warn({ refused: fetched.refused }, 'leads left out: their id cannot be held exactly or opened');
  const verdict = checkComplete(fetched);
  if (verdict.complete) return { ...fetched, consistent: true, inconsistency: null };
  if (!verdict.usable) throw incomplete(verdict.reason);
  return { ...fetched, consistent: false, inconsistency: verdict.reason };
}
