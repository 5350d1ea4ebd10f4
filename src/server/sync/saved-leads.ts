// Saved leads (the DATA_DIR snapshot) back into an index at boot, as if the sync that fetched them just ended.
import { isValidLeadId } from '../../shared/lead';
import { LeadIndex } from '../lead-index/lead-index';
import type { HeldLeads } from '../persistence/snapshot-store';
import { restoredLead } from './change-tracking';
import type { Logger } from './lead-store-options';

export async function indexOfSavedLeads(held: HeldLeads, syncedAt: number, log: Logger): Promise<LeadIndex> {
  // A snapshot from before ids were checked may hold leads the list could show but not open.
  const syncedIso = new Date(syncedAt).toISOString();
  const leads = held.leads.filter((lead) => isValidLeadId(lead.id)).map((lead) => restoredLead(lead, syncedIso));
  if (leads.length < held.leads.length)
    log.warn({ left_out: held.leads.length - leads.length }, 'saved leads without a usable id left out');
  return LeadIndex.buildAsync(leads);
}
