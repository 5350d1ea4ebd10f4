// Change tracking (docs/api.md §6): Rotor has no `updated_at`, so the proxy compares each sync and poll
// with what it holds and stamps every lead it serves with
// - first_seen_at: when this server first held the lead;
// - stage_changed_at / previous_stage: when a sync or poll first saw it in its current stage after
//   another one, and that other stage (null until seen changing).
// The held copy of a lead is its history (no side table): the fields live in the lead objects of the
// index, so the DATA_DIR snapshot keeps them and a swap of the index swaps them with the leads.
// Pure functions over "what is held" (a LeadIndex or anything with getById); values sent by upstream
// under these names are overwritten (upstream data is untrusted).
import type { Lead } from '../../shared/lead';
import { LeadTexts, type LeadList } from '../lead-index/lead-texts';
import { TimeSlice } from '../runtime/time-slice';

export interface HeldById {
  readonly size: number;
  getById(id: string): Lead | undefined;
  leadJsonAt(i: number): string;
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && Number.isFinite(Date.parse(value));
const stageOf = (lead: Lead): string | null => (typeof lead.stage === 'string' ? lead.stage : null);

/** The change-tracking fields of a lead as it arrives, against its held copy (undefined: seen for the first time, now). */
function stampOf(lead: Lead, held: Lead | undefined, nowIso: string): Lead {
  if (held === undefined) return { first_seen_at: nowIso, stage_changed_at: null, previous_stage: null };
  const firstSeen = isInstant(held.first_seen_at) ? held.first_seen_at : nowIso;
  const before = stageOf(held);
  if (before !== stageOf(lead)) return { first_seen_at: firstSeen, stage_changed_at: nowIso, previous_stage: before };
  return {
    first_seen_at: firstSeen,
    stage_changed_at: isInstant(held.stage_changed_at) ? held.stage_changed_at : null,
    previous_stage: typeof held.previous_stage === 'string' ? held.previous_stage : null,
  };
}

/** A lead as it arrives, stamped against its held copy (undefined: seen for the first time, now). */
export function stampLead(lead: Lead, held: Lead | undefined, nowIso: string): Lead {
  return { ...lead, ...stampOf(lead, held, nowIso) };
}

/**
 * A lead restored from DATA_DIR: snapshots from before change tracking lack the fields (first seen =
 * that snapshot's sync), and a damaged value must not reach the API with the wrong type.
 */
export function restoredLead(lead: Lead, syncedAtIso: string): Lead {
  const ok =
    isInstant(lead.first_seen_at) &&
    (lead.stage_changed_at === null || isInstant(lead.stage_changed_at)) &&
    (lead.previous_stage === null || typeof lead.previous_stage === 'string');
  if (ok) return lead;
  return {
    ...lead,
    first_seen_at: isInstant(lead.first_seen_at) ? lead.first_seen_at : syncedAtIso,
    stage_changed_at: isInstant(lead.stage_changed_at) ? lead.stage_changed_at : null,
    previous_stage: typeof lead.previous_stage === 'string' && isInstant(lead.stage_changed_at) ? lead.previous_stage : null,
  };
}

/** Every held lead as an object, in held order (each parsed from its JSON text), pausing between slices. */
async function eachHeldLead(held: HeldById, slice: TimeSlice, visit: (lead: Lead) => void): Promise<void> {
  for (let i = 0; i < held.size; i++) {
    visit(JSON.parse(held.leadJsonAt(i)) as Lead);
    if (slice.due()) await slice.pause();
  }
}

export interface SyncMerge {
  leads: Lead[];
  /** Held leads missing from an inconsistent sync, kept until a consistent one confirms they are gone. */
  kept: number;
}

/**
 * A full sync's leads against what is held. Consistent (the pages add up to upstream's total, nothing
 * shifted): the sync's set is the truth, missing leads were deleted. Inconsistent (leads created or
 * deleted while it paged, so a lead that exists may have been skipped): nothing held is dropped.
 * In time slices: at 100k leads each held copy is parsed from its JSON text, too long for one go.
 */
export async function mergeFullSync(
  fetched: LeadList,
  held: HeldById | null,
  consistent: boolean,
  nowIso: string,
  slice: TimeSlice = new TimeSlice(),
): Promise<SyncMerge> {
  const seen = new Set<string>();
  const leads = new Array<Lead>(fetched.length);
  // A lead read from texts is a new object of its own: stamped in place (the same keys in the same order
  // as stampLead's copy), not copied, so the merge makes one object per lead instead of two.
  const own = fetched instanceof LeadTexts;
  for (let i = 0; i < fetched.length; i++) {
    const lead = fetched.at(i) as Lead;
    seen.add(lead.id as string);
    const heldCopy = held?.getById(lead.id as string);
    leads[i] = own ? Object.assign(lead, stampOf(lead, heldCopy, nowIso)) : stampLead(lead, heldCopy, nowIso);
    if (slice.due()) await slice.pause();
  }
  if (consistent || held === null) return { leads, kept: 0 };
  let kept = 0;
  await eachHeldLead(held, slice, (lead) => {
    if (typeof lead.id === 'string' && !seen.has(lead.id)) {
      leads.push(lead);
      kept++;
    }
  });
  return { leads, kept };
}

export type PollMerge =
  /** Nothing new and nothing changed on the page: keep the index as it is. */
  | { kind: 'unchanged' }
  | { kind: 'merged'; leads: Lead[]; added: number; updated: number }
  /** The page holds no lead already held: more than a page was created since the last look (or the
   *  page is empty while leads are held). Only a full sync can tell what is there. */
  | { kind: 'gap' };

/** The newest page merged into what is held: new ids added first (newest first), held ones updated. */
export async function mergePoll(page: LeadList, held: HeldById, nowIso: string, slice: TimeSlice = new TimeSlice()): Promise<PollMerge> {
  const added: Lead[] = [];
  const updates = new Map<string, Lead>();
  let known = 0;
  for (const lead of page) {
    const id = lead.id as string;
    const before = held.getById(id);
    if (before === undefined) {
      added.push(stampLead(lead, undefined, nowIso));
      continue;
    }
    known++;
    const stamped = stampLead(lead, before, nowIso);
    if (JSON.stringify(stamped) !== JSON.stringify(before)) updates.set(id, stamped);
  }
  if (held.size > 0 && known === 0) return { kind: 'gap' };
  if (added.length === 0 && updates.size === 0) return { kind: 'unchanged' };
  const leads = added.slice();
  await eachHeldLead(held, slice, (lead) => leads.push(typeof lead.id === 'string' ? (updates.get(lead.id) ?? lead) : lead));
  return { kind: 'merged', leads, added: added.length, updated: updates.size };
}
