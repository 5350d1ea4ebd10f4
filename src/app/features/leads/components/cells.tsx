import type { Lead, Priority } from '../../../../shared/lead';
import { daysFromToday, formatDate, formatRelativeDays, parseDate } from '../../../lib/format';
import { useLeadActions } from './lead-actions';

export function leadDisplayName(lead: Lead): string {
  return lead.name?.trim() || lead.email?.trim() || 'Unnamed lead';
}

/** First seen by the server within this long: the lead is "New" (docs/api.md §6, issue 13: speed to lead). */
const NEW_FOR_MS = 24 * 3_600_000;

/**
 * Whether the server first held this lead within the last 24 h (its `first_seen_at`) as a lead created
 * about then: a server's first sync "first sees" every old lead too, and those are not new.
 */
export function isNewLead(lead: Lead, now: number = Date.now()): boolean {
  const seen = typeof lead.first_seen_at === 'string' ? Date.parse(lead.first_seen_at) : NaN;
  if (!Number.isFinite(seen) || now - seen >= NEW_FOR_MS || now - seen < -60_000) return false;
  const created = typeof lead.created_at === 'string' ? Date.parse(lead.created_at) : NaN;
  return !Number.isFinite(created) || seen - created < NEW_FOR_MS;
}

function NewBadge() {
  return (
    <span className="ml-1.5 rounded bg-sky-100 px-1 py-0.5 text-[0.65rem] font-semibold uppercase text-sky-800 ring-1 ring-sky-300 ring-inset dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800">
      New
    </span>
  );
}

export function LeadNameButton({ lead }: { lead: Lead }) {
  const { openLead } = useLeadActions();
  const id = lead.id;
  const badge = isNewLead(lead) ? <NewBadge /> : null;
  if (!id)
    return (
      <span className="font-medium">
        {leadDisplayName(lead)}
        {badge}
      </span>
    );
  const name = leadDisplayName(lead);
  // Narrower on a phone: the column is sticky, and the rest of the row must still fit beside it.
  // The vertical padding (cancelled by the negative margin) makes a finger-sized target without a taller row.
  // `title` shows a name cut short by the ellipsis in full. Alone in its cell (most rows) the button is a
  // block, so the row has no wrapper element; the cell centres it.
  const button = (
    <button
      type="button"
      data-lead-button={id}
      title={name}
      onClick={() => openLead(id)}
      className={`link -my-2 max-w-36 truncate py-2 text-left font-medium sm:max-w-64 ${badge === null ? 'block' : ''}`}
    >
      {name}
    </button>
  );
  // The badge sits beside the button, not in its accessible name ("Open <name>" stays what tests use).
  return badge === null ? (
    button
  ) : (
    <span className="inline-flex items-center">
      {button}
      {badge}
    </span>
  );
}

// The dot is the label's ::before (one element per stage cell: scrolling renders many of them).
const STAGE_DOTS: Record<string, string> = {
  New: 'before:bg-sky-500',
  Contacted: 'before:bg-indigo-500',
  Qualified: 'before:bg-violet-500',
  'Appointment Set': 'before:bg-fuchsia-500',
  'Proposal Sent': 'before:bg-amber-500',
  Negotiation: 'before:bg-orange-500',
  Won: 'before:bg-emerald-500',
  Lost: 'before:bg-slate-400',
};

export function StageLabel({ stage }: { stage: string | null | undefined }) {
  if (!stage) return <span className="text-muted">—</span>;
  return (
    <span
      className={`whitespace-nowrap before:mr-1.5 before:inline-block before:size-2 before:rounded-full before:align-middle ${STAGE_DOTS[stage] ?? 'before:bg-slate-400'}`}
    >
      {stage}
    </span>
  );
}

const PRIORITY_STYLES: Record<Priority, string> = {
  high: 'bg-red-100 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  medium: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  low: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
};
const PRIORITY_LABELS: Record<Priority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** The badge, its shape mark (▲ ◆ ▼, styles.css) drawn by CSS and left out of its accessible name. */
export function PriorityBadge({ priority }: { priority: Priority | null | undefined }) {
  if (!priority || !(priority in PRIORITY_LABELS)) return <span className="text-muted">—</span>;
  return (
    <span
      className={`priority-mark priority-${priority} inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${PRIORITY_STYLES[priority]}`}
    >
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function PlainDate({ value }: { value: string | null | undefined }) {
  const date = parseDate(value);
  if (!date) return <span className="text-muted">—</span>;
  return (
    <time dateTime={date.toISOString()} className="whitespace-nowrap">
      {formatDate(date)}
    </time>
  );
}

const CLOSED_STAGES = new Set(['Won', 'Lost']);

/**
 * Date plus "in 3 days" on two lines; an overdue follow-up on an open lead is marked by an icon (styles.css)
 * and the word, not colour alone. Two elements and no wrapper: scrolling renders many of these.
 */
export function FollowUpDate({ value, stage }: { value: string | null | undefined; stage?: string | null }) {
  const date = parseDate(value);
  if (!date) return <span className="text-muted">—</span>;
  const days = daysFromToday(date);
  const overdue = days < 0 && !CLOSED_STAGES.has(stage ?? '');
  const tone = overdue ? 'font-medium text-red-700 dark:text-red-300' : '';
  return (
    <>
      <time dateTime={date.toISOString()} className={`block leading-tight whitespace-nowrap ${tone}`}>
        {formatDate(date)}
      </time>
      <span className={`block text-xs leading-tight whitespace-nowrap ${overdue ? `overdue-mark ${tone}` : 'text-muted'}`}>
        {overdue ? `Overdue · ${formatRelativeDays(days)}` : formatRelativeDays(days)}
      </span>
    </>
  );
}

export function TagChips({ tags }: { tags: string[] | null | undefined }) {
  if (!tags || tags.length === 0) return <span className="text-muted">—</span>;
  const shown = tags.slice(0, 3);
  return (
    <ul className="flex flex-nowrap gap-1" title={tags.join(', ')}>
      {shown.map((tag) => (
        <li key={tag} className="chip">
          {tag}
        </li>
      ))}
      {tags.length > shown.length && (
        <li className="chip" title={tags.slice(3).join(', ')}>
          +{tags.length - shown.length}
          <span className="sr-only"> more: {tags.slice(3).join(', ')}</span>
        </li>
      )}
    </ul>
  );
}
