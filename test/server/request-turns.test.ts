// RequestTurns (issue 14): expensive request pieces run at once while the loop is not contended, and beyond
// one turn of work per event-loop iteration they run first come first served in later iterations, so timers,
// I/O and the re-sync's slices run between two turns instead of after the batch.
import { describe, expect, it } from 'vitest';
import { inTurns, RequestTurns, TURN_MS } from '../../src/server/runtime/request-turns';
import { TimeSlice } from '../../src/server/runtime/time-slice';

/** Holds the event loop for `ms`, as a cold query does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Logs 'timer' from a 1 ms timer that re-arms itself until the returned function is called. */
function logTimers(log: string[]): () => void {
  let stopped = false;
  const tick = (): void => {
    setTimeout(() => {
      log.push('timer');
      if (!stopped) tick();
    }, 1);
  };
  tick();
  return () => {
    stopped = true;
  };
}

const PIECE_MS = 5;
const PIECES = 20;

describe('RequestTurns', () => {
  it('runs the pieces in the order they asked, each in its own turn', async () => {
    const turns = new RequestTurns();
    const ran: number[] = [];
    await Promise.all(
      Array.from({ length: PIECES }, (_, piece) =>
        turns.take().then(() => {
          ran.push(piece);
        }),
      ),
    );
    expect(ran).toEqual(Array.from({ length: PIECES }, (_, piece) => piece));
    expect(turns.grantedTotal).toBe(PIECES);
    expect(turns.queued).toBe(0);
  });

  it('lets a due timer run between two pieces: its lateness is about one piece, not the batch', async () => {
    const turns = new RequestTurns();
    const log: string[] = [];
    const timerLateness: number[] = [];
    // A 1 ms timer re-armed all along, like monitorEventLoopDelay's sampling.
    let stop = false;
    const tick = (armedAt: number) =>
      setTimeout(() => {
        timerLateness.push(performance.now() - armedAt - 1);
        log.push('timer');
        if (!stop) tick(performance.now());
      }, 1);
    tick(performance.now());
    await Promise.all(
      Array.from({ length: PIECES }, (_, piece) =>
        turns.take().then(() => {
          log.push(`piece ${piece}`);
          busyFor(PIECE_MS);
        }),
      ),
    );
    stop = true;
    // Between any two pieces a timer ran (each piece makes the 1 ms timer due).
    const pieceAt = log.flatMap((entry, at) => (entry.startsWith('piece') ? [at] : []));
    for (let k = 1; k < pieceAt.length; k++) expect(log.slice(pieceAt[k - 1], pieceAt[k])).toContain('timer');
    // In one batch the timer would wait PIECES × PIECE_MS = 100 ms once; in turns it waits about one piece
    // each time. The median, as other processes on a loaded machine can delay any one firing.
    const sorted = [...timerLateness].sort((a, b) => a - b);
    expect(sorted.length).toBeGreaterThanOrEqual(PIECES - 1);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan((PIECES * PIECE_MS) / 4);
  });

  it('alternates with a TimeSlice build: a slice of the build runs between two pieces', async () => {
    const turns = new RequestTurns();
    const log: string[] = [];
    let building = true;
    const build = (async () => {
      const slice = new TimeSlice();
      while (building) {
        log.push('slice');
        busyFor(2);
        await slice.pause();
      }
    })();
    await Promise.all(
      Array.from({ length: 10 }, (_, piece) =>
        turns.take().then(() => {
          log.push(`piece ${piece}`);
          busyFor(2);
        }),
      ),
    );
    building = false;
    await build;
    const pieceAt = log.flatMap((entry, at) => (entry.startsWith('piece') ? [at] : []));
    expect(pieceAt).toHaveLength(10);
    for (let k = 1; k < pieceAt.length; k++) {
      // Never two pieces back to back, and the build never more than two slices per piece: they alternate.
      const slices = log.slice(pieceAt[k - 1]! + 1, pieceAt[k]);
      expect(slices.length, `between piece ${k - 1} and ${k}`).toBeGreaterThanOrEqual(1);
      expect(slices.length, `between piece ${k - 1} and ${k}`).toBeLessThanOrEqual(2);
      expect(new Set(slices)).toEqual(new Set(['slice']));
    }
  });

  it('runs a piece at once while nothing is queued and the turn is not used up: a lone cold query never waits', async () => {
    const turns = new RequestTurns();
    let ran = false;
    const answer = turns.run(() => {
      ran = true;
      return 'answer';
    });
    // Ran inside run(), before any event-loop turn.
    expect(ran).toBe(true);
    expect(turns.inlineTotal).toBe(1);
    expect(turns.queued).toBe(0);
    await expect(answer).resolves.toBe('answer');
  });

  it('queues a batch beyond one turn of work per iteration, with timers running between the turns', async () => {
    const turns = new RequestTurns();
    const log: string[] = [];
    const stopTimers = logTimers(log);
    const batch = Array.from({ length: PIECES }, (_, piece) =>
      turns.run(() => {
        log.push(`piece ${piece}`);
        busyFor(PIECE_MS / 2);
      }),
    );
    // Asked for in one go (as one poll phase's requests): only the first turn's worth ran at once.
    const ranAtOnce = log.filter((entry) => entry.startsWith('piece')).length;
    expect(ranAtOnce).toBeGreaterThanOrEqual(1);
    expect(ranAtOnce).toBeLessThanOrEqual(Math.ceil(TURN_MS / (PIECE_MS / 2)));
    expect(turns.queued).toBe(PIECES - ranAtOnce);
    await Promise.all(batch);
    stopTimers();
    expect(log.filter((entry) => entry.startsWith('piece'))).toEqual(Array.from({ length: PIECES }, (_, piece) => `piece ${piece}`));
    expect(turns.inlineTotal).toBe(ranAtOnce);
    expect(turns.grantedTotal).toBe(PIECES);
    // No stretch of pieces without a timer longer than one turn and one piece: never the whole batch.
    let run = 0;
    let longest = 0;
    for (const entry of log) {
      run = entry === 'timer' ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(Math.ceil(TURN_MS / (PIECE_MS / 2)) + 1);
  });

  it('runs short pieces back to back within one turn, and a long one alone with timers around it', async () => {
    const turns = new RequestTurns();
    const log: string[] = [];
    const stopTimers = logTimers(log);
    const short = Array.from({ length: 5 }, (_, piece) => turns.run(() => log.push(`short ${piece}`)));
    const long = Array.from({ length: 3 }, (_, piece) =>
      turns.run(() => {
        log.push(`long ${piece}`);
        busyFor(TURN_MS + 2);
        return piece;
      }),
    );
    expect(await Promise.all(long)).toEqual([0, 1, 2]);
    await Promise.all(short);
    stopTimers();
    const pieces = log.filter((entry) => entry !== 'timer');
    expect(pieces).toEqual(['short 0', 'short 1', 'short 2', 'short 3', 'short 4', 'long 0', 'long 1', 'long 2']);
    // The five short ones fit in one turn with the first long one (no timer between them); then a turn each.
    const at = (entry: string) => log.indexOf(entry);
    expect(log.slice(at('short 0'), at('long 0'))).not.toContain('timer');
    expect(log.slice(at('long 0'), at('long 1'))).toContain('timer');
    expect(log.slice(at('long 1'), at('long 2'))).toContain('timer');
  });

  it('rejects a piece that throws and keeps granting', async () => {
    const turns = new RequestTurns();
    const failing = turns.run(() => {
      throw new Error('a piece failed');
    });
    const next = turns.run(() => 'next ran');
    await expect(failing).rejects.toThrow('a piece failed');
    await expect(next).resolves.toBe('next ran');
  });

  it('keeps granting after a piece throws', async () => {
    const turns = new RequestTurns();
    const failing = turns.take().then(() => {
      throw new Error('a piece failed');
    });
    const next = turns.take().then(() => 'next ran');
    await expect(failing).rejects.toThrow('a piece failed');
    await expect(next).resolves.toBe('next ran');
  });
});

describe('inTurns', () => {
  it('yields every piece in order, making each one in its own turn', async () => {
    const made: number[] = [];
    let timersBetween = 0;
    const interval = setInterval(() => timersBetween++, 0);
    function* pieces(): Generator<number> {
      for (let piece = 0; piece < 5; piece++) {
        made.push(piece);
        busyFor(TURN_MS); // a piece a turn: the loop runs between any two
        yield piece;
      }
    }
    const got: number[] = [];
    for await (const piece of inTurns(pieces())) got.push(piece);
    clearInterval(interval);
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(made).toEqual(got);
    expect(timersBetween).toBeGreaterThanOrEqual(4);
  });

  it('closes the source when the reader stops early', async () => {
    let closed = false;
    function* pieces(): Generator<number> {
      try {
        for (let piece = 0; ; piece++) yield piece;
      } finally {
        closed = true;
      }
    }
    for await (const piece of inTurns(pieces())) if (piece === 2) break;
    expect(closed).toBe(true);
  });
});
