// Issue 14 "no stalls": a 100k re-sync under the proxy load. The same mix runs twice for the same time:
// once with no sync (the baseline p99), once starting with POST /api/refresh, so the index of the new
// sync is built, warmed up and compacted while requests keep coming. The server's own event-loop delay
// (prom-client's monitorEventLoopDelay gauges on /metrics, which reset at each scrape) is read for the
// re-sync window (a scrape just before the refresh, one once the sync has ended) and for the baseline.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatusResponse, SyncStatus } from '../../src/shared/api-types';
import { runLoad, summarize } from './lib/load';
import type { ServerProcess } from '../support/server-process';

export interface ResyncResult {
  leads: number;
  /** Event-loop delay during the re-sync window (ms): max and p99. */
  loop_delay_max_ms: number;
  loop_delay_p99_ms: number;
  /** The same gauges over the baseline (same load, no sync): how much of the delay the load alone makes. */
  baseline_loop_delay_max_ms: number;
  baseline_loop_delay_p99_ms: number;
  /** Request p99 during the re-sync window, and over the same time with no sync, same run. */
  p99_ms: number;
  baseline_p99_ms: number;
  p99_ratio: number;
  /** Refresh to the new data being served, as seen from outside (under the load). */
  resync_ms: number;
  window_seconds: number;
  requests: number;
  non2xx: number;
}

async function status(server: ServerProcess): Promise<SyncStatus> {
  return ((await (await fetch(`${server.baseUrl}/api/status`)).json()) as StatusResponse).data;
}

/** The event-loop gauges of one scrape, in ms (and the histogram behind them starts again). */
async function loopDelay(server: ServerProcess): Promise<{ max: number; p99: number }> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const gauge = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(name + ' '));
    if (line === undefined) throw new Error(`/metrics has no ${name}`);
    return Math.round(Number(line.split(' ')[1]) * 1000 * 10) / 10;
  };
  return { max: gauge('nodejs_eventloop_lag_max_seconds'), p99: gauge('nodejs_eventloop_lag_p99_seconds') };
}

export async function measureResync(
  server: ServerProcess,
  load: { baseUrl: string; nextPath: () => string },
  options: { leads: number; connections: number; windowSeconds: number },
): Promise<ResyncResult> {
  const { connections, windowSeconds } = options;
  await loopDelay(server); // resets the histogram: what follows is the baseline window
  const baseline = summarize([await runLoad({ ...load, connections, durationSeconds: windowSeconds })]);
  const baselineDelay = await loopDelay(server);
  const before = await status(server);
  await loopDelay(server); // resets again: what follows is the re-sync window
  const started = performance.now();
  const refresh = await fetch(`${server.baseUrl}/api/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (refresh.status !== 202) throw new Error(`POST /api/refresh answered ${refresh.status}`);
  let resyncMs = NaN;
  const watch = (async () => {
    for (;;) {
      const now = await status(server);
      if (!now.syncing && now.synced_at !== before.synced_at) return (resyncMs = performance.now() - started);
      if (performance.now() - started > 600_000) throw new Error('the re-sync did not end within 10 min');
      await sleep(100);
    }
  })();
  // The load runs, in 2 s slices, until the re-sync has ended (at least the baseline's time): the window
  // covers the whole sync — download, index build, warm-up, compaction — however long it takes.
  const slices = [];
  let ended = false;
  void watch.then(
    () => (ended = true),
    () => (ended = true),
  );
  while (!ended || performance.now() - started < windowSeconds * 1000)
    slices.push(await runLoad({ ...load, connections, durationSeconds: 2 }));
  await watch;
  const during = summarize(slices);
  const delay = await loopDelay(server);
  return {
    leads: options.leads,
    loop_delay_max_ms: delay.max,
    loop_delay_p99_ms: delay.p99,
    baseline_loop_delay_max_ms: baselineDelay.max,
    baseline_loop_delay_p99_ms: baselineDelay.p99,
    p99_ms: during.p99_ms,
    baseline_p99_ms: baseline.p99_ms,
    p99_ratio: Math.round((during.p99_ms / Math.max(0.1, baseline.p99_ms)) * 100) / 100,
    resync_ms: Math.round(resyncMs),
    window_seconds: Math.round((performance.now() - started) / 1000),
    requests: during.requests,
    non2xx: during.non2xx + baseline.non2xx,
  };
}
