// The lead as Rotor sends it (docs/api.md §1). Every field may be absent and most may be null,
// so nothing downstream may assume a field is there.

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Lead {
  id?: string;
  archived?: boolean | null;
  archived_at?: string | null;
  assigned_to?: string | null;
  created_at?: string | null;
  email?: string | null;
  follow_up_date?: string | null;
  lead_source?: string | null;
  /** `[lat, lng]` */
  location?: [number, number] | null;
  name?: string | null;
  notes?: string | null;
  phone?: string | null;
  priority?: Priority | null;
  projected_value?: number | null;
  property_city?: string | null;
  property_country?: string | null;
  property_state?: string | null;
  property_street1?: string | null;
  property_street2?: string | null;
  property_zip?: string | null;
  service_type?: string | null;
  stage?: string | null;
  tags?: string[] | null;
  value_score?: number | null;
  /** Added by the proxy (docs/api.md §6), never by Rotor: when this server first held the lead. */
  first_seen_at?: string | null;
  /** Added by the proxy: when a sync or poll first saw the lead in its current stage after another one. */
  stage_changed_at?: string | null;
  /** Added by the proxy: the stage before that change. */
  previous_stage?: string | null;
}

/**
 * What a lead id may look like in our URLs (`/api/leads/:id`, `?lead=`). Anything else is
 * malformed (400) before any lookup. Upstream ids are opaque strings; this admits UUIDs,
 * numbers, slugs and prefixed ids while refusing paths, spaces and control characters.
 */
const LEAD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isValidLeadId(value: unknown): value is string {
  return typeof value === 'string' && LEAD_ID_PATTERN.test(value);
}
