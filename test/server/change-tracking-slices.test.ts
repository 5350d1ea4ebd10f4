// Merging a sync or a poll with what is held parses every held lead at 100k (each is kept as JSON text):
// both merges pause between time slices (issue 14), and give the same leads whether they pause or not.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { mergeFullSync, mergePoll } from '../../src/server/sync/change-tracking';

const NOW = '2026-12-01T12:00:00.000Z';

async function heldIndex(count: number) {
  const index = LeadIndex.build(generateDemoLeads(count, 5).map((lead) => ({ ...lead, first_seen_at: '2026-11-01T00:00:00.000Z' })));
  await index.compactAsync();
  return index;
}

/** Runs `work` with a ticking timer: how many ticks got in while it ran. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  try {
    const result = await work();
    return { result, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('merging with held leads in time slices', () => {
  it('an inconsistent full sync keeps the held leads it missed, letting timers run meanwhile', async () => {
    const held = await heldIndex(6_000);
    const fetched = generateDemoLeads(6_000, 5).slice(100); // 100 newest not seen by this sync
    const eager = await mergeFullSync(fetched, held, false, NOW, new TimeSlice(Infinity));
    const { result, ticks } = await ticksDuring(() => mergeFullSync(fetched, held, false, NOW, new TimeSlice(0)));
    expect(result).toEqual(eager);
    expect(result.kept).toBe(100);
    expect(result.leads).toHaveLength(6_000);
    expect(ticks).toBeGreaterThan(3);
  });

  it('a poll with a new lead re-reads the held set, letting timers run meanwhile', async () => {
    const held = await heldIndex(6_000);
    const [newest] = generateDemoLeads(1, 77);
    const page = [{ ...newest!, id: 'brand-new-lead' }, ...generateDemoLeads(6_000, 5).slice(0, 999)];
    const eager = await mergePoll(page, held, NOW, new TimeSlice(Infinity));
    const { result, ticks } = await ticksDuring(() => mergePoll(page, held, NOW, new TimeSlice(0)));
    expect(result).toEqual(eager);
    expect(result).toMatchObject({ kind: 'merged', added: 1 });
    expect(ticks).toBeGreaterThan(3);
  });
});
