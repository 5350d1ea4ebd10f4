// Upstream's lead list page parsed between pauses of the event loop (issue 14: no stall over 50 ms). One
// JSON.parse of a 1,000-lead page plus the sanitising of its leads held the loop for 50–100+ ms in one go
// during a 100k sync (the largest gaps left, found with test/bench/resync-gap-report.ts). Instead the text
// is split at the top-level `data` array's elements by a scan that only tracks strings and nesting, then
// the rest of the body and each lead are parsed on their own, a slice at a time.
// Why not a worker thread: the leads must end up as objects on the main thread, and structured-cloning
// them back costs about what parsing them does (docs/performance-log.md, "Re-sync after branch resync5").
// Same verdicts as one JSON.parse: the pieces put back together are the text itself, so the whole text is
// valid JSON exactly when the rest and every piece are; anything the scan does not expect (no top-level
// object, `data` twice or not an array) is parsed whole as before.
import { LeadTextsWriter } from '../lead-index/lead-texts';
import type { TimeSlice } from '../runtime/time-slice';
import { isPageBody, pageOf, parseLeadPageAsync, takeLead, type LeadPage } from './lead-page';
import { isPlainObject } from './sanitize-lead';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Code units scanned between two looks at the slice's clock (it reads the clock every 64th look). */
const SCAN_STEP = 1024;

/** Where the top-level `data` array's elements are: [start, end) ranges of the text, and the array's own range. */
interface DataSplit {
  arrayStart: number;
  arrayEnd: number;
  elements: number[];
}

const isJsonSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

function onlyJsonSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isJsonSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The index just past the string literal opening at `from` (a quote), or -1 when the text ends inside it. */
function stringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return -1;
}

/** A key's name: most keys have no escapes; those that do are decoded by JSON itself. */
function keyName(literal: string): string | undefined {
  if (!literal.includes('\\')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/**
 * The element ranges of the one top-level `data` array, or null when the text is not laid out so (the
 * caller then parses it whole). Right for every valid JSON text; for an invalid one any split will do,
 * since a piece or the rest then fails to parse.
 */
export async function splitDataArray(text: string, slice: TimeSlice): Promise<DataSplit | null> {
  let at = 0;
  while (at < text.length && isJsonSpace(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) !== OPEN_BRACE) return null;
  let depth = 0;
  let expectKey = false;
  let lastKey: string | undefined;
  let dataKeys = 0;
  let split: DataSplit | null = null;
  let elementStart = -1;
  for (let i = at, nextCheck = at + SCAN_STEP; i < text.length; i++) {
    if (i >= nextCheck) {
      nextCheck = i + SCAN_STEP;
      if (slice.due()) await slice.pause();
    }
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) return null;
      if (depth === 1 && expectKey) {
        lastKey = keyName(text.slice(i, end));
        if (lastKey === 'data') dataKeys++;
        expectKey = false;
      }
      i = end - 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth === 1) expectKey = true;
      // Only the value of a top-level key opens depth 2: after `data`, that is its array.
      else if (depth === 2 && code === OPEN_BRACKET && lastKey === 'data' && split === null) {
        split = { arrayStart: i, arrayEnd: -1, elements: [] };
        elementStart = i + 1;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth === 2 && split !== null && split.arrayEnd === -1) {
        split.arrayEnd = i + 1;
        // `[]` or `[ ]` has no element; `[1,]` keeps its empty last piece (which then fails to parse, as it should).
        if (split.elements.length > 0 || !onlyJsonSpace(text, elementStart, i)) split.elements.push(elementStart, i);
      }
      depth--;
      if (depth === 0) {
        if (!onlyJsonSpace(text, i + 1, text.length)) return null;
        break;
      }
      if (depth < 0) return null;
    } else if (code === COMMA) {
      if (depth === 1) expectKey = true;
      else if (depth === 2 && split !== null && split.arrayEnd === -1) {
        split.elements.push(elementStart, i);
        elementStart = i + 1;
      }
    }
  }
  if (depth !== 0 || dataKeys !== 1 || split === null || split.arrayEnd === -1) return null;
  return split;
}

/**
 * A lead list page's text, parsed and checked between pauses: the same page, refusals and verdicts as
 * `parseLeadPageAsync(JSON.parse(text))`. Throws SyntaxError when the text is not JSON; null when the shape
 * is not a lead list. Each lead is sanitised and written as its JSON text as soon as it is parsed, so a
 * page's objects die young instead of surviving the scavenges until its last lead (lead-texts.ts).
 */
export async function parseLeadPageText(text: string, bytes: number, slice: TimeSlice): Promise<LeadPage | null> {
  const split = await splitDataArray(text, slice);
  if (split === null) return parseLeadPageAsync(JSON.parse(text) as unknown, bytes, slice);
  const rest = JSON.parse(text.slice(0, split.arrayStart) + '[]' + text.slice(split.arrayEnd)) as unknown;
  // Every piece is parsed even once the shape is wrong: a piece that is not JSON makes the verdict SyntaxError, as one JSON.parse would.
  let shapeOk = isPageBody(rest);
  const { elements } = split;
  const leads = new LeadTextsWriter(Math.max(1, elements.length / 2), split.arrayEnd - split.arrayStart);
  const ids: string[] = [];
  const refused: LeadPage['refused'] = {};
  for (let k = 0; k < elements.length; k += 2) {
    const raw = JSON.parse(text.slice(elements[k], elements[k + 1])) as unknown;
    if (!isPlainObject(raw)) shapeOk = false;
    else if (shapeOk) {
      const lead = takeLead(raw, ids, refused);
      if (lead !== null) leads.add(JSON.stringify(lead));
    }
    if (slice.due()) await slice.pause();
  }
  return shapeOk && isPageBody(rest) ? pageOf(rest, leads.finish(), ids, refused, bytes) : null;
}
