// The filters drawer of narrow screens (code-split: most first paints are on wide screens or never open it).
// Its footer shows the matching count, so the rep sees the result before closing it.
import type { ReactNode } from 'react';
import { SidePanel } from '../../../components/dialog';
import { Spinner } from '../../../components/error-panel';
import { formatNumber } from '../../../lib/format';
import { CrossIcon } from '../../../components/icons';

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
          <CrossIcon />
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
