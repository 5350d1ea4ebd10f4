// The display formats build their Intl formatters on first use, not while the module is evaluated: the first
// number and date formatter of a page load the locale's data, a long task on a phone (docs/performance.md).
import { afterEach, describe, expect, it, vi } from 'vitest';

type Kind = 'NumberFormat' | 'DateTimeFormat' | 'RelativeTimeFormat';
const KINDS: Kind[] = ['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat'];
const originals = Object.fromEntries(KINDS.map((kind) => [kind, Intl[kind]])) as Record<Kind, unknown>;
const built: Record<Kind, number> = { NumberFormat: 0, DateTimeFormat: 0, RelativeTimeFormat: 0 };

/** Counts every formatter built from now on (the real ones, subclassed). */
function countFormatters() {
  for (const kind of KINDS) {
    built[kind] = 0;
    const Original = originals[kind] as new (...args: unknown[]) => object;
    const Counting = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        built[kind]++;
      }
    };
    Object.defineProperty(Intl, kind, { value: Counting, configurable: true, writable: true });
  }
}

afterEach(() => {
  for (const kind of KINDS) Object.defineProperty(Intl, kind, { value: originals[kind], configurable: true, writable: true });
  vi.useRealTimers();
});

describe('display formats', () => {
  it('build no formatter when imported, one on first use, and the rest when warmed, each once', async () => {
    countFormatters();
    vi.resetModules();
    vi.useFakeTimers();
    const format = await import('../../src/app/lib/format');
    expect(built).toEqual({ NumberFormat: 0, DateTimeFormat: 0, RelativeTimeFormat: 0 });

    const expected = new (originals.NumberFormat as typeof Intl.NumberFormat)(undefined, { maximumFractionDigits: 0 }).format(12_345);
    expect(format.formatNumber(12_345)).toBe(expected);
    expect(format.formatNumber(7)).toBe(
      new (originals.NumberFormat as typeof Intl.NumberFormat)(undefined, { maximumFractionDigits: 0 }).format(7),
    );
    expect(built).toEqual({ NumberFormat: 1, DateTimeFormat: 0, RelativeTimeFormat: 0 });

    // Warmed in timers of their own, not at once.
    format.warmFormats();
    expect(built).toEqual({ NumberFormat: 1, DateTimeFormat: 0, RelativeTimeFormat: 0 });
    await vi.runAllTimersAsync();
    expect(built).toEqual({ NumberFormat: 2, DateTimeFormat: 3, RelativeTimeFormat: 1 });

    format.formatCurrency(1_000);
    format.formatDate(new Date(0));
    format.formatDateTime(new Date(0));
    format.formatTime(new Date(0));
    format.formatRelativeDays(-3);
    expect(built).toEqual({ NumberFormat: 2, DateTimeFormat: 3, RelativeTimeFormat: 1 });
  });
});
