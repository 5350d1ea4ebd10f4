// Upstream data is untrusted: keep each known Lead field only when it has the type the contract
// allows (api.md §1), so the index, sorting and CSV never meet a number where a string belongs.
// Absent stays absent; a wrong-typed value becomes absent. Fields the contract doesn't know
// (Rotor may add some) pass through untouched, so the proxy answers with what upstream sent.
import { PRIORITIES, isValidLeadId, type Lead, type Priority } from '../../shared/lead';

const STRING_FIELDS = [
  'archived_at',
  'assigned_to',
  'created_at',
  'email',
  'follow_up_date',
  'lead_source',
  'name',
  'notes',
  'phone',
  'property_city',
  'property_country',
  'property_state',
  'property_street1',
  'property_street2',
  'property_zip',
  'service_type',
  'stage',
] as const satisfies readonly (keyof Lead)[];

const NUMBER_FIELDS = ['projected_value', 'value_score'] as const satisfies readonly (keyof Lead)[];

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_FIELDS = new Set<string>([
  'id', 'archived', 'priority', 'location', 'tags', ...STRING_FIELDS, ...NUMBER_FIELDS,
] satisfies (keyof Lead)[]);

/** Why a lead cannot be held: the dashboard could not open it, or could merge it with another. */
export type RefusedId = 'missing' | 'inexact-number' | 'malformed';

/**
 * The lead's id as the dashboard keys and opens it, or why there is none. Ids are opaque strings; a
 * numeric id is the same id written without quotes, but only an integer JSON.parse kept exactly
 * (≤ 2^53) is that id: beyond, two ids can round to one number and merge two leads.
 */
export function leadIdOf(raw: unknown): { id: string } | { refused: RefusedId } {
  if (raw === undefined || raw === null || raw === '') return { refused: 'missing' };
  let id: string;
  if (typeof raw === 'string') id = raw;
  else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) id = String(raw);
  else if (typeof raw === 'number') return { refused: 'inexact-number' };
  else return { refused: 'malformed' };
  // The same rule /api/leads/:id checks: every lead the list shows must open.
  return isValidLeadId(id) ? { id } : { refused: 'malformed' };
}

export function sanitizeLead(raw: Record<string, unknown>): Lead {
  const lead: Lead & Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    // `__proto__` from JSON.parse is an own key; assigning it would change the prototype.
    if (!KNOWN_FIELDS.has(field) && field !== '__proto__') lead[field] = value;
  }
  const has = (field: string) => Object.prototype.hasOwnProperty.call(raw, field);

  // Ids are opaque strings; a numeric id is the same id written without quotes when JSON kept it exact.
  // (Lists hold only leads whose id passes leadIdOf; see parseLeadPage.)
  if (typeof raw.id === 'string' && raw.id !== '') lead.id = raw.id;
  else if (typeof raw.id === 'number' && Number.isSafeInteger(raw.id)) lead.id = String(raw.id);

  if (has('archived') && (typeof raw.archived === 'boolean' || raw.archived === null)) lead.archived = raw.archived;

  for (const field of STRING_FIELDS) {
    const value = raw[field];
    if (has(field) && (typeof value === 'string' || value === null)) lead[field] = value;
  }
  for (const field of NUMBER_FIELDS) {
    const value = raw[field];
    if (has(field) && (isFiniteNumber(value) || value === null)) lead[field] = value;
  }

  const priority = raw.priority;
  if (priority === null || (typeof priority === 'string' && (PRIORITIES as readonly string[]).includes(priority)))
    lead.priority = priority as Priority | null;

  const location = raw.location;
  if (location === null) lead.location = null;
  else if (Array.isArray(location) && location.length === 2 && location.every(isFiniteNumber))
    lead.location = [location[0], location[1]] as [number, number];

  const tags = raw.tags;
  if (tags === null) lead.tags = null;
  else if (Array.isArray(tags)) lead.tags = tags.filter((tag): tag is string => typeof tag === 'string');

  return lead;
}
