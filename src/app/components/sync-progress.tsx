import type { SyncProgress } from '../../shared/api-types';
import { formatNumber } from '../lib/format';

/** The words of the bar, also its accessible value: "23,000 of 100,000" (or "23,000 so far" without a total). */
export function syncProgressText(progress: SyncProgress): string {
  const received = formatNumber(progress.leads_received);
  return progress.leads_expected === null ? `${received} so far` : `${received} of ${formatNumber(progress.leads_expected)}`;
}

/**
 * The first load of a big account (issue 14): no data yet, a sync is paging through Rotor (~1 s a page), so
 * the work is shown instead of a spinner or a "slow to answer" error. The table loads when the sync ends.
 */
export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const { leads_received: received, leads_expected: expected } = progress;
  const text = syncProgressText(progress);
  const share = expected === null || expected === 0 ? null : Math.min(1, received / expected);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-2 px-4 py-12 text-sm">
      <p aria-hidden="true" className="font-medium">
        Loading leads from Rotor: {text}
      </p>
      <div
        role="progressbar"
        aria-label="Loading leads from Rotor"
        aria-valuemin={0}
        {...(expected === null ? {} : { 'aria-valuemax': expected, 'aria-valuenow': Math.min(received, expected) })}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-accent-soft"
      >
        <div
          className={
            share === null
              ? 'h-full w-2/5 bg-accent motion-safe:animate-[progress_1s_ease-in-out_infinite]'
              : 'h-full bg-accent transition-[width]'
          }
          style={share === null ? undefined : { width: `${(share * 100).toFixed(1)}%` }}
        />
      </div>
      <p className="text-muted">The table appears when every lead has arrived; a large account takes a minute or two the first time.</p>
    </div>
  );
}
