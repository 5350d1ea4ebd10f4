// Expected answers of the dashboard API for the demo data, from the independent, deliberately naive reference
// of docs/api.md §4 (test/support/reference-query-v2.ts), for the end-to-end tests.
import type { Lead } from '../../../src/shared/lead';
import type { LeadFilter } from '../../../src/shared/lead-query';
import { referenceQueryV2, type ReferenceResultV2 } from '../../support/reference-query-v2';

export function referenceAnswer(leads: Lead[], filter: LeadFilter, now = Date.now()): Extract<ReferenceResultV2, { ok: true }> {
  const result = referenceQueryV2(leads, {
    search: filter.search,
    archived: filter.archived,
    facets: {
      stage: filter.stage,
      tags: filter.tags,
      assigned_to: filter.assigned_to,
      priority: filter.priority,
      lead_source: filter.lead_source,
      service_type: filter.service_type,
    },
    numberRanges: Object.fromEntries(
      (['projected_value', 'value_score'] as const).flatMap((p) => (filter[p] === null ? [] : [[p, filter[p]]])),
    ),
    dateRanges: Object.fromEntries(
      (['created_at', 'follow_up_date', 'archived_at', 'stage_changed_at'] as const).flatMap((p) =>
        filter[p] === null ? [] : [[p, filter[p]]],
      ),
    ),
    tz: filter.tz,
    sort: filter.sort,
    facetLimit: filter.facet_limit,
    now,
  });
  if (!result.ok) throw new Error(`the reference refuses ${result.param}`);
  return result;
}

/** Every matching lead in order. */
export const referenceMatching = (leads: Lead[], filter: LeadFilter): Lead[] => referenceAnswer(leads, filter).leads;

/** The six facet lists. */
export const referenceFacets = (leads: Lead[], filter: LeadFilter) => referenceAnswer(leads, filter).facets;
