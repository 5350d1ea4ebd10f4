// The quota-day bench's model (quota-day-model.ts) stands in for the real LeadStore at 100k, where a
// replay through the store takes too long: here both replay the same (shorter) day and must agree.
import { describe, expect, it } from 'vitest';
import { backgroundBudget } from '../../src/server/sync/quota-budget';
import { pagesFor, timetable } from '../../src/server/sync/poll-policy';
import { runQuotaDayThroughStore } from './quota-day';
import { runQuotaDayModel } from './quota-day-model';
import { SYNC_TTL_MS, type QuotaDaySettings } from './quota-day-plan';

// A low limit keeps the replay short (few looks at a small index): polls stretched, one full sync a day.
const SMALL_DAY: QuotaDaySettings = {
  leads: 3_000,
  createEveryMs: 20 * 60_000,
  editEveryMs: 20 * 60_000,
  dailyLimit: 100,
  seed: 7,
  workHours: 4,
};

describe('quota day', () => {
  it('the model and the real LeadStore against the demo API see the same day', { timeout: 120_000 }, async () => {
    const model = runQuotaDayModel(SMALL_DAY);
    const store = await runQuotaDayThroughStore(SMALL_DAY);
    const { sim_wall_ms: _modelMs, driver: _m, ...modelFigures } = model;
    const { sim_wall_ms: _storeMs, driver: _s, ...storeFigures } = store;
    expect(storeFigures).toEqual(modelFigures);
    // And the day is what the code's timetable promises.
    const plan = timetable(pagesFor(SMALL_DAY.leads), SMALL_DAY.dailyLimit, SYNC_TTL_MS, 'auto');
    expect(store.created).toBeGreaterThan(0);
    expect(store.new_leads_unseen + store.stage_edits_unseen).toBe(0);
    expect(store.new_lead_delay_max_min * 60_000).toBeLessThanOrEqual(plan.pollIntervalMs!);
    expect(store.stage_edit_delay_max_min * 60_000).toBeLessThanOrEqual(plan.syncIntervalMs);
    expect(store.upstream_calls_day).toBeLessThanOrEqual(backgroundBudget(SMALL_DAY.dailyLimit));
  });
});
