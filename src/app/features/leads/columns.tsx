// The lead table's columns (docs/ui.md "Table"), in display order. What a column is called, whether it sorts
// and whether it is shown by default come from the field catalogue (shared/lead-fields.ts); this file
// adds only how each cell renders. Column ids are the Lead field names, so a column's id is also its
// server sort field; sorting and paging are done by the API over all matches.
import type { ReactNode } from 'react';
import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import type { Lead } from '../../../shared/lead';
import { LEAD_FIELDS, type LeadField, type LeadFieldSpec } from '../../../shared/lead-fields';
import { FollowUpDate, LeadNameButton, PlainDate, PriorityBadge, StageLabel, TagChips } from './components/cells';
import { formatCurrency, formatNumber } from '../../lib/format';

// Sorting and paging are the server's and the URL's (leads-table.tsx, pagination.tsx): the table keeps only
// what it renders, which keeps their code out of the first load.
export const leadTableFeatures = tableFeatures({ columnVisibilityFeature, columnOrderingFeature });

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TFeatures, TData, TValue> {
    /** The column's name in headers and the Columns menu. */
    label: string;
    /** The API sorts by it (the field catalogue says so); its header is a sort button. */
    sortable?: boolean;
    numeric?: boolean;
    /** The cell's text is the value itself: its cell carries it as a title, since the column may cut it short. */
    plainText?: boolean;
    /** The column's width (a Tailwind class on its header): the table lays out at fixed widths (leads-table.tsx). */
    width: string;
  }
}

const helper = createColumnHelper<typeof leadTableFeatures, Lead>();

const text = (value: string | null | undefined) => value || <span className="text-muted">—</span>;

// Each column's width. The table uses fixed layout: the browser sizes columns from these, not by measuring
// every cell's text, so rows that scroll into view never re-flow the table; a longer value is cut with an
// ellipsis (its full text in a title). Literal class names, so Tailwind sees them. The Name column matches the
// scroller's scroll-padding (leads-view.tsx), which keeps the focused row clear of the sticky column.
const COLUMN_WIDTHS: Record<string, string> = {
  name: 'w-[10.5rem] sm:w-[17.5rem]',
  stage: 'w-40',
  priority: 'w-28',
  projected_value: 'w-40',
  value_score: 'w-24',
  follow_up_date: 'w-48',
  tags: 'w-60',
  assigned_to: 'w-40',
  lead_source: 'w-32',
  service_type: 'w-40',
  property_city: 'w-36',
  property_state: 'w-24',
  created_at: 'w-32',
  email: 'w-64',
  phone: 'w-40',
  property_street1: 'w-56',
  property_zip: 'w-24',
  property_country: 'w-28',
  archived_at: 'w-32',
  stage_changed_at: 'w-32',
};

/**
 * The narrowest widths above, in rem: the Name column at its smallest (a phone), any other column at its
 * smallest. A table's first rows render only the columns that can be in view from these (column-span.ts).
 */
export const NAME_COLUMN_MIN_REM = 10.5;
export const NARROWEST_COLUMN_REM = 6;

/** A column for a catalogue field: label, sorting and alignment from the catalogue, the cell from here. */
function column<K extends LeadField>(field: K, cell: (value: Lead[K], lead: Lead) => ReactNode) {
  const spec: LeadFieldSpec = LEAD_FIELDS[field];
  const plainText = (cell as unknown) === text || field === 'email' || field === 'phone';
  return helper.accessor(field as 'name', {
    header: spec.label,
    meta: {
      label: spec.label,
      width: COLUMN_WIDTHS[field] ?? 'w-40',
      ...(spec.kind === 'number' ? { numeric: true } : {}),
      ...(spec.sort === true ? { sortable: true } : {}),
      ...(plainText ? { plainText: true } : {}),
    },
    // The name opens the lead: it is never hidden.
    ...(field === 'name' ? { enableHiding: false } : {}),
    cell: (c) => cell(c.getValue() as Lead[K], c.row.original),
  });
}

export const leadColumns = helper.columns([
  // No wrapper unless a badge sits beside the name (most rows: the button alone, cells.tsx).
  column('name', (_, lead) =>
    lead.archived === true ? (
      <span className="inline-flex items-center gap-1.5">
        <LeadNameButton lead={lead} />
        <span className="chip">Archived</span>
      </span>
    ) : (
      <LeadNameButton lead={lead} />
    ),
  ),
  column('stage', (stage) => <StageLabel stage={stage} />),
  column('priority', (priority) => <PriorityBadge priority={priority} />),
  column('projected_value', (value) => (typeof value === 'number' ? formatCurrency(value) : text(null))),
  column('value_score', (value) => (typeof value === 'number' ? formatNumber(value) : text(null))),
  column('follow_up_date', (value, lead) => <FollowUpDate value={value} stage={lead.stage} />),
  column('tags', (tags) => <TagChips tags={tags} />),
  column('assigned_to', text),
  column('lead_source', text),
  column('service_type', text),
  column('property_city', text),
  column('property_state', text),
  column('created_at', (value) => <PlainDate value={value} />),
  column('email', (email) =>
    email ? (
      <a className="link" href={`mailto:${email}`}>
        {email}
      </a>
    ) : (
      text(null)
    ),
  ),
  column('phone', (phone) =>
    phone ? (
      <a className="link whitespace-nowrap" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
        {phone}
      </a>
    ) : (
      text(null)
    ),
  ),
  column('property_street1', text),
  column('property_zip', text),
  column('property_country', text),
  column('archived_at', (value) => <PlainDate value={value} />),
  // "Stage since" (docs/api.md §6): when the server saw the lead move into its stage; hidden by default.
  column('stage_changed_at', (value) => <PlainDate value={value} />),
]);

export const COLUMN_IDS: string[] = leadColumns.map((c) => ('accessorKey' in c ? String(c.accessorKey) : ''));

/** Exactly the catalogue's table columns: a field marked `column` without a renderer here (or the reverse) is a bug. */
const catalogueColumns = (Object.keys(LEAD_FIELDS) as LeadField[]).filter((field) => 'column' in LEAD_FIELDS[field]);
if (catalogueColumns.length !== COLUMN_IDS.length || catalogueColumns.some((field) => !COLUMN_IDS.includes(field)))
  throw new Error(`table columns ${COLUMN_IDS.join()} differ from the catalogue's ${catalogueColumns.join()}`);

export const DEFAULT_COLUMN_VISIBILITY: ColumnVisibilityState = Object.fromEntries(
  catalogueColumns.filter((field) => (LEAD_FIELDS[field] as LeadFieldSpec).column === 'hidden').map((field) => [field, false]),
);

const STORAGE_KEY = 'rotor-leads:columns:v1';

/** Visibility from localStorage, trusting only known column ids with boolean values. */
export function loadColumnVisibility(): ColumnVisibilityState {
  const visibility = { ...DEFAULT_COLUMN_VISIBILITY };
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
      for (const [id, visible] of Object.entries(stored)) {
        if (COLUMN_IDS.includes(id) && id !== 'name' && typeof visible === 'boolean') visibility[id] = visible;
      }
    }
  } catch {
    // Garbage or no storage (private mode): the defaults.
  }
  return visibility;
}

export function saveColumnVisibility(visibility: ColumnVisibilityState): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(visibility));
  } catch {
    // Storage full or blocked: the choice lasts for this page only.
  }
}
