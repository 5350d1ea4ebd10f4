// "Since your last visit" (docs/ui.md v2): when this rep last had the dashboard open, kept in localStorage
// per user name like the default view (two reps sharing a browser keep their own).
//
// A visit is the time the dashboard is open, with gaps under an hour (quick reloads, another tab) counting
// as the same visit. `seenAt` follows the rep (set on opening and whenever the page is hidden or left);
// opening it more than an hour after `seenAt` starts a new visit whose `since` is that old `seenAt`. `since`
// then stays put for the whole visit, so the banner survives a reload while the rep reads it, until dismissed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { createLocalStore, useLocalStore } from '../../lib/local-store';
import { useSession } from '../auth/api/get-session';

export const LAST_VISIT_STORAGE_KEY = 'rotor-leads:last-visit:v1';
/** A gap longer than this between two looks at the dashboard makes a new visit. */
export const NEW_VISIT_AFTER_MS = 60 * 60_000;

export interface VisitRecord {
  /** ISO instant: the last moment this browser had the dashboard open for this user. */
  seenAt: string;
  /** ISO instant the current visit compares with (the previous visit's last moment); null on a first visit. */
  since: string | null;
  /** The banner of this `since` was dismissed. */
  dismissed: boolean;
}

type Visits = Record<string, VisitRecord>;

const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

const visitsStore = createLocalStore<Visits>(LAST_VISIT_STORAGE_KEY, (stored) => {
  const visits: Visits = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return visits;
  for (const [user, value] of Object.entries(stored as Record<string, unknown>)) {
    const entry = value as Partial<VisitRecord> | null;
    if (entry && isInstant(entry.seenAt))
      visits[user] = { seenAt: entry.seenAt, since: isInstant(entry.since) ? entry.since : null, dismissed: entry.dismissed === true };
  }
  return visits;
});

/** The record after opening the dashboard at `now`: a new visit after an hour away, else the same one. */
export function beginVisit(previous: VisitRecord | undefined, now: Date): VisitRecord {
  const seenAt = now.toISOString();
  if (!previous) return { seenAt, since: null, dismissed: false };
  if (now.getTime() - Date.parse(previous.seenAt) > NEW_VISIT_AFTER_MS) return { seenAt, since: previous.seenAt, dismissed: false };
  return { ...previous, seenAt };
}

/** Without an auth mode everyone at this browser is the same "user" (''). */
const userKey = (username: string | null | undefined) => username ?? '';

function update(user: string, change: (record: VisitRecord | undefined) => VisitRecord | undefined): void {
  const visits = visitsStore.get();
  const next = change(visits[user]);
  if (next) visitsStore.set({ ...visits, [user]: next });
}

/**
 * Starts (or continues) this user's visit once the session says who they are, keeps `seenAt` current while
 * the page is hidden or left, and gives the instant the banner compares with, null when there is nothing
 * to show (first visit, same visit without one, or dismissed).
 */
export function useLastVisit(): { since: string | null; dismiss: () => void } {
  const session = useSession();
  const username = session.data?.data.username;
  const known = session.data !== undefined;
  const visits = useLocalStore(visitsStore);
  const started = useRef<string | null>(null);
  // Whose visit this page has begun: until then the stored record is the previous visit's, not to be shown.
  const [begunFor, setBegunFor] = useState<string | null>(null);

  useEffect(() => {
    if (!known) return;
    const user = userKey(username);
    if (started.current !== user) {
      started.current = user;
      update(user, (record) => beginVisit(record, new Date()));
      setBegunFor(user);
    }
    const touch = () => update(user, (record) => record && { ...record, seenAt: new Date().toISOString() });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') touch();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', touch);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', touch);
    };
  }, [known, username]);

  const user = userKey(username);
  const record = known && begunFor === user ? visits[user] : undefined;
  const dismiss = useCallback(() => update(user, (current) => current && { ...current, dismissed: true }), [user]);
  return { since: record && !record.dismissed ? record.since : null, dismiss };
}
