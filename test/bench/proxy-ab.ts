// The proxy load on several server trees in one run (not part of `npm run bench`). Run:
//   npx tsx test/bench/proxy-ab.ts leads rounds name=tree … [wide]
// Each tree is a checkout (`git archive` copy with node_modules linked) whose src/server/main.ts is started
// against one demo API; all sync, then in every round each tree and the floor take the mix with 50 connections
// for 5 s in turn (the trees' order rotated per round), so drift in the machine's load hits all of them.
// PROXY_AB_NODE_ARGS (space-separated) go to every tree's node, e.g. --trace-gc (its lines land in
// results/server-ab-<name>.log), PROXY_AB_NODE_ARGS_<name> to that tree's alone. Prints per tree the pooled req/s, p50, p99, server CPU per request and the ratios to the floor's.
import { join } from 'node:path';
import { runLoad, summarize, type LoadSlice } from './lib/load';
import { round } from './lib/stats';
import { FLOOR_PATH, sampleMix, startDemoUpstream, startFloor, startProxy, waitForQuiet, waitForSync, warmSortOrders } from './proxy';
import { createQueryMix, loadMixSource, loadSearchTexts, type QueryMix } from './query-mix';
import type { ServerProcess } from '../support/server-process';

const CONNECTIONS = 50;
const SLICE_SECONDS = 5;

interface Target {
  name: string;
  server: ServerProcess;
  nextPath: () => string;
  slices: LoadSlice[];
  cpuMs: number;
}

async function loadSlice(target: Target): Promise<void> {
  const before = target.server.cpuMs();
  target.slices.push(
    await runLoad({ baseUrl: target.server.baseUrl, nextPath: target.nextPath, connections: CONNECTIONS, durationSeconds: SLICE_SECONDS }),
  );
  target.cpuMs += target.server.cpuMs() - before;
}

async function main(): Promise<void> {
  const leads = Number(process.argv[2]);
  const rounds = Number(process.argv[3]);
  const wide = process.argv.includes('wide');
  const trees = process.argv
    .slice(4)
    .filter((arg) => arg !== 'wide')
    .map((arg) => {
      const [name, dir] = arg.split('=');
      if (!name || !dir) throw new Error(`expected name=tree, got ${arg}`);
      return { name, dir };
    });
  if (!Number.isInteger(leads) || !Number.isInteger(rounds) || trees.length === 0)
    throw new Error('usage: proxy-ab.ts leads rounds name=tree … [wide]');
  const stops: (() => Promise<void>)[] = [];
  try {
    const upstream = await startDemoUpstream(leads, wide);
    stops.unshift(() => upstream.process.stop());
    const targets: Target[] = [];
    let floorBody: Buffer | undefined;
    for (const tree of trees) {
      const nodeArgs = `${process.env.PROXY_AB_NODE_ARGS ?? ''} ${process.env[`PROXY_AB_NODE_ARGS_${tree.name}`] ?? ''}`
        .split(' ')
        .filter((arg) => arg !== '');
      const server = await startProxy(upstream.url, `server-ab-${tree.name}`, {}, nodeArgs, join(tree.dir, 'src/server/main.ts'));
      stops.unshift(() => server.stop());
      await waitForSync(server);
      await waitForQuiet(server);
      await warmSortOrders(server.baseUrl);
      // The same seeded mix per tree: every tree gets the same sequence of requests.
      const mix: QueryMix = createQueryMix(await loadMixSource(server.baseUrl), await loadSearchTexts(server.baseUrl));
      const sample = await sampleMix(server.baseUrl, mix, 2000);
      floorBody ??= sample.floorBody;
      targets.push({ name: tree.name, server, nextPath: () => mix.next(), slices: [], cpuMs: 0 });
      console.log(`${tree.name}: synced and checked (${tree.dir})`);
    }
    const floor = await startFloor(floorBody!);
    stops.unshift(floor.stop);
    const floorTarget: Target = { name: 'floor', server: floor.server, nextPath: () => FLOOR_PATH, slices: [], cpuMs: 0 };
    for (const target of [...targets, floorTarget]) {
      await loadSlice(target); // warm-up, dropped
      target.slices = [];
      target.cpuMs = 0;
    }
    for (let r = 0; r < rounds; r++) {
      const order = targets.map((_, k) => targets[(k + r) % targets.length]!);
      for (const target of order) {
        await loadSlice(target);
        await loadSlice(floorTarget);
      }
      console.log(`round ${r + 1} of ${rounds} done`);
    }
    const floorSummary = summarize(floorTarget.slices);
    const floorCpu = floorTarget.cpuMs / floorSummary.requests;
    console.log(
      `floor: ${floorSummary.rps} req/s, p50 ${floorSummary.p50_ms} ms, p99 ${floorSummary.p99_ms} ms, CPU ${round(floorCpu, 3)} ms/request`,
    );
    for (const target of targets) {
      const summary = summarize(target.slices);
      const perRound = target.slices.map((slice) => summarize([slice]).p99_ms).join(', ');
      console.log(
        `${target.name}: ${summary.rps} req/s (share ${round(summary.rps / floorSummary.rps, 3)}), p50 ${summary.p50_ms}, ` +
          `p99 ${summary.p99_ms} ms (ratio ${round(summary.p99_ms / floorSummary.p99_ms, 2)}; per slice ${perRound}), ` +
          `CPU ${round(target.cpuMs / summary.requests, 3)} ms/request, ${summary.non2xx} non-2xx`,
      );
    }
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

await main();
