// What runs on a new index before it replaces the one answering requests (LeadStore.warmBeforeSwap): e.g. the
// response cache answers its popular queries on it (routes/leads.ts), so they are not all cold at once after
// the swap. A warmer that fails only costs that warmth: the index is swapped in cold.
import type { LeadIndex } from '../lead-index/lead-index';
import type { Logger } from './lead-store-options';

export class SwapWarmers {
  private readonly warmers: ((next: LeadIndex) => Promise<void>)[] = [];

  constructor(private readonly log: Logger) {}

  add(warm: (next: LeadIndex) => Promise<void>): void {
    this.warmers.push(warm);
  }

  async warm(next: LeadIndex): Promise<void> {
    for (const warm of this.warmers) {
      try {
        await warm(next);
      } catch (error) {
        this.log.warn({ error: String(error) }, 'warming the new index failed; it is swapped in cold');
      }
    }
  }
}
