import type { Ref } from 'react';
import type { Lead } from '../../../../shared/lead';
import { rowClickProps } from './row-click';
import type { LeadsTableInstance } from './use-leads-table';

export type LeadRowModel = ReturnType<LeadsTableInstance['getRowModel']>['rows'][number];

/** The keyboard's row highlight (j/k) and the click on a row that opens its lead (row-click.ts). */
export interface RowInteraction {
  highlightedId?: string | null | undefined;
  onRowClick?: ((id: string) => void) | undefined;
}

interface LeadRowProps {
  row: LeadRowModel;
  table: LeadsTableInstance;
  /** For the virtualizer: measures the real height. */
  measureRef?: Ref<HTMLTableRowElement>;
  /** The row's place on the page (0-based): the virtualizer's key, and aria-rowindex after the header row. */
  index: number;
  interaction?: RowInteraction | undefined;
}

export function LeadRow({ row, table, measureRef, index, interaction }: LeadRowProps) {
  const lead: Lead = row.original;
  // An archived lead (only listed with "Include archived") is muted; its Name cell carries an "Archived" badge.
  const archived = lead.archived === true;
  const click = rowClickProps(lead.id, interaction?.highlightedId, interaction?.onRowClick);
  return (
    <tr
      ref={measureRef}
      data-index={index}
      aria-rowindex={index + 2}
      {...click}
      className={`${click.className} ${archived ? 'text-muted' : ''}`}
    >
      {row.getVisibleCells().map((cell) => (
        <td
          key={cell.id}
          className={`border-b border-line px-3 py-2 align-middle whitespace-nowrap first:sticky first:left-0 first:bg-surface group-hover/row:first:bg-surface-2 ${
            cell.column.columnDef.meta?.numeric ? 'text-right tabular-nums' : ''
          }`}
        >
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
}
