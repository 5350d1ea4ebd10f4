import { useEffect, useRef, useState } from 'react';
import { QUERY_LIMITS } from '../../../../shared/lead-query';

interface SearchBoxProps {
  /** The search in the URL (trimmed). */
  value: string;
  onChange: (text: string) => void;
}

/** Inputs where "/" is a character to type, not a shortcut (checkboxes, buttons and radios are not). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** The box shows keystrokes at once; the URL follows (history replace) and the table follows that, debounced. */
export function SearchBox({ value, onChange }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);

  // Back/Forward or "Clear all" changed the URL: show it, unless it is just our own text trimmed.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL is the source of truth; the box follows it after the change
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);

  // "/" jumps to search from anywhere but a text field.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="relative min-w-0 flex-1 max-sm:basis-full sm:max-w-sm">
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted"
      >
        <path
          fill="currentColor"
          d="M8.5 3a5.5 5.5 0 0 1 4.38 8.82l3.65 3.65-1.06 1.06-3.65-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z"
        />
      </svg>
      <input
        ref={inputRef}
        type="search"
        aria-label="Search leads"
        aria-keyshortcuts="/"
        placeholder="Search name, email or phone"
        value={text}
        maxLength={QUERY_LIMITS.searchMaxLength}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.preventDefault();
            setText('');
            onChange('');
          }
        }}
        className="field w-full pr-8 pl-8"
      />
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-line-strong px-1.5 text-xs text-muted sm:block"
      >
        /
      </kbd>
    </div>
  );
}
