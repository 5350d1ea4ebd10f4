// Same-process A/B of the proxy mix's one-off searches (not a vitest test): this tree's LeadIndex against
// another tree's (an export of main, say), both built from the same 100k demo leads, taking turns per search
// (which goes first alternates), so the machine's load hits both alike. Run:
//   node --import tsx test/bench/one-off-ab.ts <other tree> [searches=4000] [rounds=3]
// Each round runs the same searches on fresh indexes (one-offs: no cache has seen them), the first quarter
// to warm up. Prints CPU ms mean/p50/p90/p99 per round and tree, and checks every 10th answer is the same.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex, type IndexQuery } from '../../src/server/lead-index/lead-index';
import { cpuMs, quantile } from './cold-pass-types';
import { oneOffQueries } from './one-off-queries';

const [otherDir, countText = '4000', roundsText = '3'] = process.argv.slice(2);
if (otherDir === undefined) throw new Error('usage: one-off-ab.ts <other tree> [searches] [rounds]');
const other = (await import(pathToFileURL(resolve(otherDir, 'src/server/lead-index/lead-index.ts')).href)) as {
  LeadIndex: typeof LeadIndex;
};
const leads = generateDemoLeads(100_000);
const names = ['other', 'this'] as const;
const fmt = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, ...[0.5, 0.9, 0.99].map((q) => quantile(sorted, q))].map((v) => v.toFixed(3)).join(' / ');
};
console.log(`100k, ${countText} one-off searches per round, CPU ms mean / p50 / p90 / p99 (other = ${otherDir})`);
for (let round = 0; round < Number(roundsText); round++) {
  // Which index is built first alternates by round too (the one built second can run slower).
  const build = (name: (typeof names)[number]) => (name === 'other' ? other.LeadIndex.build(leads) : LeadIndex.build(leads));
  const firstBuilt = round % 2 === 0 ? names : ([...names].reverse() as unknown as typeof names);
  const indexes = {} as Record<(typeof names)[number], LeadIndex>;
  for (const name of firstBuilt) {
    indexes[name] = build(name);
    await indexes[name].compactAsync();
  }
  const queries: IndexQuery[] = oneOffQueries(indexes.this, Number(countText));
  const warmUp = Math.floor(queries.length / 4);
  const cpu = { other: [] as number[], this: [] as number[] };
  for (let k = 0; k < queries.length; k++) {
    const order = k % 2 === 0 ? names : ([...names].reverse() as unknown as typeof names);
    const answers: string[] = [];
    for (const name of order) {
      let answer: unknown;
      const used = cpuMs(() => (answer = indexes[name].queryJson(queries[k] as IndexQuery)));
      if (k >= warmUp) cpu[name].push(used);
      if (k % 10 === 0) answers.push(JSON.stringify(answer));
    }
    if (answers[0] !== answers[1]) throw new Error(`search ${k}: the two trees answer differently`);
  }
  console.log(`round ${round + 1} (${firstBuilt[0]} built first): other ${fmt(cpu.other)} · this ${fmt(cpu.this)}`);
}
