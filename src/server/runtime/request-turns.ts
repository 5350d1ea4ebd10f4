// Fair turns for expensive request work (issue 14: no stalls under load). libuv runs every request callback
// that is ready in one poll phase back to back, so 50–100 cold queries arriving together hold the event loop
// for their sum, and timers (and the re-sync's slices) wait for the whole batch. An expensive handler hands
// its synchronous piece of work to `runInTurn` instead: pieces run first come first served from a
// setImmediate, back to back only until TURN_MS is used, and the rest wait for the next event-loop
// iteration (Node runs the immediates queued during a check phase in the NEXT one), so timers, I/O and the
// re-sync's TimeSlice pauses (setImmediates too) get a look between two turns. Cheap answers (cache hits,
// status, health) never queue.

/**
 * Request work per turn: the re-sync's slice while requests wait (TimeSlice's BUSY_SLICE_MS) is as long, so
 * when both wait they share the loop about evenly, and a timer waits about one turn plus one slice.
 */
export const TURN_MS = 4;

interface Waiting {
  /** The piece, run in the turn; null for `take()` (the caller runs its work when the promise resolves). */
  work: (() => unknown) | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class RequestTurns {
  private readonly waiting: Waiting[] = [];
  private granting = false;
  private granted = 0;

  constructor(private readonly turnMs = TURN_MS) {}

  /** Runs `work` (synchronous) in its turn: first come, first served, at most about TURN_MS of them per iteration. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => this.enqueue({ work, resolve: resolve as (value: unknown) => void, reject }));
  }

  /**
   * Resolves when this caller's turn comes, for work that cannot be handed over as one function: it runs in
   * the microtasks after the grant, so the turn ends there (no other piece follows it in this iteration).
   */
  take(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ work: null, resolve: () => resolve(), reject }));
  }

  /** Callers waiting for their turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Pieces run (or turns handed out) since this queue was made. */
  get grantedTotal(): number {
    return this.granted;
  }

  private enqueue(entry: Waiting): void {
    this.waiting.push(entry);
    if (!this.granting) {
      this.granting = true;
      setImmediate(this.grantTurn);
    }
  }

  private readonly grantTurn = (): void => {
    const started = performance.now();
    for (;;) {
      const next = this.waiting.shift();
      if (next === undefined) {
        this.granting = false;
        return;
      }
      this.granted++;
      if (next.work === null) {
        next.resolve(undefined);
        break;
      }
      try {
        next.resolve(next.work());
      } catch (error) {
        next.reject(error);
      }
      if (performance.now() - started >= this.turnMs) break;
    }
    // The rest in the next iteration: timers and I/O first.
    setImmediate(this.grantTurn);
  };
}

/** The server's one queue: every expensive piece of every route takes its turn here. */
export const requestTurns = new RequestTurns();

/** Runs synchronous expensive request work in its turn in the server's queue (see RequestTurns). */
export function runInTurn<T>(work: () => T): Promise<T> {
  return requestTurns.run(work);
}

/** Waits for a turn in the server's queue (see RequestTurns.take). */
export function takeTurn(): Promise<void> {
  return requestTurns.take();
}

/**
 * The pieces of a long answer (an export's chunks), each made in a turn: one export of 100k leads never
 * holds the loop for more than a turn, and concurrent exports and cold queries take turns.
 */
export async function* inTurns<T>(pieces: Iterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = pieces[Symbol.iterator]();
  try {
    for (;;) {
      const piece = await runInTurn(() => iterator.next()); // making the piece is the work that takes the turn
      if (piece.done === true) return;
      yield piece.value;
    }
  } finally {
    iterator.return?.();
  }
}
