// Leads as an Excel workbook (.xlsx) for `GET /api/export/leads.xlsx` (docs/api.md §2), streamed.
//
// Why hand-written SpreadsheetML in a yazl zip rather than a spreadsheet library: the workbook is one
// sheet of plain cells, and the file must stream with backpressure so 100k leads never sit in memory.
// exceljs' streaming WorkbookWriter ignores backpressure (`row.commit()` buffers whatever the client has
// not read yet: its issue #734, open since 2019) and brings ~9 dependencies, some deprecated; SheetJS
// builds the whole workbook in memory. yazl (one small dependency, maintained, works on Node 20) pipes each
// entry through Node's own zlib, off the main thread, and its output stream pauses the sheet generator
// whenever the socket is full. The few XML parts below are the minimum Excel, LibreOffice and Numbers open.
//
// - One sheet "Leads": a header row of the catalogue's labels (bold, frozen), then one row per lead.
// - Columns: those asked for, in that order (the table's visible columns), else the catalogue's shown ones.
// - Cells are typed (xlsx-cells.ts): text never evaluates as a formula and needs no `'` prefix.
// - No shared-strings table: it would have to hold every distinct string until the end of the file.
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Lead } from '../../shared/lead';
import { LEAD_FIELDS, type LeadField, type LeadFieldKind, type LeadFieldSpec } from '../../shared/lead-fields';
import { columnLetters, leadCell, STYLE, textCell } from './xlsx-cells';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ALL_FIELDS = Object.keys(LEAD_FIELDS) as LeadField[];

/** Without `columns`: the table's columns shown by default, in catalogue order. */
export const DEFAULT_XLSX_COLUMNS: readonly LeadField[] = ALL_FIELDS.filter(
  (field) => (LEAD_FIELDS[field] as LeadFieldSpec).column === 'shown',
);

const isLeadField = (name: string): name is LeadField => Object.hasOwn(LEAD_FIELDS, name);

/**
 * The `columns` param: comma-separated field names (any catalogue field), each at most once. Absent or
 * empty: the defaults. Given twice, the lists join (like `stage`). Returns the fields or why not.
 */
export function parseXlsxColumns(raw: unknown): { ok: true; columns: LeadField[] } | { ok: false; message: string } {
  const values = raw === undefined ? [] : Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (!values.every((value): value is string => typeof value === 'string')) return { ok: false, message: 'columns must be text' };
  const names = values
    .join(',')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return { ok: true, columns: [...DEFAULT_XLSX_COLUMNS] };
  const columns: LeadField[] = [];
  for (const name of names) {
    if (!isLeadField(name)) return { ok: false, message: `columns: unknown field "${name.slice(0, 40)}"` };
    if (columns.includes(name)) return { ok: false, message: `columns: "${name}" is given twice` };
    columns.push(name);
  }
  return { ok: true, columns };
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_PATH = 'xl/worksheets/sheet1.xml';

/** The parts besides the sheet; tiny and the same in every export. */
const PARTS: [path: string, xml: string][] = [
  [
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/${SHEET_PATH}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `</Types>`,
  ],
  [
    '_rels/.rels',
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
      `<Relationship Id="rId1" Type="${OFFICE_REL_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PACKAGE_REL_NS}">` +
      `<Relationship Id="rId1" Type="${OFFICE_REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${OFFICE_REL_TYPE}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    'xl/styles.xml',
    // cellXfs in the order of STYLE (xlsx-cells.ts): general, text (@), date, date-time, bold text header.
    // ISO date formats: the same in every locale, and what the CSV and the API show.
    `<styleSheet xmlns="${MAIN_NS}">` +
      `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>` +
      `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
      `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="5">` +
      `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      `<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>` +
      `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ],
];
const STATIC_PARTS = PARTS.map(([path, xml]) => [path, XML_HEAD + xml] as const);

/** Column widths in characters, by what the column holds, so a rep opens a readable sheet. */
const WIDTH_BY_KIND: Record<LeadFieldKind, number> = {
  id: 38,
  text: 26,
  category: 16,
  list: 24,
  number: 12,
  date: 17,
  bool: 10,
  geo: 22,
};

function sheetStart(columns: readonly LeadField[], rowCount: number | undefined): string {
  const last = columnLetters(Math.max(columns.length - 1, 0));
  // `dimension` is a hint for readers; only written when the row count is known up front.
  const dimension = rowCount === undefined ? '' : `<dimension ref="A1:${last}${rowCount + 1}"/>`;
  const cols = columns
    .map((field, c) => `<col min="${c + 1}" max="${c + 1}" width="${WIDTH_BY_KIND[LEAD_FIELDS[field].kind]}" customWidth="1"/>`)
    .join('');
  const header = columns.map((field, c) => textCell(`${columnLetters(c)}1`, LEAD_FIELDS[field].label, STYLE.header)).join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${dimension}` +
    // The header row stays in view while scrolling: a pane frozen below row 1.
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}` +
    `<sheetData><row r="1">${header}</row>`
  );
}

const SHEET_END = '</sheetData></worksheet>';
const CHUNK_SIZE = 64 * 1024;

/** The sheet's XML in chunks of about 64 KB: produced only as fast as the zip (and so the client) takes it. */
export function* sheetXml(leads: Iterable<Lead>, columns: readonly LeadField[], rowCount?: number): Generator<string> {
  const letters = columns.map((_, c) => columnLetters(c));
  const kinds = columns.map((field) => LEAD_FIELDS[field].kind);
  let chunk = sheetStart(columns, rowCount);
  let r = 1;
  for (const lead of leads) {
    r += 1;
    let row = `<row r="${r}">`;
    for (let c = 0; c < columns.length; c++) {
      row += leadCell(`${letters[c] as string}${r}`, kinds[c] as LeadFieldKind, lead[columns[c] as LeadField]);
    }
    chunk += `${row}</row>`;
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + SHEET_END;
}

export interface XlsxOptions {
  columns: readonly LeadField[];
  /** The number of leads, when known: written as the sheet's dimension. */
  rowCount?: number;
  /** The zip entries' modification time (default now). */
  mtime?: Date;
}

/**
 * The workbook as a byte stream. Destroying it (the client went away) stops the sheet generator;
 * an error while producing the sheet destroys it with that error.
 */
export function leadsToXlsx(leads: Iterable<Lead>, options: XlsxOptions): Readable {
  const zip = new ZipFile();
  const mtime = options.mtime ?? new Date();
  for (const [path, xml] of STATIC_PARTS) zip.addBuffer(Buffer.from(xml, 'utf8'), path, { mtime });
  const sheet = Readable.from(sheetXml(leads, options.columns, options.rowCount), { objectMode: false });
  zip.addReadStream(sheet, SHEET_PATH, { mtime });
  zip.end();
  const output = zip.outputStream;
  // yazl's outputStream is a PassThrough; checked rather than cast, since its typings say only "readable".
  if (!(output instanceof Readable)) throw new TypeError('yazl outputStream is not a stream.Readable');
  sheet.once('error', (error) => output.destroy(error));
  zip.once('error', (error: Error) => output.destroy(error));
  output.once('close', () => sheet.destroy());
  return output;
}
