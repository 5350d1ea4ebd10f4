// The demo API's view of its leads: Rotor's list order and filters (newest first, one stage, any-of tags,
// plain substring search), precomputed once per data set so 100k leads serve pages quickly.
import type { Lead } from '../shared/lead';

/** Leads in Rotor's list order: newest created_at first, ties by id ascending, no created_at last. */
function newestFirst(leads: Lead[]): Lead[] {
  const keyed = leads.map((lead) => {
    const ms = typeof lead.created_at === 'string' ? Date.parse(lead.created_at) : NaN;
    return { lead, ms: Number.isNaN(ms) ? -Infinity : ms, id: lead.id ?? '' };
  });
  keyed.sort((a, b) => (a.ms !== b.ms ? (b.ms > a.ms ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.lead);
}

/** Precomputed once per data set, so 100k leads serve pages quickly (not the dashboard's LeadIndex). */
export interface DemoLeadTable {
  source: Lead[];
  length: number;
  ordered: Lead[];
  /** name, email and phone lower-cased, per ordered lead; NUL-separated so no match spans two fields. */
  searchText: string[];
  byId: Map<string, Lead>;
  /** Match lists by filter; dropped with the index when the data changes. */
  matchCache: Map<string, Lead[]>;
}

export function buildLeadTable(leads: Lead[]): DemoLeadTable {
  const ordered = newestFirst(leads);
  const byId = new Map<string, Lead>();
  for (const lead of leads) if (typeof lead.id === 'string' && !byId.has(lead.id)) byId.set(lead.id, lead);
  return {
    source: leads,
    length: leads.length,
    ordered,
    searchText: ordered.map((lead) =>
      [lead.name, lead.email, lead.phone].map((v) => (typeof v === 'string' ? v.toLowerCase() : '')).join('\u0000'),
    ),
    byId,
    matchCache: new Map(),
  };
}

export function filterLeads(
  index: DemoLeadTable,
  includeArchived: boolean,
  search: string,
  stage: string | undefined,
  tags: Set<string>,
): Lead[] {
  const { ordered, searchText } = index;
  const matches: Lead[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const lead = ordered[i]!;
    if (!includeArchived && lead.archived === true) continue;
    if (stage !== undefined && lead.stage !== stage) continue;
    if (tags.size > 0 && !(Array.isArray(lead.tags) && lead.tags.some((tag) => tags.has(tag)))) continue;
    if (search !== '' && !searchText[i]!.includes(search)) continue;
    matches.push(lead);
  }
  return matches;
}
