// One poll of the newest page (docs/api.md §6): `GET /leads?archived=true&limit=1000&page=1`, merged into
// what is held (change-tracking.ts), and the new index built off to the side. The store decides when
// (poll-policy.ts) and swaps the result in; this file only fetches and merges, so the store stays small.
import { LeadIndex } from '../lead-index/lead-index';
import type { CallOptions } from '../upstream/rotor-client';
import { mergePoll } from './change-tracking';
import type { LeadSource } from './fetch-pages';
import { POLL_PAGE_LIMIT } from './poll-policy';
import { releaseMemory } from './release-memory';

export type PollOutcome =
  | { kind: 'unchanged' }
  | { kind: 'gap' }
  | { kind: 'merged'; index: LeadIndex; added: number; updated: number };

export async function pollNewestPage(source: LeadSource, held: LeadIndex, call: CallOptions, now: number): Promise<PollOutcome> {
  const page = await source.listLeads({ archived: true, limit: POLL_PAGE_LIMIT, page: 1 }, call);
  const merge = mergePoll(page.leads, held, new Date(now).toISOString());
  if (merge.kind !== 'merged') return merge;
  const index = LeadIndex.build(merge.leads);
  // As after a sync: sort orders and JSON texts built before the swap; the held index answers meanwhile.
  await index.compactAsync().then(() => setImmediate(releaseMemory));
  return { kind: 'merged', index, added: merge.added, updated: merge.updated };
}
