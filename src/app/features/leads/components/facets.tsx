import { selection } from '../../../../shared/lead-query';
import { useId, useState } from 'react';
import type { FacetValue } from '../../../../shared/api-types';
import type { FilterPatch } from '../url-state';
import { PIPELINE_STAGES } from '../../../../shared/lead-fields';

interface FacetGroupProps {
  legend: 'Stage' | 'Tags';
  values: FacetValue[] | undefined;
  selected: string[];
  onChange: (next: string[]) => void;
  /** Offer a filter box once the list is longer than this. */
  filterFrom?: number;
  /** The lead data could not be loaded: no counts to show, and none coming. */
  unavailable?: boolean;
}

/**
 * Stages in pipeline order (any stage outside the known pipeline after them, in the server's count order), so a
 * ticked stage stays where it was clicked instead of jumping as the counts change.
 */
function inPipelineOrder(values: FacetValue[]): FacetValue[] {
  const rank = (value: string) => {
    const index = (PIPELINE_STAGES as readonly string[]).indexOf(value);
    return index === -1 ? PIPELINE_STAGES.length : index;
  };
  return values.map((facet, index) => ({ facet, index })).sort((a, b) => rank(a.facet.value) - rank(b.facet.value) || a.index - b.index).map(({ facet }) => facet);
}

function FacetGroup({ legend, values, selected, onChange, filterFrom = 10, unavailable = false }: FacetGroupProps) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  if (!values && unavailable) {
    return (
      <fieldset className="min-w-0">
        <legend className="mb-2 text-sm font-semibold">{legend}</legend>
        <p className="text-sm text-muted">Not available until leads load.</p>
      </fieldset>
    );
  }
  if (!values) {
    return (
      <fieldset className="min-w-0" aria-busy="true">
        <legend className="mb-2 text-sm font-semibold">{legend}</legend>
        <div className="space-y-2">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="h-5 animate-pulse rounded bg-line" />
          ))}
        </div>
      </fieldset>
    );
  }
  // The server lists every selected value (count 0 when nothing matches), so each can be unticked.
  const all = legend === 'Stage' ? inPipelineOrder(values) : values;
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? all.filter((f) => selected.includes(f.value) || f.value.toLocaleLowerCase().includes(needle)) : all;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <fieldset className="min-w-0">
      <legend className="mb-2 flex w-full items-baseline justify-between text-sm font-semibold">{legend}</legend>
      {all.length > filterFrom && (
        <div className="mb-2">
          <label htmlFor={filterId} className="sr-only">
            Filter {legend.toLowerCase()}
          </label>
          <input
            id={filterId}
            type="text"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={`Filter ${legend.toLowerCase()}…`}
            autoComplete="off"
            className="field h-8 w-full"
          />
        </div>
      )}
      {all.length === 0 && <p className="text-sm text-muted">None</p>}
      <ul className="space-y-0.5">
        {shown.map((facet) => {
          const checked = selected.includes(facet.value);
          return (
            <li key={facet.value}>
              <label
                className={`flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-2 ${
                  facet.count === 0 && !checked ? 'text-muted' : ''
                }`}
              >
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => toggle(facet.value, e.target.checked)}
                  className="size-4 shrink-0 accent-[var(--accent)]"
                />
                {/* The label's text is exactly "Won (12)": the space is its own node so every name computation keeps it. */}
                <span className="min-w-0 flex-1 truncate">{facet.value}</span>{' '}
                <span className="text-xs tabular-nums text-muted">({facet.count})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {needle && shown.length === 0 && <p className="text-sm text-muted">No {legend.toLowerCase()} match “{filter}”.</p>}
    </fieldset>
  );
}

export interface FilterPanelProps {
  facets: { stage: FacetValue[]; tags: FacetValue[] } | undefined;
  stage: string[];
  tags: string[];
  archived: boolean;
  onChange: (patch: FilterPatch) => void;
  unavailable?: boolean;
}

export function FilterPanel({ facets, stage, tags, archived, onChange, unavailable }: FilterPanelProps) {
  const switchId = useId();
  return (
    <div className="space-y-6">
      <FacetGroup legend="Stage" values={facets?.stage} selected={stage} onChange={(next) => onChange({ stage: selection(next) })} filterFrom={20} unavailable={unavailable} />
      <FacetGroup legend="Tags" values={facets?.tags} selected={tags} onChange={(next) => onChange({ tags: selection(next) })} unavailable={unavailable} />
      <div className="flex items-center justify-between gap-3 border-t border-line pt-4">
        <label htmlFor={switchId} className="cursor-pointer text-sm font-medium">
          Include archived
        </label>
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={archived}
          onChange={(e) => onChange({ archived: e.target.checked })}
          className="peer relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-muted transition-colors checked:bg-accent before:absolute before:top-0.5 before:left-0.5 before:size-4 before:rounded-full before:bg-white before:shadow before:transition-transform checked:before:translate-x-4"
        />
      </div>
    </div>
  );
}
