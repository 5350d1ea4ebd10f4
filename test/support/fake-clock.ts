// A hand-driven wall clock for the server's injectable `now` (quota day, staleness, refresh timing).

export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
}

export function fakeClock(start: number): FakeClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}
