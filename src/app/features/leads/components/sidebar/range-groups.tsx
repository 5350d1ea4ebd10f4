// The Follow-up and Created groups (presets as radios plus "from"/"to" day inputs) and the Value and Score
// groups (two number inputs that apply on Enter or blur, not per keystroke: each keystroke would be a query
// and a history entry).
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DateRangeName, NumberRangeName } from '../../view-query';
import { DATE_PRESETS, NUMBER_INPUT_LABELS, RANGE_LABELS, splitRange } from './filter-labels';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function rangeText(lower: string, upper: string): string {
  return lower || upper ? `${lower}..${upper}` : '';
}

interface DateRangeGroupProps {
  name: DateRangeName;
  /** Canonical range text; '' is no range. */
  value: string;
  onChange: (next: string) => void;
}

export function DateRangeGroup({ name, value, onChange }: DateRangeGroupProps) {
  const radioName = useId();
  const label = RANGE_LABELS[name];
  const presets = DATE_PRESETS[name];
  const { lower, upper } = splitRange(value);
  // The inputs show only calendar days: a preset's `today-6` has no fixed day to show, its radio says it.
  const from = DAY_PATTERN.test(lower) ? lower : '';
  const to = DAY_PATTERN.test(upper) ? upper : '';
  const inverted = from !== '' && to !== '' && from > to;
  const setDay = (which: 'from' | 'to', day: string) => {
    const nextFrom = which === 'from' ? day : from;
    const nextTo = which === 'to' ? day : to;
    // A "from" after "to" would be refused by the API: keep it on screen, marked, until it is fixed.
    if (nextFrom && nextTo && nextFrom > nextTo) return;
    onChange(rangeText(nextFrom, nextTo));
  };
  return (
    <fieldset className="min-w-0">
      <legend className="mb-2 text-sm font-semibold">{label}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {presets.map((preset) => (
          <label key={preset.label} className="flex cursor-pointer items-center gap-1.5 py-0.5 text-sm">
            <input
              type="radio"
              name={radioName}
              checked={value === preset.value}
              onChange={() => onChange(preset.value)}
              className="size-4 shrink-0 accent-[var(--accent)]"
            />
            {preset.label}
          </label>
        ))}
      </div>
      <div className="mt-2 grid grid-cols-2 gap-2">
        <DayInput label={`${label} from`} short="From" value={from} invalid={inverted} onChange={(day) => setDay('from', day)} />
        <DayInput label={`${label} to`} short="To" value={to} invalid={inverted} onChange={(day) => setDay('to', day)} />
      </div>
    </fieldset>
  );
}

function DayInput({
  label,
  short,
  value,
  invalid,
  onChange,
}: {
  label: string;
  short: string;
  value: string;
  invalid: boolean;
  onChange: (day: string) => void;
}) {
  return (
    <ShortLabelled label={label} short={short}>
      {(id) => (
        <input
          id={id}
          type="date"
          value={value}
          aria-invalid={invalid || undefined}
          // A cleared or half-typed date reads as ''; only whole days and clearing apply.
          onChange={(e) => {
            if (e.target.value === '' || DAY_PATTERN.test(e.target.value)) onChange(e.target.value);
          }}
          className="field h-8 w-full min-w-0 px-1.5 text-xs"
        />
      )}
    </ShortLabelled>
  );
}

interface NumberRangeGroupProps {
  name: NumberRangeName;
  value: string;
  onChange: (next: string) => void;
}

const NUMBER_PATTERN = /^-?\d+(\.\d+)?$/;

export function NumberRangeGroup({ name, value, onChange }: NumberRangeGroupProps) {
  const { lower, upper } = splitRange(value);
  const labels = NUMBER_INPUT_LABELS[name];
  // What is typed, until applied; re-seeded when the URL changes underneath (Back, a chip, Clear all).
  const [draft, setDraft] = useState({ min: lower, max: upper, from: value });
  if (draft.from !== value) setDraft({ min: lower, max: upper, from: value });
  const min = draft.min.trim();
  const max = draft.max.trim();
  const bad = (text: string) => text !== '' && !NUMBER_PATTERN.test(text);
  const inverted = !bad(min) && !bad(max) && min !== '' && max !== '' && Number(min) > Number(max);
  const apply = () => {
    if (bad(min) || bad(max) || inverted) return;
    const next = rangeText(min, max);
    if (next !== value) onChange(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') apply();
  };
  return (
    <fieldset className="min-w-0">
      <legend className="mb-2 text-sm font-semibold">{RANGE_LABELS[name]}</legend>
      <div className="grid grid-cols-2 gap-2">
        {(['min', 'max'] as const).map((which) => (
          <NumberInput
            key={which}
            label={labels[which]}
            short={which === 'min' ? 'Min' : 'Max'}
            value={draft[which]}
            invalid={bad(draft[which].trim()) || inverted}
            onChange={(text) => setDraft({ ...draft, [which]: text })}
            onKeyDown={onKeyDown}
            onBlur={apply}
          />
        ))}
      </div>
    </fieldset>
  );
}

interface NumberInputProps {
  label: string;
  short: string;
  value: string;
  invalid: boolean;
  onChange: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onBlur: () => void;
}

function NumberInput({ label, short, value, invalid, onChange, onKeyDown, onBlur }: NumberInputProps) {
  return (
    <ShortLabelled label={label} short={short}>
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          className="field h-8 w-full min-w-0 px-1.5 text-sm"
        />
      )}
    </ShortLabelled>
  );
}

/** A short visible label ("From", "Min") over its input, with the full name for screen readers. */
function ShortLabelled({ label, short, children }: { label: string; short: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-0.5 block text-xs text-muted">
        <span className="sr-only">{label}</span>
        <span aria-hidden="true">{short}</span>
      </label>
      {children(id)}
    </div>
  );
}
