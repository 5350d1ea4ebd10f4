// The table's footer (docs/ui.md v2 "Totals"): over every matching lead, not the page, from the API's
// `summary`: total and average Value, average Score, and the count.
import type { LeadsSummary } from '../../../../shared/query-v2/response-types';
import { formatCurrency, formatNumber } from '../../../lib/format';

interface TotalsRowProps {
  summary: LeadsSummary | undefined;
  /** Visible column ids, in order: each total sits under its column. */
  columnIds: string[];
}

export function TotalsRow({ summary, columnIds }: TotalsRowProps) {
  if (!summary) return null;
  const cells: Record<string, React.ReactNode> = {
    name: (
      <span>
        {formatNumber(summary.count)} {summary.count === 1 ? 'lead' : 'leads'}
      </span>
    ),
    projected_value: (
      <span className="flex flex-col items-end leading-tight">
        <span>Total {formatCurrency(summary.projected_value.sum)}</span>
        <span className="text-xs font-normal text-muted">
          Avg {summary.projected_value.avg === null ? '—' : formatCurrency(summary.projected_value.avg)}
        </span>
      </span>
    ),
    value_score: <span>Avg {summary.value_score.avg === null ? '—' : formatNumber(summary.value_score.avg)}</span>,
  };
  return (
    <tfoot>
      <tr>
        {columnIds.map((id) => (
          <td
            key={id}
            className={`sticky bottom-0 z-10 border-t border-line-strong bg-surface-2 px-3 py-2 font-semibold whitespace-nowrap first:left-0 first:z-20 ${
              id === 'projected_value' || id === 'value_score' ? 'text-right tabular-nums' : ''
            }`}
          >
            {cells[id] ?? null}
          </td>
        ))}
      </tr>
    </tfoot>
  );
}
