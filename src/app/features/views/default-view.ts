// "Set as my default" (docs/ui.md "Views"): what a bare `/` opens for this rep. Kept in localStorage per
// user name (the server has no endpoint for it), so two reps sharing a browser keep their own.
import { useEffect, useRef } from 'react';
import { createLocalStore, useLocalStore } from '../../lib/local-store';
import { useSession } from '../auth/api/get-session';
import { cleanViewQuery, navigateToQuery } from './view-query';

export const DEFAULT_VIEW_STORAGE_KEY = 'rotor-leads:default-view:v1';

export interface DefaultView {
  /** The saved or built-in view it came from, if any (its name is shown in the menu). */
  viewId: string | null;
  /** The query itself, so `/` opens at once without waiting for the views list. */
  query: string;
}

type Defaults = Record<string, DefaultView>;

const defaultsStore = createLocalStore<Defaults>(DEFAULT_VIEW_STORAGE_KEY, (stored) => {
  const defaults: Defaults = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return defaults;
  for (const [user, value] of Object.entries(stored as Record<string, unknown>)) {
    const entry = value as Partial<DefaultView> | null;
    if (entry && typeof entry.query === 'string' && (entry.viewId === null || typeof entry.viewId === 'string'))
      defaults[user] = { viewId: entry.viewId, query: entry.query };
  }
  return defaults;
});

/** Without an auth mode everyone at this browser is the same "user" (''). */
const userKey = (username: string | null | undefined) => username ?? '';

export function useDefaultView() {
  const session = useSession();
  const user = userKey(session.data?.data.username);
  const defaults = useLocalStore(defaultsStore);
  return {
    current: defaults[user] ?? null,
    set(value: DefaultView | null) {
      const next = { ...defaultsStore.get() };
      if (value) next[user] = value;
      else delete next[user];
      defaultsStore.set(next);
    },
  };
}

/**
 * Opening the bare dashboard (`/`, no params) with a default set: go to the default's query, in place
 * (replace: Back should leave the dashboard, not land on the empty `/`). Waits for the session, which says
 * whose default it is; skipped if the URL changed meanwhile (the rep already chose something).
 */
export function useOpenDefaultView(): void {
  const session = useSession();
  const startedBare = useRef(window.location.search === '');
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !session.data) return;
    done.current = true;
    if (!startedBare.current || window.location.search !== '') return;
    const entry = defaultsStore.get()[userKey(session.data.data.username)];
    if (!entry) return;
    const { query } = cleanViewQuery(entry.query);
    if (query) navigateToQuery(query, 'replace');
  }, [session.data]);
}
