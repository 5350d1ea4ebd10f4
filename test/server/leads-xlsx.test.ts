// The Excel export (docs/api.md §2 "GET /api/export/leads.xlsx"): the workbook unzipped and its sheet XML
// read back, through the real app and demo API; cell typing and streaming checked on the writer itself.
// How LibreOffice reads the same file: test/hardening/xlsx-spreadsheet.test.ts.
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { LEAD_FIELDS, type LeadField } from '../../src/shared/lead-fields';
import { DEFAULT_XLSX_COLUMNS, leadsToXlsx, parseXlsxColumns } from '../../src/server/export/leads-xlsx';
import { columnLetters, excelDate, MAX_CELL_CHARS, STYLE } from '../../src/server/export/xlsx-cells';
import { parseCsv } from '../support/csv';
import { readXlsx, type SheetCell } from '../support/xlsx';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';

const bufferOf = async (stream: Readable) => Buffer.concat(await stream.toArray());
const xlsxOf = async (leads: Lead[], columns: LeadField[]) => readXlsx(await bufferOf(leadsToXlsx(leads, { columns })));
const byColumn = (rows: SheetCell[][], columns: readonly LeadField[], row: number, field: LeadField) =>
  rows[row]?.find((cell) => cell.ref === `${columnLetters(columns.indexOf(field))}${row + 1}`);

describe('xlsx cells', () => {
  const columns: LeadField[] = [
    'id',
    'name',
    'phone',
    'projected_value',
    'value_score',
    'follow_up_date',
    'created_at',
    'archived',
    'tags',
    'property_zip',
    'notes',
    'location',
  ];
  const tricky: Lead = {
    id: '0042',
    name: '=1+2',
    phone: '+1 555 010 0199',
    projected_value: 12500.5,
    value_score: -3,
    follow_up_date: '2026-12-03',
    created_at: '2026-11-30T14:03:00.000Z',
    archived: true,
    tags: ['solar', '-roof'],
    property_zip: '02134',
    notes: ' <b>&</b> _x0041_ \u0001 line\nbreak ',
    location: [40.7128, -74.006],
  };

  it('writes text as inline strings (never a formula, no quote), numbers, booleans and dates typed', async () => {
    const { rows, sheet } = await xlsxOf([tricky], columns);
    const cell = (field: LeadField) => byColumn(rows, columns, 1, field)!;
    expect(sheet).not.toContain('<f>');
    for (const field of ['id', 'name', 'phone', 'tags', 'property_zip', 'notes', 'location'] as const) {
      expect(cell(field)).toMatchObject({ type: 'inlineStr', style: STYLE.text, hasFormula: false });
    }
    expect(cell('name').value).toBe('=1+2');
    expect(cell('phone').value).toBe('+1 555 010 0199');
    expect(cell('id').value).toBe('0042');
    expect(cell('property_zip').value).toBe('02134');
    expect(cell('tags').value).toBe('solar; -roof');
    expect(cell('location').value).toBe('40.7128,-74.006');
    expect(cell('notes').value).toBe(tricky.notes);
    expect(cell('projected_value')).toMatchObject({ type: undefined, value: '12500.5' });
    expect(cell('value_score')).toMatchObject({ type: undefined, value: '-3' });
    expect(cell('archived')).toMatchObject({ type: 'b', value: '1' });
    // 2026-12-03 is day 46359 of Excel's calendar; 14:03 UTC is 0.5854… of a day.
    expect(cell('follow_up_date')).toMatchObject({ type: undefined, style: STYLE.date, value: '46359' });
    expect(cell('created_at').style).toBe(STYLE.dateTime);
    expect(Number(cell('created_at').value)).toBeCloseTo(46356 + (14 * 60 + 3) / 1440, 8);
  });

  it('leaves empty values out, keeps a non-ISO date as text and cuts text at Excel’s cell limit', async () => {
    const lead: Lead = { id: 'x', name: null, follow_up_date: 'next week', notes: 'n'.repeat(MAX_CELL_CHARS + 10), archived: false };
    const { rows } = await xlsxOf([lead], columns);
    expect(byColumn(rows, columns, 1, 'name')).toBeUndefined();
    expect(byColumn(rows, columns, 1, 'phone')).toBeUndefined();
    expect(byColumn(rows, columns, 1, 'follow_up_date')).toMatchObject({ type: 'inlineStr', value: 'next week' });
    expect(byColumn(rows, columns, 1, 'notes')!.value).toHaveLength(MAX_CELL_CHARS);
    expect(byColumn(rows, columns, 1, 'archived')).toMatchObject({ type: 'b', value: '0' });
  });

  it('reads ISO dates and instants as Excel serials, refusing what is no date', () => {
    expect(excelDate('1970-01-01')).toEqual({ serial: 25569, withTime: false });
    expect(excelDate('1900-03-01')).toEqual({ serial: 61, withTime: false });
    expect(excelDate('2026-12-03T12:00:00Z')).toEqual({ serial: 46359.5, withTime: true });
    expect(excelDate('2026-12-03T14:00:00+02:00')).toEqual({ serial: 46359.5, withTime: true });
    expect(excelDate('2026-12-03T07:00-0500')).toEqual({ serial: 46359.5, withTime: true });
    expect(excelDate('2026-12-03T12:00:00')).toEqual({ serial: 46359.5, withTime: true }); // no zone: as written
    for (const bad of ['2026-02-30', '2026-13-01', '1899-12-31', '2026-12-03T25:00Z', 'soon', '12/03/2026', '10000-01-01']) {
      expect(excelDate(bad)).toBeNull();
    }
  });

  it('names columns A…Z, AA…', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('parseXlsxColumns', () => {
  it('takes catalogue fields in the given order, the shown columns by default', () => {
    expect(parseXlsxColumns('phone, name,created_at')).toEqual({ ok: true, columns: ['phone', 'name', 'created_at'] });
    expect(parseXlsxColumns(['phone', 'id'])).toEqual({ ok: true, columns: ['phone', 'id'] });
    expect(parseXlsxColumns(undefined)).toEqual({ ok: true, columns: DEFAULT_XLSX_COLUMNS });
    expect(parseXlsxColumns('')).toEqual({ ok: true, columns: DEFAULT_XLSX_COLUMNS });
    expect(DEFAULT_XLSX_COLUMNS).toEqual(
      (Object.keys(LEAD_FIELDS) as LeadField[]).filter((f) => 'column' in LEAD_FIELDS[f] && LEAD_FIELDS[f].column === 'shown'),
    );
  });

  it('refuses unknown and repeated fields', () => {
    expect(parseXlsxColumns('name,nope')).toEqual({ ok: false, message: 'columns: unknown field "nope"' });
    expect(parseXlsxColumns('name,__proto__')).toMatchObject({ ok: false });
    expect(parseXlsxColumns('name,name')).toEqual({ ok: false, message: 'columns: "name" is given twice' });
  });
});

describe('streaming', () => {
  it('produces rows only as fast as the reader takes them, and stops when the reader goes away', async () => {
    let produced = 0;
    let finished = false;
    const many = function* (): Generator<Lead> {
      try {
        for (let i = 0; i < 200_000; i++) {
          produced += 1;
          yield { id: `lead-${i}`, name: `Lead number ${i} with a longish name`, notes: 'x'.repeat(200 + (i % 97)) };
        }
      } finally {
        finished = true;
      }
    };
    const stream = leadsToXlsx(many(), { columns: ['id', 'name', 'notes'] });
    const first: unknown = await new Promise((resolve) => stream.once('data', resolve));
    expect(first).toBeInstanceOf(Buffer);
    stream.pause();
    // The pipeline (sheet → CRC → deflate → zip output) fills its buffers, then nothing moves.
    const settled = async () => {
      for (let before = -1; before !== produced;) {
        before = produced;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return produced;
    };
    const whilePaused = await settled();
    expect(whilePaused).toBeLessThan(20_000); // a few chunks ahead of the reader, not the whole sheet
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(produced).toBe(whilePaused);
    stream.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(true);
  });
});

describe('GET /api/export/leads.xlsx', () => {
  let h: Harness;
  const tricky: Lead = {
    id: 'tricky-1',
    created_at: '2026-01-01T00:00:00.000Z',
    name: '=1+2',
    phone: '+1 555 010 0199',
    projected_value: 4200,
    follow_up_date: '2026-01-15',
    stage: 'Won',
  };
  beforeAll(async () => {
    h = await startHarness({ demo: { leads: [tricky, ...generateDemoLeads(400, 5)] } });
  });
  afterAll(() => h.close());

  const get = (query: string) => h.app.inject({ url: `/api/export/leads.xlsx${query}` });

  it('holds the same leads in the same order as the CSV, with only the asked columns and their labels', async () => {
    const stage = h.demo.leads.find((lead) => typeof lead.stage === 'string')!.stage!;
    const query = `stage=${encodeURIComponent(stage)}&sort=-projected_value&page=2&limit=5`;
    const columns: LeadField[] = ['phone', 'name', 'id', 'projected_value', 'follow_up_date'];
    const response = await get(`?${query}&columns=${columns.join(',')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-encoding']).toBeUndefined(); // already deflated: not compressed again

    const csv = parseCsv((await h.app.inject({ url: `/api/export/leads.csv?${query}` })).body.replace(/^\uFEFF/, ''));
    const csvIds = csv.slice(1).map((row) => row[csv[0]!.indexOf('id')]);
    expect(csvIds.length).toBeGreaterThan(5); // paging ignored: every match
    expect(response.headers['x-total-count']).toBe(String(csvIds.length));

    const { rows } = readXlsx(response.rawPayload);
    expect(rows[0]!.map((cell) => cell.value)).toEqual(['Phone', 'Name', 'Id', 'Value', 'Follow-up']);
    expect(rows[0]!.every((cell) => cell.style === STYLE.header && cell.type === 'inlineStr')).toBe(true);
    expect(rows.slice(1).map((row) => row.find((cell) => cell.ref.startsWith('C'))?.value)).toEqual(csvIds);
  });

  it('is a workbook a spreadsheet opens: content types, one sheet "Leads", frozen header, date and header styles', async () => {
    const { parts, sheet } = readXlsx((await get('')).rawPayload);
    expect([...parts.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
    expect(parts.get('xl/workbook.xml')!.toString()).toContain('<sheet name="Leads" sheetId="1" r:id="rId1"/>');
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    const styles = parts.get('xl/styles.xml')!.toString();
    const xfs = [...styles.matchAll(/<xf numFmtId="(\d+)" fontId="(\d+)"[^>]*\/>/g)].slice(1).map((m) => [Number(m[1]), Number(m[2])]);
    expect(xfs[STYLE.text]).toEqual([49, 0]); // Text format
    expect(xfs[STYLE.date]).toEqual([164, 0]);
    expect(xfs[STYLE.dateTime]).toEqual([165, 0]);
    expect(xfs[STYLE.header]).toEqual([49, 1]); // bold
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>');
  });

  it('defaults to the table’s shown columns; types the cells of a lead Rotor sent', async () => {
    const { rows } = readXlsx((await get('?search=%3D1%2B2')).rawPayload);
    expect(rows[0]!.map((cell) => cell.value)).toEqual(DEFAULT_XLSX_COLUMNS.map((field) => LEAD_FIELDS[field].label));
    expect(rows).toHaveLength(2);
    const cell = (field: LeadField) => byColumn(rows, DEFAULT_XLSX_COLUMNS, 1, field);
    expect(cell('name')).toMatchObject({ type: 'inlineStr', value: '=1+2', hasFormula: false });
    expect(cell('projected_value')).toMatchObject({ type: undefined, value: '4200' });
    expect(cell('follow_up_date')).toMatchObject({ style: STYLE.date, value: '46037' });
    expect(cell('created_at')).toMatchObject({ style: STYLE.dateTime, value: '46023' });

    const withPhone = readXlsx((await get('?search=%3D1%2B2&columns=phone')).rawPayload).rows;
    expect(withPhone[1]).toEqual([{ ref: 'A2', type: 'inlineStr', style: STYLE.text, value: '+1 555 010 0199', hasFormula: false }]);
  });

  it('answers 400 naming the param for a bad column or filter', async () => {
    for (const [query, param] of [
      ['?columns=name,bogus', 'columns'],
      ['?columns=name,name', 'columns'],
      ['?sort=nope', 'sort'],
    ] as const) {
      const response = await get(query);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ status: 'error', error_code: 'INVALID_PARAMETER' });
      expect(response.json().message).toContain(param);
    }
  });
});
