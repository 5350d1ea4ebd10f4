// Upstream data is untrusted: keep each known Lead field only when it has the type the contract
// allows (docs/api.md §1), so the index, sorting and CSV never meet a number where a string belongs.
// Absent stays absent; a wrong-typed value becomes absent. Fields the contract doesn't know
// (Rotor may add some) pass through untouched, so the proxy answers with what upstream sent.
// Which type each field must have comes from the field catalogue (shared/lead-fields.ts).
import { isValidLeadId, type Lead } from '../../shared/lead';
import { LEAD_FIELDS, type LeadField, type LeadFieldKind, type LeadFieldSpec } from '../../shared/lead-fields';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value kept for a field present upstream, or undefined to leave it out. */
function keptValue(spec: LeadFieldSpec, value: unknown): unknown {
  if (value === null) return spec.kind === 'id' ? undefined : null;
  switch (spec.kind) {
    case 'id':
      // Ids are opaque strings; a numeric id is the same id written without quotes when JSON kept it
      // exact. (Lists hold only leads whose id passes leadIdOf; see parseLeadPageAsync.)
      if (typeof value === 'string') return value === '' ? undefined : value;
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    case 'text':
    case 'category':
    case 'date':
      if (typeof value !== 'string') return undefined;
      return spec.values === undefined || spec.values.includes(value) ? value : undefined;
    case 'number':
      return isFiniteNumber(value) ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'geo':
      return Array.isArray(value) && value.length === 2 && value.every(isFiniteNumber) ? [value[0], value[1]] : undefined;
    case 'list':
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  }
}

/**
 * The order of the known keys in a sanitized lead, and so in every answer's JSON: id, booleans, plain
 * strings and numbers (each alphabetically), then closed categories, geo and lists.
 */
const KIND_ORDER: readonly LeadFieldKind[] = ['id', 'bool', 'text', 'number', 'category', 'geo', 'list'];
const keyRank = (spec: LeadFieldSpec): number => {
  if (spec.values !== undefined) return KIND_ORDER.indexOf('category');
  // Open categories and dates are plain strings, ordered with text.
  return KIND_ORDER.indexOf(spec.kind === 'category' || spec.kind === 'date' ? 'text' : spec.kind);
};
const FIELD_ORDER: readonly (readonly [LeadField, LeadFieldSpec])[] = (Object.entries(LEAD_FIELDS) as [LeadField, LeadFieldSpec][]).sort(
  ([a, specA], [b, specB]) => keyRank(specA) - keyRank(specB) || (a < b ? -1 : a > b ? 1 : 0),
);

const KNOWN_FIELDS = new Set<string>(Object.keys(LEAD_FIELDS));

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
  const lead: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    // `__proto__` from JSON.parse is an own key; assigning it would change the prototype.
    if (!KNOWN_FIELDS.has(field) && field !== '__proto__') lead[field] = value;
  }
  for (const [field, spec] of FIELD_ORDER) {
    if (!Object.prototype.hasOwnProperty.call(raw, field)) continue;
    const value = keptValue(spec, raw[field]);
    if (value !== undefined) lead[field] = value;
  }
  return lead;
}
