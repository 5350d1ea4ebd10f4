import { useId } from 'react';
import { formatNumber } from '../../../lib/format';
import { lastPageOf } from '../paging';
import { StrokeIcon } from '../../../components/icons';

export const PAGE_SIZES = [25, 50, 100, 250];

/** "Showing 51–100 of 142" (en dash); an empty page says "Showing 0–0 of 142". */
export function rangeText(page: number, limit: number, rowsOnPage: number, total: number): string {
  if (rowsOnPage === 0) return `Showing 0–0 of ${formatNumber(total)}`;
  const first = (page - 1) * limit + 1;
  return `Showing ${formatNumber(first)}–${formatNumber(first + rowsOnPage - 1)} of ${formatNumber(total)}`;
}

interface PaginationProps {
  page: number;
  limit: number;
  /** From the response on screen; undefined before the first one. */
  rowsOnPage: number | undefined;
  total: number | undefined;
  /** The first load failed: say there is nothing, not that it is still loading. */
  failed?: boolean;
  onPageChange: (page: number) => void;
  /** A new page size (the URL goes back to page 1). */
  onLimitChange: (limit: number) => void;
}

const icons = {
  first: 'M13.5 5 8.5 10l5 5M7 5v10',
  previous: 'M12.5 5 7.5 10l5 5',
  next: 'M7.5 5l5 5-5 5',
  last: 'M6.5 5l5 5-5 5M13 5v10',
};

function PageButton({
  label,
  icon,
  disabled,
  onClick,
}: {
  label: string;
  icon: keyof typeof icons;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className="btn btn-icon" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <StrokeIcon path={icons[icon]} />
    </button>
  );
}

export function Pagination({ page, limit, rowsOnPage, total, failed = false, onPageChange, onLimitChange }: PaginationProps) {
  const selectId = useId();
  const known = total !== undefined && rowsOnPage !== undefined;
  const pageCount = lastPageOf(total, limit);
  const hasPrevious = page > 1;
  const hasNext = page < pageCount;
  const text = known ? rangeText(page, limit, rowsOnPage, total) : failed ? 'No leads loaded' : 'Loading leads…';
  // A hand-written limit (e.g. ?limit=10) stays selectable instead of silently snapping to a preset.
  const sizes = PAGE_SIZES.includes(limit) ? PAGE_SIZES : [...PAGE_SIZES, limit].sort((a, b) => a - b);
  return (
    // A phone gets two lines: the range and the page size, then the page buttons spread across the width.
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-t border-line bg-surface px-4 py-2 sm:gap-x-4 sm:px-6">
      <p role="status" aria-label={text} className="text-sm tabular-nums text-muted">
        {text}
      </p>
      <div className="contents sm:flex sm:flex-wrap sm:items-center sm:gap-x-4 sm:gap-y-2">
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-sm text-muted">
            <span className="max-sm:sr-only">Rows per page</span>
            <span aria-hidden="true" className="sm:hidden">
              Per page
            </span>
          </label>
          <select
            id={selectId}
            value={limit}
            onChange={(e) => onLimitChange(Number(e.target.value))}
            className="field h-8 cursor-pointer px-2"
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <nav aria-label="Pagination" className="flex items-center gap-1 max-sm:basis-full max-sm:justify-between">
          <PageButton label="First page" icon="first" disabled={!hasPrevious} onClick={() => onPageChange(1)} />
          <PageButton label="Previous page" icon="previous" disabled={!hasPrevious} onClick={() => onPageChange(page - 1)} />
          <span className="px-2 text-sm whitespace-nowrap tabular-nums text-muted">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          <PageButton label="Next page" icon="next" disabled={!hasNext} onClick={() => onPageChange(page + 1)} />
          <PageButton label="Last page" icon="last" disabled={!hasNext} onClick={() => onPageChange(pageCount)} />
        </nav>
      </div>
    </div>
  );
}
