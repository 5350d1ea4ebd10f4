import { describeError } from '../lib/errors';

interface ErrorPanelProps {
  error: unknown;
  onRetry?: () => void;
  onResetView?: () => void;
  retrying?: boolean;
  /** Shown under the detail, e.g. "Showing data from …". */
  extra?: string;
}

/** A failed load in place of content: what happened, what to do, and the button to do it. */
export function ErrorPanel({ error, onRetry, onResetView, retrying, extra }: ErrorPanelProps) {
  const { title, detail, action } = describeError(error);
  return (
    <div
      role="alert"
      className="mx-auto my-10 max-w-xl rounded-xl border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <h2 className="flex items-center gap-2 text-base font-semibold">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 shrink-0">
          <path fill="currentColor" d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-.75 4v5h1.5V6h-1.5Zm0 6.5V14h1.5v-1.5h-1.5Z" />
        </svg>
        {title}
      </h2>
      <p className="mt-2 text-sm">{detail}</p>
      {extra && <p className="mt-2 text-sm">{extra}</p>}
      {action === 'retry' && onRetry && (
        <button type="button" className="btn mt-4" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
      {action === 'reset-view' && onResetView && (
        <button type="button" className="btn mt-4" onClick={onResetView}>
          Reset view
        </button>
      )}
    </div>
  );
}

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`animate-spin ${className}`} fill="none">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
