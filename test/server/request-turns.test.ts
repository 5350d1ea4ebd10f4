// RequestTurns (issue 14): expensive request pieces run first come first served, one per event-loop
// iteration, so timers, I/O and the re-sync's slices run between two pieces instead of after the batch.
import { describe, expect, it } from 'vitest';
import { inTurns, RequestTurns, TURN_MS } from '../../src/server/runtime/request-turns';
import { TimeSlice } from '../../src/server/runtime/time-slice';

/** Holds the event loop for `ms`, as a cold query does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
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
    for (let k = 1; k < pieceAt.length; k++) expect(log.slice(pieceAt[k - 1], pieceAt[k])).toEqual([`piece ${k - 1}`, 'slice']);
  });

  it('runs short pieces back to back within one turn, and a long one alone with timers around it', async () => {
    const turns = new RequestTurns();
    const log: string[] = [];
    let stop = false;
    const tick = (): void => {
      setTimeout(() => {
        log.push('timer');
        if (!stop) tick();
      }, 1);
    };
    tick();
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
    stop = true;
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
        busyFor(3);
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
