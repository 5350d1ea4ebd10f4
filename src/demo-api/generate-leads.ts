// Deterministic demo leads for a field-sales company (roofing, solar, HVAC, windows...).
// Lead i depends only on (seed, i), never on the count, so generateDemoLeads(100) equals the
// first 100 leads of generateDemoLeads(100_000). The data deliberately carries what breaks naive
// code: accents and non-Latin scripts, nulls AND absent keys, equal timestamps and values,
// archived leads, and notes that need CSV quoting or formula escaping.
import type { Lead, Priority } from '../shared/lead';
import { PIPELINE_STAGES } from '../shared/lead-fields';
import {
  EMAIL_DOMAINS,
  LEAD_SOURCES,
  NAME_GROUPS,
  NAME_WEIGHT_TOTAL,
  NOTE_TEMPLATES,
  SERVICE_TYPES,
  STREET_NAMES,
  STREET_SUFFIXES,
  UK_CITIES,
  US_CITIES,
  type NameGroup,
} from './demo-vocabulary';

/** Fixed "today" of the data set, so dates never depend on when it is generated. */
export const DEMO_REFERENCE_DATE = '2026-11-01T12:00:00.000Z';
const REFERENCE_MS = Date.parse(DEMO_REFERENCE_DATE);
const DAY_MS = 86_400_000;
const CREATED_SPAN_MS = 730 * DAY_MS;

export const DEMO_TAGS = [
  'solar',
  'roofing',
  'hvac',
  'windows',
  'referral',
  'hot',
  'commercial',
  'residential',
  'storm-damage',
  'insurance-claim',
  'financing',
  'repeat-customer',
  'battery',
  'gutters',
  'warm',
] as const;

export const DEMO_REPS = [
  'Alex Rivera',
  'Brianna Cole',
  'Carlos Méndez',
  'Dana Whitfield',
  'Ethan Brooks',
  'Fatima Haddad',
  'Grace Kim',
  'Hector Alvarez',
  'Ingrid Sørensen',
  'Jamal Carter',
] as const;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes (seed, index) into one 32-bit seed so each lead has its own stream. */
function leadSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, probability: number): boolean => rng() < probability;
const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const digits = (rng: Rng, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(rng() * 10));
  return out;
};

/** created_at of lead i, in ms (whole seconds). Some leads copy their predecessor's instant exactly. */
function createdAtMs(seed: number, index: number): number {
  // Every 13th lead (from index 5) shares the instant of the lead before it: equal timestamps in every data set.
  if (index > 0 && index % 13 === 5) return createdAtMs(seed, index - 1);
  const rng = mulberry32(leadSeed(seed ^ 0x51ed27, index));
  return REFERENCE_MS - Math.floor((rng() * CREATED_SPAN_MS) / 1000) * 1000;
}

/** A UUID-shaped id: random-looking from the seed, with the index in the last group so ids never collide. */
function leadId(rng: Rng, index: number): string {
  const hex = (n: number) =>
    Math.floor(rng() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const variant = (8 + Math.floor(rng() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${index.toString(16).padStart(12, '0')}`;
}

function pickNameGroup(rng: Rng): NameGroup {
  let roll = rng() * NAME_WEIGHT_TOTAL;
  for (const { weight, group } of NAME_GROUPS) {
    roll -= weight;
    if (roll < 0) return group;
  }
  return NAME_GROUPS[0]!.group;
}

function phoneNumber(rng: Rng): string {
  const exchange = `01${digits(rng, 1)}`;
  const line = digits(rng, 4);
  switch (Math.floor(rng() * 6)) {
    case 0:
      return `(555) ${exchange}-${line}`;
    case 1:
      return `555-${exchange}-${line}`;
    case 2:
      return `+1 555 ${exchange} ${line}`;
    case 3:
      return `555.${exchange}.${line}`;
    case 4:
      return `+44 20 7946 0${digits(rng, 3)}`; // Ofcom's range reserved for drama
    default:
      return `555${exchange}${line}`;
  }
}

/** Sets an optional field: usually the value, sometimes null, sometimes the key left out entirely. */
function setOptional<K extends keyof Lead>(lead: Lead, rng: Rng, key: K, value: Lead[K], nullRate: number, absentRate: number): void {
  const roll = rng();
  if (roll < absentRate) return;
  lead[key] = roll < absentRate + nullRate ? (null as Lead[K]) : value;
}

function generateLead(seed: number, index: number): Lead {
  const rng = mulberry32(leadSeed(seed, index));
  const lead: Lead = { id: leadId(rng, index) };

  const archived = chance(rng, 0.15);
  const createdMs = createdAtMs(seed, index);
  // A few leads have no created_at at all (absent or null): they must sort last upstream.
  const createdAtRule = index % 97 === 50 ? 'absent' : index % 97 === 80 ? 'null' : 'present';

  const group = pickNameGroup(rng);
  const [first, firstAscii] = pick(rng, group.first);
  const [last, lastAscii] = pick(rng, group.last);
  const name = group.order === 'eastern' ? `${last}${first}` : group.order === 'vietnamese' ? `${last} ${first}` : `${first} ${last}`;
  const emailStyle = Math.floor(rng() * 4);
  const emailLocal =
    emailStyle === 0
      ? `${firstAscii}.${lastAscii}`
      : emailStyle === 1
        ? `${firstAscii}${lastAscii}`
        : emailStyle === 2
          ? `${firstAscii[0]}${lastAscii}`
          : `${firstAscii}_${lastAscii}${intBetween(rng, 1, 99)}`;
  const inUk = chance(rng, 0.05);
  const city = inUk ? pick(rng, UK_CITIES) : pick(rng, US_CITIES);
  const country = inUk ? 'GB' : 'US';

  // archived first so the key order looks like Rotor's alphabetical output.
  if (archived) {
    lead.archived = true;
    lead.archived_at = new Date(Math.min(REFERENCE_MS, createdMs + intBetween(rng, 1, 200) * DAY_MS)).toISOString();
  } else {
    setOptional(lead, rng, 'archived', false, 0.05, 0.1);
    setOptional(lead, rng, 'archived_at', null, 0, 0.5);
  }
  setOptional(lead, rng, 'assigned_to', pick(rng, DEMO_REPS), 0.08, 0.02);
  if (createdAtRule === 'present') lead.created_at = new Date(createdMs).toISOString();
  else if (createdAtRule === 'null') lead.created_at = null;
  setOptional(lead, rng, 'email', `${emailLocal}@${pick(rng, EMAIL_DOMAINS)}`, 0.06, 0.02);
  const followUpMs = REFERENCE_MS + intBetween(rng, -90, 90) * DAY_MS + intBetween(rng, 8, 17) * 3_600_000;
  setOptional(lead, rng, 'follow_up_date', new Date(followUpMs).toISOString(), 0.3, 0.05);
  setOptional(lead, rng, 'lead_source', pick(rng, LEAD_SOURCES), 0.05, 0.03);
  const location: [number, number] = [
    Math.round((city.lat + (rng() - 0.5) * 0.3) * 1e6) / 1e6,
    Math.round((city.lng + (rng() - 0.5) * 0.3) * 1e6) / 1e6,
  ];
  setOptional(lead, rng, 'location', location, 0.12, 0.05);
  setOptional(lead, rng, 'name', name, 0.01, 0.005);
  setOptional(lead, rng, 'notes', pick(rng, NOTE_TEMPLATES), 0.25, 0.1);
  setOptional(lead, rng, 'phone', phoneNumber(rng), 0.06, 0.02);
  setOptional(lead, rng, 'priority', pick<Priority>(rng, ['low', 'medium', 'medium', 'high']), 0.12, 0.03);
  // Rounded to $500 so many leads share a value (ties must be stable).
  setOptional(lead, rng, 'projected_value', intBetween(rng, 4, 120) * 500, 0.1, 0.03);
  setOptional(lead, rng, 'property_city', city.city, 0.03, 0.02);
  setOptional(lead, rng, 'property_country', country, 0.03, 0.02);
  setOptional(lead, rng, 'property_state', city.state, 0.03, 0.02);
  setOptional(
    lead,
    rng,
    'property_street1',
    `${intBetween(rng, 10, 9999)} ${pick(rng, STREET_NAMES)} ${pick(rng, STREET_SUFFIXES)}`,
    0.04,
    0.02,
  );
  setOptional(
    lead,
    rng,
    'property_street2',
    chance(rng, 0.5) ? `Apt ${intBetween(rng, 1, 40)}` : `Unit ${String.fromCharCode(65 + intBetween(rng, 0, 5))}`,
    0.5,
    0.35,
  );
  const zip = country === 'US' ? `${city.zip}${digits(rng, 2)}` : city.zip;
  setOptional(lead, rng, 'property_zip', zip, 0.04, 0.02);
  setOptional(lead, rng, 'service_type', pick(rng, SERVICE_TYPES), 0.05, 0.03);
  setOptional(lead, rng, 'stage', pick(rng, PIPELINE_STAGES), 0.03, 0.01);
  const tagCount = intBetween(rng, 0, 4);
  const tags = new Set<string>();
  for (let t = 0; t < tagCount; t++) tags.add(pick(rng, DEMO_TAGS));
  setOptional(lead, rng, 'tags', [...tags], 0.08, 0.04);
  setOptional(lead, rng, 'value_score', intBetween(rng, 0, 100), 0.1, 0.03);
  return lead;
}

/**
 * `count` demo leads, identical for the same (count, seed); lead i does not depend on count.
 * Order is generation order (not newest first): the demo API sorts, as Rotor does.
 */
export function generateDemoLeads(count: number, seed = 1): Lead[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const leads = new Array<Lead>(count);
  for (let i = 0; i < count; i++) leads[i] = generateLead(seed, i);
  return leads;
}
