// One lead field as one SpreadsheetML cell (`<c>` of a worksheet's sheetData) for the Excel export
// (leads-xlsx.ts). The cell's *type* is what keeps a spreadsheet from misreading it:
//
// - Text is an inline string (`t="inlineStr"`): a spreadsheet never evaluates it, so `=1+2` stays the
//   text `=1+2` and `+1 555 010 0199` shows as written, with no `'` in front (the CSV needs that `'`).
//   Text cells also carry the Text number format (`@`), so editing one and pressing Enter keeps it text.
// - Numbers are numeric cells, booleans boolean cells, dates date serials with a date format: they sort,
//   sum and filter as what they are.
// - A date that is not ISO (`YYYY-MM-DD` or an ISO date-time) stays text, as Rotor sent it.
import type { LeadFieldKind } from '../../shared/lead-fields';

/** Indexes into styles.xml's cellXfs (leads-xlsx.ts writes them in this order). */
export const STYLE = { general: 0, text: 1, date: 2, dateTime: 3, header: 4 } as const;

/** Excel refuses (as a damaged file) a cell longer than this; longer text is cut there. */
export const MAX_CELL_CHARS = 32_767;

const XML_SPECIAL = /[&<>]/g;
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, U+FFFE, U+FFFF), and a literal `_xHHHH_`,
// which Excel would decode as an escape: both are written as Excel's `_xHHHH_` escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

function escapeChar(char: string): string {
  return `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}

export function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (char) => XML_ENTITY[char] as string).replace(NEEDS_ESCAPE, escapeChar);
}

/** An inline-string cell; `''` for empty text (no cell at all). */
export function textCell(ref: string, text: string, style: number = STYLE.text): string {
  if (text === '') return '';
  let value = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
  // Do not leave half a surrogate pair at the cut.
  if (value.length === MAX_CELL_CHARS && /[\uD800-\uDBFF]$/.test(value)) value = value.slice(0, -1);
  // Without xml:space="preserve", readers may drop leading and trailing spaces and line breaks.
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

const MS_PER_DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30, counting its phantom 1900-02-29) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Serials before 1900-03-01 mean other days in Excel (its 1900 leap-year bug); after 9999-12-31 are invalid. */
const MIN_SERIAL = 61;
const MAX_SERIAL = 2_958_466;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days since 1899-12-30 for a UTC wall time, or null when the parts are no real date. */
function serialOf(year: number, month: number, day: number, ms: number): number | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const serial = (date.getTime() + ms) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return serial >= MIN_SERIAL && serial < MAX_SERIAL ? serial : null;
}

/**
 * An ISO date as an Excel date serial: `YYYY-MM-DD` as that day; a date-time with an offset (`Z`,
 * `+02:00`) as its instant in UTC (a spreadsheet cell has no zone); one without an offset as written.
 */
export function excelDate(value: string): { serial: number; withTime: boolean } | null {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly !== null) {
    const serial = serialOf(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]), 0);
    return serial === null ? null : { serial, withTime: false };
  }
  const parts = DATE_TIME.exec(value);
  if (parts === null) return null;
  const [hours, minutes, seconds] = [Number(parts[4]), Number(parts[5]), Number(parts[6] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const fraction = parts[7] === undefined ? 0 : Math.round(Number(parts[7]) * 1000);
  let ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
  const zone = parts[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (offset === null || Number(offset[2]) > 23 || Number(offset[3]) > 59) return null;
    ms -= (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000;
  }
  const serial = serialOf(Number(parts[1]), Number(parts[2]), Number(parts[3]), ms);
  return serial === null ? null : { serial, withTime: true };
}

/** Plain text of one value; nested arrays and objects (not expected from Rotor) still give readable text. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/** The text of a value, as the CSV writes it: lists joined with `; `, a location as `lat,lng`. */
export function plainText(kind: LeadFieldKind, value: unknown): string {
  if (!Array.isArray(value)) return scalarText(value);
  return value
    .map(scalarText)
    .filter((text) => text !== '')
    .join(kind === 'geo' ? ',' : '; ');
}

/** The cell for a field of this kind at `ref` (e.g. `B7`); `''` for no value (no cell). */
export function leadCell(ref: string, kind: LeadFieldKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'number' && typeof value === 'number' && Number.isFinite(value)) {
    return `<c r="${ref}"><v>${String(value)}</v></c>`;
  }
  if (kind === 'bool' && typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (kind === 'date' && typeof value === 'string') {
    const date = excelDate(value.trim());
    if (date !== null) return `<c r="${ref}" s="${date.withTime ? STYLE.dateTime : STYLE.date}"><v>${String(date.serial)}</v></c>`;
  }
  return textCell(ref, plainText(kind, value));
}

/** `A`, `B`, … `Z`, `AA`, …: the letters of a 0-based column index. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
