// The pipeline above the table (docs/ui.md v2 "Pipeline strip"): one button per stage with its count and
// total value, the bar proportional to that value, pressed when the stage is selected. The counts are the
// Stage facet's, so they ignore the stage filter: the whole pipeline stays visible while one stage is shown.
import type { FacetEntry } from '../../../../shared/query-v2/response-types';
import { formatCurrency, formatNumber } from '../../../lib/format';
import { useStableFacetOrder } from './sidebar/facet-order';

interface PipelineStripProps {
  /** The Stage facet of the answer on screen; undefined before the first one. */
  stages: FacetEntry[] | undefined;
  selected: string[];
  onChange: (stage: string[]) => void;
}

export function PipelineStrip({ stages, selected, onChange }: PipelineStripProps) {
  const ordered = useStableFacetOrder('stage', stages, false)?.filter((entry) => entry.value !== null);
  // Before the first answer, placeholders of the same height hold the table in place (no layout shift).
  if (!ordered) return <PipelinePlaceholder />;
  if (ordered.length === 0) return null;
  const maxValue = Math.max(...ordered.map((entry) => entry.projected_value_sum ?? 0), 0);
  const toggle = (stage: string) => onChange(selected.includes(stage) ? selected.filter((s) => s !== stage) : [...selected, stage]);
  return (
    <div role="group" aria-label="Pipeline" className={STRIP_CLASS}>
      {ordered.map((entry) => {
        const stage = entry.value as string;
        const pressed = selected.includes(stage);
        const sum = entry.projected_value_sum ?? 0;
        const width = maxValue > 0 ? Math.max(2, Math.round((sum / maxValue) * 100)) : 0;
        return (
          <button
            key={stage}
            type="button"
            aria-pressed={pressed}
            // One name whatever the layout: "Won · 12 · $340,500".
            aria-label={`${stage} · ${formatNumber(entry.count)} · ${formatCurrency(sum)}`}
            onClick={() => toggle(stage)}
            className={`${CARD_CLASS} cursor-pointer ${
              pressed ? 'border-accent bg-accent-soft' : 'border-line bg-surface hover:bg-surface-2'
            } ${entry.count === 0 && !pressed ? 'text-muted' : ''}`}
          >
            <CardText stage={stage} figures={`${formatNumber(entry.count)} · ${formatCurrency(sum)}`} barWidth={width} />
          </button>
        );
      })}
    </div>
  );
}

const STRIP_CLASS = 'flex gap-1.5 overflow-x-auto px-4 pb-2 sm:px-6';
const CARD_CLASS =
  'flex shrink-0 flex-col gap-0.5 rounded-md border px-2 py-1 text-left text-xs sm:min-w-28 sm:flex-1 sm:basis-0 sm:py-1.5';

/** One line on phones (the strip scrolls sideways there), two on wider screens; the value bar below. */
function CardText({ stage, figures, barWidth }: { stage: string; figures: string; barWidth: number }) {
  return (
    <>
      <span className="flex gap-1 sm:flex-col sm:gap-0.5">
        <span className="font-semibold whitespace-nowrap sm:truncate">{stage}</span>
        <span className="whitespace-nowrap tabular-nums">
          <span className="sm:hidden">· </span>
          {figures}
        </span>
      </span>
      <span aria-hidden="true" className="block h-1 w-full rounded-full bg-line">
        <span className="block h-full rounded-full bg-accent" style={{ width: `${barWidth}%` }} />
      </span>
    </>
  );
}

function PipelinePlaceholder() {
  return (
    <div aria-hidden="true" className={STRIP_CLASS}>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className={`${CARD_CLASS} invisible border-line`}>
          <CardText stage="Stage" figures="0 · $0" barWidth={0} />
        </div>
      ))}
    </div>
  );
}
