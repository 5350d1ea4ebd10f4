// Issue 14: where the event loop stalls during a 100k re-sync of the real server under the proxy load.
// Starts the demo API and the server (with --cpu-prof and --trace-gc), syncs, runs the bench's re-sync
// measurement (test/bench/resync.ts) and stops the server, which writes its CPU profile. Then read the
// profile (Chrome DevTools) and the GC lines in the server log. Not part of npm run bench (~3 min).
// Run: npx tsx test/bench/resync-profile.ts [leads] [profile dir]
// RESYNC_PROFILE=0: no --cpu-prof / --trace-gc (the figures alone, without the profiler's own cost).
// Every run records the event-loop gaps over 40 ms (resync-gap-probe.ts) in gaps.json.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process';
import { BENCH_API_KEY, startDemoUpstream, waitForQuiet } from './proxy';
import { createQueryMix, loadMixSource, loadSearchTexts } from './query-mix';
import { RESULTS_DIR } from './lib/results';
import { measureResync } from './resync';

const leads = Number(process.argv[2] ?? 100_000);
const profileDir = process.argv[3] ?? join(RESULTS_DIR, 'resync-profile');
mkdirSync(profileDir, { recursive: true });

const upstream = await startDemoUpstream(leads);
const server = await startServerProcess({
  script: 'src/server/main.ts',
  nodeArgs: [
    ...(process.env.RESYNC_PROFILE === '0' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--trace-gc']),
    // The gap probe (times of the gaps, to find them in the profile): tsx first, so it can load a .ts preload.
    ...['--import', 'tsx', '--import', './test/bench/resync-gap-probe.ts'],
  ],
  env: { ROTOR_API_URL: upstream.url, ROTOR_API_KEY: BENCH_API_KEY, GAP_PROBE_FILE: join(profileDir, 'gaps.json') },
  logFile: join(profileDir, 'server.log'),
  readyPath: '/api/status',
});
try {
  for (;;) {
    const status = (await (await fetch(`${server.baseUrl}/api/status`)).json()) as { data: { syncing: boolean; lead_count: number } };
    if (!status.data.syncing && status.data.lead_count > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await waitForQuiet(server);
  await new Promise((resolve) => setTimeout(resolve, 31_000)); // a manual refresh is refused within 30 s of the last sync
  const mix = createQueryMix(await loadMixSource(server.baseUrl), await loadSearchTexts(server.baseUrl));
  const result = await measureResync(
    server,
    { baseUrl: server.baseUrl, nextPath: () => mix.next() },
    { leads, connections: 50, windowSeconds: 10 },
  );
  console.log(JSON.stringify(result));
} finally {
  await server.stop();
  await upstream.process.stop();
}
console.log(`profile, server log (GC lines) and gaps.json in ${profileDir}; npx tsx test/bench/resync-gap-report.ts ${profileDir}`);
