// What the filters and facets read, extracted once per build into typed arrays (no lead object is
// touched by a query): the archived flag, the stage as an id into a dictionary of distinct stages, and
// each lead's distinct tags as ids (CSR: one array of ids, one of start offsets).
//
// Data decisions: a stage or tag that is not a string, or is empty/whitespace-only, is no value (never
// listed in facets and never selectable, since selected values are trimmed and non-empty). Duplicate
// ids: `byId` keeps the first occurrence.
import type { Lead } from '../../shared/lead';

export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct values of a facet, in code-unit order (a value's id is its position), and value → id. */
export interface Dictionary {
  readonly values: readonly string[];
  readonly idOf: ReadonlyMap<string, number>;
}

export interface LeadColumns {
  readonly size: number;
  /** Position of the first lead with each id. */
  readonly byId: ReadonlyMap<string, number>;
  /** 1 for an archived lead. */
  readonly archived: Uint8Array;
  /** Stage id per lead, -1 for none. */
  readonly stageIds: Int32Array;
  readonly stages: Dictionary;
  /** The distinct tag ids of lead i are tagIds[tagStarts[i] .. tagStarts[i + 1]). */
  readonly tagStarts: Uint32Array;
  readonly tagIds: Uint32Array;
  readonly tags: Dictionary;
}

/** A string the facets may list and the filters may select: a non-blank string. */
function facetValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function dictionary(values: Iterable<string>): Dictionary {
  const sorted = [...new Set(values)].sort(compareCodeUnits);
  return { values: sorted, idOf: new Map(sorted.map((value, id) => [value, id])) };
}

export function extractColumns(leads: readonly Lead[]): LeadColumns {
  const steps = extractColumnsSteps(leads);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Leads handled between two steps of extractColumnsSteps. */
const COLUMN_STEP = 4096;

/** extractColumns in steps (each ≤ COLUMN_STEP leads), so an async builder can pause between them (LeadIndex.buildAsync). */
export function* extractColumnsSteps(leads: readonly Lead[]): Generator<void, LeadColumns, void> {
  const n = leads.length;
  const byId = new Map<string, number>();
  const archived = new Uint8Array(n);
  const stageNames = new Array<string | null>(n);
  const leadTags = new Array<string[]>(n);
  let tagCount = 0;
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    const lead = leads[i] as Lead;
    if (typeof lead.id === 'string' && !byId.has(lead.id)) byId.set(lead.id, i);
    archived[i] = lead.archived === true ? 1 : 0;
    stageNames[i] = facetValue(lead.stage);
    const tags: string[] = [];
    if (Array.isArray(lead.tags)) {
      for (const tag of lead.tags as unknown[]) {
        const value = facetValue(tag);
        if (value !== null && !tags.includes(value)) tags.push(value);
      }
    }
    leadTags[i] = tags;
    tagCount += tags.length;
  }

  const stages = dictionary(stageNames.filter((s) => s !== null));
  const stageIds = new Int32Array(n);
  yield;
  for (let i = 0; i < n; i++) {
    const stage = stageNames[i];
    stageIds[i] = stage === null || stage === undefined ? -1 : (stages.idOf.get(stage) as number);
  }

  yield;
  const tags = dictionary(leadTags.flat());
  const tagStarts = new Uint32Array(n + 1);
  const tagIds = new Uint32Array(tagCount);
  let next = 0;
  for (let i = 0; i < n; i++) {
    tagStarts[i] = next;
    for (const tag of leadTags[i] as string[]) tagIds[next++] = tags.idOf.get(tag) as number;
  }
  tagStarts[n] = next;
  return { size: n, byId, archived, stageIds, stages, tagStarts, tagIds, tags };
}
