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
import { LeadTextsWriter, type LeadTexts } from './lead-texts';

export class LeadRecords {
  private leads: readonly Lead[] | null;
  private compact: LeadTexts | null = null;

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
    return compact === null ? JSON.stringify((this.leads as readonly Lead[])[i]) : compact.textAt(i);
  }

  /** The text of leadJsonAt as the UTF-8 bytes held (a view, no copy) once compact; null before. */
  leadBytesAt(i: number): Uint8Array | null {
    return this.compact === null ? null : this.compact.bytesAt(i);
  }

  /** The text of leadJsonAt as UTF-8 bytes: once compact the bytes held (a view, no copy), before it encoded. */
  leadUtf8At(i: number): Uint8Array {
    return this.compact === null ? Buffer.from(this.leadJsonAt(i)) : this.compact.bytesAt(i);
  }

  /**
   * Replaces the objects by their texts between pauses of the event loop; reads answer the same throughout.
   * Each text is written into the writer's scratch as soon as it is made, so it dies young (lead-texts.ts).
   */
  async compactAsync(slice = new TimeSlice()): Promise<void> {
    const leads = this.leads;
    if (leads === null) return;
    const writer = new LeadTextsWriter(leads.length);
    for (let i = 0; i < leads.length; i++) {
      if (writer.add(JSON.stringify(leads[i]))) await slice.check();
      else if (slice.due()) await slice.pause();
    }
    const texts = writer.finish();
    if (this.leads === null) return; // a concurrent call finished first
    this.compact = texts;
    this.leads = null;
  }
}
