// The filters sidebar of docs/ui.md v2, in its order: Stage, Owner ("My leads" on top), Priority, Tags,
// Source, Service, Follow-up, Created, Value, Score, then "Include archived". Each group is a `group` named
// by its label. Loaded lazily: the first paint shows the table, and this is most of the sidebar's code.
import { useId, useState, type ReactNode } from 'react';
import type { FacetEntry } from '../../../../../shared/query-v2/response-types';
import { useFullFacets, type LeadsAnswer } from '../../api/get-leads';
import type { FilterPatch } from '../../url-state';
import type { FacetName, ViewQuery } from '../../view-query';
import { activeFilterCount } from '../active-filters';
import { COLLAPSED_VALUES, FacetGroup } from './facet-group';
import { useStableFacetOrder } from './facet-order';
import { ME_TOKEN } from './filter-labels';
import { DateRangeGroup, NumberRangeGroup } from './range-groups';

export interface FilterPanelProps {
  /** The answer on screen (the facets of the current filters); undefined before the first one. */
  answer: LeadsAnswer | undefined;
  /** The URL's view (what is ticked), which may be ahead of `answer` while it loads. */
  query: ViewQuery;
  onChange: (patch: FilterPatch) => void;
  unavailable: boolean;
}

/** The largest facet list the API gives (docs/api.md §4 `facet_limit`). */
const FACET_LIMIT_MAX = 10_000;
const FILTER_BOX_FROM: Partial<Record<FacetName, number>> = { stage: 20 };

export default function FilterPanel({ answer, query, onChange, unavailable }: FilterPanelProps) {
  const [expanded, setExpanded] = useState<FacetName | null>(null);
  // "Show all": when the answer left values out (more than the default 100), ask for the whole list.
  const size = expanded ? answer?.facet_sizes?.[expanded] : undefined;
  const listed = expanded ? (answer?.facets[expanded]?.filter((e) => e.value !== null).length ?? 0) : 0;
  const needMore = expanded !== null && size !== undefined && size > listed;
  const full = useFullFacets(query, needMore ? Math.min(FACET_LIMIT_MAX, size) : null);
  const reset = activeFilterCount(query) === 0;

  const group = (facet: FacetName, extra: { note?: string; children?: ReactNode } = {}) => (
    <StableFacetGroup
      facet={facet}
      entries={needMore && expanded === facet && full.data ? full.data.facets[facet] : answer?.facets[facet]}
      size={answer?.facet_sizes?.[facet]}
      reset={reset}
      selected={query[facet]}
      onChange={(next) => onChange({ [facet]: next })}
      unavailable={unavailable}
      expanded={expanded === facet}
      onExpandedChange={(open) => setExpanded(open ? facet : null)}
      {...extra}
    />
  );
  const mine = query.assigned_to.includes(ME_TOKEN);
  const toggleMine = (on: boolean) =>
    onChange({ assigned_to: on ? [ME_TOKEN, ...query.assigned_to] : query.assigned_to.filter((v) => v !== ME_TOKEN) });

  return (
    <div className="space-y-6">
      {group('stage')}
      {group('assigned_to', { children: <Switch label="My leads" checked={mine} onChange={toggleMine} className="mb-2" /> })}
      {group('priority')}
      {group('tags', { note: 'Shows leads with any of the ticked tags.' })}
      {group('lead_source')}
      {group('service_type')}
      <DateRangeGroup name="follow_up_date" value={query.follow_up_date} onChange={(next) => onChange({ follow_up_date: next })} />
      <DateRangeGroup name="created_at" value={query.created_at} onChange={(next) => onChange({ created_at: next })} />
      <NumberRangeGroup name="projected_value" value={query.projected_value} onChange={(next) => onChange({ projected_value: next })} />
      <NumberRangeGroup name="value_score" value={query.value_score} onChange={(next) => onChange({ value_score: next })} />
      <Switch
        label="Include archived"
        checked={query.archived}
        onChange={(on) => onChange({ archived: on })}
        className="border-t border-line pt-4"
      />
    </div>
  );
}

type StableFacetGroupProps = Omit<Parameters<typeof FacetGroup>[0], 'entries' | 'filterFrom'> & {
  entries: FacetEntry[] | undefined;
  reset: boolean;
};

function StableFacetGroup({ entries, reset, ...props }: StableFacetGroupProps) {
  const ordered = useStableFacetOrder(props.facet, entries, reset);
  return <FacetGroup {...props} entries={ordered} filterFrom={FILTER_BOX_FROM[props.facet] ?? COLLAPSED_VALUES} />;
}

function Switch({
  label,
  checked,
  onChange,
  className = '',
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`flex items-center justify-between gap-3 ${className}`}>
      <label htmlFor={id} className="cursor-pointer text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="peer relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-muted transition-colors checked:bg-accent before:absolute before:top-0.5 before:left-0.5 before:size-4 before:rounded-full before:bg-white before:shadow before:transition-transform checked:before:translate-x-4"
      />
    </div>
  );
}
