// A sync that would drop more than half the held leads replaces them only when the next sync agrees
// (same count, same ids): one odd answer from upstream (an empty list that claims to be everything)
// must not wipe what reps see, while a real mass deletion still lands one sync later.
import type { LeadList } from '../lead-index/lead-texts';
import { UpstreamError } from '../upstream/upstream-error';

export class ShrinkGuard {
  private pending: string | null = null;

  /** Throws (an 'incomplete' failure) when `leads` would shrink `held` by more than half unconfirmed. */
  check(held: number, leads: LeadList): void {
    if (held === 0 || leads.length * 2 >= held) return;
    const digest = idSetDigest(leads);
    if (digest === this.pending) return;
    this.pending = digest;
    throw new UpstreamError(
      'incomplete',
      `the sync would shrink the data from ${held} to ${leads.length} leads; waiting for the next sync to agree`,
      false,
    );
  }

  /** After a sync was accepted. */
  reset(): void {
    this.pending = null;
  }
}

/** Order-independent digest of the ids (count and two 32-bit sums of FNV-1a hashes). */
export function idSetDigest(leads: Iterable<{ id?: string }> & { readonly length: number }): string {
  let sum = 0;
  let xor = 0;
  for (const lead of leads) {
    const id = lead.id ?? '';
    let hash = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
    sum = (sum + hash) >>> 0;
    xor = (xor ^ hash) >>> 0;
  }
  return `${leads.length}:${sum.toString(16)}:${xor.toString(16)}`;
}
