// Reads the lead snapshot a line at a time instead of one JSON.parse of the whole file (65 MB at 100k
// leads: a multi-second stall before the server could answer anything; figures in docs/performance.md).
// The writer (snapshot-store.ts snapshotChunks) has always put the header on the first line and one lead
// per line, so the same `rotor-dashboard/leads-snapshot@1` file — old ones included, and an older server
// after a rollback — reads either way. Each line is parsed and handed on between pauses of the event loop.
// Anything not in that layout (hand-edited, damaged, truncated) answers `null`: the caller then parses the
// whole text as before, which gives the old verdicts (set aside as corrupt, or loaded).
import { createReadStream } from 'node:fs';
import type { TimeSlice } from '../runtime/time-slice';

const LEADS_KEY = ',"leads":[';
const END = ']}';

/** The file's header fields and its leads (each given to `eachLead` as parsed), or null: not line-laid. */
export interface SnapshotLines {
  header: Record<string, unknown>;
  leadCount: number;
}

/**
 * Streams `file`, parsing the header line and then each lead line; `eachLead` gets each parsed lead in
 * order. Rejects only for read errors (ENOENT included); a layout it does not know resolves null.
 */
export async function readSnapshotLines(file: string, eachLead: (lead: unknown) => void, slice: TimeSlice): Promise<SnapshotLines | null> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let header: Record<string, unknown> | null = null;
  let leadCount = 0;
  let ended = false;
  let rest = '';
  let layoutOk = true;
  const takeLine = (line: string): boolean => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (header === null) {
      if (!line.endsWith(LEADS_KEY)) return false;
      const parsed = tryParse(line.slice(0, -LEADS_KEY.length) + '}');
      if (parsed === undefined || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
      header = parsed as Record<string, unknown>;
      return true;
    }
    if (ended) return line === '';
    if (line === END) return (ended = true);
    if (line === '') return leadCount === 0; // the writer's empty list: "[\n\n]}"
    const lead = tryParse(line.endsWith(',') ? line.slice(0, -1) : line);
    if (lead === undefined) return false;
    eachLead(lead);
    leadCount++;
    return true;
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      rest += chunk;
      let from = 0;
      for (let newline = rest.indexOf('\n'); newline !== -1; newline = rest.indexOf('\n', from)) {
        if (!takeLine(rest.slice(from, newline))) {
          layoutOk = false;
          break;
        }
        from = newline + 1;
        if (slice.due()) await slice.pause();
      }
      if (!layoutOk) break;
      rest = rest.slice(from);
    }
  } finally {
    stream.destroy();
  }
  if (!layoutOk || rest !== '' || !ended || header === null) return null;
  return { header, leadCount };
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
