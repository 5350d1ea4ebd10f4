// The quota day of issue 13, shared by its two drivers (quota-day.ts: the real LeadStore against the
// demo API; quota-day-model.ts: the real policy functions with each call's cost modelled): the day,
// the changes reps make upstream through it, and how the figures are summed up.
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { Lead } from '../../src/shared/lead';
import { DAY_MS } from '../../src/server/sync/quota-budget';
import { pagesFor, timetable } from '../../src/server/sync/poll-policy';
import { percentile, pick, round, seededRandom } from './lib/stats';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** The measured UTC day (its calls are counted); the server was started the evening before. */
export const DAY_START = Date.parse('2026-11-24T00:00:00.000Z');
export const DAY_END = DAY_START + DAY_MS;
export const BOOT_AT = DAY_START - 3 * HOUR;
/** The working day, in UTC: leads are created and edited only then. */
export const WORK_START = DAY_START + 8 * HOUR + 30 * MINUTE;
export const WORK_HOURS = 8;
/** After the day: run on until every change has shown, or this long. */
export const DRAIN_MS = 14 * HOUR;
export const SYNC_TTL_MS = 300_000;

export interface QuotaDaySettings {
  leads: number;
  /** One new lead upstream every this many ms through the working day. */
  createEveryMs: number;
  /** One stage edit of an older lead every this many ms through the working day. */
  editEveryMs: number;
  dailyLimit: number;
  seed: number;
  /** Length of the working day (default WORK_HOURS; tests use a shorter one). */
  workHours?: number;
}

export interface QuotaDayResult {
  driver: 'lead-store' | 'model';
  leads: number;
  daily_limit: number;
  create_every_s: number;
  edit_every_s: number;
  created: number;
  edited: number;
  new_lead_delay_p50_min: number;
  new_lead_delay_max_min: number;
  stage_edit_delay_p50_min: number;
  stage_edit_delay_max_min: number;
  /** Changes the server still did not hold when the run ended (DRAIN_MS after the day). */
  new_leads_unseen: number;
  stage_edits_unseen: number;
  /** Upstream calls during the measured UTC day (00:00–24:00), retries and refused ones included. */
  upstream_calls_day: number;
  polls_day: number;
  full_syncs_day: number;
  /** What the code's own timetable says for this size (poll-policy.ts). */
  timetable_poll_s: number | null;
  timetable_sync_min: number;
  timetable_calls_day: number;
  sim_wall_ms: number;
}

export interface Change {
  kind: 'create' | 'edit';
  atMs: number;
  /** create: the whole new lead; edit: its id and new stage. */
  lead: Lead & { id: string };
}

/** One upstream call: when (fake clock) and which list page it asked for. */
export interface CallRecord {
  atMs: number;
  page: number;
}

/** The working day's changes, seeded: new leads (newest created_at) and stage moves of existing leads. */
export function plannedChanges(settings: QuotaDaySettings, existing: readonly Lead[]): Change[] {
  const random = seededRandom(settings.seed);
  const stages = [...new Set(existing.map((lead) => lead.stage).filter((s): s is string => typeof s === 'string'))].sort();
  const withIds = existing.filter((lead): lead is Lead & { id: string } => typeof lead.id === 'string');
  const workMs = (settings.workHours ?? WORK_HOURS) * HOUR;
  const templates = generateDemoLeads(Math.ceil(workMs / settings.createEveryMs) + 1, settings.seed + 7);
  const changes: Change[] = [];
  const workEnd = WORK_START + workMs;
  for (let at = WORK_START, i = 0; at < workEnd; at += settings.createEveryMs, i++) {
    const template = templates[i % templates.length]!;
    changes.push({ kind: 'create', atMs: at, lead: { ...template, id: `bench-new-${i}`, created_at: new Date(at).toISOString() } });
  }
  // Offset by half a period, so an edit and a creation never share an instant.
  for (let at = WORK_START + settings.editEveryMs / 2; at < workEnd; at += settings.editEveryMs) {
    const target = pick(random, withIds);
    const stage = pick(
      random,
      stages.filter((s) => s !== target.stage),
    );
    changes.push({ kind: 'edit', atMs: at, lead: { id: target.id, stage } });
  }
  return changes.sort((a, b) => a.atMs - b.atMs);
}

/** A sync's pages follow each other at one instant (the clock stands still during calls): page 1 alone is a poll. */
export function countPolls(calls: readonly CallRecord[]): number {
  return calls.filter((call, i) => call.page === 1 && !(calls[i + 1]?.page === 2 && calls[i + 1]?.atMs === call.atMs)).length;
}

export function summarise(input: {
  driver: QuotaDayResult['driver'];
  settings: QuotaDaySettings;
  changes: readonly Change[];
  delays: Record<Change['kind'], number[]>;
  unseen: readonly Change[];
  calls: readonly CallRecord[];
  startedAt: number;
}): QuotaDayResult {
  const { settings, changes, delays, unseen } = input;
  const inDay = input.calls.filter((call) => call.atMs >= DAY_START && call.atMs < DAY_END);
  const plan = timetable(pagesFor(settings.leads), settings.dailyLimit, SYNC_TTL_MS, 'auto');
  const minutes = (ms: number) => round(ms / MINUTE, 1);
  const count = (list: readonly Change[], kind: Change['kind']) => list.filter((change) => change.kind === kind).length;
  return {
    driver: input.driver,
    leads: settings.leads,
    daily_limit: settings.dailyLimit,
    create_every_s: settings.createEveryMs / 1000,
    edit_every_s: settings.editEveryMs / 1000,
    created: count(changes, 'create'),
    edited: count(changes, 'edit'),
    new_lead_delay_p50_min: minutes(percentile(delays.create, 50)),
    new_lead_delay_max_min: minutes(Math.max(...delays.create)),
    stage_edit_delay_p50_min: minutes(percentile(delays.edit, 50)),
    stage_edit_delay_max_min: minutes(Math.max(...delays.edit)),
    new_leads_unseen: count(unseen, 'create'),
    stage_edits_unseen: count(unseen, 'edit'),
    upstream_calls_day: inDay.length,
    polls_day: countPolls(inDay),
    full_syncs_day: inDay.filter((call) => call.page === 2).length,
    timetable_poll_s: plan.pollIntervalMs === null ? null : plan.pollIntervalMs / 1000,
    timetable_sync_min: minutes(plan.syncIntervalMs),
    timetable_calls_day: plan.callsPerDay,
    sim_wall_ms: Math.round(performance.now() - input.startedAt),
  };
}
