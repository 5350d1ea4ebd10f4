// QuotaBudget on its own: the interval arithmetic, the UTC day, the background half, the block after a
// 429, and paying for each attempt before it is sent (sync through the real app: sync.test.ts).
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  QuotaBudget,
  backgroundBudget,
  manualRefreshReserve,
  nextUtcMidnight,
  refreshIntervalMs,
} from '../../src/server/sync/quota-budget';
import { UpstreamError } from '../../src/server/upstream/upstream-error';
import { fakeClock } from '../support/fake-clock';

/** A controllable clock: 23:00 UTC, one hour before the quota reset. */
const clock = (start = Date.UTC(2026, 10, 27, 23, 0, 0)) => fakeClock(start);

describe('quota budget arithmetic', () => {
  it('refresh interval = max(TTL, one day / (half the limit / pages per sync))', () => {
    expect(backgroundBudget(1000)).toBe(500);
    expect(backgroundBudget(7)).toBe(3);
    expect(refreshIntervalMs(300_000, 1000, 1)).toBe(300_000); // 500 syncs/day allow every 172.8 s; TTL wins
    expect(refreshIntervalMs(300_000, 1000, 3)).toBe(518_400); // 166.7 syncs/day → every 518.4 s
    expect(refreshIntervalMs(300_000, 1000, 10)).toBe(1_728_000); // 50 syncs/day → every 28.8 min
    expect(refreshIntervalMs(60_000, 100, 50)).toBe(DAY_MS); // one sync a day
    expect(refreshIntervalMs(60_000, 100, 80)).toBe(DAY_MS); // can't afford one: at most daily
    expect(manualRefreshReserve(3)).toBe(3);
  });

  it('counts per UTC day, keeps background within half, blocks until a few minutes after midnight after a 429', () => {
    const c = clock();
    const budget = new QuotaBudget(10, c.now);
    for (let i = 0; i < 5; i++) budget.recordCall('background');
    expect(budget.usedToday).toBe(5);
    expect(budget.canSpend('background', 1)).toBe(false);
    expect(budget.canSpend('foreground', 5)).toBe(true);
    expect(budget.canSpend('foreground', 6)).toBe(false);
    // A manual refresh of 2 pages must leave 2 more: 5 left → yes; after one more call, 4 left → yes; 3 → no.
    expect(budget.canRefreshManually(2)).toBe(true);
    budget.recordCall('foreground');
    budget.recordCall('foreground');
    expect(budget.canRefreshManually(2)).toBe(false);

    budget.blockUntilReset();
    expect(budget.isBlocked).toBe(true);
    // Our clock may run ahead of Rotor's: the block ends 2–5 min after our midnight, and Retry-After says so.
    expect(budget.secondsUntilReset()).toBeGreaterThanOrEqual(3600 + 120);
    expect(budget.secondsUntilReset()).toBeLessThanOrEqual(3600 + 300);
    expect(budget.canSpend('foreground', 1)).toBe(false);
    c.set(nextUtcMidnight(c.now()));
    expect(budget.isBlocked).toBe(true);
    expect(budget.usedToday).toBe(0);
    c.advance(5 * 60_000);
    expect(budget.isBlocked).toBe(false);
    expect(budget.canSpend('background', 5)).toBe(true);
  });

  it('payAttempt records a call while its kind has room, then refuses with an UpstreamError (nothing recorded)', () => {
    const budget = new QuotaBudget(10, clock().now);
    for (let i = 0; i < 5; i++) budget.payAttempt('background');
    expect(budget.backgroundUsedToday).toBe(5);
    expect(() => budget.payAttempt('background')).toThrow(UpstreamError);
    expect(budget.usedToday).toBe(5);
    budget.payAttempt('foreground');
    expect(budget.usedToday).toBe(6);
    budget.blockUntilReset();
    let refusal: unknown;
    try {
      budget.payAttempt('foreground');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(UpstreamError);
    expect((refusal as UpstreamError).kind).toBe('rate-limit');
    expect(budget.usedToday).toBe(6);
  });
});
