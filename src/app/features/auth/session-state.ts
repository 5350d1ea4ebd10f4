// Whether the server wants a sign-in: set by any /api/* answer 401 UNAUTHENTICATED (the api-client
// reports it), cleared after signing in. A tiny external store, read with useSyncExternalStore.
import { useSyncExternalStore } from 'react';

interface SignInState {
  required: boolean;
  /** The server's 401 message (it says how to sign in, e.g. through single sign-on). */
  message: string | null;
}

let state: SignInState = { required: false, message: null };
const listeners = new Set<() => void>();

function set(next: SignInState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function requireSignIn(message: string | null = null): void {
  if (!state.required || state.message !== message) set({ required: true, message });
}

export function signInDone(): void {
  if (state.required) set({ required: false, message: null });
}

export function useSignInState(): SignInState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
