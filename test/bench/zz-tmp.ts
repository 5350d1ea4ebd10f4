import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { oneOffQueries } from './one-off-queries';
const index = LeadIndex.build(generateDemoLeads(100_000));
await index.compactAsync();
const queries = oneOffQueries(index, 2000);
for (const q of queries) index.queryJson(q);
const search = (index as unknown as { search: { matches(s: string): unknown } }).search;
for (const s of ['a smit', 'y and', 'ë and', 'a smith', 'e mcal', 'l davis', 'smit a', 'q smit', 'a smitx']) {
  const t = performance.now();
  search.matches(s);
  const t1 = performance.now() - t;
  console.log(s.padEnd(10), 'matches cold', t1.toFixed(2), 'ms');
}
