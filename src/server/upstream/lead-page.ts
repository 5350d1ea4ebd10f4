// Upstream's lead list page, checked: `{ data: object[], pagination: {...} }` into the leads the
// dashboard can hold (sanitize-lead.ts) and counts of those it cannot.
import type { Lead } from '../../shared/lead';
import { isPlainObject, leadIdOf, sanitizeLead, type RefusedId } from './sanitize-lead';

export interface LeadPage {
  /** The leads the dashboard can hold: each with an id it can open. */
  leads: Lead[];
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

/** `{ data: object[], pagination: { has_more: boolean, page?, limit?, total? } }`, else null. */
export function parseLeadPage(body: unknown, bytes = 0): LeadPage | null {
  if (!isPlainObject(body) || !Array.isArray(body.data) || !isPlainObject(body.pagination)) return null;
  const { data, pagination } = body;
  if (typeof pagination.has_more !== 'boolean') return null;
  for (const field of ['page', 'limit', 'total'] as const) if (pagination[field] !== undefined && !isCount(pagination[field])) return null;
  if (!data.every(isPlainObject)) return null;
  const leads: Lead[] = [];
  const refused: LeadPage['refused'] = {};
  for (const raw of data) {
    const id = leadIdOf(raw.id);
    if ('refused' in id) refused[id.refused] = (refused[id.refused] ?? 0) + 1;
    else leads.push(sanitizeLead(raw));
  }
  return {
    leads,
    hasMore: pagination.has_more,
    refused,
    bytes,
    ...(isCount(pagination.limit) ? { limit: pagination.limit } : {}),
    ...(isCount(pagination.page) ? { page: pagination.page } : {}),
    ...(isCount(pagination.total) ? { total: pagination.total } : {}),
  };
}
