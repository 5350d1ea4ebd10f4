// What the filters, facets and totals read, extracted once per build into typed arrays (no lead object is
// touched by a query): the archived flag, each facet field as keys into a dictionary of its distinct values,
// each lead's distinct tags (CSR: one array of keys, one of start offsets), and each range field as a number
// per lead (docs/api.md §4).
//
// Data decisions: a facet value that is not a string, or is empty/whitespace-only, is no value (key 0, the
// `(none)` bucket; a lead with no such tag has no tag). Values are kept as upstream wrote them (not trimmed).
// A range value is a finite number, or for dates an instant `Date.parse` reads; anything else is NaN (no
// value), so the comparisons of a range fail on it without a separate test. Duplicate ids: `byId` keeps the
// first occurrence.
import type { Lead } from '../../shared/lead';
import { LEAD_FIELDS, type RangeField } from '../../shared/lead-fields';
import { DATE_RANGE_PARAMS, NUMBER_RANGE_PARAMS, type FacetParam } from '../../shared/query-v2/params';
import { runSteps } from '../runtime/time-slice';

export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct values of a facet, in code-unit order; value → key (position + 1: key 0 is "no value"). */
export interface Dictionary {
  readonly values: readonly string[];
  readonly keyOf: ReadonlyMap<string, number>;
}

/** The facets holding one value per lead; `tags` holds a list. */
export const SINGLE_FACETS = ['stage', 'assigned_to', 'priority', 'lead_source', 'service_type'] as const satisfies readonly FacetParam[];
export type SingleFacet = (typeof SINGLE_FACETS)[number];

export const RANGE_FIELDS: readonly RangeField[] = [...NUMBER_RANGE_PARAMS, ...DATE_RANGE_PARAMS];

export interface SingleFacetColumn {
  /** Per lead: 0 for no value, else the value's key. */
  readonly keys: Uint32Array;
  readonly dictionary: Dictionary;
}

export interface LeadColumns {
  readonly size: number;
  /** Position of the first lead with each id. */
  readonly byId: ReadonlyMap<string, number>;
  /** 1 for an archived lead. */
  readonly archived: Uint8Array;
  readonly single: Readonly<Record<SingleFacet, SingleFacetColumn>>;
  /** The distinct tag keys of lead i are tagKeys[tagStarts[i] .. tagStarts[i + 1]) (none: no tag). */
  readonly tagStarts: Uint32Array;
  readonly tagKeys: Uint32Array;
  readonly tags: Dictionary;
  /** Per range field, the value per lead (ms since the epoch for dates); NaN for no value. */
  readonly ranges: Readonly<Record<RangeField, Float64Array>>;
}

/** A string the facets may list and the filters may select: a non-blank string. */
function facetValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Leads handled between two steps of extractColumnsSteps: small, as a step of a pass that parses dates
 * runs several times longer than one that copies a flag, and the caller pauses only when its slice is used up.
 */
const COLUMN_STEP = 1024;

function dictionary(values: Iterable<string>): Dictionary {
  const sorted = [...new Set(values)].sort(compareCodeUnits);
  return { values: sorted, keyOf: new Map(sorted.map((value, i) => [value, i + 1])) };
}

function* singleColumn(leads: readonly Lead[], field: SingleFacet): Generator<void, SingleFacetColumn, void> {
  const n = leads.length;
  const names = new Array<string | null>(n);
  const distinct = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    const value = facetValue((leads[i] as Lead)[field]);
    names[i] = value;
    if (value !== null) distinct.add(value);
  }
  yield;
  const dict = dictionary(distinct);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    const name = names[i];
    if (name !== null && name !== undefined) keys[i] = dict.keyOf.get(name) as number;
  }
  return { keys, dictionary: dict };
}

function* rangeColumn(leads: readonly Lead[], field: RangeField): Generator<void, Float64Array, void> {
  const column = new Float64Array(leads.length);
  const isDate = LEAD_FIELDS[field].kind === 'date';
  for (let i = 0; i < leads.length; i++) {
    if (i % COLUMN_STEP === 0) yield;
    const value: unknown = (leads[i] as Lead)[field];
    if (isDate) column[i] = typeof value === 'string' ? Date.parse(value) : NaN;
    else column[i] = typeof value === 'number' && Number.isFinite(value) ? value : NaN;
  }
  return column;
}

export function extractColumns(leads: readonly Lead[]): LeadColumns {
  return runSteps(extractColumnsSteps(leads));
}

/** extractColumns in steps (each ≤ COLUMN_STEP leads of one pass), so an async builder can pause between them (LeadIndex.buildAsync). */
export function* extractColumnsSteps(leads: readonly Lead[]): Generator<void, LeadColumns, void> {
  const n = leads.length;
  const byId = new Map<string, number>();
  const archived = new Uint8Array(n);
  const leadTags = new Array<string[]>(n);
  let tagCount = 0;
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    const lead = leads[i] as Lead;
    if (typeof lead.id === 'string' && !byId.has(lead.id)) byId.set(lead.id, i);
    archived[i] = lead.archived === true ? 1 : 0;
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

  const distinctTags = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    for (const tag of leadTags[i] as string[]) distinctTags.add(tag);
  }
  yield;
  const tags = dictionary(distinctTags);
  const tagStarts = new Uint32Array(n + 1);
  const tagKeys = new Uint32Array(tagCount);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (i % COLUMN_STEP === 0) yield;
    tagStarts[i] = next;
    for (const tag of leadTags[i] as string[]) tagKeys[next++] = tags.keyOf.get(tag) as number;
  }
  tagStarts[n] = next;

  const single = {} as Record<SingleFacet, SingleFacetColumn>;
  for (const field of SINGLE_FACETS) single[field] = yield* singleColumn(leads, field);
  const ranges = {} as Record<RangeField, Float64Array>;
  for (const field of RANGE_FIELDS) ranges[field] = yield* rangeColumn(leads, field);
  return { size: n, byId, archived, single, tagStarts, tagKeys, tags, ranges };
}
