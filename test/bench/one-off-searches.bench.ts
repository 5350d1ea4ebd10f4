// The proxy mix's one-off searches in-process (not a vitest test). Run:
//   node --expose-gc --import tsx test/bench/one-off-searches.bench.ts [leads=100000] [requests=4000]
// (add --cpu-prof to see where their time goes). Builds, warms and compacts an index of demo leads as the
// server does, draws the proxy bench's mix (test/bench/query-mix.ts, same seed) from what the index holds, and
// runs its one-off searches (never repeated, so no cache has seen them) through `queryJson`, timing each by
// process CPU: the cold path that separates the proxy from its floor at 100k.
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex, type IndexQuery } from '../../src/server/lead-index/lead-index';
import { oneOffQueries } from './one-off-queries';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const requests = Number(process.argv[3] ?? 4000);
  const index = LeadIndex.build(generateDemoLeads(count));
  await index.compactAsync();
  const queries = oneOffQueries(index, requests);
  const warmUp = Math.floor(requests / 4);
  const cpu: number[] = [];
  let matched = 0;
  for (let k = 0; k < queries.length; k++) {
    const before = process.cpuUsage();
    const answer = index.queryJson(queries[k] as IndexQuery);
    const used = process.cpuUsage(before);
    if (k < warmUp) continue;
    cpu.push((used.user + used.system) / 1000);
    if (answer.total > 0) matched++;
  }
  const sum = cpu.reduce((a, b) => a + b, 0);
  cpu.sort((a, b) => a - b);
  const fmt = (ms: number) => ms.toFixed(3);
  console.log(
    `${count} leads, ${cpu.length} one-off searches (after ${warmUp} to warm up), ${((100 * matched) / cpu.length).toFixed(0)}% matching: ` +
      `CPU mean ${fmt(sum / cpu.length)} ms, p50 ${fmt(percentile(cpu, 50))}, p90 ${fmt(percentile(cpu, 90))}, ` +
      `p99 ${fmt(percentile(cpu, 99))}, max ${fmt(cpu.at(-1) as number)}`,
  );
}

await main();
