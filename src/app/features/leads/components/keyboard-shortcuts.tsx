// The table's keyboard (docs/ui.md "Keyboard"): j/k (and ↓/↑ inside the table) move a visible row highlight
// and focus that row's name button, Enter opens it, Escape drops the highlight, [ / ] change page, ? lists
// the shortcuts. `/` (search) lives in the search box. Nothing fires while typing, with a modifier, inside
// a menu, or while a dialog is open (dialogs own their keys: the details panel takes j/k itself).
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { Lead } from '../../../../shared/lead';
import { isTypingTarget, modalOpen } from '../../../lib/typing-target';
import { findLeadButton } from './lead-actions';
import { LEADS_TABLE_REGION_ID } from './skip-to-table';

const KeyboardHelpDialog = lazy(() => import('./keyboard-help-dialog'));

interface KeyboardOptions {
  rows: readonly Lead[] | undefined;
  onOpen: (id: string) => void;
  onPreviousPage: (() => void) | null;
  onNextPage: (() => void) | null;
}

const inTable = (target: EventTarget | null) =>
  target instanceof Node && !!document.getElementById(LEADS_TABLE_REGION_ID)?.contains(target);

export function useLeadsKeyboard({ rows, onOpen, onPreviousPage, onNextPage }: KeyboardOptions) {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const latest = useRef({ rows, onOpen, onPreviousPage, onNextPage, highlighted });
  // Set by j/k: the highlighted row's name button takes focus once it is rendered (the table renders only
  // the rows in view, plus the highlighted one, so a row far from view appears with this render).
  const focusPending = useRef(false);
  useEffect(() => {
    latest.current = { rows, onOpen, onPreviousPage, onNextPage, highlighted };
  });
  useEffect(() => {
    if (!focusPending.current || highlighted === null) return;
    focusPending.current = false;
    // Focus follows the highlight: the ring shows where Enter goes, and a screen reader reads the name.
    const button = findLeadButton(highlighted);
    button?.focus();
    button?.closest('tr')?.scrollIntoView?.({ block: 'nearest' });
  }, [highlighted]);

  useEffect(() => {
    function move(step: 1 | -1): void {
      const ids = (latest.current.rows ?? []).map((lead) => lead.id).filter((id): id is string => !!id);
      if (ids.length === 0) return;
      const at = latest.current.highlighted === null ? -1 : ids.indexOf(latest.current.highlighted);
      const next = ids[at === -1 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step))]!;
      if (next === latest.current.highlighted) findLeadButton(next)?.focus();
      else {
        setHighlighted(next);
        focusPending.current = true;
      }
    }

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || modalOpen()) return;
      if (event.target instanceof Element && event.target.closest('[role="menu"]')) return;
      const { key } = event;
      const act = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (key === 'j' || (key === 'ArrowDown' && inTable(event.target))) act(() => move(1));
      else if (key === 'k' || (key === 'ArrowUp' && inTable(event.target))) act(() => move(-1));
      else if (key === '[' && latest.current.onPreviousPage) act(latest.current.onPreviousPage);
      else if (key === ']' && latest.current.onNextPage) act(latest.current.onNextPage);
      else if (key === '?') act(() => setHelpOpen(true));
      else if (key === 'Escape' && latest.current.highlighted !== null) setHighlighted(null);
      else if (key === 'Enter' && latest.current.highlighted !== null) {
        // On a button or link Enter is already "press this"; elsewhere (page, table region) it opens the row.
        if (event.target instanceof Element && event.target.closest('a, button, [role="button"]')) return;
        const id = latest.current.highlighted;
        act(() => latest.current.onOpen(id));
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const help = helpOpen ? (
    <Suspense fallback={null}>
      <KeyboardHelpDialog onClose={() => setHelpOpen(false)} />
    </Suspense>
  ) : null;

  return { highlighted, setHighlighted, help, openHelp: () => setHelpOpen(true) };
}

/** A small "?" button in the toolbar, so the shortcuts can be found without knowing `?`. */
export function KeyboardHelpButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      type="button"
      className="btn btn-icon max-sm:hidden"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      aria-keyshortcuts="?"
      onClick={onOpen}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
        <path
          fill="currentColor"
          d="M2 5.5A1.5 1.5 0 0 1 3.5 4h13A1.5 1.5 0 0 1 18 5.5v9a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 2 14.5v-9Zm2 1v1.5h1.5V6.5H4Zm3 0v1.5h1.5V6.5H7Zm3 0v1.5h1.5V6.5H10Zm3 0v1.5h3V6.5h-3ZM4 9.25v1.5h1.5v-1.5H4Zm3 0v1.5h1.5v-1.5H7Zm3 0v1.5h1.5v-1.5H10Zm3 0v1.5h3v-1.5h-3ZM6 12v1.5h8V12H6Z"
        />
      </svg>
    </button>
  );
}
