// After a sync swaps in a new index, the previous data — the parsed page objects the new index was
// built from and the replaced index — is garbage, but V8 only collects the old generation under
// allocation pressure: an idle server kept several times its live heap as RSS for minutes (figures:
// docs/performance.md "Other measured figures"). One full collection right after the swap hands it
// back at once. It blocks the event loop briefly, once per sync.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

function gcFunction(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (collect = exposed);
  try {
    // The documented way to reach gc() without starting node with --expose-gc; the flag is turned back
    // off at once, so no other code sees a global gc.
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    collect = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    collect = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/** Runs a full garbage collection when the runtime allows one; otherwise does nothing. */
export function releaseMemory(): void {
  gcFunction()?.();
}
