// The lead's side panel (code-split: not needed for the first paint). Opened by ?lead=<id>, so it works
// from a link even when the lead is not on the current page.
import { useId, type ReactNode } from 'react';
import type { Lead } from '../../../../shared/lead';
import { SidePanel } from '../../../components/dialog';
import { ErrorPanel, Spinner } from '../../../components/error-panel';
import { formatCurrency, formatDateTime, formatNumber, parseDate } from '../../../lib/format';
import { useLead } from '../api/get-lead';
import { StageHistory } from '../../freshness/stage-history';
import { FollowUpDate, leadDisplayName, PlainDate, PriorityBadge, StageLabel } from './cells';
import { findLeadButton } from './lead-actions';
import { LeadStepperButtons, type LeadStepper } from './lead-stepper';
import { CrossIcon } from '../../../components/icons';

interface LeadDetailsProps {
  id: string;
  onClose: () => void;
  /** Previous/next lead in the table's order; null when the lead is not on the page shown. */
  stepper?: LeadStepper | null;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? <span className="text-muted">—</span>}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-line px-5 py-4">
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

const dash = <span className="text-muted">—</span>;
const orDash = (value: ReactNode) => (value === null || value === undefined || value === '' ? dash : value);

function addressLines(lead: Lead): string[] {
  const cityLine = [lead.property_city, [lead.property_state, lead.property_zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [lead.property_street1, lead.property_street2, cityLine, lead.property_country].filter((line): line is string => !!line);
}

function mapUrl(lead: Lead): string | null {
  const location = lead.location;
  if (Array.isArray(location) && location.length === 2 && location.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return `https://www.google.com/maps/search/?api=1&query=${location[0]},${location[1]}`;
  }
  const address = addressLines(lead).join(', ');
  return address ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}` : null;
}

function LeadBody({ lead }: { lead: Lead }) {
  const address = addressLines(lead);
  const map = mapUrl(lead);
  const hasLocation = Array.isArray(lead.location) && lead.location.length === 2;
  return (
    <>
      <Section title="Contact">
        <Field label="Email">
          {lead.email ? (
            <a className="link break-all" href={`mailto:${lead.email}`}>
              {lead.email}
            </a>
          ) : (
            dash
          )}
        </Field>
        <Field label="Phone">
          {lead.phone ? (
            <a className="link" href={`tel:${lead.phone.replace(/[^\d+]/g, '')}`}>
              {lead.phone}
            </a>
          ) : (
            dash
          )}
        </Field>
        <Field label="Assigned to">{orDash(lead.assigned_to)}</Field>
      </Section>
      <Section title="Deal">
        <Field label="Stage">
          <StageLabel stage={lead.stage} />
          <StageHistory lead={lead} />
        </Field>
        <Field label="Priority">
          <PriorityBadge priority={lead.priority} />
        </Field>
        <Field label="Value">{typeof lead.projected_value === 'number' ? formatCurrency(lead.projected_value) : dash}</Field>
        <Field label="Score">{typeof lead.value_score === 'number' ? formatNumber(lead.value_score) : dash}</Field>
        <Field label="Follow-up">
          <FollowUpDate value={lead.follow_up_date} stage={lead.stage} />
        </Field>
        <Field label="Source">{orDash(lead.lead_source)}</Field>
        <Field label="Service">{orDash(lead.service_type)}</Field>
        <Field label="Tags">
          {lead.tags && lead.tags.length > 0 ? (
            <ul className="flex flex-wrap gap-1">
              {lead.tags.map((tag) => (
                <li key={tag} className="chip">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            dash
          )}
        </Field>
      </Section>
      <Section title="Property">
        <Field label="Address">
          {address.length > 0
            ? address.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))
            : dash}
        </Field>
        <Field label="Location">
          {hasLocation && lead.location ? (
            <span className="tabular-nums">
              {lead.location[0].toFixed(5)}, {lead.location[1].toFixed(5)}
            </span>
          ) : (
            dash
          )}
        </Field>
        <Field label="Map">
          {map ? (
            <a className="link" href={map} target="_blank" rel="noopener noreferrer">
              Open in Google Maps<span className="sr-only"> (opens in a new tab)</span>
              <span aria-hidden="true"> ↗</span>
            </a>
          ) : (
            dash
          )}
        </Field>
      </Section>
      <section className="border-t border-line px-5 py-4">
        <h3 className="mb-1 text-sm font-semibold">Notes</h3>
        {lead.notes ? <p className="text-sm whitespace-pre-wrap">{lead.notes}</p> : <p className="text-sm text-muted">No notes.</p>}
      </section>
      <Section title="Record">
        <Field label="Created">{dateTime(lead.created_at)}</Field>
        <Field label="Archived">{lead.archived ? 'Yes' : 'No'}</Field>
        <Field label="Archived at">{lead.archived_at ? <PlainDate value={lead.archived_at} /> : dash}</Field>
        <Field label="Lead id">
          <code className="text-xs break-all">{orDash(lead.id)}</code>
        </Field>
      </Section>
    </>
  );
}

/** The date and time once ("Nov 30, 2026, 5:02 PM"), not the date and then the date with its time. */
function dateTime(value: string | null | undefined) {
  const date = parseDate(value);
  return date ? <time dateTime={date.toISOString()}>{formatDateTime(date)}</time> : null;
}

export default function LeadDetails({ id, onClose, stepper }: LeadDetailsProps) {
  const titleId = useId();
  const { data, error, isPending, isFetching, refetch } = useLead(id);
  const lead = data?.data;
  const title = lead ? leadDisplayName(lead) : error ? 'Lead not available' : 'Loading lead…';
  return (
    <SidePanel
      labelledBy={titleId}
      onClose={onClose}
      returnFocus={() => findLeadButton(id) ?? document.querySelector('input[type="search"]')}
    >
      <div className="flex items-start gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-lg font-semibold break-words">
            {title}
          </h2>
          {lead && (
            <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              {/* Only what the lead has: a lead without stage or priority showed "— —" here. */}
              {lead.stage && <StageLabel stage={lead.stage} />}
              {lead.priority && <PriorityBadge priority={lead.priority} />}
              {lead.archived && <span className="chip">Archived</span>}
              {isFetching && <Spinner className="size-3.5 text-muted" />}
            </div>
          )}
        </div>
        <LeadStepperButtons stepper={stepper} />
        <button type="button" className="btn btn-icon" aria-label="Close details" title="Close (Esc)" onClick={onClose}>
          <CrossIcon />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto pb-6">
        {lead ? (
          <LeadBody lead={lead} />
        ) : error ? (
          <div className="px-5">
            <ErrorPanel error={error} onRetry={() => void refetch()} />
          </div>
        ) : isPending ? (
          <div className="space-y-3 px-5 py-6" aria-hidden="true">
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <div key={i} className="h-4 animate-pulse rounded bg-line" />
            ))}
          </div>
        ) : null}
      </div>
    </SidePanel>
  );
}
