// The field catalogue: one line per Lead field says what the dashboard does with it. Everything
// per-field elsewhere is generated from here — the API's sort fields and how each sorts, the
// sanitizer's type checks, the CSV columns, the table's column labels and default visibility.
// Adding a field: its line in `Lead` (lead.ts), its line here, and (for a column) its cell renderer
// in src/app/features/leads/columns.tsx.
import { PRIORITIES, type Lead } from './lead';
import type { DateRangeParam, FacetParam, NumberRangeParam } from './query-v2/params';

/**
 * - id: the opaque lead id (a string; a numeric id upstream is the same id written without quotes)
 * - text: free text; category: a string from a small set (closed when `values` is given)
 * - list: an array of strings; number: a finite number; date: an ISO date or instant string
 * - bool: true/false; geo: `[lat, lng]`
 */
export type LeadFieldKind = 'id' | 'text' | 'category' | 'list' | 'number' | 'date' | 'bool' | 'geo';

export interface LeadFieldSpec {
  readonly kind: LeadFieldKind;
  /** The field's name in the table header, the Columns menu and the details panel. */
  readonly label: string;
  /** A value of `sort=` (docs/api.md §2 "Sorting"). */
  readonly sort?: true;
  /** Listed in the response's `facets` and selectable as a filter (docs/api.md §4 "More facet filters"). */
  readonly facet?: true;
  /** Filterable by a from/to range `A..B` (docs/api.md §4 "Ranges"): number and date fields. */
  readonly range?: true;
  /** A table column, shown or hidden until the user changes it; absent: not a table column. */
  readonly column?: 'shown' | 'hidden';
  /** A column of the CSV export; the export is the whole lead, so every field is. */
  readonly csv: true;
  /** A closed category's values, in their order (which is also its sort order). */
  readonly values?: readonly string[];
}

/**
 * Every Lead field, in the CSV export's column order (a file format people's spreadsheets rely on:
 * append, never reorder).
 */
export const LEAD_FIELDS = {
  id: { kind: 'id', label: 'Id', csv: true },
  name: { kind: 'text', label: 'Name', sort: true, column: 'shown', csv: true },
  email: { kind: 'text', label: 'Email', sort: true, column: 'hidden', csv: true },
  phone: { kind: 'text', label: 'Phone', sort: true, column: 'shown', csv: true },
  stage: { kind: 'category', label: 'Stage', sort: true, facet: true, column: 'shown', csv: true },
  priority: { kind: 'category', label: 'Priority', values: PRIORITIES, sort: true, facet: true, column: 'shown', csv: true },
  tags: { kind: 'list', label: 'Tags', facet: true, column: 'shown', csv: true },
  projected_value: { kind: 'number', label: 'Value', sort: true, range: true, column: 'shown', csv: true },
  value_score: { kind: 'number', label: 'Score', sort: true, range: true, column: 'shown', csv: true },
  follow_up_date: { kind: 'date', label: 'Follow-up', sort: true, range: true, column: 'shown', csv: true },
  assigned_to: { kind: 'category', label: 'Assigned to', sort: true, facet: true, column: 'shown', csv: true },
  lead_source: { kind: 'category', label: 'Source', sort: true, facet: true, column: 'shown', csv: true },
  service_type: { kind: 'category', label: 'Service', sort: true, facet: true, column: 'shown', csv: true },
  property_street1: { kind: 'text', label: 'Street', column: 'hidden', csv: true },
  property_street2: { kind: 'text', label: 'Street line 2', csv: true },
  property_city: { kind: 'category', label: 'City', sort: true, column: 'shown', csv: true },
  property_state: { kind: 'category', label: 'State', sort: true, column: 'shown', csv: true },
  property_zip: { kind: 'text', label: 'Zip', sort: true, column: 'hidden', csv: true },
  property_country: { kind: 'category', label: 'Country', sort: true, column: 'hidden', csv: true },
  location: { kind: 'geo', label: 'Location', csv: true },
  notes: { kind: 'text', label: 'Notes', csv: true },
  created_at: { kind: 'date', label: 'Created', sort: true, range: true, column: 'shown', csv: true },
  archived: { kind: 'bool', label: 'Archived', csv: true },
  archived_at: { kind: 'date', label: 'Archived at', sort: true, range: true, column: 'hidden', csv: true },
  // Change tracking, added by the proxy (docs/api.md §6): not Rotor's fields.
  first_seen_at: { kind: 'date', label: 'First seen', csv: true },
  stage_changed_at: { kind: 'date', label: 'Stage since', sort: true, range: true, column: 'hidden', csv: true },
  previous_stage: { kind: 'category', label: 'Previous stage', csv: true },
} as const satisfies { readonly [K in keyof Lead]-?: LeadFieldSpec };

export type LeadField = keyof typeof LEAD_FIELDS;

type FieldsWhere<P> = { [K in LeadField]: (typeof LEAD_FIELDS)[K] extends P ? K : never }[LeadField];

/** The fields with a given property, in catalogue order. */
function fieldsWhere<P extends Partial<LeadFieldSpec>>(test: (spec: LeadFieldSpec) => boolean): readonly FieldsWhere<P>[] {
  return (Object.keys(LEAD_FIELDS) as LeadField[]).filter((field) => test(LEAD_FIELDS[field])) as FieldsWhere<P>[];
}

export const SORT_FIELDS = fieldsWhere<{ sort: true }>((spec) => spec.sort === true);
export type SortField = FieldsWhere<{ sort: true }>;

/** The response's `facets` has one list per such field (api-types.ts), so marking a field here asks the scan for it. */
export type FacetField = FieldsWhere<{ facet: true }>;
export const FACET_FIELDS = fieldsWhere<{ facet: true }>((spec) => spec.facet === true);

export type RangeField = FieldsWhere<{ range: true }>;
export const RANGE_FIELDS = fieldsWhere<{ range: true }>((spec) => spec.range === true);

// The query params (query-v2/params.ts, in the API's order) name exactly the fields marked here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameFacets: Same<FacetField, FacetParam> = true;
const sameRanges: Same<RangeField, NumberRangeParam | DateRangeParam> = true;
void sameFacets;
void sameRanges;

export const CSV_COLUMNS = fieldsWhere<{ csv: true }>((spec) => spec.csv);
export type CsvColumn = FieldsWhere<{ csv: true }>;

/** How a sort field's values compare: collator order, numeric, instant, or position in `values`. */
export type SortKind = 'string' | 'number' | 'date' | 'ordinal';

export function sortKindOf(field: SortField): SortKind {
  const spec: LeadFieldSpec = LEAD_FIELDS[field];
  if (spec.values !== undefined) return 'ordinal';
  if (spec.kind === 'number' || spec.kind === 'date') return spec.kind;
  return 'string';
}

/** The sales pipeline in its natural order: the Stage facet lists stages this way, and the demo data uses them. */
export const PIPELINE_STAGES = ['New', 'Contacted', 'Qualified', 'Appointment Set', 'Proposal Sent', 'Negotiation', 'Won', 'Lost'] as const;
