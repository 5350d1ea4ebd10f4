// The leads themselves, as the index answers with them: the objects given to `build` until
// `compactAsync` replaces them by their JSON texts, stored as UTF-8 bytes outside the JS heap.
// Everything queries filter and sort on is extracted before that, the API sends the text as is,
// and only the few leads a lookup or an export returns are parsed again.
//
// Why bytes and not strings: a JS string holding one character outside Latin-1 (a name in Polish or
// Greek) takes two bytes per character, and 100k strings are 100k objects the garbage collector marks
// and moves; the same texts as UTF-8 in a few dozen Buffers are about a byte per character and are
// neither marked nor moved (docs/performance.md "Where the memory goes").
import type { Lead } from '../../shared/lead';
import { TimeSlice } from '../runtime/time-slice';

/** Leads per Buffer (a power of two: a lead's chunk is a shift of its position). */
const CHUNK_SHIFT = 10;
const CHUNK_LEADS = 1 << CHUNK_SHIFT;
/** The compaction's scratch to start with: a chunk of 1,024 demo leads is about 1 MB of UTF-8; it grows if need be. */
const SCRATCH_BYTES = 2 << 20;

interface CompactTexts {
  /** Chunk k holds the texts of leads [k·CHUNK_LEADS, (k+1)·CHUNK_LEADS), back to back. */
  chunks: Buffer[];
  /** Byte offset of lead i's text in its chunk; it ends where the next lead of the chunk starts (or the chunk ends). */
  starts: Uint32Array;
}

export class LeadRecords {
  private leads: readonly Lead[] | null;
  private compact: CompactTexts | null = null;

  constructor(leads: readonly Lead[]) {
    this.leads = leads;
  }

  get isCompact(): boolean {
    return this.leads === null;
  }

  /** The lead at a position: the object given, or (once compact) an equal object parsed from its text. */
  leadAt(i: number): Lead {
    return this.leads !== null ? (this.leads[i] as Lead) : (JSON.parse(this.leadJsonAt(i)) as Lead);
  }

  /** `JSON.stringify` of the lead at a position: once compact, the text held (decoded, no stringify). */
  leadJsonAt(i: number): string {
    const compact = this.compact;
    if (compact === null) return JSON.stringify((this.leads as readonly Lead[])[i]);
    const chunk = compact.chunks[i >>> CHUNK_SHIFT] as Buffer;
    const last = (i & (CHUNK_LEADS - 1)) === CHUNK_LEADS - 1 || i + 1 === compact.starts.length;
    const end = last ? chunk.length : (compact.starts[i + 1] as number);
    return chunk.toString('utf8', compact.starts[i], end);
  }

  /** The text of leadJsonAt as the UTF-8 bytes held (a view, no copy) once compact; null before. */
  leadBytesAt(i: number): Uint8Array | null {
    const compact = this.compact;
    if (compact === null) return null;
    const chunk = compact.chunks[i >>> CHUNK_SHIFT] as Buffer;
    const last = (i & (CHUNK_LEADS - 1)) === CHUNK_LEADS - 1 || i + 1 === compact.starts.length;
    return chunk.subarray(compact.starts[i], last ? chunk.length : compact.starts[i + 1]);
  }

  /**
   * Replaces the objects by their texts between pauses of the event loop; reads answer the same throughout.
   * Each text is written into a scratch Buffer as soon as it is made, so it dies young: holding a chunk's
   * 1,024 texts across pauses (and joining them) made the young generation's scavenges copy and promote them.
   */
  async compactAsync(slice = new TimeSlice()): Promise<void> {
    const leads = this.leads;
    if (leads === null) return;
    const n = leads.length;
    const starts = new Uint32Array(n);
    const chunks: Buffer[] = [];
    let scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    for (let from = 0; from < n; from += CHUNK_LEADS) {
      const to = Math.min(n, from + CHUNK_LEADS);
      let offset = 0;
      for (let i = from; i < to; i++) {
        const text = JSON.stringify(leads[i]);
        // A UTF-16 code unit is at most 3 bytes of UTF-8 (JSON.stringify escapes lone surrogates).
        const most = offset + 3 * text.length;
        if (most > scratch.length) {
          const bigger = Buffer.allocUnsafeSlow(Math.max(2 * scratch.length, most));
          scratch.copy(bigger, 0, 0, offset);
          scratch = bigger;
        }
        starts[i] = offset;
        offset += scratch.write(text, offset, 'utf8');
        if (slice.due()) await slice.pause();
      }
      const chunk = Buffer.allocUnsafeSlow(offset);
      scratch.copy(chunk, 0, 0, offset);
      chunks.push(chunk);
      await slice.check();
    }
    if (this.leads === null) return; // a concurrent call finished first
    this.compact = { chunks, starts };
    this.leads = null;
  }
}
