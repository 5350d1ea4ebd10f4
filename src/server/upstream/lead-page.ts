// Upstream's lead list page, checked: `{ data: object[], pagination: {...} }` into the leads the
// dashboard can hold (sanitize-lead.ts) and counts of those it cannot.
import type { Lead } from '../../shared/lead';
import type { LeadList } from '../lead-index/lead-texts';
import type { TimeSlice } from '../runtime/time-slice';
import { isPlainObject, leadIdOf, sanitizeLead, type RefusedId } from './sanitize-lead';

export interface LeadPage {
  /**
   * The leads the dashboard can hold: each with an id it can open. As their JSON texts when the page was
   * parsed a lead at a time (lead-page-text.ts: a page's parsed objects no longer wait for its last lead).
   */
  leads: LeadList;
  /** Their ids, in the same order. */
  ids: readonly string[];
  hasMore: boolean;
  /** Leads left out, by reason (no id, an id a JSON number cannot carry exactly, a malformed id). */
  refused: Partial<Record<RefusedId, number>>;
  /** Size of the response body. */
  bytes: number;
  /** As upstream reported them, when it did. */
  limit?: number;
  page?: number;
  total?: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

type PageBody = { data: Record<string, unknown>[]; pagination: Record<string, unknown> };

/** The checks before any lead is looked at: `{ data: object[], pagination: { has_more: boolean, ... } }`. */
export function isPageBody(body: unknown): body is PageBody {
  if (!isPlainObject(body) || !Array.isArray(body.data) || !isPlainObject(body.pagination)) return false;
  const { data, pagination } = body;
  if (typeof pagination.has_more !== 'boolean') return false;
  for (const field of ['page', 'limit', 'total'] as const) if (pagination[field] !== undefined && !isCount(pagination[field])) return false;
  return data.every(isPlainObject);
}

export function pageOf(
  { pagination }: PageBody,
  leads: LeadList,
  ids: readonly string[],
  refused: LeadPage['refused'],
  bytes: number,
): LeadPage {
  return {
    leads,
    ids,
    hasMore: pagination.has_more as boolean,
    refused,
    bytes,
    ...(isCount(pagination.limit) ? { limit: pagination.limit } : {}),
    ...(isCount(pagination.page) ? { page: pagination.page } : {}),
    ...(isCount(pagination.total) ? { total: pagination.total } : {}),
  };
}

/** One lead of a page: sanitised (its id added to `ids`), or counted in `refused` (null). */
export function takeLead(raw: Record<string, unknown>, ids: string[], refused: LeadPage['refused']): Lead | null {
  const id = leadIdOf(raw.id);
  if ('refused' in id) {
    refused[id.refused] = (refused[id.refused] ?? 0) + 1;
    return null;
  }
  ids.push(id.id);
  return sanitizeLead(raw);
}

/**
 * `{ data: object[], pagination: { has_more: boolean, page?, limit?, total? } }` into a page, else null; between
 * pauses of the event loop (sanitising 1,000 leads is too long for one go).
 */
export async function parseLeadPageAsync(body: unknown, bytes: number, slice: TimeSlice): Promise<LeadPage | null> {
  if (!isPageBody(body)) return null;
  const leads: Lead[] = [];
  const ids: string[] = [];
  const refused: LeadPage['refused'] = {};
  for (const raw of body.data) {
    const lead = takeLead(raw, ids, refused);
    if (lead !== null) leads.push(lead);
    if (slice.due()) await slice.pause();
  }
  return pageOf(body, leads, ids, refused, bytes);
}
