// An independent, deliberately naive reading of docs/api.md §2 (filter, sort, facets) used to derive the
// expected answers of the dashboard API from the demo data. Slow and obvious on purpose.
import type { FacetValue } from '../../../src/shared/api-types';
import type { Lead } from '../../../src/shared/lead';
import type { LeadFilter, SortField } from '../../../src/shared/lead-query';

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

function matchesSearch(lead: Lead, search: string): boolean {
  if (search === '') return true;
  const query = fold(search);
  const fields = [lead.name, lead.email, lead.phone].filter((v): v is string => typeof v === 'string');
  if (fields.some((field) => fold(field).includes(query))) return true;
  const digits = search.replace(/\D/g, '');
  if (/^[\d\s+().-]+$/.test(search) && digits.length >= 3)
    return typeof lead.phone === 'string' && lead.phone.replace(/\D/g, '').includes(digits);
  return false;
}

export function matches(lead: Lead, filter: LeadFilter, skip?: 'stage' | 'tags'): boolean {
  if (!filter.archived && lead.archived === true) return false;
  if (!matchesSearch(lead, filter.search)) return false;
  if (skip !== 'stage' && filter.stage.length > 0 && !filter.stage.includes(lead.stage ?? '')) return false;
  if (skip !== 'tags' && filter.tags.length > 0 && !(lead.tags ?? []).some((tag) => filter.tags.includes(tag))) return false;
  return true;
}

const PRIORITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
const DATE_FIELDS = new Set<SortField>(['follow_up_date', 'created_at', 'archived_at']);
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** A comparable key, or null (absent, null, blank, unparseable). */
function sortKey(lead: Lead, field: SortField): string | number | null {
  const value = lead[field];
  if (value === null || value === undefined) return null;
  if (field === 'priority') return PRIORITY_RANK[value as string] ?? null;
  if (DATE_FIELDS.has(field)) {
    const ms = Date.parse(value as string);
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function compareKeys(a: string | number, b: string | number): number {
  return typeof a === 'string' && typeof b === 'string' ? collator.compare(a, b) : (a as number) - (b as number);
}

function tieBreak(a: Lead, b: Lead): number {
  const ca = sortKey(a, 'created_at');
  const cb = sortKey(b, 'created_at');
  if (ca !== cb) {
    if (ca === null) return 1;
    if (cb === null) return -1;
    if (ca !== cb) return (cb as number) - (ca as number);
  }
  const ia = a.id ?? '';
  const ib = b.id ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export function compareLeads(field: SortField, descending: boolean) {
  return (a: Lead, b: Lead): number => {
    const ka = sortKey(a, field);
    const kb = sortKey(b, field);
    if (ka === null && kb !== null) return 1;
    if (kb === null && ka !== null) return -1;
    if (ka !== null && kb !== null) {
      const order = compareKeys(ka, kb);
      if (order !== 0) return descending ? -order : order;
    }
    return tieBreak(a, b);
  };
}

export function referenceMatching(leads: Lead[], filter: LeadFilter): Lead[] {
  return leads.filter((lead) => matches(lead, filter)).sort(compareLeads(filter.sort.field, filter.sort.descending));
}

export function referenceFacets(leads: Lead[], filter: LeadFilter): { stage: FacetValue[]; tags: FacetValue[] } {
  const count = (skip: 'stage' | 'tags', valuesOf: (lead: Lead) => string[], selected: string[]) => {
    const counts = new Map<string, number>(selected.map((value) => [value, 0]));
    for (const lead of leads)
      if (matches(lead, filter, skip))
        for (const value of new Set(valuesOf(lead))) if (value.trim() !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts]
      .map(([value, n]) => ({ value, count: n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  return {
    stage: count('stage', (lead) => (typeof lead.stage === 'string' ? [lead.stage] : []), filter.stage),
    tags: count('tags', (lead) => (Array.isArray(lead.tags) ? lead.tags : []), filter.tags),
  };
}
