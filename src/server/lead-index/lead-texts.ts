// Leads held as their JSON texts, UTF-8 bytes in Buffers of 1,024 leads, outside the JS heap: the index's
// leads once compacted (lead-records.ts) and a full sync's download until the merge (sync/fetch-pages.ts).
// Why bytes: a parsed lead is dozens of heap objects the garbage collector copies while they are young and
// marks once they are old; a sync holding 100k of them for its whole download made the young generation's
// scavenges copy and promote every page (issue 14's stalls). The same texts in a few dozen Buffers are
// neither copied nor marked; a lead is parsed again when it is read (docs/performance.md "Where the memory goes").
import type { Lead } from '../../shared/lead';

/** Leads per Buffer (a power of two: a lead's chunk is a shift of its position). */
const CHUNK_SHIFT = 10;
const CHUNK_LEADS = 1 << CHUNK_SHIFT;
/** The writer's scratch to start with: a chunk of 1,024 demo leads is about 1 MB of UTF-8; it grows if need be. */
const SCRATCH_BYTES = 2 << 20;

/** What a sync's merge and the shrink guard read: a Lead[] or LeadTexts (each lead parsed as it is read). */
export interface LeadList extends Iterable<Lead> {
  readonly length: number;
  at(i: number): Lead | undefined;
}

/** JSON texts of leads, lead i's text in chunk i >>> CHUNK_SHIFT from starts[i] to the next lead's start (or the chunk's end). */
export class LeadTexts implements LeadList {
  constructor(
    private readonly chunks: readonly Buffer[],
    private readonly starts: Uint32Array,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  /** The text's bytes: a view, no copy. */
  bytesAt(i: number): Uint8Array {
    const chunk = this.chunks[i >>> CHUNK_SHIFT] as Buffer;
    return chunk.subarray(this.starts[i], this.endOf(i, chunk));
  }

  textAt(i: number): string {
    const chunk = this.chunks[i >>> CHUNK_SHIFT] as Buffer;
    return chunk.toString('utf8', this.starts[i], this.endOf(i, chunk));
  }

  /** The lead parsed from its text (a new object each time); undefined outside 0 ≤ i < length, as Array.prototype.at. */
  at(i: number): Lead | undefined {
    return i >= 0 && i < this.starts.length ? (JSON.parse(this.textAt(i)) as Lead) : undefined;
  }

  *[Symbol.iterator](): Iterator<Lead> {
    for (let i = 0; i < this.starts.length; i++) yield JSON.parse(this.textAt(i)) as Lead;
  }

  private endOf(i: number, chunk: Buffer): number {
    const last = (i & (CHUNK_LEADS - 1)) === CHUNK_LEADS - 1 || i + 1 === this.starts.length;
    return last ? chunk.length : (this.starts[i + 1] as number);
  }
}

/**
 * Appends texts into a scratch Buffer and copies each full chunk out once: a text dies as soon as it is
 * written (holding a chunk's 1,024 texts and joining them made the scavenges copy and promote them).
 */
export class LeadTextsWriter {
  private scratch: Buffer;
  private offset = 0;
  private count = 0;
  private starts: Uint32Array;
  private readonly chunks: Buffer[] = [];

  /**
   * `expected`: the number of leads when known (the starts are then allocated once); `scratchBytes`: the
   * scratch to start with when the texts are known to be smaller (a page's), as it is allocated per writer.
   */
  constructor(expected = CHUNK_LEADS, scratchBytes = SCRATCH_BYTES) {
    this.starts = new Uint32Array(Math.max(1, expected));
    this.scratch = Buffer.allocUnsafeSlow(Math.max(1024, Math.min(SCRATCH_BYTES, scratchBytes)));
  }

  get length(): number {
    return this.count;
  }

  /** Appends a lead's JSON text; true when it completed a chunk (a good point to pause). */
  add(text: string): boolean {
    // A UTF-16 code unit is at most 3 bytes of UTF-8 (JSON.stringify escapes lone surrogates).
    this.makeRoom(3 * text.length);
    this.starts[this.count++] = this.offset;
    this.offset += this.scratch.write(text, this.offset, 'utf8');
    return this.endLead();
  }

  /** Appends lead k of `leads`: its bytes copied when held as text, else its object's JSON text. */
  addFrom(leads: LeadList, k: number): boolean {
    if (!(leads instanceof LeadTexts)) return this.add(JSON.stringify(leads.at(k)));
    const bytes = leads.bytesAt(k);
    this.makeRoom(bytes.length);
    this.starts[this.count++] = this.offset;
    this.scratch.set(bytes, this.offset);
    this.offset += bytes.length;
    return this.endLead();
  }

  /** The texts written; the writer is spent. */
  finish(): LeadTexts {
    if ((this.count & (CHUNK_LEADS - 1)) !== 0) this.flush();
    this.scratch = Buffer.alloc(0);
    const starts = this.starts.length === this.count ? this.starts : this.starts.slice(0, this.count);
    return new LeadTexts(this.chunks, starts);
  }

  private makeRoom(bytes: number): void {
    if (this.offset + bytes > this.scratch.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.scratch.length, this.offset + bytes));
      this.scratch.copy(bigger, 0, 0, this.offset);
      this.scratch = bigger;
    }
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(2 * this.starts.length);
      grown.set(this.starts);
      this.starts = grown;
    }
  }

  /** After a lead: a full chunk is copied out. */
  private endLead(): boolean {
    if ((this.count & (CHUNK_LEADS - 1)) !== 0) return false;
    this.flush();
    return true;
  }

  private flush(): void {
    const chunk = Buffer.allocUnsafeSlow(this.offset);
    this.scratch.copy(chunk, 0, 0, this.offset);
    this.chunks.push(chunk);
    this.offset = 0;
  }
}
