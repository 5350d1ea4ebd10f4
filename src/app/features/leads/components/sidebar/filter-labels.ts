// What each filter is called on screen (docs/ui.md v2 "Filters sidebar"): group labels, value labels,
// presets and chip texts, in one place so the sidebar and the chips always say the same thing.
import { NONE_TOKEN } from '../../../../../shared/query-v2/params';
import { formatCurrency, formatDate, formatDateTime, formatNumber, parseDate } from '../../../../lib/format';
import type { DateRangeName, FacetName, NumberRangeName, RangeName } from '../../view-query';

export const FACET_LABELS: Record<FacetName, string> = {
  stage: 'Stage',
  assigned_to: 'Owner',
  priority: 'Priority',
  tags: 'Tags',
  lead_source: 'Source',
  service_type: 'Service',
};

/** Chip prefixes: one tag per chip reads "Tag: solar" (docs/ui.md "Filters"). */
const CHIP_LABELS: Record<FacetName, string> = { ...FACET_LABELS, tags: 'Tag' };

export const ME_TOKEN = '(me)';

const PRIORITY_LABELS: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };
/** Priority is listed by rank, not by count (docs/ui.md v2). */
export const PRIORITY_ORDER = ['high', 'medium', 'low'];

/** The no-value bucket: an owner-less lead is "Unassigned", any other missing value "None". */
export function noneLabel(facet: FacetName): string {
  return facet === 'assigned_to' ? 'Unassigned' : 'None';
}

/** A facet value as shown (and as its checkbox is named): `null` and `(none)` are the no-value bucket. */
export function facetValueLabel(facet: FacetName, value: string | null): string {
  if (value === null || value === NONE_TOKEN) return noneLabel(facet);
  if (facet === 'assigned_to' && value === ME_TOKEN) return 'My leads';
  if (facet === 'priority') return PRIORITY_LABELS[value] ?? value;
  return value;
}

export function facetChipLabel(facet: FacetName, value: string): string {
  return `${CHIP_LABELS[facet]}: ${facetValueLabel(facet, value)}`;
}

export interface RangePreset {
  label: string;
  /** The param's canonical range text; '' is "Any". */
  value: string;
}

/** docs/ui.md v2 "Preset queries": relative days, so a bookmark means "overdue for whoever opens it". */
export const DATE_PRESETS: Record<DateRangeName, RangePreset[]> = {
  follow_up_date: [
    { label: 'Any', value: '' },
    { label: 'Overdue', value: '..today-1' },
    { label: 'Today', value: 'today..today' },
    { label: 'Next 7 days', value: 'today..today+7' },
    { label: 'No follow-up', value: NONE_TOKEN },
  ],
  created_at: [
    { label: 'Any', value: '' },
    { label: 'Today', value: 'today..' },
    { label: 'Last 7 days', value: 'today-6..' },
    { label: 'Last 30 days', value: 'today-29..' },
  ],
  // No sidebar group yet: set by the "Since your last visit" links, shown as chips.
  archived_at: [],
  stage_changed_at: [],
};

export const RANGE_LABELS: Record<RangeName, string> = {
  follow_up_date: 'Follow-up',
  created_at: 'Created',
  archived_at: 'Archived',
  stage_changed_at: 'Stage changed',
  projected_value: 'Value',
  value_score: 'Score',
};

/** The number inputs' names: "Minimum value", "Maximum score". */
export const NUMBER_INPUT_LABELS: Record<NumberRangeName, { min: string; max: string }> = {
  projected_value: { min: 'Minimum value', max: 'Maximum value' },
  value_score: { min: 'Minimum score', max: 'Maximum score' },
};

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A range's two bounds as text ('' when open); `none` for `(none)`. */
export function splitRange(text: string): { lower: string; upper: string; none: boolean } {
  if (text === NONE_TOKEN) return { lower: '', upper: '', none: true };
  const at = text.indexOf('..');
  if (at === -1) return { lower: '', upper: '', none: false };
  return { lower: text.slice(0, at), upper: text.slice(at + 2), none: false };
}

/**
 * `YYYY-MM-DD` as a date in the browser's locale (read as a calendar day, not a UTC instant); an ISO instant
 * (the "Since your last visit" links) as a date and time; `today-1` and the like as written.
 */
function dayLabel(bound: string): string {
  if (!DAY_PATTERN.test(bound)) {
    const instant = bound.includes('T') ? parseDate(bound) : null;
    return instant ? formatDateTime(instant) : bound;
  }
  const [year, month, day] = bound.split('-').map(Number) as [number, number, number];
  return formatDate(new Date(year, month - 1, day));
}

function boundsLabel(lower: string, upper: string, format: (bound: string) => string): string {
  if (lower && upper) return lower === upper ? format(lower) : `${format(lower)} – ${format(upper)}`;
  return lower ? `≥ ${format(lower)}` : `≤ ${format(upper)}`;
}

/** The chip of a range: its preset's name when it is one ("Follow-up: Overdue"), else its bounds. */
export function rangeChipLabel(name: RangeName, text: string): string {
  const presets = name in DATE_PRESETS ? DATE_PRESETS[name as DateRangeName] : [];
  const preset = presets.find((p) => p.value === text);
  const prefix = `${RANGE_LABELS[name]}: `;
  if (preset) return prefix + preset.label;
  const { lower, upper, none } = splitRange(text);
  if (none) return `${prefix}None`;
  if (name === 'projected_value') return prefix + boundsLabel(lower, upper, (b) => formatCurrency(Number(b)));
  if (name === 'value_score') return prefix + boundsLabel(lower, upper, (b) => formatNumber(Number(b)));
  return prefix + boundsLabel(lower, upper, dayLabel);
}
