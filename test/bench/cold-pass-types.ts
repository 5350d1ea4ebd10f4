// The cold query types of cold-pass-profile.ts and cold-pass-ab.ts: each run a filter the index has not
// cached (a bound or a selection moves with the run), resolved as the route does at a fixed clock.
import { DEMO_TAGS, generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { IndexQuery } from '../../src/server/lead-index/lead-index';
import { resolveFilter } from '../../src/server/query-v2/resolve-filter';
import { DEFAULT_LEAD_QUERY, selection, type LeadQuery } from '../../src/shared/lead-query';
import { PIPELINE_STAGES } from '../../src/shared/lead-fields';
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

/** 3–5 character pieces of demo names, lower-cased, as people type them (made on first use). */
let terms: string[] | null = null;
function term(run: number): string {
  terms ??= generateDemoLeads(3000).flatMap((lead) => {
    const name = typeof lead.name === 'string' ? lead.name : '';
    const from = (name.length * 7) % Math.max(1, name.length - 3);
    const piece = name
      .slice(from, from + 3 + (name.length % 3))
      .toLowerCase()
      .trim();
    return piece.length >= 3 ? [piece] : [];
  });
  return pick(terms, run);
}

export const COLD_TYPES: Record<string, (run: number) => Partial<LeadQuery>> = {
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
  'search-text': (run) => ({ search: term(run) }),
  'search-stage-sort': (run) => ({
    search: term(run * 3),
    stage: selection(pick(stages, run)),
    sort: [{ field: pick(['name', 'projected_value', 'follow_up_date', 'priority'] as const, run), descending: run % 2 === 0 }],
  }),
  'deep-page': (run) => ({
    stage: selection(pick(stages, run)),
    tags: selection(pick(tags, run + Math.floor(run / 36))),
    page: 40 + (run % 50),
    sort: [{ field: 'projected_value', descending: true }],
  }),
};

/** Run `run` of a type as the index's query. */
export function coldQuery(type: string, run: number): IndexQuery {
  const make = COLD_TYPES[type];
  if (make === undefined) throw new Error(`unknown type ${type}: ${Object.keys(COLD_TYPES).join(', ')}`);
  const query = { ...DEFAULT_LEAD_QUERY, ...make(run) };
  const resolved = resolveFilter(query, NOW);
  if (!resolved.ok) throw new Error(resolved.message);
  return { filter: resolved.filter, sort: query.sort, page: query.page, limit: query.limit, facetLimit: query.facet_limit };
}

/** CPU ms of one call. */
export function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The p-th quantile (0..1) of ascending-sorted numbers. */
export const quantile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
