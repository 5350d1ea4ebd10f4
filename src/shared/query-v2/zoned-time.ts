// Day boundaries in an IANA zone with Intl.DateTimeFormat only (docs/api.md §4 "Ranges").
// A day is [start(D), start(D+1)) where start(D) is the first instant whose wall clock shows day D or later:
// 23 or 25 hours on DST days, 23.5 h on Lord Howe's, later than midnight where clocks skip midnight, and
// empty for a day a zone skipped (Pacific/Apia, 2011-12-30). Intl costs ~2-25 µs per format, so results are
// cached per (zone, day) and "today" per zone: a warm resolution is a few Map lookups.
import type { ParamCodec, ParamResult } from '../lead-query';
import { MS_PER_DAY, daysFromCivil } from './civil-day';
import { DEFAULT_TZ, QUERY_V2_LIMITS } from './params';
import type { DateBound, DateRange } from './range';

interface Zone {
  name: string;
  format: Intl.DateTimeFormat;
  /** start(D) by day number; cleared when it grows past DAY_CACHE_LIMIT (fuzzed days must not grow it forever). */
  starts: Map<number, number>;
  /** The day `now` fell in last time: most requests resolve "today" without Intl. */
  today: { day: number; startMs: number; endMs: number } | null;
}

const DAY_CACHE_LIMIT = 20_000;
/** Any zone's offset is within ±16 h (LMT included), so local midnight of D lies in [D − 16 h, D + 16 h] UTC. */
const OFFSET_SPAN_MS = 16 * 3_600_000;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

const zones = new Map<string, Zone | null>();

/** The zone for an IANA name (case-insensitive, as Intl), or null when unknown. Cached, invalid names too. */
function zoneFor(tz: string): Zone | null {
  const cached = zones.get(tz);
  if (cached !== undefined) return cached;
  let zone: Zone | null = null;
  // The pattern keeps out offset strings (`+05:00`), which newer Intl accepts but are not IANA names.
  if (tz.length <= QUERY_V2_LIMITS.tzMaxLength && ZONE_NAME.test(tz)) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      zone = { name: format.resolvedOptions().timeZone, format, starts: new Map(), today: null };
    } catch {
      zone = null;
    }
  }
  // Unknown names are cached too (a bounded set: only names matching ZONE_NAME, and the map is capped).
  if (zones.size > 2_000) zones.clear();
  zones.set(tz, zone);
  return zone;
}

/** The canonical IANA name (`america/new_york` → `America/New_York`), or null when unknown. */
export function canonicalTimeZone(tz: string): string | null {
  return zoneFor(tz)?.name ?? null;
}

/** `tz` (docs/api.md §4): strict → 400 naming `tz`; lenient → dropped (the server then uses UTC). */
export const tzCodec: ParamCodec<string> = {
  defaultValue: DEFAULT_TZ,
  parse(raw): ParamResult<string> {
    const name = canonicalTimeZone(raw.trim());
    return name === null ? { ok: false, message: 'tz must be an IANA time zone name like Europe/London' } : { ok: true, value: name };
  },
  coerce: (raw) => canonicalTimeZone(raw.trim()),
  serialize: (value) => value,
  equals: (a, b) => a === b,
};

/** Wall-clock time minus UTC at instant `ms`, in ms (whole seconds, as Intl formats). */
function offsetAt(zone: Zone, ms: number): number {
  const seconds = ms - (((ms % 1000) + 1000) % 1000);
  let year = 0,
    month = 1,
    day = 1,
    hour = 0,
    minute = 0,
    second = 0,
    bc = false;
  for (const part of zone.format.formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC';
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return wall - seconds;
}

const localDay = (zone: Zone, ms: number) => Math.floor((ms + offsetAt(zone, ms)) / MS_PER_DAY);

function computeStartOfDay(zone: Zone, day: number): number {
  const midnight = day * MS_PER_DAY;
  // Local midnight is `midnight − offset` for an offset in force then; try each offset seen around it.
  const offsets = new Set([offsetAt(zone, midnight - OFFSET_SPAN_MS), offsetAt(zone, midnight), offsetAt(zone, midnight + OFFSET_SPAN_MS)]);
  let earliest = Infinity;
  for (const offset of offsets) {
    const candidate = midnight - offset;
    if (offsetAt(zone, candidate) === offset) earliest = Math.min(earliest, candidate);
  }
  if (earliest !== Infinity) return earliest;
  // Midnight was skipped (clocks jumped over it): the day starts at the jump. Bisect to the second.
  let before = midnight - OFFSET_SPAN_MS; // shows an earlier day
  let after = midnight + OFFSET_SPAN_MS; // shows day or later
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (localDay(zone, middle) >= day) after = middle;
    else before = middle;
  }
  return after;
}

function startOfDay(zone: Zone, day: number): number {
  let start = zone.starts.get(day);
  if (start === undefined) {
    if (zone.starts.size >= DAY_CACHE_LIMIT) zone.starts.clear();
    start = computeStartOfDay(zone, day);
    zone.starts.set(day, start);
  }
  return start;
}

/** The day D with start(D) ≤ nowMs < start(D+1) in `zone`. */
function today(zone: Zone, nowMs: number): number {
  const cached = zone.today;
  if (cached !== null && nowMs >= cached.startMs && nowMs < cached.endMs) return cached.day;
  let day = localDay(zone, nowMs);
  // The wall clock can show the previous day again after clocks go back across midnight: the partition decides.
  while (nowMs < startOfDay(zone, day)) day -= 1;
  while (nowMs >= startOfDay(zone, day + 1)) day += 1;
  zone.today = { day, startMs: startOfDay(zone, day), endMs: startOfDay(zone, day + 1) };
  return day;
}

/** The first instant of `day` (days since 1970-01-01) in `tz`; throws RangeError for an unknown zone. */
export function startOfDayMs(tz: string, day: number): number {
  return startOfDay(requireZone(tz), day);
}

/** Today's day number in `tz` at `nowMs`; throws RangeError for an unknown zone. */
export function todayInZone(tz: string, nowMs: number): number {
  return today(requireZone(tz), nowMs);
}

function requireZone(tz: string): Zone {
  const zone = zoneFor(tz);
  if (zone === null) throw new RangeError(`unknown time zone: ${tz}`);
  return zone;
}

/** `none`: leads with no value. `between`: startMs ≤ value ≤ endMs (±Infinity for an open side; empty if start > end). */
export type ResolvedDateRange = { kind: 'none' } | { kind: 'between'; startMs: number; endMs: number };

export type ResolveResult = { ok: true; value: ResolvedDateRange } | { ok: false; param: string; message: string };

/**
 * A parsed date range as instants for one request. Errors: an unknown `tz`, or a lower bound after the upper
 * one once `today` is known (e.g. `2026-12-05..today` on Dec 1); both are the server's 400.
 * A range over a day the zone skipped is valid and matches nothing (startMs > endMs).
 */
export function resolveDateRange(range: DateRange, param: string, tz: string, nowMs: number): ResolveResult {
  if (range.kind === 'none') return { ok: true, value: range };
  const zone = zoneFor(tz);
  if (zone === null) return { ok: false, param: 'tz', message: 'tz must be an IANA time zone name like Europe/London' };
  const dayOf = (bound: DateBound): number | null =>
    bound.kind === 'day' ? bound.day : bound.kind === 'today' ? today(zone, nowMs) + bound.offset : null;
  const { lower, upper } = range;
  const lowerDay = lower === null ? null : dayOf(lower);
  const upperDay = upper === null ? null : dayOf(upper);
  const startMs = lower === null ? -Infinity : lower.kind === 'instant' ? lower.ms : startOfDay(zone, lowerDay as number);
  const endMs = upper === null ? Infinity : upper.kind === 'instant' ? upper.ms : startOfDay(zone, (upperDay as number) + 1) - 1;
  // Two days compare as days (a skipped day is not "after" itself); anything else by instant.
  const inverted = lowerDay !== null && upperDay !== null ? lowerDay > upperDay : startMs > endMs;
  if (inverted) return { ok: false, param, message: `${param} has its lower bound after its upper bound` };
  return { ok: true, value: { kind: 'between', startMs, endMs } };
}
