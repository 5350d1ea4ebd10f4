// Profiles cold passes of one query type in isolation (not a vitest test). Run:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/cold-pass-profile.ts [type] [runs]
// Add `wide` after the runs for the wide set (3,000 tags, 300 owners).
// type: priority-2key | six-facets | unassigned-new | score-2key | stage-tags | search-text | search-stage-sort |
// deep-page (default priority-2key; cold-pass-types.ts).
// Each run is a filter the index has not cached (a bound moves with the run), on 100k demo leads, warmed and
// compacted as after a sync. Prints the CPU time per query (p50/p99) so a change can be checked alone.
import { PerformanceObserver } from 'node:perf_hooks';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { coldQuery, cpuMs, quantile } from './cold-pass-types';
import { widenLeads } from './wide-dataset';

const type = process.argv[2] ?? 'priority-2key';
const runs = Number(process.argv[3] ?? 2000);
const wide = process.argv[4] === 'wide';
coldQuery(type, 0);
const index = LeadIndex.build(wide ? widenLeads(generateDemoLeads(100_000)) : generateDemoLeads(100_000));
await index.compactAsync();
// Collections during the queries alone: a scavenge inside a query is most of its tail.
const gcs: number[] = [];
const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => gcs.push(entry.duration)));
observer.observe({ entryTypes: ['gc'] });
const cpu: number[] = [];
for (let run = 0; run < runs; run++) {
  const query = coldQuery(type, run);
  cpu.push(cpuMs(() => index.queryJson(query)));
}
await new Promise((done) => setTimeout(done, 10));
observer.disconnect();
cpu.sort((a, b) => a - b);
const at = (p: number) => quantile(cpu, p).toFixed(3);
console.log(
  `${type}: ${runs} cold queries at 100k${wide ? ' wide' : ''}, CPU p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms; ${gcs.length} GCs, ${gcs.reduce((a, b) => a + b, 0).toFixed(1)} ms`,
);
