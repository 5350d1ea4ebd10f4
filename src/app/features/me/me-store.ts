// "I am…" (docs/ui.md "Me"): the rep's owner id, chosen in this browser and kept in localStorage. Sent as
// `me` with every API call (never put in the URL: a shared link means "mine" for whoever opens it), so
// `(me)` in a view's query resolves to whoever is looking (docs/api.md §2 "(me)").
import { setCommonParams } from '../../lib/api-client';
import { createLocalStore, useLocalStore } from '../../lib/local-store';

export const ME_STORAGE_KEY = 'rotor-leads:me:v1';
/** The server's own limits for `me` (a longer or comma-holding value would make every call a 400). */
const MAX_LENGTH = 200;

export function isValidOwnerId(value: string): boolean {
  const text = value.trim();
  return text !== '' && text.length <= MAX_LENGTH && !text.includes(',') && text !== '(me)' && text !== '(none)';
}

export const meStore = createLocalStore<string | null>(ME_STORAGE_KEY, (stored) =>
  typeof stored === 'string' && isValidOwnerId(stored) ? stored.trim() : null,
);

setCommonParams(() => {
  const me = meStore.get();
  const params: Record<string, string> = me ? { me } : {};
  return params;
});

export const useMe = () => useLocalStore(meStore);
