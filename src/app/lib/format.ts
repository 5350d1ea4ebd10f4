// Display formats in the user's locale. One formatter instance each, built on first use: the first number
// format and the first date format of a page each load the locale's data, a long task on a phone, so the
// module does not build them while it is evaluated; `warmFormats` builds them in tasks of their own.
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
const currency = once(() => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }));
const integer = once(() => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }));
const dateFormat = once(() => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
const dateTimeFormat = once(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
const timeFormat = once(() => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }));
const relative = once(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/**
 * Builds the formatters now, numbers and dates each in a task of its own (a timer), so neither the bundle's
 * evaluation nor the render of the first answer pays for loading the locale's data (docs/performance.md).
 */
export function warmFormats(): void {
  setTimeout(() => {
    currency();
    integer();
  });
  setTimeout(() => {
    dateFormat();
    dateTimeFormat();
    timeFormat();
    relative();
  });
}

export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const formatCurrency = (value: number) => currency().format(value);
export const formatNumber = (value: number) => integer().format(value);
export const formatDate = (date: Date) => dateFormat().format(date);
export const formatDateTime = (date: Date) => dateTimeFormat().format(date);
export const formatTime = (date: Date) => timeFormat().format(date);

const DAY_MS = 86_400_000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from today to `date` (negative: in the past). */
export function daysFromToday(date: Date, now: Date = new Date()): number {
  return Math.round((startOfDay(date) - startOfDay(now)) / DAY_MS);
}

/** "today", "tomorrow", "in 3 days", "2 weeks ago"… */
export function formatRelativeDays(days: number): string {
  if (Math.abs(days) < 14) return relative().format(days, 'day');
  if (Math.abs(days) < 60) return relative().format(Math.trunc(days / 7), 'week');
  if (Math.abs(days) < 730) return relative().format(Math.trunc(days / 30), 'month');
  return relative().format(Math.trunc(days / 365), 'year');
}

/** "just now", "2 min ago", "3 h ago", then a date. */
export function formatAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `on ${formatDateTime(date)}`;
}

/** Next 00:00 UTC, when Rotor's daily quota resets (docs/api.md §1). */
export function nextUtcMidnight(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
