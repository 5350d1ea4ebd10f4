// What every modal here does (side panel and centred dialog alike): the page behind goes inert, focus moves
// in and is trapped, Escape closes, and focus goes back to the opener (or where the caller says) on close.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalFocusOptions {
  onClose: () => void;
  /** Where focus goes on close; defaults to the element focused before opening. */
  returnFocus?: (() => HTMLElement | null) | undefined;
  /** The element focused on open; defaults to the first focusable one with `focusFirstField`, else the panel. */
  initialFocus?: (() => HTMLElement | null) | undefined;
  focusFirstField?: boolean;
  /** Stop the page behind from scrolling while open (a full-height panel). */
  lockScroll?: boolean;
}

/** Wires `panelRef` as a modal; returns the key handler for the element around it, and a stable close. */
export function useModalFocus(panelRef: RefObject<HTMLDivElement | null>, options: ModalFocusOptions) {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const previouslyFocused = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    const bodyOverflow = document.body.style.overflow;
    if (latest.current.lockScroll) document.body.style.overflow = 'hidden';
    const { initialFocus, focusFirstField } = latest.current;
    const firstField = focusFirstField ? panelRef.current?.querySelector<HTMLElement>(FOCUSABLE) : null;
    (initialFocus?.() ?? firstField ?? panelRef.current)?.focus();
    return () => {
      root?.removeAttribute('inert');
      document.body.style.overflow = bodyOverflow;
      const target = latest.current.returnFocus?.() ?? previouslyFocused;
      if (target?.isConnected) target.focus();
    };
  }, [panelRef]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      latest.current.onClose();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = [...panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === panelRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return {
    onKeyDown,
    close: () => latest.current.onClose(),
    firstFocusable: () => panelRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? null,
  };
}
