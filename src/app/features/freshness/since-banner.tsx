// "Since your last visit (Nov 30, 17:02): 14 new leads · 6 changed stage · 2 archived" (docs/ui.md v2).
// Each count is the server's total for one filter (a one-row page of /api/leads); each part is a link that
// opens that filter alone, so the table then lists exactly the leads counted.
import { useQueries } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { shouldRetry } from '../../lib/api-client';
import { formatDateTime, formatNumber } from '../../lib/format';
import { queryRoots } from '../../lib/sync-invalidation';
import { getLeads } from '../leads/api/get-leads';
import { DEFAULT_VIEW_QUERY, viewQueryKey, viewQueryToSearchParams, type ViewQuery } from '../leads/view-query';
import { navigateToQuery } from '../views/view-query';
import { CrossIcon } from '../../components/icons';

interface SincePart {
  key: string;
  filter: Partial<ViewQuery>;
  text: (count: number) => string;
}

/** The three changes the banner counts, each as the filter its link applies. */
export function sinceParts(since: string): SincePart[] {
  const range = `${since}..`;
  return [
    { key: 'new', filter: { created_at: range }, text: (n) => `${formatNumber(n)} new ${n === 1 ? 'lead' : 'leads'}` },
    { key: 'stage', filter: { stage_changed_at: range }, text: (n) => `${formatNumber(n)} changed stage` },
    { key: 'archived', filter: { archived: true, archived_at: range }, text: (n) => `${formatNumber(n)} archived` },
  ];
}

// "Nov 30, 17:02", as docs/ui.md writes it; the year and zone are in the title.
const shortDateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A plain click opens the filter in place (a history push); modified clicks keep the browser's own behaviour. */
function openInPlace(event: MouseEvent<HTMLAnchorElement>, query: string) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigateToQuery(query, 'push');
}

export default function SinceBanner({ since, onDismiss }: { since: string; onDismiss: () => void }) {
  const parts = sinceParts(since);
  const counts = useQueries({
    queries: parts.map((part) => {
      const query: ViewQuery = { ...DEFAULT_VIEW_QUERY, ...part.filter, limit: 1 };
      return {
        // Under the leads root: a sync or poll that brings new leads refreshes the counts with the table.
        queryKey: [...queryRoots.leads, 'since-last-visit', viewQueryKey(query)],
        // facet_limit=1: only the total is wanted, so keep the answer small.
        queryFn: ({ signal }: { signal: AbortSignal }) => getLeads(query, signal, 1),
        retry: shouldRetry,
      };
    }),
  });
  // All three or nothing: a banner that grows part by part would jump under the rep's pointer.
  if (counts.some((count) => count.data === undefined)) return null;
  const shown = parts.map((part, i) => ({ ...part, count: counts[i]?.data?.pagination.total ?? 0 })).filter((part) => part.count > 0);
  if (shown.length === 0) return null;
  const at = new Date(since);

  return (
    <div
      role="status"
      className="mx-4 mb-2 flex items-center gap-2 rounded-lg border border-line border-l-4 border-l-accent bg-surface py-1.5 pr-1.5 pl-3 text-sm text-ink sm:mx-6"
    >
      <p className="min-w-0 flex-1 py-1">
        Since your last visit (
        <time dateTime={at.toISOString()} title={formatDateTime(at)}>
          {shortDateTime.format(at)}
        </time>
        ):{' '}
        {shown.map((part, i) => {
          const query = viewQueryToSearchParams(part.filter).toString();
          return (
            <span key={part.key}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              {i > 0 && <span className="sr-only">, </span>}
              <a
                className="link font-medium whitespace-nowrap"
                href={`${window.location.pathname}?${query}`}
                onClick={(event) => openInPlace(event, query)}
              >
                {part.text(part.count)}
              </a>
            </span>
          );
        })}
      </p>
      <button type="button" className="btn btn-icon size-8" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
        <CrossIcon />
      </button>
    </div>
  );
}
