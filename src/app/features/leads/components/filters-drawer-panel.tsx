// The filters drawer of narrow screens (code-split: most first paints are on wide screens or never open it).
// Its footer shows the matching count, so the rep sees the result before closing it.
import type { ReactNode } from 'react';
import { SidePanel } from '../../../components/dialog';
import { Spinner } from '../../../components/error-panel';
import { formatNumber } from '../../../lib/format';

interface FiltersDrawerProps {
  activeCount: number;
  /** Leads matching the filters, once known. */
  total: number | undefined;
  loading: boolean;
  onReset: () => void;
  onClose: () => void;
  children: ReactNode;
}

export default function FiltersDrawer({ activeCount, total, loading, onReset, onClose, children }: FiltersDrawerProps) {
  return (
    <SidePanel labelledBy="filters-drawer-heading" onClose={onClose} side="left" widthClass="max-w-sm">
      <div className="flex items-center justify-between border-b border-line px-4 py-3">
        <h2 id="filters-drawer-heading" className="text-base font-semibold">
          Filters
        </h2>
        <button type="button" className="btn btn-icon" aria-label="Close filters" onClick={onClose}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4">
            <path fill="currentColor" d="M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3z" />
          </svg>
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">{children}</div>
      <div className="flex items-center gap-2 border-t border-line px-4 py-3">
        {activeCount > 0 && (
          <button type="button" className="btn" onClick={onReset}>
            Reset filters
          </button>
        )}
        <button type="button" className="btn btn-primary flex-1" onClick={onClose}>
          {loading ? <Spinner /> : null}
          Show {total === undefined ? '' : formatNumber(total)} leads
        </button>
      </div>
    </SidePanel>
  );
}
