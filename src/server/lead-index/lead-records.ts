// The leads themselves, as the index answers with them: the objects given to `build` until
// `compactAsync` replaces them by their JSON texts (about a third of the parsed objects' heap).
// Everything queries filter and sort on is extracted before that, the API sends the text as is,
// and only the few leads a lookup or an export returns are parsed again.
import type { Lead } from '../../shared/lead';

/** Leads turned into JSON text between two yields to the event loop. */
const COMPACT_CHUNK = 2000;

export class LeadRecords {
  private leads: readonly Lead[] | null;
  private texts: string[] | null = null;

  constructor(leads: readonly Lead[]) {
    this.leads = leads;
  }

  get isCompact(): boolean {
    return this.leads === null;
  }

  /** The lead at a position: the object given, or (once compact) an equal object parsed from its text. */
  leadAt(i: number): Lead {
    return this.leads !== null ? (this.leads[i] as Lead) : (JSON.parse(this.texts![i] as string) as Lead);
  }

  /** `JSON.stringify` of the lead at a position: free once compact, the text held is the answer. */
  leadJsonAt(i: number): string {
    return this.texts !== null ? (this.texts[i] as string) : JSON.stringify((this.leads as readonly Lead[])[i]);
  }

  /** Replaces the objects by their texts a chunk at a time, yielding between chunks; reads answer the same throughout. */
  async compactAsync(): Promise<void> {
    const leads = this.leads;
    if (leads === null) return;
    const texts = new Array<string>(leads.length);
    for (let from = 0; from < leads.length; from += COMPACT_CHUNK) {
      const to = Math.min(leads.length, from + COMPACT_CHUNK);
      for (let i = from; i < to; i++) texts[i] = JSON.stringify(leads[i]);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (this.leads === null) return; // a concurrent call finished first
    this.texts = texts;
    this.leads = null;
  }
}
