// `npm run bench`: measures what users feel and what the quota pays (issue 5). Not part of `npm test`.
// Every time comes with a baseline measured in the same run (these machines are shared and noisy).
// Usage: npm run bench [-- section ...]   sections: bundle proxy quota quota-day browser export (default: all;
//   quota includes quota-day)
// Env: BENCH_DURATION (s per target, default 10), BENCH_SLICES (turns proxy/floor take, default 2),
//      BENCH_WARMUP (s, default 3), BENCH_CONNECTIONS (default 50),
//      BENCH_TRIALS (browser trials per interaction, default 30),
//      BENCH_MAIN_THREAD_RUNS (browser: throttled phone loads of / and of the minimal page, each, default 5),
//      BENCH_QUOTA_DAY_STORE=1 (quota-day: also replay 10k through the real LeadStore, ~5 min).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowserBench } from './browser';
import { buildSpa, runBundleBench } from './bundle';
import { runExportBench } from './export';
import { PROJECT_ROOT } from '../support/server-process';
import { RESULTS_DIR } from './lib/results';
import { round } from './lib/stats';
import { measureIdleRss, runSize, type LoadSettings, type ProxyResult } from './proxy';
import { runQuotaBench } from './quota';
import { runQuotaDaySection } from './quota-day-section';
import { checkTargets, type BenchResults } from './targets';

const SECTIONS = ['bundle', 'proxy', 'quota', 'quota-day', 'browser', 'export'] as const;
type Section = (typeof SECTIONS)[number];

const RESULTS_FILE = join(RESULTS_DIR, 'latest.json');

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function log(line: string): void {
  console.log(line);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = requested.filter((arg) => !(SECTIONS as readonly string[]).includes(arg));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; use ${SECTIONS.join(' ')}`);
  const sections = new Set<Section>(requested.length > 0 ? (requested as Section[]) : SECTIONS);
  const settings: LoadSettings = {
    connections: envNumber('BENCH_CONNECTIONS', 50),
    durationSeconds: envNumber('BENCH_DURATION', 10),
    warmupSeconds: envNumber('BENCH_WARMUP', 3),
    slices: envNumber('BENCH_SLICES', 2),
  };
  const trials = envNumber('BENCH_TRIALS', 30);
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A partial run keeps the other sections' figures from the previous run.
  const results: BenchResults & Record<string, unknown> =
    requested.length > 0 && existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  const started = performance.now();

  if (sections.has('bundle')) {
    log('bundle: production build and a React + ReactDOM-only floor build');
    const { result } = runBundleBench(log);
    results.bundle = result;
  } else if (sections.has('proxy') || sections.has('browser')) {
    // The servers serve dist/ and are started with BUILD_SPA=false: build the current sources first.
    buildSpa();
  }

  if (sections.has('proxy')) {
    log(
      `proxy: ${settings.connections} connections, ${settings.durationSeconds} s per target in ${settings.slices} alternating slices (+${settings.warmupSeconds} s warm-up)`,
    );
    const idle = await measureIdleRss();
    log(`  idle RSS ${round(idle)} MB`);
    const small = await runSize(10_000, settings, log);
    const large = await runSize(100_000, settings, log, true);
    if (large.resync) results.resync_100k = large.resync;
    log('  wide data set (issue 11): 100k leads, 3,000 distinct tags, 300 owners');
    const wide = await runSize(100_000, settings, log, false, true);
    results.proxy_10k = small.proxy;
    results.proxy_100k = large.proxy;
    results.proxy_100k_wide = wide.proxy;
    results.memory = {
      rss_mb_idle: round(idle),
      rss_mb_10k: small.rssMbSynced,
      rss_mb_100k: large.rssMbSynced,
      rss_mb_10k_after_load: small.rssMbAfterLoad,
      rss_mb_100k_after_load: large.rssMbAfterLoad,
      peak_rss_mb_10k: small.peakRssMb,
      peak_rss_mb_100k: large.peakRssMb,
    } as BenchResults['memory'];
    results.sync = {
      ms_10k: small.syncMs,
      ms_100k: large.syncMs,
      upstream_calls_10k: small.upstreamCalls,
      upstream_calls_100k: large.upstreamCalls,
    } as BenchResults['sync'];
  }

  if (sections.has('quota')) {
    log('quota: a simulated 8 h working day, 25 users, 10k leads, fake clock');
    results.quota = await runQuotaBench({ leads: 10_000, users: 25, hours: 8, seed: 2026, log });
  }

  // The quota section includes the quota day; `quota-day` runs only that.
  if (sections.has('quota') || sections.has('quota-day'))
    Object.assign(results, await runQuotaDaySection(log, process.env.BENCH_QUOTA_DAY_STORE === '1'));

  if (sections.has('browser')) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'index.html')))
      throw new Error('no production build in dist/; run the bundle section first');
    log(`browser: Chromium on the production build, 10k leads, ${trials} trials per interaction`);
    const mainThreadRuns = envNumber('BENCH_MAIN_THREAD_RUNS', 5);
    results.browser = await runBrowserBench({ leads: 10_000, trials, mainThreadRuns, log });
  }

  if (sections.has('export')) {
    log('export: RSS while 100k leads stream as CSV and .xlsx (a fast client, and one that stalls for 10 s)');
    results.export = await runExportBench(100_000, log);
  }

  results.meta = {
    measured_at: new Date().toISOString(),
    sections: [...sections],
    total_s: round((performance.now() - started) / 1000),
    node: process.version,
    settings: { ...settings, trials },
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
  printSummary(results);
  log(`\nwrote ${RESULTS_FILE} in ${round((performance.now() - started) / 1000)} s`);
}

function printSummary(r: BenchResults): void {
  const rows: string[][] = [['figure', 'value', 'baseline (same run)', 'ratio']];
  const add = (figure: string, value: unknown, baseline = '', ratio = '') => rows.push([figure, String(value ?? '-'), baseline, ratio]);
  for (const key of ['proxy_10k', 'proxy_100k', 'proxy_100k_wide'] as const) {
    const p = r[key];
    if (!p) continue;
    const extra = p as typeof p & Partial<ProxyResult>;
    add(`${key} req/s`, p.rps, `floor ${p.floor_rps}`, String(p.ratio_to_floor));
    add(`${key} p50 / p99 ms`, `${p.p50_ms} / ${p.p99_ms}`, `floor ${extra.floor_p50_ms} / ${extra.floor_p99_ms}`);
    if (extra.cpu_ms_per_request !== undefined)
      add(
        `${key} server CPU ms/request`,
        extra.cpu_ms_per_request,
        `floor ${extra.floor_cpu_ms_per_request}`,
        String(extra.cpu_ratio_to_floor),
      );
    if (extra.cpu_share !== undefined) add(`${key} core share under load`, extra.cpu_share, `floor ${extra.floor_cpu_share}`);
  }
  if (r.memory) add('RSS MB idle / 10k / 100k', `${r.memory.rss_mb_idle} / ${r.memory.rss_mb_10k} / ${r.memory.rss_mb_100k}`);
  if (r.sync)
    add('full sync ms 10k / 100k', `${r.sync.ms_10k} / ${r.sync.ms_100k}`, `${r.sync.upstream_calls_100k} upstream calls for 100k`);
  if (r.quota)
    add(
      'quota: upstream requests / day',
      r.quota.upstream_requests,
      `pass-through ${r.quota.passthrough_requests}`,
      r.quota.passthrough_requests > 0 ? String(round(r.quota.upstream_requests / r.quota.passthrough_requests, 3)) : '',
    );
  if (r.quota) add('quota: interactions', r.quota.interactions, `${r.quota.users} users`);
  for (const day of [r.quota_day_10k, r.quota_day_100k, r.quota_day_99k, r.quota_day_10k_store]) {
    if (!day) continue;
    const name = `quota day ${round(day.leads / 1000)}k (${day.driver})`;
    add(`${name}: new-lead delay p50 / max min`, `${day.new_lead_delay_p50_min} / ${day.new_lead_delay_max_min}`);
    add(`${name}: stage-edit delay p50 / max min`, `${day.stage_edit_delay_p50_min} / ${day.stage_edit_delay_max_min}`);
    add(`${name}: upstream calls / UTC day`, day.upstream_calls_day, `${day.polls_day} polls, ${day.full_syncs_day} full syncs`);
  }
  if (r.bundle)
    add(
      'initial JS / CSS KB gzip',
      `${r.bundle.js_gzip_kb} / ${r.bundle.css_gzip_kb}`,
      `floor JS ${r.bundle.floor_js_gzip_kb}`,
      String(round(r.bundle.js_gzip_kb / r.bundle.floor_js_gzip_kb, 2)),
    );
  for (const run of r.export?.runs ?? [])
    add(`export ${run.format} ${run.client}, ${run.columns} columns`, `+${run.rss_mb_added} MB RSS`, `${run.mb} MB in ${run.seconds} s`);
  if (r.browser) {
    const b = r.browser as BenchResults['browser'] & { api_fetch_p50_ms?: number; navigation_baseline_ms?: number };
    add('first rows ms (p50)', b.first_rows_ms, `navigation ${b.navigation_baseline_ms}`);
    add('facet click p50 / p95 ms', `${b.facet_click_p50_ms} / ${b.facet_click_p95_ms}`, `api fetch ${b.api_fetch_p50_ms}`);
    add('search keystroke p50 ms', b.search_p50_ms, 'incl. 250 ms debounce');
    add('next page p50 ms', b.next_page_p50_ms);
    const m = r.browser.main_thread;
    if (m) {
      add('phone load of / (CPU ×4): TBT p50 ms', m.app_tbt_p50_ms, `minimal page ${m.minimal_tbt_p50_ms}`);
      add(
        'phone load of /: longest task p50 / max ms',
        `${m.app_longest_task_p50_ms} / ${m.app_longest_task_max_ms}`,
        `minimal page ${m.minimal_longest_task_p50_ms}`,
      );
      add('phone load of /: FCP / rows p50 ms', `${m.app_fcp_p50_ms} / ${m.app_rows_p50_ms}`, `minimal page FCP ${m.minimal_fcp_p50_ms}`);
    }
    const s = r.browser.scroll_1000;
    if (s)
      add(
        'scroll 1,000 rows: frame p50 / p95 ms',
        `${s.frame_p50_ms} / ${s.frame_p95_ms}`,
        `100 rows ${r.browser.scroll_100?.frame_p50_ms} / ${r.browser.scroll_100?.frame_p95_ms}`,
      );
    if (s) add('scroll 1,000 rows: elements in the table', s.table_elements_max, `100 rows ${r.browser.scroll_100?.table_elements_max}`);
  }
  console.log('\n' + table(rows));
  const checks = checkTargets(r);
  console.log(
    '\n' +
      table([
        ['target (issue 5)', 'actual', 'target', 'status'],
        ...checks.map((c) => [c.name, c.actual, c.target, c.pass === null ? 'not measured' : c.pass ? 'PASS' : 'FAIL']),
      ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
