// Notices above the table when the rows may be old: the server holds stale data (Rotor could not be reached
// for a fresh copy), or the last reload of this view failed and the previous rows stay.
import { ErrorPanel } from '../../../components/error-panel';
import { dataFromText } from '../../../lib/errors';

export function StaleBanner({ syncedAt }: { syncedAt: string | null }) {
  return (
    <div className="mx-4 mb-2 flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:mx-6 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <span aria-hidden="true">⚠</span>
      <p>
        <strong className="font-semibold">These leads may be out of date.</strong> {dataFromText(syncedAt)} The dashboard could not get a
        fresh copy from Rotor, so recent changes may be missing. It keeps trying; you can also use Refresh.
      </p>
    </div>
  );
}

export function ReloadFailedBanner({
  error,
  onRetry,
  syncedAt,
}: {
  error: unknown;
  onRetry: () => void;
  syncedAt: string | null | undefined;
}) {
  return (
    <div className="mx-4 mb-2 sm:mx-6">
      <ErrorPanel error={error} onRetry={onRetry} extra={`${dataFromText(syncedAt)} The rows below are from the last successful load.`} />
    </div>
  );
}
