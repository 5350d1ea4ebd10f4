import { memo } from 'react';
import type { Lead } from '../../../../shared/lead';
import { rowClickProps } from './row-click';
import type { LeadsTableInstance } from './use-leads-table';

export type LeadRowModel = ReturnType<LeadsTableInstance['getRowModel']>['rows'][number];

/**
 * Every row is this tall (cells clip what does not fit), so the rows in view follow from the scroll position
 * alone: nothing is measured while scrolling (windowed-body.tsx). Two short lines fit (a follow-up date).
 */
export const ROW_HEIGHT_PX = 44;

/** The keyboard's row highlight (j/k) and the click on a row that opens its lead (row-click.ts). */
export interface RowInteraction {
  highlightedId?: string | null | undefined;
  onRowClick?: ((id: string) => void) | undefined;
}

interface LeadRowProps {
  row: LeadRowModel;
  table: LeadsTableInstance;
  /** The row's place on the page (0-based): aria-rowindex after the header row. */
  index: number;
  highlighted: boolean;
  onRowClick?: ((id: string) => void) | undefined;
  /** The visible columns in order: the table instance is the same object when they change, so this tells memo. */
  columnsKey: string;
}

const CELL_STYLE = { height: ROW_HEIGHT_PX };

// Memoized: scrolling re-renders the body when the rows in view change, and only the rows that newly come
// into view need rendering.
export const LeadRow = memo(function LeadRow({ row, table, index, highlighted, onRowClick }: LeadRowProps) {
  const lead: Lead = row.original;
  // An archived lead (only listed with "Include archived") is muted; its Name cell carries an "Archived" badge.
  const archived = lead.archived === true;
  const click = rowClickProps(lead.id, highlighted ? lead.id : null, onRowClick);
  return (
    <tr aria-rowindex={index + 2} {...click} className={`${click.className} ${archived ? 'text-muted' : ''}`}>
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta;
        const value: unknown = cell.getValue();
        return (
          <td
            key={cell.id}
            style={CELL_STYLE}
            title={meta?.plainText && typeof value === 'string' && value !== '' ? value : undefined}
            className={`overflow-hidden border-b border-line px-3 py-0 align-middle text-ellipsis whitespace-nowrap first:sticky first:left-0 first:bg-surface group-hover/row:first:bg-surface-2 ${
              meta?.numeric ? 'text-right tabular-nums' : ''
            }`}
          >
            <table.FlexRender cell={cell} />
          </td>
        );
      })}
    </tr>
  );
});
