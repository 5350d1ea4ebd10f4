// Fair turns for expensive request work (issue 14: no stalls under load). libuv runs every request callback
// that is ready in one poll phase back to back, so 50–100 cold queries arriving together hold the event loop
// for their sum, and timers (and the re-sync's slices) wait for the whole batch. An expensive handler awaits
// `takeTurn()` first: the turns are handed out one per event-loop iteration, each from a setImmediate queued
// by the previous one — Node runs the immediates queued during a check phase in the NEXT iteration, so
// timers, I/O and the re-sync's TimeSlice pauses (setImmediates too, queued alongside) get a look between two
// pieces. Cheap answers (cache hits, status, health) never call it and never wait.
//
// A turn starts a piece; it does not lock anything: the piece runs in the microtasks right after the grant
// and should be synchronous work (a query, one export chunk). A piece that awaits I/O simply lets the next
// turn go ahead in the next iteration.

export class RequestTurns {
  private readonly waiting: Array<() => void> = [];
  private granting = false;
  private granted = 0;

  /** Resolves when this caller's turn comes: first come, first served, one per event-loop iteration. */
  take(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.granting) {
        this.granting = true;
        setImmediate(this.grantNext);
      }
    });
  }

  /** Callers waiting for their turn now (not counting the one running). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Turns handed out since this queue was made. */
  get grantedTotal(): number {
    return this.granted;
  }

  private readonly grantNext = (): void => {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.granting = false;
      return;
    }
    this.granted++;
    // Queued before the piece runs (it runs in this callback's microtasks), so the next grant comes in the
    // next iteration whatever the piece does; a piece that throws cannot stop the queue either.
    setImmediate(this.grantNext);
    next();
  };
}

/** The server's one queue: every expensive piece of every route takes its turn here. */
export const requestTurns = new RequestTurns();

/** Waits for a turn in the server's queue (see RequestTurns). */
export function takeTurn(): Promise<void> {
  return requestTurns.take();
}

/**
 * The pieces of a long answer (an export's chunks), each made in its own turn: one export of 100k leads
 * never holds the loop for more than a chunk, and concurrent exports and cold queries take turns.
 */
export async function* inTurns<T>(pieces: Iterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = pieces[Symbol.iterator]();
  try {
    for (;;) {
      await takeTurn(); // before `next()`: making the piece is the work that takes the turn
      const piece = iterator.next();
      if (piece.done === true) return;
      yield piece.value;
    }
  } finally {
    iterator.return?.();
  }
}
