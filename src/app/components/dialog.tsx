// A modal side panel: named by its title, focus moved in and trapped, Escape and the backdrop close it,
// the page behind is inert, and focus goes back where the caller says when it closes.
import { useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useModalFocus } from './modal-focus';

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
  const { onKeyDown, close } = useModalFocus(panelRef, { onClose, returnFocus, lockScroll: true });

  return createPortal(
    <div className="fixed inset-0 z-40 flex" onKeyDown={onKeyDown}>
      <div
        className="absolute inset-0 bg-slate-950/50 motion-safe:animate-[fade-in_150ms_ease-out]"
        aria-hidden="true"
        role="presentation"
        onClick={close}
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
