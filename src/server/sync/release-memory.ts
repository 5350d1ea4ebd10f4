// After a sync swaps in a new index, the previous data — the parsed page objects the new index was
// built from and the replaced index — is garbage, but V8 only collects the old generation under
// allocation pressure: an idle server kept several times its live heap as RSS for minutes (figures:
// docs/performance.md "Other measured figures"). One full collection right after the swap hands it
// back at once. It runs as V8's incremental (async) major GC: a synchronous one held the event loop for
// hundreds of ms at 100k leads (issue 14: no stall over 50 ms).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type: 'major'; execution: 'async' }) => unknown;

let collect: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: GcFunction }).gc;
  if (typeof exposed === 'function') return (collect = exposed);
  try {
    // The documented way to reach gc() without starting node with --expose-gc; the flag is turned back
    // off at once, so no other code sees a global gc.
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    collect = typeof fn === 'function' ? (fn as GcFunction) : null;
  } catch {
    collect = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/** Runs a full garbage collection when the runtime allows one; otherwise does nothing. */
export function releaseMemory(): void {
  // Async: marking runs in steps and the sweep concurrently; the promise it returns needs no waiting.
  const pending = gcFunction()?.({ type: 'major', execution: 'async' });
  if (pending instanceof Promise) pending.catch(() => undefined);
}
