// Rows in view plus an overscan, with spacer rows above and below standing in for the rest, so the table
// keeps its full scroll height and column widths. Rows are measured (a follow-up date takes two lines).
import type { RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { LeadRow, type LeadRowModel, type RowInteraction } from './lead-row';
import type { LeadsTableInstance } from './use-leads-table';

interface VirtualBodyProps {
  rows: LeadRowModel[];
  interaction: RowInteraction;
  table: LeadsTableInstance;
  className: string;
  scrollRef: RefObject<HTMLElement | null>;
  columnCount: number;
}

const ESTIMATED_ROW_PX = 45;

export default function VirtualBody({ rows, table, className, scrollRef, columnCount, interaction }: VirtualBodyProps) {
  // eslint-disable-next-line react-hooks/incompatible-library -- measured rows must re-render on scroll; nothing here is memoized
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <tbody className={className}>
      {before > 0 && (
        <tr aria-hidden="true">
          <td colSpan={columnCount} style={{ height: before, padding: 0 }} />
        </tr>
      )}
      {items.map((item) => {
        const row = rows[item.index];
        return row ? (
          <LeadRow
            key={item.key}
            row={row}
            table={table}
            index={item.index}
            measureRef={virtualizer.measureElement}
            interaction={interaction}
          />
        ) : null;
      })}
      {after > 0 && (
        <tr aria-hidden="true">
          <td colSpan={columnCount} style={{ height: after, padding: 0 }} />
        </tr>
      )}
    </tbody>
  );
}
