// Profiles the real server under the proxy mix (not part of `npm run bench`). Run:
//   npx tsx test/bench/profile-proxy.ts [leads=100000] [seconds=15] [wide]
// Starts the demo API and the server as `proxy.ts` does, the server with `--cpu-prof`, sends the check pass
// and then the mix with 50 connections, prints server CPU per request, stops the server (which writes the
// profile) and prints the top functions by self time. The .cpuprofile opens in Chrome DevTools.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from './lib/load';
import { RESULTS_DIR } from './lib/results';
import { startDemoUpstream, startProxy, waitForQuiet, waitForSync, warmSortOrders } from './proxy';
import { createQueryMix, loadMixSource, loadSearchTexts } from './query-mix';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line) in the window [fromUs, toUs) of the monotonic clock, the largest first. */
export function topSelfTimes(profile: Profile, count: number, fromUs: number, toUs: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, k) => {
    at += profile.timeDeltas[k] ?? 0;
    if (at < fromUs || at >= toUs) return;
    const node = byId.get(id)!;
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${frame.lineNumber + 1}`;
    const delta = profile.timeDeltas[k] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

async function main(): Promise<void> {
  const leads = Number(process.argv[2] ?? 100_000);
  const seconds = Number(process.argv[3] ?? 15);
  const wide = process.argv.includes('wide');
  const profileDir = join(RESULTS_DIR, 'cpu-profiles', String(Date.now()));
  mkdirSync(profileDir, { recursive: true });
  // The load's window on the monotonic clock V8's profile timestamps use: sync and warm-up are left out.
  const window = { fromUs: 0, toUs: Infinity };
  const upstream = await startDemoUpstream(leads, wide);
  try {
    const server = await startProxy(upstream.url, `server-profile-${leads}`, {}, ['--cpu-prof', '--cpu-prof-dir', profileDir]);
    try {
      await waitForSync(server);
      await waitForQuiet(server);
      await warmSortOrders(server.baseUrl);
      const mix = createQueryMix(await loadMixSource(server.baseUrl), await loadSearchTexts(server.baseUrl));
      for (let i = 0; i < 2000; i++) await fetch(server.baseUrl + mix.next()).then((r) => r.arrayBuffer());
      const before = server.cpuMs();
      window.fromUs = Number(process.hrtime.bigint() / 1000n);
      const slice = await runLoad({ baseUrl: server.baseUrl, nextPath: () => mix.next(), connections: 50, durationSeconds: seconds });
      const cpuMs = server.cpuMs() - before;
      window.toUs = Number(process.hrtime.bigint() / 1000n);
      console.log(
        `${leads}${wide ? ' wide' : ''}: ${slice.requests} requests in ${slice.durationSeconds} s, ` +
          `server CPU ${(cpuMs / slice.requests).toFixed(3)} ms per request`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.process.stop();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${profileDir}`);
  console.log(`profile: ${join(profileDir, file)}`);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;
  for (const line of topSelfTimes(profile, 45, window.fromUs, window.toUs)) console.log(line);
}

await main();
