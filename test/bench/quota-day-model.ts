// Quota day (issue 13), the fast route: the real decisions (planRefresh, planPoll, QuotaBudget on a
// fake clock), asked exactly as LeadStore asks them, with the calls' effects modelled instead of made:
// a full sync costs one call per 1,000 leads upstream and then holds everything upstream has; a poll
// costs one call and holds the newest 1,000 leads as they are (new leads, and edits of leads that recent);
// a poll that holds none of them (more than a page created since the last look) starts a full sync.
// Calls take no time. Rebuilding the index after every merged poll is what makes the real store slow
// to replay (quota-day.ts); its timing does not depend on that work, so the model can leave it out.
import type { Lead } from '../../src/shared/lead';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { planPoll, POLL_PAGE_LIMIT, pagesFor } from '../../src/server/sync/poll-policy';
import { planRefresh } from '../../src/server/sync/refresh-policy';
import { QuotaBudget, type CallKind } from '../../src/server/sync/quota-budget';
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

/** Rotor's list order of the starting leads (newest created_at first, ties by id, none last): id → rank. */
function listRanks(leads: readonly Lead[]): Map<string, number> {
  const createdMs = (lead: Lead) => {
    const ms = typeof lead.created_at === 'string' ? Date.parse(lead.created_at) : NaN;
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  const ordered = [...leads].sort((a, b) => {
    const byTime = createdMs(b) - createdMs(a);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return (a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0;
  });
  return new Map(ordered.map((lead, rank) => [lead.id ?? '', rank]));
}

export function runQuotaDayModel(settings: QuotaDaySettings): QuotaDayResult {
  const startedAt = performance.now();
  let clockMs = BOOT_AT;
  const now = () => clockMs;
  const existing = generateDemoLeads(settings.leads, 1);
  const ranks = listRanks(existing);
  const changes = plannedChanges(settings, existing);
  const random = seededRandom(settings.seed + 2);
  const budget = new QuotaBudget(settings.dailyLimit, now, seededRandom(settings.seed + 1));
  const calls: CallRecord[] = [];
  // The store's scheduling state (lead-store.ts), field for field.
  let jitter = random();
  let lastSyncStartedAt: number | null = null;
  let lastPollAt: number | null = null;
  let pagesPerSync = 1;
  let failures = 0;
  let hasData = false;
  // Upstream and held: how many leads were created so far, and which changes the server holds.
  let created = 0;
  const pending = new Map<string, Change>();
  const delays: Record<Change['kind'], number[]> = { create: [], edit: [] };
  /** Position in Rotor's newest-first list now; created leads come first, newest first. */
  const rankNow = (change: Change) =>
    change.kind === 'create' ? created - 1 - Number(change.lead.id.slice('bench-new-'.length)) : created + ranks.get(change.lead.id)!;

  const plan = () =>
    planRefresh({
      ...{ now: clockMs, ttlMs: SYNC_TTL_MS, dailyLimit: settings.dailyLimit, pagesPerSync },
      ...{ usedToday: budget.usedToday, backgroundUsedToday: budget.backgroundUsedToday, blockedUntil: budget.blockedUntilMs },
      ...{ lastSyncStartedAt, failures, hasData, jitter, pollSetting: 'auto' as const },
    });
  const pollAt = (): number | null => {
    if (!hasData) return null;
    const sync = plan();
    const lastLookAt = Math.max(lastPollAt ?? -Infinity, lastSyncStartedAt ?? -Infinity);
    return planPoll({
      ...{ now: clockMs, dailyLimit: settings.dailyLimit, pagesPerSync, ttlMs: SYNC_TTL_MS, setting: 'auto' },
      ...{ usedToday: budget.usedToday, backgroundUsedToday: budget.backgroundUsedToday, blockedUntil: budget.blockedUntilMs },
      ...{ nextSyncAt: sync.at, syncKind: sync.kind, jitter },
      lastLookAt: Number.isFinite(lastLookAt) ? lastLookAt : null,
    }).at;
  };
  /** One call, paid as the store pays it; false when the budget refuses it (the run then fails). */
  const call = (kind: CallKind, page: number): boolean => {
    if (budget.isBlocked || !budget.canSpend(kind, 1)) return false;
    budget.recordCall(kind);
    calls.push({ atMs: clockMs, page });
    return true;
  };
  const hold = (seen: (change: Change) => boolean) => {
    for (const [key, change] of pending)
      if (seen(change)) {
        delays[change.kind].push(clockMs - change.atMs);
        pending.delete(key);
      }
  };
  const sync = (kind: CallKind) => {
    lastSyncStartedAt = clockMs;
    const pages = pagesFor(settings.leads + created);
    let complete = true;
    for (let page = 1; page <= pages && complete; page++) complete = call(kind, page);
    if (complete) {
      hold(() => true);
      pagesPerSync = pages;
      failures = 0;
      hasData = true;
    } else failures++;
    jitter = random();
  };
  const poll = () => {
    lastPollAt = clockMs;
    if (!call('background', 1)) return;
    const unheldCreated = [...pending.values()].filter((change) => change.kind === 'create').length;
    // The page holds no lead already held: only a full sync can show them all.
    if (unheldCreated >= POLL_PAGE_LIMIT) {
      if (budget.canSpend('background', pagesPerSync)) sync('background');
      return;
    }
    hold((change) => rankNow(change) < POLL_PAGE_LIMIT);
  };

  sync('foreground');
  let next = 0;
  for (;;) {
    const refresh = plan();
    const due = Math.min(refresh.at ?? Infinity, pollAt() ?? Infinity);
    const changeAt = changes[next]?.atMs ?? Infinity;
    const at = Math.min(due, changeAt);
    if (at >= DAY_END + DRAIN_MS || (at >= DAY_END && pending.size === 0 && next >= changes.length)) break;
    clockMs = Math.max(clockMs, at);
    if (changeAt <= due) {
      const change = changes[next++]!;
      if (change.kind === 'create') created++;
      pending.set(`${change.kind}:${change.lead.id}`, change);
      continue;
    }
    const callsBefore = calls.length;
    // revalidateIfDue: a due sync first, else a due poll.
    const current = plan();
    if (current.at !== null && clockMs >= current.at) sync(current.kind);
    else poll();
    if (calls.length === callsBefore) clockMs = Math.min(clockMs + MINUTE, changes[next]?.atMs ?? Infinity);
  }
  return summarise({ driver: 'model', settings, changes, delays, unseen: [...pending.values()], calls, startedAt });
}
