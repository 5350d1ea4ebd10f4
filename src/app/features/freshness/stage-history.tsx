// The details panel's stage history (docs/api.md §6): "Qualified → Won, 2 h ago" when the server saw the
// move, else how long the lead has been in its stage as far as the server knows ("since Nov 27, 2026").
import type { Lead } from '../../../shared/lead';
import { formatAgo, formatDate, formatDateTime, parseDate } from '../../lib/format';

function When({ date, children }: { date: Date; children: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {children}
    </time>
  );
}

export function StageHistory({ lead }: { lead: Lead }) {
  const changedAt = parseDate(lead.stage_changed_at);
  if (lead.previous_stage && changedAt) {
    return (
      <span className="block text-xs text-muted">
        {lead.previous_stage} → {lead.stage ?? '—'}, <When date={changedAt}>{formatAgo(changedAt)}</When>
      </span>
    );
  }
  // Never seen moving: in this stage at least since the server first held the lead.
  const since = changedAt ?? parseDate(lead.first_seen_at);
  if (!lead.stage || !since) return null;
  return (
    <span className="block text-xs text-muted">
      since <When date={since}>{formatDate(since)}</When>
    </span>
  );
}
