// The refresh policy, the page fetcher and the completeness check without a store or a server.
import { describe, expect, it } from 'vitest';
import { checkComplete, fetchAllPages, type LeadSource } from '../../src/server/sync/fetch-pages';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { planRefresh, refreshMode, retryDelayMs, type RefreshInput } from '../../src/server/sync/refresh-policy';

const NINE = Date.UTC(2026, 10, 27, 9, 0, 0);
const MIDNIGHT = Date.UTC(2026, 10, 28);
const input = (over: Partial<RefreshInput> = {}): RefreshInput => ({
  now: NINE,
  ttlMs: 300_000,
  dailyLimit: 1000,
  pagesPerSync: 3,
  usedToday: 3,
  backgroundUsedToday: 0,
  blockedUntil: 0,
  lastSyncStartedAt: NINE,
  failures: 0,
  hasData: true,
  jitter: 0,
  ...over,
});

describe('planRefresh', () => {
  it('interval mode: every max(TTL, day × pages / half the limit); the half spent → after the next reset', () => {
    expect(planRefresh(input())).toEqual({ mode: 'interval', at: NINE + 518_400, kind: 'background' });
    expect(planRefresh(input({ backgroundUsedToday: 498 })).at).toBe(MIDNIGHT + 120_000);
    expect(planRefresh(input({ lastSyncStartedAt: null, hasData: false })).at).toBe(NINE);
  });

  it('daily mode when a sync costs more than half the limit: once a day, 2–5 min after the UTC reset', () => {
    const daily = input({ dailyLimit: 5, pagesPerSync: 3 });
    expect(refreshMode(5, 3)).toBe('daily');
    expect(planRefresh(daily)).toEqual({ mode: 'daily', at: MIDNIGHT + 120_000, kind: 'daily' });
    expect(planRefresh({ ...daily, jitter: 0.5 }).at).toBe(MIDNIGHT + 210_000);
    // Yesterday's sync: today's is due now (or right after today's reset margin).
    expect(planRefresh({ ...daily, lastSyncStartedAt: NINE - DAY_MS, usedToday: 0 }).at).toBe(NINE);
    expect(planRefresh({ ...daily, lastSyncStartedAt: NINE - DAY_MS, usedToday: 2 }).at).toBe(MIDNIGHT + 120_000); // 2 + 3 > 5 − 1
    expect(planRefresh({ ...daily, now: MIDNIGHT + 1000, lastSyncStartedAt: NINE, usedToday: 0 }).at).toBe(MIDNIGHT + 120_000);
    // 100k leads with a limit of 150 is daily too.
    expect(refreshMode(150, 100)).toBe('daily');
  });

  it('unaffordable when one sync costs more than the limit minus its reserve: no automatic sync', () => {
    expect(refreshMode(3, 3)).toBe('unaffordable');
    expect(planRefresh(input({ dailyLimit: 3, pagesPerSync: 3 }))).toEqual({ mode: 'unaffordable', at: null, kind: 'background' });
  });

  it('after failures: 30 s doubling to 15 min, jittered to 50–100 %; with data never later than the interval', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 0.999_999))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000,
    ]);
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(planRefresh(input({ failures: 1, hasData: false })).at).toBe(NINE + 15_000);
    expect(planRefresh(input({ failures: 6 })).at).toBe(NINE + 450_000);
    expect(planRefresh(input({ failures: 9, jitter: 0.999_999 })).at).toBe(NINE + 518_400);
    // Before data, retries spend the background half and stop there until the reset.
    expect(planRefresh(input({ failures: 3, hasData: false, backgroundUsedToday: 500 })).at).toBe(MIDNIGHT + 120_000);
  });

  it('a 429 block, and a last start in the future (clock stepped back), are respected', () => {
    expect(planRefresh(input({ blockedUntil: MIDNIGHT + 200_000 })).at).toBe(MIDNIGHT + 200_000);
    expect(planRefresh(input({ lastSyncStartedAt: NINE + 3_600_000 })).at).toBe(NINE + 518_400);
  });
});

describe('checkComplete', () => {
  it('accepts what adds up to the totals, rejects the rest with a reason', () => {
    expect(checkComplete({ firstTotal: 2500, lastTotal: 2500, received: 2500 })).toEqual({ complete: true });
    // Fewer with no sign of a change upstream (it ended early): not usable at all.
    expect(checkComplete({ firstTotal: 2500, lastTotal: 2500, received: 1000 })).toEqual({
      complete: false,
      usable: false,
      reason: 'received 1000 of 2500 leads',
    });
    // Created during the sync: the set as it began is whole.
    expect(checkComplete({ firstTotal: 20_000, lastTotal: 21_500, received: 20_000 })).toEqual({ complete: true });
    expect(checkComplete({ firstTotal: 20_000, lastTotal: 21_500, received: 2_000 }).complete).toBe(false);
    // Deleted during the sync: later pages may have skipped leads that still exist.
    expect(checkComplete({ firstTotal: 5000, lastTotal: 4900, received: 4910 }).complete).toBe(false);
    // Changes upstream during the sync (issue 13): what arrived exists, what is missing may still exist.
    expect(checkComplete({ firstTotal: 5000, lastTotal: 4900, received: 4910 })).toMatchObject({ complete: false, usable: true });
    expect(checkComplete({ firstTotal: 20_000, lastTotal: 21_500, received: 2_000 })).toMatchObject({ usable: true });
    // Equal totals but page N's ids again on N+1: created and deleted alike; even a full count may hide a skip.
    expect(checkComplete({ firstTotal: 2500, lastTotal: 2500, received: 2499, shifted: 1 })).toMatchObject({
      complete: false,
      usable: true,
    });
    expect(checkComplete({ firstTotal: 2500, lastTotal: 2500, received: 2500, shifted: 1 })).toMatchObject({
      complete: false,
      usable: true,
    });
    expect(checkComplete({ firstTotal: 2500, lastTotal: 2500, received: 2500, shifted: 0 })).toEqual({ complete: true });
    expect(checkComplete({ firstTotal: undefined, lastTotal: undefined, received: 7 })).toEqual({ complete: true });
  });
});

describe('fetchAllPages', () => {
  const limits = { pageLimit: 2, maxPages: 10, maxLeads: 100, maxBytes: 10_000 };
  /** Pages of two over `ids()`, read at each call (so a test can change the set between pages). */
  const source = (ids: () => string[], attempts: string[] = []): LeadSource => ({
    async listLeads(params, call) {
      call?.onAttempt?.();
      attempts.push(String(params.page));
      const all = ids();
      const start = ((params.page ?? 1) - 1) * 2;
      const onPage = all.slice(start, start + 2);
      return {
        leads: onPage.map((id) => ({ id })),
        ids: onPage,
        hasMore: start + 2 < all.length,
        total: all.length,
        refused: {},
        bytes: 100,
      };
    },
  });

  it('pays each page through onAttempt and stops where it throws', async () => {
    let paid = 0;
    const fetched = await fetchAllPages(
      source(() => ['a', 'b', 'c', 'd', 'e']),
      limits,
      { onAttempt: () => void paid++ },
    );
    expect(fetched).toMatchObject({ pages: 3, firstTotal: 5, lastTotal: 5, received: 5, bytes: 300 });
    expect(paid).toBe(3);
    const broke = fetchAllPages(
      source(() => ['a', 'b', 'c', 'd', 'e']),
      limits,
      {
        onAttempt: () => {
          if (++paid > 4) throw new Error('budget');
        },
      },
    );
    await expect(broke).rejects.toThrow('budget');
  });

  it('keeps paging over a page of duplicates when leads were created meanwhile (exactly a page: the same page again)', async () => {
    let ids = ['e', 'f', 'g', 'h'];
    const pages: string[] = [];
    const fetched = await fetchAllPages(
      source(() => (pages.length === 2 ? (ids = ['a', 'b', 'e', 'f', 'g', 'h']) : ids), pages),
      limits,
      {},
    );
    expect(Array.from(fetched.leads, (lead) => lead.id)).toEqual(['e', 'f', 'g', 'h']);
    expect(checkComplete(fetched)).toEqual({ complete: true });
  });

  it('does not take a mixed set for the whole one when deletions and creations during the sync cancel out in the count', async () => {
    // Upstream flips between two versions while the sync pages (as when leads are deleted and restored):
    // page 3 skips 'd' (two leads before it vanished), and 'y' from the longer version makes up the count.
    const full = ['a', 'x', 'b', 'c', 'd', 'e', 'f', 'g', 'y', 'h'];
    const cut = full.filter((id) => id !== 'x' && id !== 'y');
    const pages: string[] = [];
    const fetched = await fetchAllPages(
      source(() => ([1, 3].includes(pages.length) ? cut : full), pages),
      limits,
      {},
    );
    expect(Array.from(fetched.leads, (lead) => lead.id)).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'y', 'h']);
    expect(fetched).toMatchObject({ firstTotal: 8, lastTotal: 10, received: 8, totalFell: 2 });
    expect(checkComplete(fetched)).toMatchObject({ complete: false, usable: true });
    expect(checkComplete({ ...fetched, totalFell: 0 })).toEqual({ complete: true }); // what the counts alone say
  });
});
