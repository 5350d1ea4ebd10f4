// Profiles cold passes of one query type in isolation (not a vitest test). Run:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/cold-pass-profile.ts [type] [runs]
// Add `wide` after the runs for the wide set (3,000 tags, 300 owners).
// type: priority-2key | six-facets | unassigned-new | score-2key | stage-tags | deep-page (default priority-2key).
// Each run is a filter the index has not cached (a bound moves with the run), on 100k demo leads, warmed and
// compacted as after a sync. Prints the CPU time per query (p50/p99) so a change can be checked alone.
import { DEMO_TAGS, generateDemoLeads } from '../../src/demo-api/generate-leads';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { resolveFilter } from '../../src/server/query-v2/resolve-filter';
import { DEFAULT_LEAD_QUERY, selection, type LeadQuery } from '../../src/shared/lead-query';
import { PIPELINE_STAGES } from '../../src/shared/lead-fields';
import { widenLeads } from './wide-dataset';
import { parseDateRange, parseNumberRange, type DateRange, type NumberRange } from '../../src/shared/query-v2/range';

const NOW = Date.parse('2026-12-01T15:00:00Z');
function range(text: string): NumberRange & DateRange {
  const parsed = /\d{4}-|today/.test(text) ? parseDateRange(text, 'range') : parseNumberRange(text, 'range');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value as NumberRange & DateRange;
}
const pick = <T>(values: readonly T[], run: number) => values[run % values.length] as T;
const stages = PIPELINE_STAGES.flatMap((a, i) => [[a], ...PIPELINE_STAGES.slice(i + 1).map((b) => [a, b])]);
const tags = DEMO_TAGS.flatMap((a, i) => [[a], ...DEMO_TAGS.slice(i + 1).map((b) => [a, b])]);

const types: Record<string, (run: number) => Partial<LeadQuery>> = {
  'priority-2key': (run) => ({
    priority: selection(['high']),
    projected_value: range(`${1000 + run}..`),
    sort: [
      { field: 'stage', descending: false },
      { field: 'projected_value', descending: true },
    ],
  }),
  'six-facets': (run) => ({
    stage: selection(pick(stages, run)),
    tags: selection(pick(tags, run)),
    assigned_to: selection(['(none)']),
    priority: selection(['high', 'medium']),
    value_score: range(`..${100 - (run % 100)}.5`),
  }),
  'unassigned-new': (run) => ({
    assigned_to: selection(['(none)']),
    created_at: range(`today-${1 + (run % 3000)}..`),
    value_score: range(`..${1000 + run}`),
  }),
  'score-2key': (run) => ({
    value_score: range(`${run % 90}..${(run % 90) + 10 + Math.floor(run / 90)}`),
    sort: [
      { field: 'priority', descending: true },
      { field: 'follow_up_date', descending: false },
    ],
  }),
  'stage-tags': (run) => ({ stage: selection(pick(stages, run)), tags: selection(pick(tags, run * 7 + Math.floor(run / 36))) }),
  'deep-page': (run) => ({
    stage: selection(pick(stages, run)),
    tags: selection(pick(tags, run + Math.floor(run / 36))),
    page: 40 + (run % 50),
    sort: [{ field: 'projected_value', descending: true }],
  }),
};

const type = process.argv[2] ?? 'priority-2key';
const runs = Number(process.argv[3] ?? 2000);
const make = types[type];
if (make === undefined) throw new Error(`unknown type ${type}: ${Object.keys(types).join(', ')}`);
const wide = process.argv[4] === 'wide';
const index = LeadIndex.build(wide ? widenLeads(generateDemoLeads(100_000)) : generateDemoLeads(100_000));
await index.compactAsync();
const cpu: number[] = [];
for (let run = 0; run < runs; run++) {
  const resolved = resolveFilter({ ...DEFAULT_LEAD_QUERY, ...make(run) }, NOW);
  if (!resolved.ok) throw new Error(resolved.message);
  const query = { ...DEFAULT_LEAD_QUERY, ...make(run) };
  const before = process.cpuUsage();
  index.queryJson({ filter: resolved.filter, sort: query.sort, page: query.page, limit: query.limit, facetLimit: query.facet_limit });
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}
cpu.sort((a, b) => a - b);
const at = (p: number) => (cpu[Math.min(cpu.length - 1, Math.ceil(p * cpu.length) - 1)] as number).toFixed(3);
console.log(`${type}: ${runs} cold queries at 100k${wide ? ' wide' : ''}, CPU p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`);
