// A deliberately naive reading of "the whole day in tz" (docs/api.md §4), independent of
// src/shared/query-v2/zoned-time.ts: walk a 15-minute UTC grid until the wall clock shows the day, then back
// minute by minute (offsets off the quarter hour existed until 1979, e.g. Pacific/Kiritimati at -10:40).
// Valid for dates since ~1972, when every zone's offsets fall on whole minutes.

const formats = new Map<string, Intl.DateTimeFormat>();

function wallDate(tz: string, ms: number): string {
  let format = formats.get(tz);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(tz, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `YYYY-MM-DD` plus n days, by UTC calendar arithmetic. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
const starts = new Map<string, number>();

/** The first instant whose wall clock in tz shows `day` or a later day (a day the zone skipped starts with the next). */
export function referenceStartOfDay(tz: string, day: string): number {
  const key = `${tz} ${day}`;
  const cached = starts.get(key);
  if (cached !== undefined) return cached;
  let ms = Date.parse(`${day}T00:00:00Z`) - 15 * 3_600_000;
  while (wallDate(tz, ms) < day) ms += QUARTER_HOUR;
  while (wallDate(tz, ms - MINUTE) >= day) ms -= MINUTE;
  starts.set(key, ms);
  return ms;
}

/** The last millisecond of `day` in tz. */
export const referenceEndOfDay = (tz: string, day: string): number => referenceStartOfDay(tz, addDays(day, 1)) - 1;

/** The date the wall clock shows in tz at `now`. */
export const referenceToday = (tz: string, now: number): string => wallDate(tz, now);
