import { useId, useState, type ReactNode } from 'react';
import type { FacetEntry } from '../../../../../shared/query-v2/response-types';
import { NONE_TOKEN } from '../../../../../shared/query-v2/params';
import { formatNumber } from '../../../../lib/format';
import type { FacetName } from '../../view-query';
import { FACET_LABELS, facetValueLabel } from './filter-labels';

/** Values shown before "Show all (n)" (docs/ui.md v2). */
export const COLLAPSED_VALUES = 8;

interface FacetGroupProps {
  facet: FacetName;
  /** In display order, the no-value bucket last; undefined until the first answer. */
  entries: FacetEntry[] | undefined;
  /** Named values with a count > 0 over the whole answer (`facet_sizes`), when the server says. */
  size: number | undefined;
  selected: string[];
  onChange: (next: string[]) => void;
  /** A filter box above the list from this many values. */
  filterFrom: number;
  /** The leads could not be loaded: no counts to show, and none coming. */
  unavailable: boolean;
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
  /** Said under the legend (Tags: "match any"). */
  note?: string;
  /** Above the list (Owner: the "My leads" switch). */
  children?: ReactNode;
}

function Shell({ legend, note, busy, children }: { legend: string; note?: string; busy?: boolean; children: ReactNode }) {
  const noteId = useId();
  return (
    <fieldset className="min-w-0" aria-busy={busy || undefined} aria-describedby={note ? noteId : undefined}>
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      {note && (
        <p id={noteId} className="-mt-1.5 mb-2 text-xs text-muted">
          {note}
        </p>
      )}
      {children}
    </fieldset>
  );
}

/** A facet as checkboxes "Won (12)", the no-value bucket "None (3)" / "Unassigned (9)" last. */
export function FacetGroup(props: FacetGroupProps) {
  const { facet, entries, size, selected, onChange, filterFrom, unavailable, expanded, onExpandedChange, note, children } = props;
  const legend = FACET_LABELS[facet];
  const [filter, setFilter] = useState('');
  const filterId = useId();
  if (!entries) {
    return (
      <Shell legend={legend} note={note} busy={!unavailable}>
        {children}
        {unavailable ? (
          <p className="text-sm text-muted">Not available until leads load.</p>
        ) : (
          <div className="space-y-2">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-5 animate-pulse rounded bg-line" />
            ))}
          </div>
        )}
      </Shell>
    );
  }

  const isSelected = (entry: FacetEntry) => selected.includes(entry.value ?? NONE_TOKEN);
  const named = entries.filter((entry) => entry.value !== null);
  const total = Math.max(size ?? 0, named.filter((entry) => entry.count > 0).length);
  const needle = filter.trim().toLocaleLowerCase();
  let shown: FacetEntry[];
  if (needle) {
    shown = entries.filter((e) => isSelected(e) || facetValueLabel(facet, e.value).toLocaleLowerCase().includes(needle));
  } else if (expanded || named.length <= COLLAPSED_VALUES) {
    shown = entries;
  } else {
    // Collapsed: the top values, every ticked one (so it can be unticked), and the no-value bucket.
    const top = new Set(named.slice(0, COLLAPSED_VALUES));
    shown = entries.filter((entry) => top.has(entry) || entry.value === null || isSelected(entry));
  }
  const toggle = (value: string, checked: boolean) => onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <Shell legend={legend} note={note}>
      {children}
      {named.length > filterFrom && (
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
      {entries.length === 0 && <p className="text-sm text-muted">None</p>}
      <ul className="space-y-0.5">
        {shown.map((entry) => {
          const value = entry.value ?? NONE_TOKEN;
          const checked = isSelected(entry);
          return (
            <li key={value}>
              <label
                className={`flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-2 ${
                  entry.count === 0 && !checked ? 'text-muted' : ''
                } ${entry.value === null ? 'italic' : ''}`}
              >
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => toggle(value, e.target.checked)}
                  className="size-4 shrink-0 accent-[var(--accent)]"
                />
                {/* The name is exactly "Won (12)": the space is its own node so every name computation keeps it. */}
                <span className="min-w-0 flex-1 truncate">{facetValueLabel(facet, entry.value)}</span>{' '}
                <span className="text-xs tabular-nums text-muted">({formatNumber(entry.count)})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {needle && shown.length === 0 && (
        <p className="text-sm text-muted">
          No {legend.toLowerCase()} match “{filter}”.
        </p>
      )}
      {!needle && total > COLLAPSED_VALUES && (
        <button
          type="button"
          className="link mt-1 px-1.5 py-1 text-xs font-medium"
          aria-expanded={expanded}
          onClick={() => onExpandedChange(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all (${formatNumber(total)})`}
        </button>
      )}
    </Shell>
  );
}
