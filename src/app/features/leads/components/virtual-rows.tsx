// The table body. Up to 100 rows render as they are; more (page sizes 250 and up) render only what is in
// view plus a margin, so 1,000 rows scroll smoothly (docs/performance.md). The virtualizer's code loads
// only when a page that big is first shown.
import { lazy, Suspense, type RefObject } from 'react';
import { LeadRow, type LeadRowModel, type RowInteraction } from './lead-row';
import type { LeadsTableInstance } from './use-leads-table';

export const VIRTUALIZE_FROM = 101;

const VirtualBody = lazy(() => import('./virtual-body'));

interface LeadRowsProps {
  table: LeadsTableInstance;
  scrollRef: RefObject<HTMLElement | null>;
  /** The rows are the previous view's while the next one loads: dimmed. */
  stale: boolean;
  columnCount: number;
  highlightedId?: string | null | undefined;
  onRowClick?: ((id: string) => void) | undefined;
}

export function LeadRows({ table, scrollRef, stale, columnCount, highlightedId, onRowClick }: LeadRowsProps) {
  const interaction: RowInteraction = { highlightedId, onRowClick };
  const rows = table.getRowModel().rows;
  const className = stale ? 'opacity-50 transition-opacity' : 'transition-opacity';
  if (rows.length >= VIRTUALIZE_FROM) {
    return (
      <Suspense fallback={<PlainBody rows={rows} table={table} className={className} interaction={interaction} />}>
        <VirtualBody
          rows={rows}
          table={table}
          className={className}
          scrollRef={scrollRef}
          columnCount={columnCount}
          interaction={interaction}
        />
      </Suspense>
    );
  }
  return <PlainBody rows={rows} table={table} className={className} interaction={interaction} />;
}

function PlainBody({
  rows,
  table,
  className,
  interaction,
}: {
  rows: LeadRowModel[];
  table: LeadsTableInstance;
  className: string;
  interaction: RowInteraction;
}) {
  return (
    <tbody className={className}>
      {rows.map((row, index) => (
        <LeadRow key={row.id} row={row} table={table} index={index} interaction={interaction} />
      ))}
    </tbody>
  );
}
