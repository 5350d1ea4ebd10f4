import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { CSV_BOM, CSV_COLUMNS, leadsToCsv } from '../../src/server/export/leads-csv';
import { parseCsv } from '../support/csv';

const csvOf = (leads: Lead[], options?: { bom?: boolean }) => [...leadsToCsv(leads, options)].join('');
const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

describe('leadsToCsv', () => {
  it('starts with a BOM and the header row of every Lead field, id first', () => {
    const text = csvOf([]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([[...CSV_COLUMNS]]);
    expect(CSV_COLUMNS.slice(0, 5)).toEqual(['id', 'name', 'email', 'phone', 'stage']);
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
    expect(csvOf([], { bom: false }).startsWith('id,')).toBe(true);
  });

  it('quotes fields with quotes, commas, CR or LF and ends every record with CRLF', () => {
    const lead: Lead = { id: '1', name: 'Smith, "Bob"', notes: 'line 1\nline 2\r\nline 3', email: 'plain@example.com' };
    const text = csvOf([lead], { bom: false });
    expect(text).toContain('"Smith, ""Bob"""');
    expect(text).toContain('"line 1\nline 2\r\nline 3"');
    expect(text.endsWith('\r\n')).toBe(true);
    const [, row] = parseCsv(text);
    expect(row?.[column('name')]).toBe('Smith, "Bob"');
    expect(row?.[column('notes')]).toBe('line 1\nline 2\r\nline 3');
    expect(row?.[column('email')]).toBe('plain@example.com');
  });

  it('writes nulls as empty, booleans as true/false, tags joined with "; " and location as lat,lng', () => {
    const lead: Lead = {
      id: '7',
      name: null,
      archived: true,
      tags: ['solar', 'roof'],
      location: [40.7128, 74.006],
      projected_value: 12500.5,
    };
    const [, row] = parseCsv(csvOf([lead], { bom: false }));
    expect(row?.[column('name')]).toBe('');
    expect(row?.[column('email')]).toBe('');
    expect(row?.[column('archived')]).toBe('true');
    expect(row?.[column('tags')]).toBe('solar; roof');
    expect(row?.[column('location')]).toBe('40.7128,74.006');
    expect(row?.[column('projected_value')]).toBe('12500.5');
    expect(parseCsv(csvOf([{ archived: false }], { bom: false }))[1]?.[column('archived')]).toBe('false');
  });

  it("prefixes cells that start with = + - @ tab or CR with ' against formula injection", () => {
    const lead: Lead = {
      id: '1',
      name: '=HYPERLINK("http://evil","x")',
      email: '@SUM(A1)',
      phone: '+1 555 0100',
      notes: '-2+3',
      assigned_to: '\tcmd',
      lead_source: '\r=1',
      tags: ['=bad', 'ok'],
      projected_value: -5,
      service_type: 'a=b',
    };
    const [, row] = parseCsv(csvOf([lead], { bom: false }));
    expect(row?.[column('name')]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row?.[column('email')]).toBe("'@SUM(A1)");
    expect(row?.[column('phone')]).toBe("'+1 555 0100");
    expect(row?.[column('notes')]).toBe("'-2+3");
    expect(row?.[column('assigned_to')]).toBe("'\tcmd");
    expect(row?.[column('lead_source')]).toBe("'\r=1");
    expect(row?.[column('tags')]).toBe("'=bad; ok");
    expect(row?.[column('projected_value')]).toBe("'-5");
    expect(row?.[column('service_type')]).toBe('a=b');
  });

  it('keeps unicode intact', () => {
    const lead: Lead = { id: 'u', name: 'Zoë 李雷 Ωμέγα 🚀', property_city: 'São Paulo' };
    const [, row] = parseCsv(csvOf([lead], { bom: false }));
    expect(row?.[column('name')]).toBe('Zoë 李雷 Ωμέγα 🚀');
    expect(row?.[column('property_city')]).toBe('São Paulo');
  });

  it('streams many leads in chunks of about 64 KB that join into one valid document', () => {
    const leads: Lead[] = Array.from({ length: 3000 }, (_, i) => ({ id: `lead-${i}`, name: `Name ${i}`, notes: 'x'.repeat(40) }));
    const chunks = [...leadsToCsv(leads, { bom: false })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(1, -1)) expect(chunk.length).toBeLessThan(80 * 1024);
    const records = parseCsv(chunks.join(''));
    expect(records).toHaveLength(3001);
    expect(records.slice(1).map((r) => r[0])).toEqual(leads.map((l) => l.id));
  });

  it('round-trips arbitrary text through an RFC 4180 parser (property)', () => {
    const unsafeStart = new Set(['=', '+', '-', '@', '\t', '\r']);
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('a,b', '"q"', 'x\r\ny', '\n', '=1+1', '-', '', ' ', ',,', '""'),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ id: text, name: text, notes: text }, { requiredKeys: [] }), { maxLength: 8 }), (leads) => {
        const records = parseCsv(csvOf(leads, { bom: false }));
        expect(records).toHaveLength(leads.length + 1);
        leads.forEach((lead, i) => {
          const row = records[i + 1] as string[];
          expect(row).toHaveLength(CSV_COLUMNS.length);
          for (const name of ['id', 'name', 'notes'] as const) {
            const value = lead[name] ?? '';
            const expected = value !== '' && unsafeStart.has(value[0] as string) ? `'${value}` : value;
            expect(row[column(name)]).toBe(expected);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
