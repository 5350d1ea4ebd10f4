// After a sync swaps in a new index, the previous data — the parsed page objects the new index was
// built from and the replaced index — is garbage, but V8 only collects the old generation under
// allocation pressure: an idle server kept several times its live heap as RSS for minutes (figures:
// docs/performance.md "Other measured figures"). One full collection right after the swap hands it
// back at once. That collection is atomic (V8's `execution: 'async'` only runs it in a later task) and
// holds the event loop for tens of ms or more (issue 14: no stall over 50 ms), so it waits for the server
// to be idle: under load, allocation makes V8 collect the garbage on its own, incrementally, and the
// forced one is skipped (docs/performance.md "Restarts and re-syncs").
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
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

/** How often the idle check runs, and the event-loop utilisation below which the server counts as idle. */
const IDLE_CHECK_MS = 100;
const IDLE_UTILIZATION = 0.05;
/** V8 has collected on its own once the used heap fell below this share of what it was at the swap. */
const COLLECTED_SHARE = 0.7;
/** Past this, collect even if never idle (allocation should have made V8 collect long before). */
const MAX_WAIT_MS = 60_000;

/**
 * After a swap: a full collection as soon as the event loop has been idle for IDLE_CHECK_MS, unless V8
 * has collected the garbage meanwhile on its own. Returns at once.
 */
export function releaseMemoryWhenIdle(): void {
  const usedAtSwap = getHeapStatistics().used_heap_size;
  const started = performance.now();
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, since).utilization;
    since = now;
    if (getHeapStatistics().used_heap_size < usedAtSwap * COLLECTED_SHARE) clearInterval(timer);
    else if (busy < IDLE_UTILIZATION || performance.now() - started > MAX_WAIT_MS) {
      clearInterval(timer);
      releaseMemory();
    }
  }, IDLE_CHECK_MS);
  timer.unref();
}

/** Runs a full garbage collection when the runtime allows one; otherwise does nothing. */
export function releaseMemory(): void {
  // Async: marking runs in steps and the sweep concurrently; the promise it returns needs no waiting.
  const pending = gcFunction()?.({ type: 'major', execution: 'async' });
  if (pending instanceof Promise) pending.catch(() => undefined);
}
