// TimeSlice (issue 14): a slice runs for its budget when nothing else waited on the event loop, and for the
// shorter BUSY_SLICE_MS after a pause in which other work ran (requests waiting get most of a busy loop).
import { describe, expect, it } from 'vitest';
import { BUSY_SLICE_MS, SLICE_MS, TimeSlice } from '../../src/server/runtime/time-slice';

/** Spins calling due() until it says the slice is used up; the wall time that took. */
function sliceLength(slice: TimeSlice): number {
  const started = performance.now();
  while (!slice.due());
  return performance.now() - started;
}

/** Other work on the event loop: a callback that holds it for `ms`, queued before the slice's pause. */
function otherWork(ms: number): void {
  setImmediate(() => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  });
}

describe('TimeSlice', () => {
  it('gives a full slice after an idle pause and a short one after a pause in which other work ran', async () => {
    const slice = new TimeSlice();
    const idle: number[] = [];
    const busy: number[] = [];
    for (let trial = 0; trial < 5; trial++) {
      await slice.pause();
      idle.push(sliceLength(slice));
      otherWork(3);
      await slice.pause();
      busy.push(sliceLength(slice));
    }
    // Measured from when the caller resumes, a little after the slice started; a loaded machine stretches
    // slices, so the bounds are halfway between the two budgets, on the best of five trials.
    const halfway = (SLICE_MS + BUSY_SLICE_MS) / 2;
    expect(Math.max(...idle)).toBeGreaterThan(halfway);
    expect(Math.min(...busy)).toBeLessThan(halfway);
  });

  it('never lengthens a budget smaller than the busy one', async () => {
    const slice = new TimeSlice(0);
    otherWork(3);
    await slice.pause();
    expect(sliceLength(slice)).toBeLessThan(BUSY_SLICE_MS);
  });
});
