// The Excel export as a rep's spreadsheet reads it: the real app's workbook opened by LibreOffice headless
// and saved as CSV (what the cells show) and as flat ODS (what type each cell is). A name `=1+2` stays
// text, a phone shows without a `'`, numbers and dates are typed, every matching lead is there in order.
// Needs soffice (`apt-get install -y libreoffice-calc-nogui`; .ci/run installs it): see support/soffice.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { Lead } from '../../src/shared/lead';
import { LEAD_FIELDS, type LeadField } from '../../src/shared/lead-fields';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { parseCsv } from '../support/csv';
import { convert, csvFilter, describeWithSoffice } from './support/soffice';

const COLUMNS: LeadField[] = [
  'id',
  'name',
  'phone',
  'email',
  'notes',
  'projected_value',
  'value_score',
  'follow_up_date',
  'created_at',
  'archived',
  'tags',
  'property_zip',
];

const formulaLead: Lead = {
  id: 'lead-formula',
  name: '=1+2',
  phone: '+1 555 010 0199',
  email: '@SUM(A1)',
  notes: '-2+3',
  projected_value: 12500.5,
  value_score: -3,
  follow_up_date: '2026-12-03',
  created_at: '2026-11-30T14:03:00.000Z',
  archived: true,
  tags: ['=bad', 'roof'],
  property_zip: '02134',
};
const zonedLead: Lead = {
  id: 'lead-zoned',
  name: 'Zoë 李雷 & <Sons>',
  follow_up_date: 'next week',
  created_at: '2026-11-30T14:03:00+02:00',
  projected_value: 0,
  archived: false,
};

interface Field {
  text: string;
  quoted: boolean;
}

/** CSV records whose fields say whether they were quoted (LibreOffice quotes text cells only, with this filter). */
function csvRecords(csv: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  while (i < csv.length) {
    const field: Field = { text: '', quoted: csv[i] === '"' };
    if (field.quoted) {
      for (i += 1; i < csv.length; i++) {
        if (csv[i] === '"' && csv[i + 1] === '"') field.text += csv[++i];
        else if (csv[i] === '"') break;
        else field.text += csv[i];
      }
      i += 1;
    }
    for (; i < csv.length && csv[i] !== ',' && csv[i] !== '\n' && csv[i] !== '\r'; i++) field.text += csv[i];
    record.push(field);
    if (csv[i] === ',') i += 1;
    else {
      records.push(record);
      record = [];
      i += csv[i] === '\r' && csv[i + 1] === '\n' ? 2 : 1;
    }
  }
  return records;
}

/** Each row's cell value types in a flat ODS (`string`, `float`, `date`…; `''` for an empty cell). */
function fodsTypes(fods: string): string[][] {
  return [...fods.matchAll(/<table:table-row\b[^>]*>(.*?)<\/table:table-row>/gs)].map((row) =>
    [...(row[1] as string).matchAll(/<table:table-cell\b([^>]*?)(?:\/>|>.*?<\/table:table-cell>)/gs)].flatMap((cell) => {
      const attrs = cell[1] as string;
      const repeat = Math.min(Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1), 20);
      return Array<string>(repeat).fill(/office:value-type="([^"]+)"/.exec(attrs)?.[1] ?? '');
    }),
  );
}

describeWithSoffice('the Excel export in LibreOffice', () => {
  let h: Harness;
  let work: string;
  beforeAll(async () => {
    h = await startHarness({ demo: { leads: [formulaLead, zonedLead, ...generateDemoLeads(60, 3)] } });
    work = await mkdtemp(path.join(tmpdir(), 'rotor-xlsx-'));
  });
  afterAll(async () => {
    await h?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(
    'shows text as written, never a formula or a quote; numbers, booleans and dates typed; every lead in order',
    { timeout: 360_000 },
    async () => {
      const query = `archived=true&sort=name&columns=${COLUMNS.join(',')}`;
      const response = await h.app.inject({ url: `/api/export/leads.xlsx?${query}` });
      expect(response.statusCode).toBe(200);
      const file = path.join(work, 'leads.xlsx');
      await writeFile(file, response.rawPayload);

      // Two conversions, each with its own soffice process and profile: run side by side.
      const [csvText, fods] = await Promise.all([convert(file, csvFilter(true), 'csv'), convert(file, 'fods', 'fods')]);
      const shown = csvRecords(csvText);
      const types = fodsTypes(fods);
      const column = (field: LeadField) => COLUMNS.indexOf(field);
      const rowOf = (id: string) => shown.findIndex((fields) => fields[0]?.text === id);

      // The header row: the catalogue's labels, as text.
      expect(shown[0]).toEqual(COLUMNS.map((field) => ({ text: LEAD_FIELDS[field].label, quoted: true })));
      expect(types[0]!.slice(0, COLUMNS.length)).toEqual(COLUMNS.map(() => 'string'));

      // Every lead of the query, in the server's order (the CSV export's order).
      const csv = parseCsv((await h.app.inject({ url: `/api/export/leads.csv?${query}` })).body.replace(/^\uFEFF/, ''));
      expect(shown.slice(1).map((fields) => fields[0]?.text)).toEqual(csv.slice(1).map((row) => row[0]));
      expect(shown).toHaveLength(h.demo.leads.length + 1);

      const r = rowOf('lead-formula');
      const cell = (field: LeadField) => shown[r]![column(field)];
      const type = (field: LeadField) => types[r]![column(field)];
      // Text: shown exactly as written, with no `'`, and a text cell (no formula ran: `=1+2` is not 3).
      for (const [field, text] of [
        ['name', '=1+2'],
        ['phone', '+1 555 010 0199'],
        ['email', '@SUM(A1)'],
        ['notes', '-2+3'],
        ['tags', '=bad; roof'],
        ['property_zip', '02134'],
      ] as const) {
        expect(cell(field), field).toEqual({ text, quoted: true });
        expect(type(field), field).toBe('string');
      }
      // Numbers and dates: unquoted (not text) in the CSV, typed float/date in the ODS, dates in ISO format.
      expect(cell('projected_value')).toEqual({ text: '12500.5', quoted: false });
      expect(cell('value_score')).toEqual({ text: '-3', quoted: false });
      expect([type('projected_value'), type('value_score')]).toEqual(['float', 'float']);
      expect(cell('follow_up_date')).toEqual({ text: '2026-12-03', quoted: false });
      expect(cell('created_at')).toEqual({ text: '2026-11-30 14:03', quoted: false });
      expect([type('follow_up_date'), type('created_at')]).toEqual(['date', 'date']);
      // A boolean: LibreOffice shows TRUE/FALSE (it keeps booleans as numbers formatted as such).
      expect(cell('archived')).toEqual({ text: 'TRUE', quoted: false });

      const z = rowOf('lead-zoned');
      expect(shown[z]![column('name')]).toEqual({ text: 'Zoë 李雷 & <Sons>', quoted: true });
      expect(shown[z]![column('created_at')]).toEqual({ text: '2026-11-30 12:03', quoted: false }); // +02:00 → UTC
      expect(shown[z]![column('follow_up_date')]).toEqual({ text: 'next week', quoted: true }); // not a date: text
      expect(shown[z]![column('projected_value')]).toEqual({ text: '0', quoted: false });
      expect(shown[z]![column('archived')]).toEqual({ text: 'FALSE', quoted: false });
    },
  );
});
