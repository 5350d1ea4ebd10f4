// Sort ranks (sort-orders.ts): each sort field's values as an integer rank per lead, built once per field,
// in one go (a query that needs it now) or between pauses of the event loop (a build after a sync).
//
// Data decisions: a value of the wrong type, an empty/whitespace-only string, an unparseable date, a
// non-finite number or a value outside a closed category counts as null (rank 0, sorted last).
import type { Lead } from '../../shared/lead';
import { LEAD_FIELDS, sortKindOf, type LeadFieldSpec, type SortField, type SortKind } from '../../shared/lead-fields';
import { runSteps, runStepsAsync, sortAsync, type TimeSlice } from '../runtime/time-slice';

/** Per lead: 0 = no value (sorts last), 1..distinct = ascending order; collator-equal values share a rank. */
export interface SortRanks {
  ranks: Uint16Array | Uint32Array;
  distinct: number;
}

/** Rank storage: 2 bytes per lead when the distinct values fit (most fields), else 4. */
const rankArray = (size: number, distinct: number): Uint16Array | Uint32Array =>
  distinct < 0xffff ? new Uint16Array(size) : new Uint32Array(size);

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The value a field's value sorts by, or null when it has none usable. */
function sortValue(value: unknown, kind: SortKind, closedValues: readonly string[]): string | number | null {
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? value : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const instant = Date.parse(value);
      return Number.isFinite(instant) ? instant : null;
    }
    case 'ordinal': {
      const rank = typeof value === 'string' ? closedValues.indexOf(value) : -1;
      return rank < 0 ? null : rank;
    }
  }
}

const distinctStrings = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((v) => v !== null))];

/** Maps a field's distinct strings are spread over while they get their ids (a power of two). */
const ID_SHARDS = 32;

/** Values ranked between two steps of the ranking generators. */
const RANK_STEP = 4096;

/** Strings ranked in collator order (rankAsync sorts them between pauses). */
function rankStrings(values: readonly (string | null)[]): SortRanks {
  return runSteps(rankSortedStringsSteps(distinctStrings(values).sort(collator.compare), values));
}

/**
 * Ranks from the distinct values in collator order (collator-equal values share a rank), in steps: at 100k
 * leads the walk over the sorted values and the rank lookups each held the event loop for tens of ms in one go.
 */
function* rankSortedStringsSteps(sorted: readonly string[], values: readonly (string | null)[]): Generator<void, SortRanks, void> {
  const rankOf = new Map<string, number>();
  let rank = 0;
  for (let j = 0; j < sorted.length; j++) {
    if (j % RANK_STEP === 0) yield;
    const value = sorted[j] as string;
    if (j === 0 || collator.compare(sorted[j - 1] as string, value) !== 0) rank++;
    rankOf.set(value, rank);
  }
  const ranks = rankArray(values.length, rank);
  for (let i = 0; i < values.length; i++) {
    if (i % RANK_STEP === 0) yield;
    const value = values[i];
    if (value !== null && value !== undefined) ranks[i] = rankOf.get(value) as number;
  }
  return { ranks, distinct: rank };
}

/** Numbers ranked with a native typed-array sort and a binary search (no Map of doubles). */
const rankNumbers = (values: readonly (number | null)[]): SortRanks => runSteps(rankNumbersSteps(values));

/** rankNumbers in steps, so rankAsync can pause between them. */
function* rankNumbersSteps(values: readonly (number | null)[]): Generator<void, SortRanks, void> {
  const present = new Float64Array(values.length);
  let count = 0;
  for (const value of values) if (value !== null) present[count++] = value;
  const sorted = present.subarray(0, count).sort();
  let distinct = 0;
  for (let j = 0; j < count; j++) {
    if (j === 0 || sorted[j] !== sorted[distinct - 1]) sorted[distinct++] = sorted[j] as number;
  }
  yield;
  const ranks = rankArray(values.length, distinct);
  for (let i = 0; i < values.length; i++) {
    if (i % RANK_STEP === 0) yield;
    const value = values[i];
    if (value === null || value === undefined) continue;
    let low = 0;
    let high = distinct - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    ranks[i] = low + 1;
  }
  return { ranks, distinct };
}

/** A field's ranks, in one go. */
export function rankField(size: number, leadAt: (i: number) => Lead, field: SortField): SortRanks {
  const kind = sortKindOf(field);
  const closedValues = (LEAD_FIELDS[field] as LeadFieldSpec).values ?? [];
  const values = Array.from({ length: size }, (_, i) => sortValue(leadAt(i)[field], kind, closedValues));
  return kind === 'string' ? rankStrings(values as (string | null)[]) : rankNumbers(values as (number | null)[]);
}

/** rankField between pauses: the values read a slice at a time, strings collator-sorted by sortAsync. */
export async function rankAsync(size: number, leadAt: (i: number) => Lead, field: SortField, slice: TimeSlice): Promise<SortRanks> {
  const kind = sortKindOf(field);
  const closedValues = (LEAD_FIELDS[field] as LeadFieldSpec).values ?? [];
  const values = new Array<string | number | null>(size);
  for (let i = 0; i < size; i++) {
    values[i] = sortValue(leadAt(i)[field], kind, closedValues);
    if (slice.due()) await slice.pause();
  }
  if (kind !== 'string') return runStepsAsync(rankNumbersSteps(values as (number | null)[]), slice);
  // rankStrings between pauses: at 100k leads the distinct values and the collator sort are long too. Each
  // lead keeps the id of its distinct value, so the ranks are two typed-array reads per lead: no second Map of
  // every distinct value (its growth rehashed ~100k entries in one go, a 50–90 ms gap per field).
  // The value → id Maps are sharded (by length and first unit): one Map of ~100k values rehashed them all
  // in one go as it grew (a 100 ms gap); a shard rehashes a 32nd of them.
  const strings = values as (string | null)[];
  const idOf = Array.from({ length: ID_SHARDS }, () => new Map<string, number>());
  const distinct: string[] = [];
  const ids = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const value = strings[i];
    let id = -1;
    if (value !== null && value !== undefined) {
      const shard = idOf[(value.length + value.charCodeAt(0)) & (ID_SHARDS - 1)] as Map<string, number>;
      id = shard.get(value) ?? -1;
      if (id < 0) shard.set(value, (id = distinct.push(value) - 1));
    }
    ids[i] = id;
    if (slice.due()) await slice.pause();
  }
  const order = Array.from({ length: distinct.length }, (_, id) => id);
  const sortedIds = await sortAsync(order, (a, b) => collator.compare(distinct[a] as string, distinct[b] as string), slice);
  return runStepsAsync(rankSortedIdsSteps(sortedIds, distinct, ids), slice);
}

/** rankSortedStringsSteps over distinct-value ids: `ids` per lead (-1 = no value), `sortedIds` in collator order. */
function* rankSortedIdsSteps(sortedIds: readonly number[], distinct: readonly string[], ids: Int32Array): Generator<void, SortRanks, void> {
  const rankOfId = new Uint32Array(distinct.length);
  let rank = 0;
  for (let j = 0; j < sortedIds.length; j++) {
    if (j % RANK_STEP === 0) yield;
    const id = sortedIds[j] as number;
    if (j === 0 || collator.compare(distinct[sortedIds[j - 1] as number] as string, distinct[id] as string) !== 0) rank++;
    rankOfId[id] = rank;
  }
  const ranks = rankArray(ids.length, rank);
  for (let i = 0; i < ids.length; i++) {
    if (i % RANK_STEP === 0) yield;
    const id = ids[i] as number;
    if (id >= 0) ranks[i] = rankOfId[id] as number;
  }
  return { ranks, distinct: rank };
}
