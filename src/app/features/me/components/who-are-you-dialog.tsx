// "Who are you?" (code-split): the Owner values (the assigned_to facet over every lead) as radios, plus
// "Nobody (clear)". A server without the assigned_to facet yet (docs/api.md §4) gets a text box instead.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LeadsResponse } from '../../../../shared/api-types';
import { ModalDialog } from '../../../components/modal-dialog';
import { apiRequest, shouldRetry } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/sync-invalidation';
import { isValidOwnerId } from '../me-store';

interface FacetEntry {
  value: string | null;
  count: number;
}

/** Owner ids with their lead counts, most leads first; null while the server has no such facet. */
function useOwners() {
  return useQuery({
    queryKey: [...queryRoots.leads, 'owners'],
    queryFn: async ({ signal }) => {
      // Archived leads too: a rep whose leads are all archived is still a rep.
      const params = new URLSearchParams({ limit: '1', archived: 'true', facet_limit: '10000' });
      const answer = await apiRequest<LeadsResponse>('/api/leads', { params, signal });
      const facet = (answer.facets as unknown as Record<string, FacetEntry[] | undefined>).assigned_to;
      return facet
        ? facet.filter((entry): entry is FacetEntry & { value: string } => typeof entry.value === 'string' && entry.value !== '')
        : null;
    },
    retry: shouldRetry,
    staleTime: 5 * 60_000,
  });
}

interface Props {
  current: string | null;
  onChoose: (owner: string | null) => void;
  onClose: () => void;
  returnFocus?: () => HTMLElement | null;
}

export default function WhoAreYouDialog({ current, onChoose, onClose, returnFocus }: Props) {
  const owners = useOwners();
  const [choice, setChoice] = useState<string>(current ?? '');
  const formId = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const list = owners.data;
  const valid = choice === '' || isValidOwnerId(choice);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    onChoose(choice.trim() === '' ? null : choice.trim());
    onClose();
  }

  return (
    <ModalDialog
      title="Who are you?"
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={() => firstRef.current?.form?.querySelector<HTMLInputElement>('input:checked') ?? firstRef.current}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={!valid}>
            Save
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p className="mb-3 text-sm text-muted">“My leads” and “My follow-ups” show the leads assigned to you. Kept in this browser only.</p>
        {owners.isPending ? (
          <p className="text-sm text-muted">Loading owners…</p>
        ) : list ? (
          <fieldset className="max-h-72 overflow-y-auto">
            <legend className="sr-only">Owner</legend>
            {list.map((owner, i) => (
              <label key={owner.value} className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-2">
                <input
                  ref={i === 0 ? firstRef : undefined}
                  type="radio"
                  name="owner"
                  className="size-4 accent-[var(--accent)]"
                  checked={choice === owner.value}
                  onChange={() => setChoice(owner.value)}
                />
                {owner.value} <span className="text-muted">({owner.count})</span>
              </label>
            ))}
            <label className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-surface-2">
              <input
                ref={list.length === 0 ? firstRef : undefined}
                type="radio"
                name="owner"
                className="size-4 accent-[var(--accent)]"
                checked={choice === ''}
                onChange={() => setChoice('')}
              />
              Nobody (not set)
            </label>
          </fieldset>
        ) : (
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${formId}-owner`} className="text-sm font-medium">
              Your owner id
            </label>
            <input
              ref={firstRef}
              id={`${formId}-owner`}
              className="field"
              value={choice}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setChoice(e.target.value)}
            />
            {!valid && <p className="text-sm text-red-700 dark:text-red-300">An owner id has no commas and is at most 200 characters.</p>}
          </div>
        )}
      </form>
    </ModalDialog>
  );
}
