// "Set as my default" (docs/ui.md "Views"): what a bare `/` opens for this rep. With an auth mode the
// server keeps it per signed-in rep (/api/preferences), so it follows them to any browser; without one,
// localStorage keeps it (the server answers 404: it has no one to keep it for).
import { useEffect, useRef } from 'react';
import type { DefaultViewPreference } from '../../../shared/preferences';
import { createLocalStore, useLocalStore } from '../../lib/local-store';
import { useSession } from '../auth/api/get-session';
import { usePreferences } from './api/get-preferences';
import { useSetPreferences } from './api/set-preferences';
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
const LOCAL_USER = '';

const fromServer = (value: DefaultViewPreference | null | undefined): DefaultView | null =>
  value ? { viewId: value.view_id, query: value.query } : null;

/**
 * Where this rep's default lives: `server` names the signed-in rep in an auth mode (null: no server
 * storage); `known` is false until the session (and, with the server, the preferences) have answered.
 */
function useDefaultSource() {
  const session = useSession();
  const mode = session.data?.data.mode;
  const serverUser = mode !== undefined && mode !== 'none' ? (session.data?.data.username ?? null) : null;
  const preferences = usePreferences(serverUser);
  const known = mode !== undefined && (serverUser === null || preferences.isSuccess || preferences.isError);
  return { serverUser, preferences, known };
}

export function useDefaultView() {
  const { serverUser, preferences } = useDefaultSource();
  const setPreferences = useSetPreferences(serverUser);
  const defaults = useLocalStore(defaultsStore);
  if (serverUser !== null) {
    return {
      current: fromServer(preferences.data?.data.default_view),
      set(value: DefaultView | null) {
        setPreferences.mutate({ default_view: value ? { view_id: value.viewId, query: value.query } : null });
      },
    };
  }
  return {
    current: defaults[LOCAL_USER] ?? null,
    set(value: DefaultView | null) {
      const next = { ...defaultsStore.get() };
      if (value) next[LOCAL_USER] = value;
      else delete next[LOCAL_USER];
      defaultsStore.set(next);
    },
  };
}

/**
 * Opening the bare dashboard (`/`, no params) with a default set: go to the default's query, in place
 * (replace: Back should leave the dashboard, not land on the empty `/`). Waits for the session, which says
 * whose default it is and where it is kept; skipped if the URL changed meanwhile (the rep already chose).
 */
export function useOpenDefaultView(): void {
  const { serverUser, preferences, known } = useDefaultSource();
  const startedBare = useRef(window.location.search === '');
  const done = useRef(false);
  const serverDefault = preferences.data?.data.default_view;
  useEffect(() => {
    if (done.current || !known) return;
    done.current = true;
    if (!startedBare.current || window.location.search !== '') return;
    const entry = serverUser !== null ? fromServer(serverDefault) : (defaultsStore.get()[LOCAL_USER] ?? null);
    if (!entry) return;
    const { query } = cleanViewQuery(entry.query);
    if (query) navigateToQuery(query, 'replace');
  }, [known, serverUser, serverDefault]);
}
