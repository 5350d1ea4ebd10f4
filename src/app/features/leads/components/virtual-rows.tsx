// The table body. Up to 100 rows render as they are; more (page sizes 250 and up) render only what is in
// view plus a margin, so 1,000 rows scroll smoothly (docs/performance.md). The virtualizer's code loads
// only when a page that big is first shown.
import { lazy, Suspense, type RefObject } from 'react';
import { LeadRow, type LeadRowModel } from './lead-row';
import type { LeadsTableInstance } from './use-leads-table';

export const VIRTUALIZE_FROM = 101;

const VirtualBody = lazy(() => import('./virtual-body'));

interface LeadRowsProps {
  table: LeadsTableInstance;
  scrollRef: RefObject<HTMLElement | null>;
  /** The rows are the previous view's while the next one loads: dimmed. */
  stale: boolean;
  columnCount: number;
}

export function LeadRows({ table, scrollRef, stale, columnCount }: LeadRowsProps) {
  const rows = table.getRowModel().rows;
  const className = stale ? 'opacity-50 transition-opacity' : 'transition-opacity';
  if (rows.length >= VIRTUALIZE_FROM) {
    return (
      <Suspense fallback={<PlainBody rows={rows} table={table} className={className} />}>
        <VirtualBody rows={rows} table={table} className={className} scrollRef={scrollRef} columnCount={columnCount} />
      </Suspense>
    );
  }
  return <PlainBody rows={rows} table={table} className={className} />;
}

function PlainBody({ rows, table, className }: { rows: LeadRowModel[]; table: LeadsTableInstance; className: string }) {
  return (
    <tbody className={className}>
      {rows.map((row) => (
        <LeadRow key={row.id} row={row} table={table} />
      ))}
    </tbody>
  );
}
