// Leads as CSV (RFC 4180) for `GET /api/export/leads.csv` (docs/api.md §2), produced in chunks for streaming.
//
// - The first chunk starts with a UTF-8 byte order mark (`\uFEFF`) so Excel reads the file as UTF-8;
//   pass `{ bom: false }` to leave it out. The route only has to write the chunks as UTF-8.
// - CRLF line ends; a field is quoted when it contains `"`, `,`, `;`, tab, CR or LF, with quotes doubled.
// - null/absent → empty; booleans `true`/`false`; `tags` joined with `; `; `location` as `lat,lng`.
// - Formula injection (OWASP): every cell whose text starts with `=`, `+`, `-`, `@`, tab or CR is
//   prefixed with `'`. This applies to every cell, so a negative number or a southern latitude is
//   exported as `'-12.5`: spreadsheets then show it as text, which is the safe side of the trade.
//   Spreadsheets in `;`-list locales (and "split on tab" imports) also cut a cell at `;` and tab, so
//   the same goes for the start of every `;`- or tab-separated part (`a; -b` → `a; '-b`).

import type { Lead } from '../../shared/lead';
import { CSV_COLUMNS, LEAD_FIELDS, type CsvColumn } from '../../shared/lead-fields';

/** The columns, in order: every field the catalogue (shared/lead-fields.ts) marks `csv`. */
export { CSV_COLUMNS };

export const CSV_BOM = '\uFEFF';
const LINE_END = '\r\n';
const CHUNK_SIZE = 64 * 1024;
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
// `;` and tab too: quoted, a `;`-locale spreadsheet keeps the cell whole instead of splitting it there.
const NEEDS_QUOTES = /[",;\t\r\n]/;
const QUOTES = /"/g;

/** Plain text of one value; nested arrays and objects (not expected from Rotor) still give readable text. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function cellText(column: CsvColumn, value: unknown): string {
  if (!Array.isArray(value)) return scalarText(value);
  const separator = LEAD_FIELDS[column].kind === 'geo' ? ',' : '; ';
  return value
    .map(scalarText)
    .filter((text) => text !== '')
    .join(separator);
}

/** `;` or tab, optional spaces, then a formula character: the start of a part a spreadsheet may split off. */
const FORMULA_AFTER_SEPARATOR = /([;\t][ ]*)([=+\-@])/g;

/** One RFC 4180 field, escaped against formula injection. */
export function csvField(text: string): string {
  let safe = text !== '' && FORMULA_START.has(text[0] as string) ? `'${text}` : text;
  if (safe.includes(';') || safe.includes('\t')) safe = safe.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(QUOTES, '""')}"` : safe;
}

export function leadToCsvRow(lead: Lead): string {
  let row = '';
  for (let c = 0; c < CSV_COLUMNS.length; c++) {
    const column = CSV_COLUMNS[c] as CsvColumn;
    if (c > 0) row += ',';
    row += csvField(cellText(column, lead[column]));
  }
  return row + LINE_END;
}

/** The header row (with the BOM unless `bom: false`), then the rows in chunks of about 64 KB. */
export function* leadsToCsv(leads: Iterable<Lead>, options: { bom?: boolean } = {}): Generator<string> {
  yield (options.bom === false ? '' : CSV_BOM) + CSV_COLUMNS.map(csvField).join(',') + LINE_END;
  let chunk = '';
  for (const lead of leads) {
    chunk += leadToCsvRow(lead);
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
