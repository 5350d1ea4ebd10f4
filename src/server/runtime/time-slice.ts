// Cooperative time slicing for work that must not hold the event loop (issue 14: no stall over 50 ms at
// 100k leads). Long loops call `slice.due()` cheaply and `await slice.pause()` when it says so; the pause
// is a setImmediate, so timers, I/O and requests queued meanwhile run before the next slice; when they did,
// the next slice is shorter (BUSY_SLICE_MS), so requests get most of a busy loop.
// Why not a worker thread: the index is JS objects, Maps and strings that must live on the main thread;
// sending them back would copy ~100 MB and deserialise it on the main thread, one long stall again.

/** Work between two pauses: well under the 50 ms bound even when a busy machine stretches a slice 2–3×. */
export const SLICE_MS = 12;
/**
 * Work between two pauses while the event loop has other work (requests): a request waiting behind the build
 * waits one slice at most, and the build takes a smaller share of a busy loop (issue 14's p99 during a
 * re-sync), at the cost of a longer re-sync under load.
 */
export const BUSY_SLICE_MS = 4;
/** A pause that took longer than this ran other callbacks (requests, I/O, timers): the loop is busy. */
const BUSY_PAUSE_MS = 1;

export class TimeSlice {
  private sliceStart = performance.now();
  private calls = 0;
  private currentBudgetMs: number;

  constructor(private readonly budgetMs = SLICE_MS) {
    this.currentBudgetMs = budgetMs;
  }

  /** True when the current slice has used its budget. Reads the clock only every 64 calls (cheap in hot loops). */
  due(): boolean {
    if ((++this.calls & 63) !== 0) return false;
    return performance.now() - this.sliceStart >= this.currentBudgetMs;
  }

  /** Lets the event loop run, then starts a new slice: a short one when other work ran meanwhile. */
  async pause(): Promise<void> {
    const pausedAt = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
    this.calls = 0;
    const busy = this.sliceStart - pausedAt > BUSY_PAUSE_MS;
    this.currentBudgetMs = busy ? Math.min(this.budgetMs, BUSY_SLICE_MS) : this.budgetMs;
  }

  /** Pauses only when the slice is used up: `await slice.check()` between coarse steps. */
  async check(): Promise<void> {
    if (performance.now() - this.sliceStart >= this.currentBudgetMs) await this.pause();
  }
}

/** Work written as a generator that yields between steps (a step stays a few ms at 100k leads): run in one go. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** The same work between pauses: the event loop runs whenever a slice is used up. */
export async function runStepsAsync<T>(steps: Generator<void, T, void>, slice: TimeSlice): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await slice.check();
  }
}

/** Array.prototype.sort's result (stable, same comparator) built by a merge sort that pauses between slices. */
export async function sortAsync<T>(items: T[], compare: (a: T, b: T) => number, slice: TimeSlice): Promise<T[]> {
  const n = items.length;
  // Runs small enough that one native sort of a run stays well inside a slice, then merged.
  const RUN = 2048;
  let source = items.slice();
  for (let from = 0; from < n; from += RUN) {
    const run = source.slice(from, Math.min(n, from + RUN)).sort(compare);
    for (let k = 0; k < run.length; k++) source[from + k] = run[k] as T;
    await slice.check();
  }
  let target = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(n, left + width);
      const right = Math.min(n, left + 2 * width);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        // `<= 0` takes from the left run on ties: stable, like the native sort.
        target[k++] = compare(source[i] as T, source[j] as T) <= 0 ? (source[i++] as T) : (source[j++] as T);
        if (slice.due()) await slice.pause();
      }
      while (i < middle) target[k++] = source[i++] as T;
      while (j < right) target[k++] = source[j++] as T;
    }
    [source, target] = [target, source];
    await slice.check();
  }
  return source;
}
