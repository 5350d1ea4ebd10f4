import { lazy, Suspense, useEffect, useState } from 'react';
import type { ViewFilter } from '../view-query';
import { getExcelExportUrl, getExportUrl } from '../api/export';

// Shown only where the clipboard is unavailable: loaded then, not with every first load (the bundle budget).
const CopyLinkFallback = lazy(() => import('./copy-link-fallback'));

const DownloadIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
    <path fill="currentColor" d="M9.25 3h1.5v7.19l2.72-2.72 1.06 1.06L10 13.06 5.47 8.53l1.06-1.06 2.72 2.72V3ZM4 14.5h12V16H4v-1.5Z" />
  </svg>
);
// A sheet grid, so the two exports differ where only icons show (phones).
const SheetIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
    <path
      fill="currentColor"
      fillRule="evenodd"
      d="M3 3h14v14H3V3Zm1.5 1.5v3h4v-3h-4Zm5.5 0v3h5.5v-3H10Zm-5.5 4.5v3h4V9h-4Zm5.5 0v3h5.5V9H10Zm-5.5 4.5v2h4v-2h-4Zm5.5 0v2h5.5v-2H10Z"
    />
  </svg>
);
const LinkIcon = () => (
  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
    <path
      fill="currentColor"
      d="M8.2 11.8a3 3 0 0 1 0-4.24l2.3-2.3a3 3 0 1 1 4.24 4.24l-1.06 1.06-1.06-1.06 1.06-1.06a1.5 1.5 0 1 0-2.12-2.12l-2.3 2.3a1.5 1.5 0 0 0 0 2.12L8.2 11.8Zm3.6-3.6a3 3 0 0 1 0 4.24l-2.3 2.3a3 3 0 1 1-4.24-4.24l1.06-1.06 1.06 1.06-1.06 1.06a1.5 1.5 0 1 0 2.12 2.12l2.3-2.3a1.5 1.5 0 0 0 0-2.12l1.06-1.06Z"
    />
  </svg>
);

/** A plain link, so the browser downloads every matching lead as CSV (the server sets Content-Disposition). */
export function ExportLink({ filter }: { filter: ViewFilter }) {
  return (
    <a className="btn max-sm:w-9 max-sm:px-0" href={getExportUrl(filter)} download title="Export CSV">
      <DownloadIcon />
      <span className="max-sm:sr-only">Export CSV</span>
    </a>
  );
}

/** The same leads as an Excel workbook with the table's visible columns in its order (typed cells, docs/api.md). */
export function ExportExcelLink({ filter, columns }: { filter: ViewFilter; columns: readonly string[] }) {
  return (
    <a className="btn max-sm:w-9 max-sm:px-0" href={getExcelExportUrl(filter, columns)} download title="Export Excel">
      <SheetIcon />
      <span className="max-sm:sr-only">Export Excel</span>
    </a>
  );
}

/** Copies this exact view's URL; where the clipboard is unavailable, shows the URL selected for manual copying. */
export function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [url, setUrl] = useState('');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const href = window.location.href;
    setUrl(href);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(href);
      setState('copied');
    } catch {
      setState('manual');
    }
  }

  return (
    <div className="relative">
      <button type="button" className="btn max-sm:w-9 max-sm:px-0" title="Copy link" onClick={copy}>
        {state === 'copied' ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-emerald-600 dark:text-emerald-400">
            <path fill="currentColor" d="m8 13.2-3.6-3.6 1.06-1.06L8 11.08l6.54-6.54 1.06 1.06z" />
          </svg>
        ) : (
          <LinkIcon />
        )}
        <span className="max-sm:sr-only">Copy link</span>
      </button>
      <span aria-live="polite" className="sr-only">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      {state === 'copied' && (
        <span
          aria-hidden="true"
          className="absolute top-full right-0 z-30 mt-1 rounded-md bg-ink px-2 py-1 text-xs whitespace-nowrap text-surface shadow"
        >
          Link copied
        </span>
      )}
      {state === 'manual' && (
        <Suspense fallback={null}>
          <CopyLinkFallback url={url} onDone={() => setState('idle')} />
        </Suspense>
      )}
    </div>
  );
}
