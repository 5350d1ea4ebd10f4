// A failed "Set as my default" / "Clear my default" while the server keeps it (auth modes): said in words
// under the Views button, since the menu has closed by then. Gone with "Dismiss" or the next success.
import { useMutationState, useQueryClient } from '@tanstack/react-query';
import { SET_PREFERENCES_KEY } from '../api/set-preferences';

export function DefaultSaveError() {
  const queryClient = useQueryClient();
  const latest = useMutationState({
    filters: { mutationKey: SET_PREFERENCES_KEY },
    select: (mutation) => mutation.state,
  }).at(-1);
  if (latest?.status !== 'error') return null;
  const reason = latest.error instanceof Error ? latest.error.message : 'the server could not be reached';
  const dismiss = () => {
    const cache = queryClient.getMutationCache();
    for (const mutation of cache.findAll({ mutationKey: SET_PREFERENCES_KEY })) cache.remove(mutation);
  };
  return (
    <div
      role="alert"
      className="absolute left-0 z-30 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md border border-red-300 bg-surface px-3 py-2 text-sm text-red-700 shadow-lg dark:border-red-800 dark:text-red-300"
    >
      Your default view could not be saved: {reason}{' '}
      <button type="button" className="link text-sm underline" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
