// Quota day (issue 13), driven through the real LeadStore: poll-policy, refresh-policy, QuotaBudget,
// poller, full sync and change tracking, with the RotorClient against the real demo API over loopback,
// all on one fake clock. The refresh timer cannot fire on a fake clock, so the driver does what it
// would have done: it moves the clock to the store's next poll or sync (next_poll_at / next_refresh_at
// of its status) and asks the store for its data, which starts that poll or sync, and waits for it.
// The clock stands still while calls run, so the delays leave out a call's own time.
// Reps' changes reach the demo API by upsertLead (as Rotor would see them); after every poll and sync
// the driver checks which of them the server now holds. Every merged poll rebuilds the whole index,
// so this route is slow (minutes at 10k, far too long at 100k on a shared 2-core machine): the bench
// runs it only when asked (BENCH_QUOTA_DAY_STORE=1), as the check that the model (quota-day-model.ts) agrees.
import { createDemoApi } from '../../src/demo-api/app';
import { LeadStore } from '../../src/server/sync/lead-store';
import { QuotaBudget } from '../../src/server/sync/quota-budget';
import { RotorClient } from '../../src/server/upstream/rotor-client';
import { seededRandom } from './lib/stats';
import {
  BOOT_AT,
  DAY_END,
  DRAIN_MS,
  MINUTE,
  SYNC_TTL_MS,
  plannedChanges,
  summarise,
  type CallRecord,
  type Change,
  type QuotaDayResult,
  type QuotaDaySettings,
} from './quota-day-plan';

const API_KEY = 'bench-quota-day-key';
const silentLog = { info: () => {}, warn: () => {} };

export async function runQuotaDayThroughStore(settings: QuotaDaySettings): Promise<QuotaDayResult> {
  const startedAt = performance.now();
  let clockMs = BOOT_AT;
  const now = () => clockMs;
  const demoApi = createDemoApi({ leadCount: settings.leads, seed: 1, apiKey: API_KEY, now, dailyLimit: settings.dailyLimit });
  const changes = plannedChanges(settings, demoApi.leads);
  const calls: CallRecord[] = [];
  demoApi.app.addHook('onResponse', async (request) => {
    calls.push({ atMs: clockMs, page: Number(new URL(request.url, 'http://demo').searchParams.get('page') ?? 0) });
  });
  const upstreamUrl = await demoApi.listen();
  const store = new LeadStore({
    source: new RotorClient({ baseUrl: upstreamUrl, apiKey: API_KEY }),
    budget: new QuotaBudget(settings.dailyLimit, now, seededRandom(settings.seed + 1)),
    origin: 'demo',
    syncTtlMs: SYNC_TTL_MS,
    pollSetting: 'auto',
    now,
    random: seededRandom(settings.seed + 2),
    log: silentLog,
  });
  try {
    store.start();
    await store.settled();
    const pending = new Map<string, Change>();
    const delays: Record<Change['kind'], number[]> = { create: [], edit: [] };
    let next = 0;
    for (;;) {
      const status = store.status();
      const due = Math.min(...[status.next_poll_at, status.next_refresh_at].map((at) => (at === null ? Infinity : Date.parse(at))));
      const changeAt = changes[next]?.atMs ?? Infinity;
      const at = Math.min(due, changeAt);
      // The day's calls are all counted; after it, run on only while a change has not shown yet.
      if (at >= DAY_END + DRAIN_MS || (at >= DAY_END && pending.size === 0 && next >= changes.length)) break;
      clockMs = Math.max(clockMs, at);
      if (changeAt <= due) {
        const change = changes[next++]!;
        demoApi.upsertLead(change.lead);
        pending.set(`${change.kind}:${change.lead.id}`, change);
        continue;
      }
      const callsBefore = calls.length;
      await store.current();
      await store.settled();
      const { index } = await store.current();
      // Due but nothing started (a plan the budget refused): step on rather than spin.
      if (calls.length === callsBefore) clockMs = Math.min(clockMs + MINUTE, changes[next]?.atMs ?? Infinity);
      for (const [key, change] of pending) {
        const held = index.getById(change.lead.id);
        if (held === undefined || (change.kind === 'edit' && held.stage !== change.lead.stage)) continue;
        delays[change.kind].push(clockMs - change.atMs);
        pending.delete(key);
      }
    }
    return summarise({ driver: 'lead-store', settings, changes, delays, unseen: [...pending.values()], calls, startedAt });
  } finally {
    store.close();
    await demoApi.close();
  }
}
