// The quota-day part of `npm run bench` (issue 13): a working day of new leads and stage edits at 10k
// and 100k leads with the default ROTOR_DAILY_LIMIT, through the model (quota-day-model.ts), and on
// request the 10k day again through the real LeadStore (quota-day.ts) to show the two agree.
import { round } from './lib/stats';
import { runQuotaDayThroughStore } from './quota-day';
import { runQuotaDayModel } from './quota-day-model';
import { WORK_HOURS, type QuotaDayResult, type QuotaDaySettings } from './quota-day-plan';

const DAILY_LIMIT = 1000;
type DayKey = 'quota_day_10k' | 'quota_day_100k' | 'quota_day_99k';

/**
 * A steady flow through the working day: at 10k a lead and an edit every 2 min, at 100k every 30 s.
 * 100k grows past 100 pages during the day (100,960 leads: 101 calls a sync); 99k, the same flow ending
 * at 99,960 leads (100 pages), shows what that page costs the stage edits.
 */
const DAYS: { key: DayKey; settings: QuotaDaySettings }[] = [
  { key: 'quota_day_10k', settings: { leads: 10_000, createEveryMs: 120_000, editEveryMs: 120_000, dailyLimit: DAILY_LIMIT, seed: 2026 } },
  { key: 'quota_day_100k', settings: { leads: 100_000, createEveryMs: 30_000, editEveryMs: 30_000, dailyLimit: DAILY_LIMIT, seed: 2026 } },
  { key: 'quota_day_99k', settings: { leads: 99_000, createEveryMs: 30_000, editEveryMs: 30_000, dailyLimit: DAILY_LIMIT, seed: 2026 } },
];

export type QuotaDayResults = Partial<Record<DayKey | 'quota_day_10k_store', QuotaDayResult>>;

export async function runQuotaDaySection(log: (line: string) => void, throughStore: boolean): Promise<QuotaDayResults> {
  log(
    `quota day: ${WORK_HOURS} h of new leads and stage edits, ROTOR_DAILY_LIMIT=${DAILY_LIMIT}, fake clock. ` +
      'MODEL: the real planRefresh/planPoll/QuotaBudget decide; each call is modelled (a full sync = 1 call per ' +
      '1,000 leads and sees everything, a poll = 1 call and sees the newest 1,000), calls take no time',
  );
  const results: QuotaDayResults = {};
  const rows: QuotaDayResult[] = [];
  for (const { key, settings } of DAYS) {
    const result = runQuotaDayModel(settings);
    results[key] = result;
    rows.push(result);
  }
  if (throughStore) {
    log('  and the 10k day through the real LeadStore + RotorClient + demo API (slow: every merged poll re-indexes)');
    const result = await runQuotaDayThroughStore(DAYS[0]!.settings);
    results.quota_day_10k_store = result;
    rows.push(result);
  }
  for (const line of formatQuotaDay(rows)) log(line);
  return results;
}

/** The issue's table: one row per run. */
export function formatQuotaDay(rows: readonly QuotaDayResult[]): string[] {
  const header = [
    'leads',
    'driver',
    'new / edits a day',
    'new-lead delay p50 / max',
    'stage-edit delay p50 / max',
    'calls / UTC day',
    'polls',
    'full syncs',
    'timetable: poll / sync / calls',
    'sim s',
  ];
  const cells = rows.map((r) => [
    r.leads.toLocaleString('en-US'),
    r.driver,
    `${r.created} / ${r.edited}`,
    `${r.new_lead_delay_p50_min} / ${r.new_lead_delay_max_min} min${r.new_leads_unseen > 0 ? ` (${r.new_leads_unseen} never seen)` : ''}`,
    `${r.stage_edit_delay_p50_min} / ${r.stage_edit_delay_max_min} min${r.stage_edits_unseen > 0 ? ` (${r.stage_edits_unseen} never seen)` : ''}`,
    String(r.upstream_calls_day),
    String(r.polls_day),
    String(r.full_syncs_day),
    `${r.timetable_poll_s === null ? 'off' : `${r.timetable_poll_s} s`} / ${r.timetable_sync_min} min / ${r.timetable_calls_day}`,
    String(round(r.sim_wall_ms / 1000, 1)),
  ]);
  const all = [header, ...cells];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all.map((row) => '  ' + row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}
