// Reading back the Excel export in tests without a spreadsheet library: the zip's central directory,
// each entry inflated with Node's zlib and its CRC-32 checked, and the sheet's cells as written.
import { inflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every entry of a zip file by name; throws on anything a strict reader would refuse. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (data === null) throw new Error(`${name}: compression method ${method}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.set(name, data);
  }
  return entries;
}

export interface SheetCell {
  ref: string;
  /** `t`: `inlineStr`, `b`, `s`, `str`…; undefined for a number. */
  type: string | undefined;
  /** `s`: the cellXfs index. */
  style: number;
  /** The text (entities and `_xHHHH_` escapes decoded), or the `<v>` text of a number, date or boolean. */
  value: string;
  hasFormula: boolean;
}

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const decodeEscapes = (text: string) => text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The sheet's rows, each a list of its cells (empty cells absent), in document order. */
export function sheetRows(sheetXml: string): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (const row of sheetXml.matchAll(/<row\b[^>]*>(.*?)<\/row>/gs)) {
    const cells: SheetCell[] = [];
    for (const cell of (row[1] as string).matchAll(/<c\b([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const attrs = cell[1] as string;
      const body = cell[2] ?? '';
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
      const text = /<t\b[^>]*>(.*?)<\/t>/s.exec(body)?.[1];
      const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
      cells.push({
        ref: attr('r') ?? '',
        type: attr('t'),
        style: Number(attr('s') ?? 0),
        value: text !== undefined ? decodeEscapes(decodeXml(text)) : decodeXml(v ?? ''),
        hasFormula: /<f\b/.test(body),
      });
    }
    rows.push(cells);
  }
  return rows;
}

/** The workbook's parts by name, and its one sheet read as rows. */
export function readXlsx(file: Buffer): { parts: Map<string, Buffer>; sheet: string; rows: SheetCell[][] } {
  const parts = unzip(file);
  const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  if (sheet === undefined) throw new Error('no xl/worksheets/sheet1.xml');
  return { parts, sheet, rows: sheetRows(sheet) };
}
