// A modal side panel: named by its title, focus moved in and trapped, Escape and the backdrop close it,
// the page behind is inert, and focus goes back where the caller says when it closes.
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface SidePanelProps {
  /** id of the element holding the dialog's name (its heading). */
  labelledBy: string;
  onClose: () => void;
  /** Where focus goes on close; defaults to the element focused before opening. */
  returnFocus?: () => HTMLElement | null;
  side?: 'left' | 'right';
  widthClass?: string;
  children: ReactNode;
}

export function SidePanel({ labelledBy, onClose, returnFocus, side = 'right', widthClass = 'sm:max-w-xl', children }: SidePanelProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  const returnFocusRef = useRef(returnFocus);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    returnFocusRef.current = returnFocus;
  });

  useEffect(() => {
    const previouslyFocused = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    const bodyOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    panelRef.current?.focus();
    return () => {
      root?.removeAttribute('inert');
      document.body.style.overflow = bodyOverflow;
      const target = returnFocusRef.current?.() ?? previouslyFocused;
      if (target?.isConnected) target.focus();
    };
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
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

  return createPortal(
    <div className="fixed inset-0 z-40 flex" onKeyDown={onKeyDown}>
      <div
        className="absolute inset-0 bg-slate-950/50 motion-safe:animate-[fade-in_150ms_ease-out]"
        aria-hidden="true"
        role="presentation"
        onClick={() => onCloseRef.current()}
      />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        className={`relative z-10 flex h-full w-full flex-col bg-surface shadow-2xl outline-none ${widthClass} ${
          side === 'right'
            ? 'ml-auto motion-safe:animate-[slide-in-right_180ms_ease-out]'
            : 'mr-auto motion-safe:animate-[slide-in-left_180ms_ease-out]'
        }`}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
