// The views' dialogs (code-split: loaded when first opened): "Save view" (new, or rename/share an own view)
// and "Delete view". Server refusals (a taken name, the 200-view cap) are shown in words, the dialog stays.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { View } from '../../../../shared/views';
import { VIEW_LIMITS } from '../../../../shared/views';
import { ModalDialog } from '../../../components/modal-dialog';
import { Spinner } from '../../../components/error-panel';
import { ApiRequestError } from '../../../lib/api-client';
import { useViewMutations } from '../api/views';

export type ViewDialogMode = { kind: 'save'; query: string } | { kind: 'rename'; view: View } | { kind: 'delete'; view: View };

interface ViewDialogProps {
  mode: ViewDialogMode;
  /** An auth mode is on: views can be shared with the team. */
  canShare: boolean;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null;
}

function failureText(error: unknown, name: string): string {
  if (error instanceof ApiRequestError) {
    if (error.error_code === 'CONFLICT') return `A view named “${name.trim()}” already exists. Choose another name.`;
    if (error.error_code === 'LIMIT_REACHED') return 'You have saved the most views allowed (200). Delete one first.';
    if (error.error_code === 'FORBIDDEN' || error.error_code === 'NOT_FOUND') return 'This view can no longer be changed by you.';
    if (error.error_code === 'NETWORK_ERROR') return 'Cannot reach the dashboard server. Try again.';
    if (error.isClientError) return error.message;
  }
  return 'Saving failed on the server. Try again in a moment.';
}

export default function ViewDialog({ mode, canShare, onClose, returnFocus }: ViewDialogProps) {
  return mode.kind === 'delete' ? (
    <DeleteViewDialog view={mode.view} onClose={onClose} returnFocus={returnFocus} />
  ) : (
    <SaveViewDialog mode={mode} canShare={canShare} onClose={onClose} returnFocus={returnFocus} />
  );
}

function SaveViewDialog({ mode, canShare, onClose, returnFocus }: ViewDialogProps & { mode: Exclude<ViewDialogMode, { kind: 'delete' }> }) {
  const existing = mode.kind === 'rename' ? mode.view : null;
  const [name, setName] = useState(existing?.name ?? '');
  const [shared, setShared] = useState(existing?.shared ?? false);
  const [error, setError] = useState<string | null>(null);
  const { create, update } = useViewMutations();
  const pending = create.isPending || update.isPending;
  const inputRef = useRef<HTMLInputElement>(null);
  const formId = useId();
  const trimmed = name.trim();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending || trimmed === '') return;
    setError(null);
    try {
      if (existing) await update.mutateAsync({ id: existing.id, name: trimmed, ...(canShare ? { shared } : {}) });
      else if (mode.kind === 'save') await create.mutateAsync({ name: trimmed, query: mode.query, shared: canShare && shared });
      onClose();
    } catch (caught) {
      setError(failureText(caught, name));
      inputRef.current?.focus();
    }
  }

  return (
    <ModalDialog
      title={existing ? 'Rename view' : 'Save view'}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={() => inputRef.current}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={pending || trimmed === ''} aria-busy={pending}>
            {pending && <Spinner />}
            Save
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${formId}-name`} className="text-sm font-medium">
            View name
          </label>
          <input
            ref={inputRef}
            id={`${formId}-name`}
            className="field"
            value={name}
            maxLength={VIEW_LIMITS.nameMaxLength}
            autoComplete="off"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={`${formId}-error`}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {canShare && (
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-[var(--accent)]"
              checked={shared}
              onChange={(e) => setShared(e.target.checked)}
            />
            Share with team
          </label>
        )}
        {mode.kind === 'save' && <p className="text-xs text-muted">Saves the filters, search, sort and rows per page shown now.</p>}
        <div id={`${formId}-error`} role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-300">
          {error}
        </div>
      </form>
    </ModalDialog>
  );
}

function DeleteViewDialog({ view, onClose, returnFocus }: { view: View; onClose: () => void; returnFocus?: () => HTMLElement | null }) {
  const { remove } = useViewMutations();
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setError(null);
    try {
      await remove.mutateAsync(view);
      onClose();
    } catch (caught) {
      setError(failureText(caught, view.name));
    }
  }
  return (
    <ModalDialog
      title="Delete view"
      onClose={onClose}
      returnFocus={returnFocus}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={remove.isPending} onClick={() => void confirm()}>
            {remove.isPending && <Spinner />}
            Delete
          </button>
        </>
      }
    >
      <p className="text-sm">
        Delete the view “{view.name}”?{view.shared ? ' Your team will no longer see it.' : ''} The leads are not changed.
      </p>
      <div role="alert" className="mt-2 min-h-5 text-sm text-red-700 dark:text-red-300">
        {error}
      </div>
    </ModalDialog>
  );
}
