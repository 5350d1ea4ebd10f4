import type { Ref } from 'react';
import type { Lead } from '../../../../shared/lead';
import type { LeadsTableInstance } from './use-leads-table';

export type LeadRowModel = ReturnType<LeadsTableInstance['getRowModel']>['rows'][number];

interface LeadRowProps {
  row: LeadRowModel;
  table: LeadsTableInstance;
  /** For the virtualizer: measures the real height and knows the row by index. */
  measureRef?: Ref<HTMLTableRowElement>;
  index?: number;
}

export function LeadRow({ row, table, measureRef, index }: LeadRowProps) {
  const lead: Lead = row.original;
  // An archived lead (only listed with "Include archived") is muted; its Name cell carries an "Archived" badge.
  const archived = lead.archived === true;
  return (
    <tr ref={measureRef} data-index={index} className={`group/row hover:bg-surface-2 ${archived ? 'text-muted' : ''}`}>
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
