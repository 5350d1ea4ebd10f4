// A value kept in localStorage and shared by every component that reads it (useSyncExternalStore):
// one place for the "storage may be full, blocked or hold garbage" rules.
import { useSyncExternalStore } from 'react';

export interface LocalStore<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

/** `parse` gets the stored JSON (or null) and returns a trusted value; it must not throw on garbage. */
export function createLocalStore<T>(key: string, parse: (stored: unknown) => T): LocalStore<T> {
  const listeners = new Set<() => void>();
  let cached: { raw: string | null; value: T } | null = null;

  function readRaw(): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage blocked (private mode): nothing remembered
    }
  }

  const store: LocalStore<T> = {
    get: () => {
      const raw = readRaw();
      // Same text, same object: useSyncExternalStore needs a stable snapshot.
      if (cached && cached.raw === raw) return cached.value;
      let stored: unknown = null;
      try {
        stored = raw === null ? null : JSON.parse(raw);
      } catch {
        stored = null;
      }
      cached = { raw, value: parse(stored) };
      return cached.value;
    },
    set: (value) => {
      try {
        if (value === null || value === undefined) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or blocked: the choice lasts for this page only.
        cached = { raw: cached?.raw ?? null, value };
      }
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      // Another tab changed it: follow.
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
  return store;
}

export function useLocalStore<T>(store: LocalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
