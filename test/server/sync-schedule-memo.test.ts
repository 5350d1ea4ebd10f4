// The SyncSchedule memoises its plans (every request asks whether a refresh is due). Whatever happens to
// the schedule and the quota and however the clock moves (small steps, jumps across UTC midnight, steps
// back), the memoised plans must equal the plans computed afresh at that moment.
import { describe, expect, it } from 'vitest';
import { DAY_MS, QuotaBudget } from '../../src/server/sync/quota-budget';
import { SyncSchedule } from '../../src/server/sync/sync-schedule';

/** Deterministic [0, 1) numbers (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const silentLog = { info: () => {}, warn: () => {} };

describe('SyncSchedule plan memo', () => {
  for (const [dailyLimit, pollSetting] of [
    [1000, 'auto'],
    [1000, undefined],
    [60, 'auto'],
    [1000, 120_000],
  ] as const)
    it(`equals the plans computed afresh (limit ${dailyLimit}, polls ${String(pollSetting)})`, () => {
      const random = seeded(dailyLimit * 31 + (pollSetting === undefined ? 0 : 7));
      const clock = { now: Date.UTC(2026, 10, 27, 22, 0, 0) };
      const now = () => clock.now;
      const budget = new QuotaBudget(dailyLimit, now, random);
      const options = { budget, syncTtlMs: 300_000, log: silentLog, ...(pollSetting === undefined ? {} : { pollSetting }) };
      const schedule = new SyncSchedule(options, now, random);
      const changes: (() => void)[] = [
        () => schedule.syncStarted(),
        () => schedule.syncSucceeded(1 + Math.floor(random() * 120)),
        () => schedule.syncFailed(),
        () => schedule.syncEnded(),
        () => schedule.pollStarted(),
        () => budget.recordCall('background'),
        () => budget.recordCall('foreground'),
      ];
      const reused = { hits: 0 };
      for (let step = 0; step < 3000; step++) {
        const r = random();
        // Mostly small steps (many requests between changes), some jumps, a few steps back.
        clock.now +=
          r < 0.7 ? Math.floor(random() * 20_000) : r < 0.97 ? Math.floor(random() * 3_600_000) : -Math.floor(random() * 600_000);
        if (random() < 0.2) (random() < 0.01 ? () => budget.blockUntilReset() : changes[Math.floor(random() * changes.length)]!)();
        for (const hasData of [true, false]) {
          const memoised = schedule.plans(hasData);
          const again = schedule.plans(hasData);
          // Nothing due and no look "in the future" (a step back): asked again at the same reading, the memo answers.
          const due = Math.min(memoised.refresh.at ?? Infinity, memoised.poll.at ?? Infinity) <= clock.now;
          const lookedAhead = Math.max(schedule.lastSyncStartedAt ?? -Infinity, schedule.lastPollAt ?? -Infinity) > clock.now;
          if (!due && !lookedAhead) {
            expect(again).toBe(memoised);
            reused.hits++;
          }
          expect(schedule.plansAfresh(hasData), `step ${step}, day ${Math.floor(clock.now / DAY_MS)}`).toEqual(memoised);
        }
      }
      expect(reused.hits).toBeGreaterThan(500);
    });
});
