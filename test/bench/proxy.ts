// Proxy, memory and sync sections. Each data size gets its own processes, as in production:
// the demo Rotor API (standing in for the remote upstream, so the proxy's RSS is its own) and the
// real server (`src/server/main.ts`, production logging to a file). After the boot sync, autocannon
// drives a realistic query mix; right after, the floor server (the same Fastify app, one extra
// route answering a precomputed body of the mix's average size) takes the same load.
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatusResponse, SyncStatus } from '../../src/shared/api-types';
import { runLoad, type LoadResult } from './lib/load';
import { PROJECT_ROOT, RESULTS_DIR, startServerProcess, type ServerProcess } from './lib/server-process';
import { round } from './lib/stats';
import { buildQueryMix, loadMixSource } from './query-mix';

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
  distinct_queries: number;
  avg_body_bytes: number;
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
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

async function getStatus(server: ServerProcess): Promise<SyncStatus> {
  const response = await fetch(`${server.baseUrl}/api/status`);
  if (!response.ok) throw new Error(`/api/status answered ${response.status}`);
  return ((await response.json()) as StatusResponse).data;
}

/** Polls /api/status until the first sync is done; returns its wall time as seen from outside. */
async function waitForSync(server: ServerProcess, timeoutMs = 180_000): Promise<{ ms: number; status: SyncStatus }> {
  const started = performance.now();
  for (;;) {
    const status = await getStatus(server);
    if (status.synced_at !== null && !status.syncing) return { ms: performance.now() - started, status };
    if (performance.now() - started > timeoutMs) throw new Error(`no sync within ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await sleep(10);
  }
}

export async function startDemoUpstream(leads: number): Promise<{ process: ServerProcess; url: string }> {
  const demo = await startServerProcess({
    script: 'src/demo-api/main.ts',
    env: { DEMO_LEADS: String(leads), DEMO_API_KEY: BENCH_API_KEY, DEMO_DAILY_LIMIT: '100000' },
    logName: `demo-api-${leads}`,
    readyPath: '/',
    timeoutMs: 120_000,
  });
  return { process: demo, url: `${demo.baseUrl}/open-api` };
}

/**
 * main.ts rebuilds the SPA in-process when any SPA source is newer than dist/index.html, which would
 * load Vite into the measured process. The bench built dist/ at its start, so it marks that build as
 * current (edits made since by others are not what is being measured).
 */
function markSpaBuildCurrent(): void {
  const index = join(PROJECT_ROOT, 'dist', 'index.html');
  if (existsSync(index)) utimesSync(index, new Date(), new Date());
}

/** The real server against an upstream; resolves once it listens (its boot sync then runs). */
export async function startProxy(upstreamUrl: string, logName: string, extraEnv: Record<string, string> = {}) {
  markSpaBuildCurrent();
  return startServerProcess({
    script: 'src/server/main.ts',
    env: { ROTOR_API_URL: upstreamUrl, ROTOR_API_KEY: BENCH_API_KEY, ...extraEnv },
    logName,
    readyPath: '/api/status',
  });
}

/** RSS after boot and sync of a tiny data set: the server's own footprint. */
export async function measureIdleRss(): Promise<number> {
  const upstream = await startDemoUpstream(10);
  try {
    const server = await startProxy(upstream.url, 'server-idle');
    try {
      await waitForSync(server);
      await sleep(500);
      return server.rssMb();
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }
}

export async function runSize(leads: number, settings: LoadSettings, log: (line: string) => void): Promise<SizeRun> {
  const upstream = await startDemoUpstream(leads);
  let measured: Omit<SizeRun, 'proxy'> & { load: LoadResult; paths: string[]; floorBody: string };
  try {
    const server = await startProxy(upstream.url, `server-${leads}`);
    try {
      const sync = await waitForSync(server);
      log(`  ${leads} leads: synced in ${Math.round(sync.ms)} ms with ${sync.status.upstream_requests_today} upstream calls`);
      await sleep(500);
      const rssMbSynced = server.rssMb();

      const paths = buildQueryMix(await loadMixSource(server.baseUrl));
      // One pass over the mix: checks every answer and sizes the floor body.
      const bodies: string[] = [];
      for (const path of paths) {
        const response = await fetch(server.baseUrl + path);
        const text = await response.text();
        if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
        bodies.push(text);
      }
      const averageBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / bodies.length;
      const floorBody = bodies.reduce((best, body) =>
        Math.abs(Buffer.byteLength(body) - averageBytes) < Math.abs(Buffer.byteLength(best) - averageBytes) ? body : best,
      );

      if (settings.warmupSeconds > 0)
        await runLoad({ baseUrl: server.baseUrl, paths, connections: settings.connections, durationSeconds: settings.warmupSeconds });
      const load = await runLoad({
        baseUrl: server.baseUrl,
        paths,
        connections: settings.connections,
        durationSeconds: settings.durationSeconds,
      });
      log(`  ${leads} leads: ${load.rps} req/s, p50 ${load.p50_ms} ms, p99 ${load.p99_ms} ms (${load.requests} requests, ${load.non2xx} non-2xx)`);
      measured = {
        rssMbSynced,
        rssMbAfterLoad: server.rssMb(),
        peakRssMb: server.peakRssMb(),
        syncMs: sync.ms,
        upstreamCalls: (await getStatus(server)).upstream_requests_today,
        load,
        paths,
        floorBody,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }

  const floor = await runFloor(measured.floorBody, settings);
  log(`  floor (${Buffer.byteLength(measured.floorBody)} B body): ${floor.rps} req/s, p50 ${floor.p50_ms} ms, p99 ${floor.p99_ms} ms`);
  const { load } = measured;
  return {
    rssMbSynced: round(measured.rssMbSynced),
    rssMbAfterLoad: round(measured.rssMbAfterLoad),
    peakRssMb: round(measured.peakRssMb),
    syncMs: Math.round(measured.syncMs),
    upstreamCalls: measured.upstreamCalls,
    proxy: {
      leads,
      rps: load.rps,
      p50_ms: load.p50_ms,
      p99_ms: load.p99_ms,
      floor_rps: floor.rps,
      ratio_to_floor: round(load.rps / floor.rps, 3),
      floor_p50_ms: floor.p50_ms,
      floor_p99_ms: floor.p99_ms,
      distinct_queries: new Set(measured.paths).size,
      avg_body_bytes: load.avg_bytes,
      non2xx: load.non2xx,
      errors: load.errors,
    },
  };
}

/** The same server composition (floor-server.ts) answering one precomputed body. */
async function runFloor(body: string, settings: LoadSettings): Promise<LoadResult> {
  const bodyFile = join(RESULTS_DIR, 'floor-body.json');
  writeFileSync(bodyFile, body);
  const upstream = await startDemoUpstream(10);
  try {
    const floor = await startServerProcess({
      script: 'test/bench/floor-server.ts',
      env: { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: BENCH_API_KEY, BENCH_FLOOR_BODY_FILE: bodyFile },
      logName: 'server-floor',
      readyPath: FLOOR_PATH,
    });
    try {
      const paths = [FLOOR_PATH];
      if (settings.warmupSeconds > 0)
        await runLoad({ baseUrl: floor.baseUrl, paths, connections: settings.connections, durationSeconds: settings.warmupSeconds });
      return await runLoad({ baseUrl: floor.baseUrl, paths, connections: settings.connections, durationSeconds: settings.durationSeconds });
    } finally {
      await floor.stop();
    }
  } finally {
    await upstream.process.stop();
  }
}
