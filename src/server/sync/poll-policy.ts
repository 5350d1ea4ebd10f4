// Polls of the newest page between full syncs (docs/api.md §2 "Freshness and the quota budget", issue 13),
// as pure functions of the budget (no store, no timers: tested on their own).
// Rotor lists newest first, so one call (page 1, limit 1000) shows every lead created since the last look
// at page 1 — a full sync's first page is such a look too. Polls and full syncs share the background half
// of the daily limit. The split:
// - polls every POLL_TARGET_MS, so a new lead shows within 5 minutes (a little under 5: a timer fires late
//   and the call takes time);
// - full syncs (the only way to see edits and deletions beyond page 1) as often as what the polls leave
//   pays for, at a whole number per day (k syncs: every 24 h / k), so each UTC day holds the same
//   number of them and the day's budget is never split unevenly;
// - when the polls would leave less than one full sync a day, the full sync keeps its one a day and the
//   polls are stretched to fit what remains (off when nothing remains: 500k leads at the default limit).
// A 'daily'-mode sync (it costs more than the half) keeps its exception; polls then get the half, capped
// so that polls plus the daily sync stay within the limit minus the daily sync's reserve.
import { DAY_MS, afterNextReset, backgroundBudget, dailySyncReserve, refreshIntervalMs, refreshMode } from './quota-budget';

/** Looks at page 1 this often by default: new leads within 5 min, with 10 s for a late timer and the call. */
export const POLL_TARGET_MS = 290_000;
/** Calls a day's timetable leaves unplanned in the half: a retry or a late timer must not stop the polls. */
export const TIMETABLE_SLACK = 4;
/** Upstream's page size: a poll sees at most this many newest leads. */
export const POLL_PAGE_LIMIT = 1000;

/** Polls: 'auto' = POLL_TARGET_MS within the budget; a number = that interval in ms (0 = off). */
export type PollSetting = number | 'auto';

export interface Timetable {
  /** Between looks at page 1 (a poll or a full sync's first page); null: no polls. */
  pollIntervalMs: number | null;
  /** Between full-sync starts. */
  syncIntervalMs: number;
  /** Background calls a whole day of this timetable costs (polls + full syncs). */
  callsPerDay: number;
}

export const pagesFor = (leads: number): number => Math.max(1, Math.ceil(leads / POLL_PAGE_LIMIT));

/** Polls in one sync period: looks every `poll`, the sync's own first page being one of them. */
const pollsPerPeriod = (periodMs: number, pollMs: number): number => Math.max(0, Math.ceil(periodMs / pollMs) - 1);

export function timetable(pagesPerSync: number, dailyLimit: number, ttlMs: number, setting: PollSetting): Timetable {
  const pages = Math.max(1, pagesPerSync);
  const half = backgroundBudget(dailyLimit);
  const mode = refreshMode(dailyLimit, pages);
  const plain = refreshIntervalMs(ttlMs, dailyLimit, pages);
  const noPolls = (): Timetable => ({
    pollIntervalMs: null,
    syncIntervalMs: plain,
    callsPerDay: mode === 'interval' ? Math.floor(DAY_MS / plain) * pages : mode === 'daily' ? pages : 0,
  });
  // One page: a full sync is a poll; nothing to split.
  if (setting === 0 || pages === 1) return noPolls();
  const wanted = setting === 'auto' ? POLL_TARGET_MS : setting;

  if (mode !== 'interval') {
    // No full sync competes within the half: polls get it, minus what the daily sync needs of the limit.
    const room = mode === 'daily' ? Math.min(half, dailyLimit - dailySyncReserve(dailyLimit) - pages) : half;
    if (room <= 0) return noPolls();
    const poll = Math.max(wanted, Math.ceil(DAY_MS / room));
    return { pollIntervalMs: poll, syncIntervalMs: plain, callsPerDay: Math.ceil(DAY_MS / poll) + (mode === 'daily' ? pages : 0) };
  }

  // The most full syncs a day that the polls leave room for.
  for (let perDay = Math.floor(half / pages); perDay >= 1; perDay--) {
    const period = Math.max(ttlMs, Math.ceil(DAY_MS / perDay));
    const periods = Math.ceil(DAY_MS / period);
    const calls = periods * (pages + pollsPerPeriod(period, wanted));
    if (calls > half - TIMETABLE_SLACK) continue;
    // A sync as often as a poll makes the polls pointless.
    if (period <= wanted) return noPolls();
    return { pollIntervalMs: wanted, syncIntervalMs: period, callsPerDay: calls };
  }
  // Not even one sync a day beside polls at that rate: one sync a day, polls stretched to what is left.
  const left = half - pages - TIMETABLE_SLACK;
  const sync = Math.max(ttlMs, DAY_MS);
  if (left <= 0) return { pollIntervalMs: null, syncIntervalMs: sync, callsPerDay: pages };
  const poll = Math.ceil(DAY_MS / (left + 1));
  return { pollIntervalMs: poll, syncIntervalMs: sync, callsPerDay: pages + pollsPerPeriod(DAY_MS, poll) };
}

export interface PollInput {
  now: number;
  dailyLimit: number;
  pagesPerSync: number;
  ttlMs: number;
  setting: PollSetting;
  usedToday: number;
  backgroundUsedToday: number;
  blockedUntil: number;
  /** The last look at page 1: a poll's or a full sync's start (null: none yet → no poll before data). */
  lastLookAt: number | null;
  /** When the next full sync is planned (null: none); a poll due after it is left to the sync. */
  nextSyncAt: number | null;
  /** Whether that sync spends the background half (interval mode) or its own share (daily). */
  syncKind: 'background' | 'daily' | 'foreground';
  jitter: number;
}

export interface PollPlan {
  /** When the next poll may start (epoch ms); null: no poll planned. */
  at: number | null;
  intervalMs: number | null;
}

/**
 * The next poll. What the day's half has left after the full syncs still planned today (a poll must
 * never starve the sync that catches edits and deletions) pays the polls; when it is short (retries
 * spent some), the remaining polls are spread over the rest of the day rather than stopped early, and
 * with nothing left they wait for the reset.
 */
export function planPoll(input: PollInput): PollPlan {
  const { now, dailyLimit } = input;
  const pages = Math.max(1, input.pagesPerSync);
  const table = timetable(pages, dailyLimit, input.ttlMs, input.setting);
  const interval = table.pollIntervalMs;
  if (interval === null || input.lastLookAt === null) return { at: null, intervalMs: interval };
  let at = Math.min(input.lastLookAt, now) + interval;
  const dayEnd = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  const nextSync = input.nextSyncAt ?? Infinity;
  const syncToday = nextSync < dayEnd;
  let syncsLeft = 0;
  if (input.syncKind === 'background' && syncToday)
    syncsLeft = 1 + Math.floor((dayEnd - 1 - Math.max(now, nextSync)) / table.syncIntervalMs);
  const half = backgroundBudget(dailyLimit);
  let spare = half - input.backgroundUsedToday - syncsLeft * pages;
  // The daily sync spends beyond the half, but polls must leave it its share of the limit.
  if (input.syncKind === 'daily')
    spare = Math.min(spare, dailyLimit - dailySyncReserve(dailyLimit) - input.usedToday - (syncToday ? pages : 0));
  spare = Math.min(spare, dailyLimit - input.usedToday);
  if (spare < 1) at = Math.max(at, afterNextReset(now, input.jitter));
  else {
    // Looks left today at the interval, the planned syncs being some of them; too few calls: wider apart.
    const last = Math.min(input.lastLookAt, now);
    const pollsWanted = Math.ceil((dayEnd - last) / interval) - syncsLeft;
    if (spare < pollsWanted) at = Math.max(at, last + Math.ceil((dayEnd - last) / (spare + syncsLeft)));
  }
  if (input.blockedUntil > now) at = Math.max(at, input.blockedUntil);
  return { at, intervalMs: interval };
}
