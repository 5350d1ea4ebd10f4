// One full sync's download, as a function of a page source (no store): pages `GET /leads` to the end
// and says whether what arrived is the whole set. Rotor pages by offset, newest first, so leads created
// while a sync runs shift later pages (a lead shows up twice), and leads deleted shift them the other
// way (a lead that still exists is skipped). Only the counts tell: upstream's `total` on the first and
// the last page against the distinct leads collected.
import type { Lead } from '../../shared/lead';
import type { CallOptions, LeadPage, ListLeadsParams } from '../upstream/rotor-client';
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
  /** Distinct leads, in upstream order (first occurrence kept). */
  leads: Lead[];
  pages: number;
  bytes: number;
  /** `pagination.total` of the first and of the last page, when upstream sent it. */
  firstTotal: number | undefined;
  lastTotal: number | undefined;
  /** Distinct leads received, the refused ones included: what upstream's total counts. */
  received: number;
  refused: Partial<Record<RefusedId, number>>;
}

/** Whether a download is the whole set; issue 13 adds a verdict for "deletions seen, keep held copies". */
export type Completeness = { complete: true } | { complete: false; reason: string };

const incomplete = (detail: string) => new UpstreamError('incomplete', detail, false);

/** Told after each page: pages so far, distinct leads so far, and the first page's total (for /api/status). */
export type OnPage = (progress: { pages: number; received: number; total: number | undefined }) => void;

export async function fetchAllPages(source: LeadSource, limits: PageLimits, call: CallOptions, onPage?: OnPage): Promise<FetchedLeads> {
  const { pageLimit, maxPages, maxLeads, maxBytes } = limits;
  const leads: Lead[] = [];
  const seen = new Set<string>();
  const refused: FetchedLeads['refused'] = {};
  let firstTotal: number | undefined;
  let lastTotal: number | undefined;
  let bytes = 0;
  let rawCount = 0;
  let received = 0;
  let previousPage = '';
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
    // Duplicates on a shifted page are expected (even a whole page again when exactly a page of leads
    // was created meanwhile: the total grew); the same page at the same total means `page` is ignored.
    const signature = `${result.leads.map((lead) => lead.id).join('\n')}|${refusedHere}`;
    if (page > 1 && signature === previousPage && rawCount > 0 && result.total === totalBefore)
      throw incomplete(`page ${page} repeats page ${page - 1} (upstream ignores \`page\`?)`);
    previousPage = signature;
    for (const [reason, n] of Object.entries(result.refused) as [RefusedId, number][]) refused[reason] = (refused[reason] ?? 0) + n;
    received += refusedHere;
    for (const lead of result.leads) {
      const id = lead.id as string; // parseLeadPage keeps only leads with a usable id
      if (seen.has(id)) continue;
      seen.add(id);
      leads.push(lead);
      received++;
    }
    onPage?.({ pages: page, received, total: firstTotal });
    if (!result.hasMore) break;
    if (result.leads.length === 0 && refusedHere === 0) throw incomplete(`page ${page} is empty but upstream reports more`);
    // A page of only duplicates with has_more means the pages shifted: keep going, but not past what
    // upstream says it holds (plus one page of shift).
    const total = Math.max(firstTotal ?? 0, lastTotal ?? 0);
    if (result.total !== undefined && rawCount > total + pageLimit)
      throw incomplete(`upstream sent ${rawCount} leads but reports ${total}`);
  }
  return { leads, pages, bytes, firstTotal, lastTotal, received, refused };
}

/**
 * Whether the distinct leads collected are the whole set upstream reported:
 * - totals equal on the first and last page: every one of them must have arrived;
 * - total grew (leads created during the sync): later pages shifted forward, so leads were seen twice
 *   but none skipped; exactly the first page's total must have arrived (the set as the sync began);
 * - total shrank (deleted during the sync): pages shifted back past leads that still exist — not whole.
 * Without totals there is nothing to check against (the store's shrink guard still applies).
 */
export function checkComplete(fetched: Pick<FetchedLeads, 'firstTotal' | 'lastTotal' | 'received'>): Completeness {
  const { received } = fetched;
  const first = fetched.firstTotal ?? fetched.lastTotal;
  const last = fetched.lastTotal ?? fetched.firstTotal;
  if (first === undefined || last === undefined) return { complete: true };
  if (last < first)
    return { complete: false, reason: `leads were deleted upstream during the sync (total ${first} → ${last}); pages may have shifted` };
  if (received === first) return { complete: true };
  return {
    complete: false,
    reason:
      first === last
        ? `received ${received} of ${first} leads`
        : `received ${received} leads while upstream's total went from ${first} to ${last}`,
  };
}

/** fetchAllPages, then the completeness check: the whole set, or an 'incomplete' failure saying why. */
export async function fetchWholeSet(
  source: LeadSource,
  limits: PageLimits,
  call: CallOptions,
  log: { warn(obj: object, msg: string): void },
  onPage?: OnPage,
): Promise<FetchedLeads> {
  const fetched = await fetchAllPages(source, limits, call, onPage);
  if (Object.keys(fetched.refused).length > 0)
    log.warn({ refused: fetched.refused }, 'leads left out: their id cannot be held exactly or opened');
  const verdict = checkComplete(fetched);
  if (!verdict.complete) throw incomplete(verdict.reason);
  return fetched;
}
