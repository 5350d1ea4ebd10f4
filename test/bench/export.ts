// Export section: the server's memory while it streams every lead of a 100k-lead index as .xlsx (and as
// CSV, for comparison). RSS is sampled from /proc every 20 ms during each download; the figure is the
// peak of those samples minus the RSS just before, i.e. what one export costs on top of the held index.
// A fast client (reads as fast as it can) and a stalled one (reads 1 MB, stops reading for 10 s, then reads
// the rest) are measured: with backpressure the server must stop producing (no CPU, no growing RSS) while
// the client does not read, instead of buffering the file.
import { setTimeout as sleep } from 'node:timers/promises';
import { startDemoUpstream, startProxy, waitForQuiet, waitForSync } from './proxy';
import type { ServerProcess } from '../support/server-process';
import { round } from './lib/stats';

export interface ExportRun {
  format: 'xlsx' | 'csv';
  client: 'fast' | 'stalled';
  columns: string;
  rows: number;
  mb: number;
  seconds: number;
  rss_mb_before: number;
  rss_mb_peak: number;
  rss_mb_added: number;
  /** Server CPU (user + system) the export took, in seconds. */
  cpu_s: number;
  /** Stalled client: server CPU during the 10 s nobody read (≈ 0 when backpressure holds). */
  stall_cpu_s?: number;
}

export interface ExportResult {
  leads: number;
  rss_mb_synced: number;
  runs: ExportRun[];
}

const STALL_AFTER_BYTES = 1024 * 1024;
const STALL_MS = 10_000;
const ALL_COLUMNS =
  'id,name,email,phone,stage,priority,tags,projected_value,value_score,follow_up_date,assigned_to,lead_source,service_type,' +
  'property_street1,property_street2,property_city,property_state,property_zip,property_country,location,notes,created_at,archived,archived_at';

async function download(
  server: ServerProcess,
  path: string,
  client: 'fast' | 'stalled',
): Promise<{ bytes: number; rows: number; stallCpuS: number }> {
  const response = await fetch(server.baseUrl + path);
  if (!response.ok || response.body === null) throw new Error(`${path} answered ${response.status}`);
  const rows = Number(response.headers.get('x-total-count'));
  let bytes = 0;
  let stallCpuS = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (client === 'stalled' && stallCpuS === 0 && bytes >= STALL_AFTER_BYTES) {
      // Let the socket and the pipeline fill first, then count what the server does while nobody reads.
      await sleep(1000);
      const cpuBefore = server.cpuMs();
      await sleep(STALL_MS);
      stallCpuS = Math.max(0.001, (server.cpuMs() - cpuBefore) / 1000);
    }
  }
  return { bytes, rows, stallCpuS };
}

async function measure(server: ServerProcess, format: 'xlsx' | 'csv', client: 'fast' | 'stalled', columns: string): Promise<ExportRun> {
  await waitForQuiet(server);
  const before = server.rssMb();
  const cpuBefore = server.cpuMs();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, server.rssMb());
      await sleep(20);
    }
  })();
  const path = `/api/export/leads.${format}?archived=true${format === 'xlsx' ? `&columns=${columns}` : ''}`;
  const started = performance.now();
  const { bytes, rows, stallCpuS } = await download(server, path, client);
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  peak = Math.max(peak, server.rssMb());
  return {
    format,
    client,
    columns: format === 'csv' ? 'all (CSV)' : columns === ALL_COLUMNS ? 'all 24' : `${columns.split(',').length}`,
    rows,
    mb: round(bytes / 1024 / 1024),
    seconds: round(seconds),
    rss_mb_before: round(before),
    rss_mb_peak: round(peak),
    rss_mb_added: round(peak - before),
    cpu_s: round((server.cpuMs() - cpuBefore) / 1000),
    ...(client === 'stalled' ? { stall_cpu_s: round(stallCpuS, 2) } : {}),
  };
}

export async function runExportBench(leads: number, log: (line: string) => void): Promise<ExportResult> {
  const upstream = await startDemoUpstream(leads);
  try {
    const server = await startProxy(upstream.url, `server-export-${leads}`);
    try {
      const sync = await waitForSync(server);
      await waitForQuiet(server);
      const synced = server.rssMb();
      log(`  ${leads} leads: synced in ${Math.round(sync.ms)} ms, RSS ${round(synced)} MB once quiet`);
      const defaults =
        'name,stage,priority,projected_value,value_score,follow_up_date,tags,assigned_to,lead_source,service_type,property_city,property_state,created_at';
      const runs: ExportRun[] = [];
      for (const [format, client, columns] of [
        // CSV first: the first export after a sync also pays for V8 growing its heap (see performance.md).
        ['csv', 'fast', ''],
        ['xlsx', 'fast', defaults],
        ['xlsx', 'fast', ALL_COLUMNS],
        ['xlsx', 'stalled', ALL_COLUMNS],
      ] as const) {
        const run = await measure(server, format, client, columns);
        runs.push(run);
        log(
          `  ${run.format} ${run.client} client, ${run.columns} columns: ${run.rows} rows, ${run.mb} MB in ${run.seconds} s ` +
            `(server CPU ${run.cpu_s} s${run.stall_cpu_s === undefined ? '' : `, ${run.stall_cpu_s} s of it during the 10 s stall`}); ` +
            `RSS ${run.rss_mb_before} → peak ${run.rss_mb_peak} MB (+${run.rss_mb_added} MB)`,
        );
      }
      return { leads, rss_mb_synced: round(synced), runs };
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }
}
