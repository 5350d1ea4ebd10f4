// Same-process A/B of cold queries (not a vitest test): this tree's LeadIndex against another tree's (an
// export of main, say), both built from the same leads, the two taking turns per query (which goes first
// alternates), so the machine's load hits both alike. Run:
//   node --import tsx test/bench/cold-pass-ab.ts <other tree> <type[,type…]> [runs=1000] [wide]
// Types as in cold-pass-types.ts. Prints CPU ms p10/p50/p90/p99 per type and tree, and checks every 10th
// answer is the same in both.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { coldQuery, cpuMs, quantile } from './cold-pass-types';
import { widenLeads } from './wide-dataset';

const [otherDir, typeList = 'priority-2key', runsText = '1000', wideText] = process.argv.slice(2);
if (otherDir === undefined) throw new Error('usage: cold-pass-ab.ts <other tree> <type[,type…]> [runs] [wide]');
const types = typeList.split(',');
const runs = Number(runsText);
const wide = wideText === 'wide';
types.forEach((type) => coldQuery(type, 0));
const other = (await import(pathToFileURL(resolve(otherDir, 'src/server/lead-index/lead-index.ts')).href)) as {
  LeadIndex: typeof LeadIndex;
};
const leads = wide ? widenLeads(generateDemoLeads(100_000)) : generateDemoLeads(100_000);
const indexes = { other: other.LeadIndex.build(leads), this: LeadIndex.build(leads) };
await indexes.other.compactAsync();
await indexes.this.compactAsync();
const names = ['other', 'this'] as const;
console.log(`100k${wide ? ' wide' : ''}, ${runs} runs per type, CPU ms p10 / p50 / p90 / p99 (other = ${otherDir})`);
for (const type of types) {
  const cpu = { other: [] as number[], this: [] as number[] };
  for (let run = 0; run < runs; run++) {
    const query = coldQuery(type, run);
    const order = run % 2 === 0 ? names : ([...names].reverse() as unknown as typeof names);
    const answers: string[] = [];
    for (const name of order) {
      let answer: unknown;
      cpu[name].push(cpuMs(() => (answer = indexes[name].queryJson(query))));
      if (run % 10 === 0) answers.push(JSON.stringify(answer));
    }
    if (answers[0] !== answers[1]) throw new Error(`${type} run ${run}: the two trees answer differently`);
  }
  for (const name of names) {
    const sorted = cpu[name].sort((a, b) => a - b);
    const figures = [0.1, 0.5, 0.9, 0.99].map((p) => quantile(sorted, p).toFixed(3)).join(' / ');
    console.log(`${type.padEnd(14)} ${name.padEnd(5)} ${figures}`);
  }
}
