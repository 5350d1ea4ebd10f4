// Fair turns for expensive request work (issue 14: no stalls under load). libuv runs every request callback
// that is ready in one poll phase back to back, so 50–100 cold queries arriving together hold the event loop
// for their sum, and timers (and the re-sync's slices) wait for the whole batch. An expensive handler hands
// its synchronous piece of work to `runInTurn`. Policy: a piece runs at once (inline, no wait) while nothing
// is queued and this event-loop iteration's request work is under TURN_MS; beyond that pieces queue and run
// first come first served from a setImmediate (the check phase right after the poll phase), within what is
// left of the iteration's TURN_MS (at least one), the rest in later iterations (immediates queued during a
// check phase run in the NEXT one), so timers, I/O and the re-sync's TimeSlice pauses get a look between two
// turns. A lone cold query on a quiet loop thus pays nothing; only a batch queues. Cheap answers (cache
// hits, status, health) never queue.

/**
 * Request work per event-loop iteration: the re-sync's slice while requests wait (TimeSlice's BUSY_SLICE_MS)
 * is as long, so when both wait they share the loop about evenly, and a timer waits about one turn plus one
 * slice.
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
  /** The check-phase callback (checkPhase) is queued. */
  private checkQueued = false;
  /** Request work run inline since the last check phase (this iteration's poll phase, timers, microtasks). */
  private inlineMs = 0;
  /**
   * Request work the last check phase granted: it counts against the inline budget until the next check
   * phase, so a piece asked for in the microtasks right after a turn does not run as a second turn.
   */
  private grantedMs = 0;
  private granted = 0;
  private ranInline = 0;

  constructor(private readonly turnMs = TURN_MS) {}

  /** Runs `work` (synchronous): at once when the loop is not contended, else in its turn (first come, first served). */
  run<T>(work: () => T): Promise<T> {
    if (!this.mayRunInline()) {
      return new Promise<T>((resolve, reject) => this.enqueue({ work, resolve: resolve as (value: unknown) => void, reject }));
    }
    const started = performance.now();
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.spentInline(performance.now() - started);
    }
  }

  /**
   * Resolves when this caller's turn comes, for work that cannot be handed over as one function: it runs in
   * the microtasks after the grant, unmeasured, so it counts as a whole turn (no other piece follows it in
   * this iteration). Granted at once under the same condition as an inline `run`.
   */
  take(): Promise<void> {
    if (this.mayRunInline()) {
      this.spentInline(this.turnMs);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => this.enqueue({ work: null, resolve: () => resolve(), reject }));
  }

  /** Callers waiting for their turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Pieces run (or turns handed out) since this queue was made, inline or queued. */
  get grantedTotal(): number {
    return this.granted;
  }

  /** Of grantedTotal, those that ran at once (nothing queued, the iteration's budget not used up). */
  get inlineTotal(): number {
    return this.ranInline;
  }

  /** Nobody waits (no queue jumping) and this iteration's request work is under the turn. */
  private mayRunInline(): boolean {
    return this.waiting.length === 0 && this.inlineMs + this.grantedMs < this.turnMs;
  }

  private spentInline(ms: number): void {
    this.inlineMs += ms;
    this.granted++;
    this.ranInline++;
    this.queueCheck(); // ends this iteration's budget
  }

  private enqueue(entry: Waiting): void {
    this.waiting.push(entry);
    this.queueCheck();
  }

  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(this.checkPhase);
  }

  /**
   * Once per iteration while there is request work: grants queued pieces within what the poll phase left of
   * TURN_MS (poll phase and check phase run back to back, with no timers between), at least one, then starts
   * the next iteration's budget.
   */
  private readonly checkPhase = (): void => {
    this.checkQueued = false;
    const budget = this.turnMs - this.inlineMs;
    this.inlineMs = 0;
    this.grantedMs = 0;
    if (this.waiting.length === 0) return;
    const started = performance.now();
    // At least one piece even when the poll phase used the budget: queued work never waits a further
    // iteration behind the next poll phase (a timer then waits the budget plus one piece at most).
    let granting = true;
    while (granting) {
      const next = this.waiting.shift();
      if (next === undefined) break;
      this.granted++;
      if (next.work === null) {
        next.resolve(undefined);
        this.grantedMs = this.turnMs; // its work runs right after this callback, unmeasured: a whole turn
        break;
      }
      try {
        next.resolve(next.work());
      } catch (error) {
        next.reject(error);
      }
      granting = performance.now() - started < budget;
    }
    this.grantedMs = Math.max(this.grantedMs, performance.now() - started);
    // The rest in the next iteration: timers and I/O first (and, when nothing waits, the end of grantedMs).
    if (this.waiting.length > 0 || this.grantedMs > 0) this.queueCheck();
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
