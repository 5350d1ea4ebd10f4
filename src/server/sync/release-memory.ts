// After a sync swaps in a new index, the previous data — the parsed page objects the new index was
// built from and the replaced index — is garbage, but V8 only collects the old generation under
// allocation pressure: an idle server kept several times its live heap as RSS for minutes (figures:
// docs/performance.md "Other measured figures"). One full collection right after the swap hands it
// back at once. That collection is atomic (V8's `execution: 'async'` only runs it in a later task) and
// holds the event loop for tens of ms or more (issue 14: no stall over 50 ms), so it waits until the
// server is idle. Under load V8 collects the garbage on its own, incrementally, but keeps the heap it grew
// (RSS); the forced collection at the first idle moment hands that back too.
import { performance } from 'node:perf_hooks';
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

/** How often the idle check runs, and the event-loop utilisation below which a check counts as idle. */
const IDLE_CHECK_MS = 100;
const IDLE_UTILIZATION = 0.05;
/** Idle checks in a row before collecting: a short lull between requests under load is not idle. */
const IDLE_CHECKS = 2;
/** Past this without an idle moment, give up: V8's own collections keep the heap in check under load. */
const MAX_WAIT_MS = 10 * 60_000;

/** After a swap: one full collection once the event loop has been idle for IDLE_CHECKS checks. Returns at once. */
export function releaseMemoryWhenIdle(): void {
  const started = performance.now();
  let since = performance.eventLoopUtilization();
  let idleChecks = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    idleChecks = performance.eventLoopUtilization(now, since).utilization < IDLE_UTILIZATION ? idleChecks + 1 : 0;
    since = now;
    if (idleChecks >= IDLE_CHECKS) {
      clearInterval(timer);
      releaseMemory();
    } else if (performance.now() - started > MAX_WAIT_MS) clearInterval(timer);
  }, IDLE_CHECK_MS);
  timer.unref();
}

/** Runs a full garbage collection when the runtime allows one; otherwise does nothing. */
export function releaseMemory(): void {
  // 'async' runs the (atomic) collection in a later task, not inside the caller's; its promise needs no waiting.
  const pending = gcFunction()?.({ type: 'major', execution: 'async' });
  if (pending instanceof Promise) pending.catch(() => undefined);
}
