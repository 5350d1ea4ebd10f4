// "Previous lead" / "Next lead" in the details panel (and j/k there), in the table's order across pages:
// past the page's last row comes the next page's first (the table follows to that page).
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Lead } from '../../../../shared/lead';
import type { ViewQuery } from '../view-query';
import { isTypingTarget } from '../../../lib/typing-target';
import { getLeadsQueryOptions } from '../api/get-leads';
import { StrokeIcon } from '../../../components/icons';
import { lastPageOf } from '../paging';

export interface LeadStepper {
  previous: (() => Promise<void>) | null;
  next: (() => Promise<void>) | null;
}

interface StepperInput {
  leadId: string | null;
  /** The page on screen (undefined while it loads) and the query it answers. */
  rows: readonly Lead[] | undefined;
  query: ViewQuery;
  total: number | undefined;
  /** Opens `id` with the table on `page` (in place: Back still closes the panel). */
  onStep: (id: string, page: number) => void;
}

/** Null when the open lead is not a row on the page shown (e.g. opened from a link). */
export function useLeadStepper({ leadId, rows, query, total, onStep }: StepperInput): LeadStepper | null {
  const queryClient = useQueryClient();
  if (!leadId || !rows || total === undefined) return null;
  const at = rows.findIndex((lead) => lead.id === leadId);
  if (at === -1) return null;

  const onOtherPage = (page: number, pick: (data: Lead[]) => Lead | undefined) => async () => {
    const answer = await queryClient.fetchQuery(getLeadsQueryOptions({ ...query, page }));
    const lead = pick(answer.data);
    if (lead?.id) onStep(lead.id, page);
  };
  const before = rows.slice(0, at).findLast((lead) => !!lead.id);
  const after = rows.slice(at + 1).find((lead) => !!lead.id);
  const lastPage = lastPageOf(total, query.limit);
  return {
    previous: before?.id
      ? () => Promise.resolve(onStep(before.id!, query.page))
      : query.page > 1
        ? onOtherPage(query.page - 1, (data) => data.findLast((lead) => !!lead.id))
        : null,
    next: after?.id
      ? () => Promise.resolve(onStep(after.id!, query.page))
      : query.page < lastPage
        ? onOtherPage(query.page + 1, (data) => data.find((lead) => !!lead.id))
        : null,
  };
}

const arrow = { previous: 'M12.5 5 7.5 10l5 5', next: 'M7.5 5l5 5-5 5' };

/** The two buttons in the panel's header, and j/k while the panel is open (not while typing). */
export function LeadStepperButtons({ stepper }: { stepper: LeadStepper | null | undefined }) {
  // One step at a time (a page fetch may be under way); the buttons stay enabled so focus never drops out.
  const busy = useRef(false);
  const latest = useRef(stepper);
  useEffect(() => {
    latest.current = stepper;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const step = event.key === 'j' ? latest.current?.next : event.key === 'k' ? latest.current?.previous : undefined;
      if (!step) return;
      event.preventDefault();
      if (busy.current) return;
      busy.current = true;
      void step().finally(() => (busy.current = false));
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!stepper) return null;
  const run = (step: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    void step().finally(() => (busy.current = false));
  };
  return (
    <div className="flex gap-1">
      {(['previous', 'next'] as const).map((which) => {
        const step = stepper[which];
        const label = which === 'previous' ? 'Previous lead' : 'Next lead';
        return (
          <button
            key={which}
            type="button"
            className="btn btn-icon"
            aria-label={label}
            title={`${label} (${which === 'previous' ? 'k' : 'j'})`}
            aria-keyshortcuts={which === 'previous' ? 'k' : 'j'}
            disabled={!step}
            onClick={() => step && run(step)}
          >
            <StrokeIcon path={arrow[which]} />
          </button>
        );
      })}
    </div>
  );
}
