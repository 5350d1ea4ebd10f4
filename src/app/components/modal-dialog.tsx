// A small centred modal (Save view, Who are you?, Keyboard shortcuts): named by its title, focus moved in
// and trapped, Escape and the backdrop close it, the page behind is inert, focus returns to the opener.
// The side panel (dialog.tsx) shares those rules (modal-focus.ts); this one is for short forms and lists.
import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useModalFocus } from './modal-focus';
import { CrossIcon } from './icons';

interface ModalDialogProps {
  title: string;
  onClose: () => void;
  /** Where focus goes on close; defaults to the element focused before opening. */
  returnFocus?: () => HTMLElement | null;
  /** The element to focus first (e.g. a text box); defaults to the first focusable one. */
  initialFocus?: () => HTMLElement | null;
  children: ReactNode;
  /** Buttons at the bottom (Cancel, Save). */
  footer?: ReactNode;
}

export function ModalDialog({ title, onClose, returnFocus, initialFocus, children, footer }: ModalDialogProps) {
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const { onKeyDown, close } = useModalFocus(panelRef, { onClose, returnFocus, initialFocus, focusFirstField: true });

  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto p-4 sm:items-center"
      onKeyDown={onKeyDown}
      role="presentation"
    >
      <div className="fixed inset-0 bg-slate-950/50 motion-safe:animate-[fade-in_150ms_ease-out]" aria-hidden="true" onClick={close} />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className="relative z-10 mt-10 w-full max-w-md rounded-xl border border-line bg-surface shadow-2xl outline-none sm:mt-0"
      >
        <div className="flex items-center justify-between gap-3 border-b border-line px-5 py-3">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <button type="button" className="btn btn-icon -mr-2 border-transparent" aria-label="Close" title="Close (Esc)" onClick={close}>
            <CrossIcon />
          </button>
        </div>
        <div className="px-5 py-4">{children}</div>
        {footer && <div className="flex justify-end gap-2 border-t border-line px-5 py-3">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}
