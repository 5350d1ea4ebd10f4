// The lead table's columns (docs/ui.md "Table"). Column ids are the Lead field names, so a column's id is
// also its server sort field; sorting and paging are done by the API over all matches (manual mode).
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import type { Lead } from '../../../shared/lead';
import { isSortField } from '../../../shared/lead-query';
import { FollowUpDate, LeadNameButton, PlainDate, PriorityBadge, StageLabel, TagChips } from './components/cells';
import { formatCurrency, formatNumber } from '../../lib/format';

export const leadTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnVisibilityFeature });

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TFeatures, TData, TValue> {
    /** The column's name in headers and the Columns menu. */
    label: string;
    numeric?: boolean;
  }
}

const helper = createColumnHelper<typeof leadTableFeatures, Lead>();

const text = (value: string | null | undefined) => value || <span className="text-muted">—</span>;

export const leadColumns = helper.columns([
  helper.accessor('name', {
    header: 'Name',
    meta: { label: 'Name' },
    enableHiding: false,
    cell: ({ row }) => <LeadNameButton lead={row.original} />,
  }),
  helper.accessor('stage', { header: 'Stage', meta: { label: 'Stage' }, cell: (c) => <StageLabel stage={c.getValue()} /> }),
  helper.accessor('priority', {
    header: 'Priority',
    meta: { label: 'Priority' },
    cell: (c) => <PriorityBadge priority={c.getValue()} />,
  }),
  helper.accessor('projected_value', {
    header: 'Value',
    meta: { label: 'Value', numeric: true },
    cell: (c) => {
      const value = c.getValue();
      return typeof value === 'number' ? formatCurrency(value) : text(null);
    },
  }),
  helper.accessor('value_score', {
    header: 'Score',
    meta: { label: 'Score', numeric: true },
    cell: (c) => {
      const value = c.getValue();
      return typeof value === 'number' ? formatNumber(value) : text(null);
    },
  }),
  helper.accessor('follow_up_date', {
    header: 'Follow-up',
    meta: { label: 'Follow-up' },
    cell: (c) => <FollowUpDate value={c.getValue()} stage={c.row.original.stage} />,
  }),
  helper.accessor('tags', {
    header: 'Tags',
    meta: { label: 'Tags' },
    enableSorting: false,
    cell: (c) => <TagChips tags={c.getValue()} />,
  }),
  helper.accessor('assigned_to', { header: 'Assigned to', meta: { label: 'Assigned to' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('lead_source', { header: 'Source', meta: { label: 'Source' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('service_type', { header: 'Service', meta: { label: 'Service' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('property_city', { header: 'City', meta: { label: 'City' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('property_state', { header: 'State', meta: { label: 'State' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('created_at', { header: 'Created', meta: { label: 'Created' }, cell: (c) => <PlainDate value={c.getValue()} /> }),
  helper.accessor('email', {
    header: 'Email',
    meta: { label: 'Email' },
    cell: (c) => {
      const email = c.getValue();
      return email ? <a className="link" href={`mailto:${email}`}>{email}</a> : text(null);
    },
  }),
  helper.accessor('phone', {
    header: 'Phone',
    meta: { label: 'Phone' },
    cell: (c) => {
      const phone = c.getValue();
      return phone ? <a className="link whitespace-nowrap" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : text(null);
    },
  }),
  helper.accessor('property_street1', {
    header: 'Street',
    meta: { label: 'Street' },
    enableSorting: false, // not a sort field of the API
    cell: (c) => text(c.getValue()),
  }),
  helper.accessor('property_zip', { header: 'Zip', meta: { label: 'Zip' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('property_country', { header: 'Country', meta: { label: 'Country' }, cell: (c) => text(c.getValue()) }),
  helper.accessor('archived_at', {
    header: 'Archived at',
    meta: { label: 'Archived at' },
    cell: (c) => <PlainDate value={c.getValue()} />,
  }),
]);

/** Every sortable column must be an API sort field; the rest (Tags, Street) opt out above. */
for (const column of leadColumns) {
  const id = 'accessorKey' in column ? String(column.accessorKey) : '';
  if (column.enableSorting !== false && !isSortField(id)) throw new Error(`column ${id} is not a sort field`);
}

export const COLUMN_IDS: string[] = leadColumns.map((column) => ('accessorKey' in column ? String(column.accessorKey) : ''));

export const DEFAULT_COLUMN_VISIBILITY: ColumnVisibilityState = {
  email: false,
  phone: false,
  property_street1: false,
  property_zip: false,
  property_country: false,
  archived_at: false,
};

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
