// Proxy, memory and sync sections. Each data size gets its own processes, as in production:
// the demo Rotor API (standing in for the remote upstream, so the proxy's RSS is its own) and the
// real server (`src/server/main.ts`, production logging to a file). After the boot sync, autocannon
// drives a realistic query mix (one-off searches never repeated); taking turns with it, the floor
// server (the same Fastify app, one extra route answering one precomputed Buffer of the mix's average
// size) takes the same load.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LeadsResponse, StatusResponse, SyncStatus } from '../../src/shared/api-types';
import { SORT_FIELDS } from '../../src/shared/lead-query';
import { runLoad, summarize, type LoadSlice } from './lib/load';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { RESULTS_DIR } from './lib/results';
import { round } from './lib/stats';
import { createQueryMix, loadMixSource, loadSearchTexts, type QueryMix } from './query-mix';
import { measureResync, type ResyncResult } from './resync';

export const BENCH_API_KEY = 'bench-demo-key';
export const FLOOR_PATH = '/bench/floor'; // as in floor-server.ts

export interface ProxyResult {
  leads: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  floor_rps: number;
  ratio_to_floor: number;
  floor_p50_ms: number;
  floor_p99_ms: number;
  /** Distinct one-off searches the server got (check pass, warm-up and load): each seen once. */
  one_off_searches: number;
  /** Share of the checked one-off searches that matched at least one lead. */
  one_off_match_share: number;
  avg_body_bytes: number;
  seconds: number;
  /** Server process CPU (user + system) per request, and the floor's: a load-robust companion of rps. */
  cpu_ms_per_request: number;
  floor_cpu_ms_per_request: number;
  /** floor CPU per request / proxy CPU per request: the ratio the machine's load distorts least. */
  cpu_ratio_to_floor: number;
  /** CPU seconds per second the process used under load (1 = one full core). */
  cpu_share: number;
  floor_cpu_share: number;
  floor_body_bytes: number;
  non2xx: number;
  errors: number;
}

export interface SizeRun {
  proxy: ProxyResult;
  rssMbSynced: number;
  rssMbAfterLoad: number;
  peakRssMb: number;
  syncMs: number;
  upstreamCalls: number;
  /** With `resync`: the same load while a re-sync of the same size runs (resync.ts). */
  resync?: ResyncResult;
}

export interface LoadSettings {
  connections: number;
  /** Per target, split into `slices` turns that alternate with the floor's. */
  durationSeconds: number;
  warmupSeconds: number;
  slices: number;
}

async function getStatus(server: ServerProcess): Promise<SyncStatus> {
  const response = await fetch(`${server.baseUrl}/api/status`);
  if (!response.ok) throw new Error(`/api/status answered ${response.status}`);
  return ((await response.json()) as StatusResponse).data;
}

/** Polls /api/status until the first sync is done; returns its wall time as seen from outside. */
export async function waitForSync(server: ServerProcess, timeoutMs = 180_000): Promise<{ ms: number; status: SyncStatus }> {
  const started = performance.now();
  for (;;) {
    const status = await getStatus(server);
    if (status.synced_at !== null && !status.syncing) return { ms: performance.now() - started, status };
    if (performance.now() - started > timeoutMs) throw new Error(`no sync within ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await sleep(10);
  }
}

export async function startDemoUpstream(leads: number, wide = false): Promise<{ process: ServerProcess; url: string }> {
  const demo = await startServerProcess({
    // wide: 3,000 distinct tags and 300 owners (issue 11), served by the same demo API.
    script: wide ? 'test/bench/wide-upstream.ts' : 'src/demo-api/main.ts',
    env: { DEMO_LEADS: String(leads), DEMO_API_KEY: BENCH_API_KEY, DEMO_DAILY_LIMIT: '100000' },
    logFile: join(RESULTS_DIR, `demo-api-${leads}${wide ? '-wide' : ''}.log`),
    readyPath: '/',
    timeoutMs: 120_000,
  });
  return { process: demo, url: `${demo.baseUrl}/open-api` };
}

/** The real server against an upstream; resolves once it listens (its boot sync then runs). */
export async function startProxy(
  upstreamUrl: string,
  logName: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  script = 'src/server/main.ts',
) {
  return startServerProcess({
    script,
    nodeArgs,
    env: { ROTOR_API_URL: upstreamUrl, ROTOR_API_KEY: BENCH_API_KEY, ...extraEnv },
    logFile: join(RESULTS_DIR, `${logName}.log`),
    readyPath: '/api/status',
  });
}

/** Asks for every single-field sort both ways, so each permutation is built before a load measures serving. */
export async function warmSortOrders(baseUrl: string): Promise<void> {
  for (const field of SORT_FIELDS)
    for (const prefix of ['', '-']) await fetch(`${baseUrl}/api/leads?sort=${prefix}${field}`).then((r) => r.arrayBuffer());
}

/**
 * Waits until the process uses (almost) no CPU for half a second (two quarter-second windows in a row: the
 * server's full GC after a sync runs ~0.2–0.3 s into its first idle moment, so one quiet window could end just
 * before it and read the heap it is about to hand back); returns how long that took.
 */
export async function waitForQuiet(server: ServerProcess, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  let last = server.cpuMs();
  let quietWindows = 0;
  while (performance.now() - started < timeoutMs && quietWindows < 2) {
    await sleep(250);
    const now = server.cpuMs();
    quietWindows = now - last <= 20 ? quietWindows + 1 : 0;
    last = now;
  }
  return Math.round(performance.now() - started);
}

/** RSS after boot and sync of a tiny data set: the server's own footprint. */
export async function measureIdleRss(): Promise<number> {
  const upstream = await startDemoUpstream(10);
  try {
    const server = await startProxy(upstream.url, 'server-idle');
    try {
      await waitForSync(server);
      await waitForQuiet(server);
      return server.rssMb();
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }
}

export async function runSize(
  leads: number,
  settings: LoadSettings,
  log: (line: string) => void,
  resync = false,
  wide = false,
): Promise<SizeRun> {
  // Everything started is stopped at the end, newest first, whatever fails.
  const stops: (() => Promise<void>)[] = [];
  try {
    const upstream = await startDemoUpstream(leads, wide);
    stops.unshift(() => upstream.process.stop());
    const server = await startProxy(upstream.url, `server-${leads}`);
    stops.unshift(() => server.stop());
    const sync = await waitForSync(server);
    log(`  ${leads} leads: synced in ${Math.round(sync.ms)} ms with ${sync.status.upstream_requests_today} upstream calls`);
    // After the sync the server still does work of its own (sort-order warm-up, the DATA_DIR snapshot);
    // "RSS after sync" is taken once that is done.
    const settledMs = await waitForQuiet(server);
    const rssMbSynced = server.rssMb();
    log(
      `  ${leads} leads: RSS ${round(rssMbSynced)} MB once quiet (${settledMs} ms after the sync), peak so far ${round(server.peakRssMb())} MB`,
    );

    // Steady state: every sort order built once (the store warms them in the background after the
    // first sync; the bench measures serving, not that warm-up).
    await warmSortOrders(server.baseUrl);
    const source = await loadMixSource(server.baseUrl);
    const mix = createQueryMix(source, await loadSearchTexts(server.baseUrl));
    // A first stretch of the mix, sent one at a time: checks the answers, sizes the floor body (the
    // mix's average per request) and counts how many one-off searches find something. It draws from
    // the same generator, so the load that follows never repeats these one-offs either.
    const sample = await sampleMix(server.baseUrl, mix, CHECK_REQUESTS);
    log(
      `  ${leads} leads: mix checked on ${CHECK_REQUESTS} requests: avg body ${Math.round(sample.averageBytes)} B, ` +
        `${sample.oneOffs} one-off searches, ${round(100 * sample.oneOffMatchShare)}% of them match some lead; ` +
        `one-off terms available (name/email/phone): ${Object.values(mix.oneOffCapacity).join('/')}`,
    );
    const floorBody = sample.floorBody;
    const floor = await startFloor(floorBody);
    stops.unshift(floor.stop);

    // Proxy and floor take turns in slices, so drift in the machine's load hits both alike.
    const load = {
      proxy: { baseUrl: server.baseUrl, nextPath: () => mix.next() },
      floor: { baseUrl: floor.server.baseUrl, nextPath: () => FLOOR_PATH },
    };
    const { connections } = settings;
    if (settings.warmupSeconds > 0) {
      await runLoad({ ...load.proxy, connections, durationSeconds: settings.warmupSeconds });
      await runLoad({ ...load.floor, connections, durationSeconds: settings.warmupSeconds });
    }
    const slices = Math.max(1, settings.slices);
    const sliceSeconds = Math.max(1, Math.round(settings.durationSeconds / slices));
    const proxySlices: LoadSlice[] = [];
    const floorSlices: LoadSlice[] = [];
    // Server CPU time per request: what the machine's load cannot inflate much (unlike req/s).
    let proxyCpuMs = 0;
    let floorCpuMs = 0;
    const timed = async (target: ServerProcess, run: () => Promise<LoadSlice>) => {
      const before = target.cpuMs();
      const slice = await run();
      return { slice, cpuMs: target.cpuMs() - before };
    };
    for (let i = 0; i < slices; i++) {
      const p = await timed(server, () => runLoad({ ...load.proxy, connections, durationSeconds: sliceSeconds }));
      proxySlices.push(p.slice);
      proxyCpuMs += p.cpuMs;
      const f = await timed(floor.server, () => runLoad({ ...load.floor, connections, durationSeconds: sliceSeconds }));
      floorSlices.push(f.slice);
      floorCpuMs += f.cpuMs;
    }
    const proxy = summarize(proxySlices);
    const floorLoad = summarize(floorSlices);
    const cpuPerRequest = round(proxyCpuMs / Math.max(1, proxy.requests), 3);
    const floorCpuPerRequest = round(floorCpuMs / Math.max(1, floorLoad.requests), 3);
    log(
      `  ${leads} leads: ${proxy.rps} req/s, p50 ${proxy.p50_ms} ms, p99 ${proxy.p99_ms} ms (${proxy.requests} requests, ${proxy.non2xx} non-2xx)`,
    );
    log(`  one-off searches sent under load (warm-up included): ${mix.oneOffsDrawn() - sample.oneOffs}, none repeated`);
    log(`  floor (${floorBody.length} B body): ${floorLoad.rps} req/s, p50 ${floorLoad.p50_ms} ms, p99 ${floorLoad.p99_ms} ms`);
    // How much of one core the server got: well under 1 while it was saturated means other processes
    // on the machine took the rest (then latencies mostly measure that contention).
    const cpuShare = round(proxyCpuMs / 1000 / proxy.seconds, 2);
    const floorCpuShare = round(floorCpuMs / 1000 / floorLoad.seconds, 2);
    log(
      `  server CPU per request: ${cpuPerRequest} ms (floor ${floorCpuPerRequest} ms); ` +
        `CPU share of one core: ${cpuShare} (floor ${floorCpuShare})`,
    );

    const upstreamCalls = (await getStatus(server)).upstream_requests_today;
    const rssMbAfterLoad = round(server.rssMb());
    const resyncResult = resync ? await measureResync(server, load.proxy, { leads, connections, windowSeconds: 10 }) : undefined;
    if (resyncResult) log(`  ${leads} leads, re-sync under load: ${JSON.stringify(resyncResult)}`);
    return {
      ...(resyncResult ? { resync: resyncResult } : {}),
      rssMbSynced: round(rssMbSynced),
      rssMbAfterLoad,
      peakRssMb: round(server.peakRssMb()),
      syncMs: Math.round(sync.ms),
      upstreamCalls,
      proxy: {
        leads,
        rps: proxy.rps,
        p50_ms: proxy.p50_ms,
        p99_ms: proxy.p99_ms,
        floor_rps: floorLoad.rps,
        ratio_to_floor: round(proxy.rps / floorLoad.rps, 3),
        floor_p50_ms: floorLoad.p50_ms,
        floor_p99_ms: floorLoad.p99_ms,
        seconds: proxy.seconds,
        cpu_ms_per_request: cpuPerRequest,
        floor_cpu_ms_per_request: floorCpuPerRequest,
        cpu_ratio_to_floor: round(floorCpuPerRequest / Math.max(0.001, cpuPerRequest), 3),
        cpu_share: cpuShare,
        floor_cpu_share: floorCpuShare,
        one_off_searches: mix.oneOffsDrawn(),
        one_off_match_share: round(sample.oneOffMatchShare, 3),
        avg_body_bytes: proxy.avg_bytes,
        floor_body_bytes: floorBody.length,
        non2xx: proxy.non2xx + floorLoad.non2xx,
        errors: proxy.errors + floorLoad.errors,
      },
    };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

const CHECK_REQUESTS = 2000;

/**
 * Sends `count` requests of the mix one at a time. The floor body is a real answer, the largest not
 * above the mix's average per request, padded with trailing spaces (still valid JSON) to that average.
 */
export async function sampleMix(baseUrl: string, mix: QueryMix, count: number) {
  const drawnBefore = mix.oneOffsDrawn();
  let totalBytes = 0;
  let oneOffMatches = 0;
  const bodies = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const drawn = mix.oneOffsDrawn();
    const path = mix.next();
    const response = await fetch(baseUrl + path);
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.toString('utf8', 0, 200)}`);
    totalBytes += body.length;
    bodies.set(path, body);
    if (mix.oneOffsDrawn() > drawn && (JSON.parse(body.toString('utf8')) as LeadsResponse).pagination.total > 0) oneOffMatches++;
  }
  const averageBytes = totalBytes / count;
  let nearest: Buffer | undefined;
  for (const body of bodies.values())
    if (body.length <= averageBytes && (nearest === undefined || body.length > nearest.length)) nearest = body;
  if (nearest === undefined) throw new Error('no answer of the mix is as small as its average');
  const floorBody = Buffer.alloc(Math.round(averageBytes), ' ');
  nearest.copy(floorBody);
  const oneOffs = mix.oneOffsDrawn() - drawnBefore;
  return { averageBytes, floorBody, oneOffs, oneOffMatchShare: oneOffs > 0 ? oneOffMatches / oneOffs : 0 };
}

/** The same server composition (floor-server.ts) answering one precomputed body, on a tiny upstream. */
export async function startFloor(body: Buffer): Promise<{ server: ServerProcess; stop: () => Promise<void> }> {
  const bodyFile = join(RESULTS_DIR, 'floor-body.json');
  writeFileSync(bodyFile, body);
  const upstream = await startDemoUpstream(10);
  try {
    const server = await startServerProcess({
      script: 'test/bench/floor-server.ts',
      env: { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: BENCH_API_KEY, BENCH_FLOOR_BODY_FILE: bodyFile },
      logFile: join(RESULTS_DIR, 'server-floor.log'),
      readyPath: FLOOR_PATH,
    });
    return {
      server,
      stop: async () => {
        await server.stop();
        await upstream.process.stop();
      },
    };
  } catch (error) {
    await upstream.process.stop();
    throw error;
  }
}
