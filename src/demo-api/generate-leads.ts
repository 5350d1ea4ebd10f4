// Deterministic demo leads for a field-sales company (roofing, solar, HVAC, windows...).
// Lead i depends only on (seed, i), never on the count, so generateDemoLeads(100) equals the
// first 100 leads of generateDemoLeads(100_000). The data deliberately carries what breaks naive
// code: accents and non-Latin scripts, nulls AND absent keys, equal timestamps and values,
// archived leads, and notes that need CSV quoting or formula escaping.
import type { Lead, Priority } from '../shared/lead';
import { PIPELINE_STAGES } from '../shared/lead-fields';

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

const LEAD_SOURCES = [
  'Door knock',
  'Referral',
  'Website',
  'Google Ads',
  'Facebook',
  'Home show',
  'Yard sign',
  'Storm canvass',
  'Angi',
  'Nextdoor',
];

const SERVICE_TYPES = [
  'Roof replacement',
  'Roof repair',
  'Solar installation',
  'Battery storage',
  'HVAC installation',
  'HVAC repair',
  'Window replacement',
  'Gutters',
  'Siding',
  'Insulation',
];

/** [first names, last names, 'western' = "First Last" | 'eastern' = family name first, no space]. */
type NameGroup = { first: [string, string][]; last: [string, string][]; order: 'western' | 'eastern' | 'vietnamese' };
// Each entry: [as written, ASCII form for the email address].
const NAME_GROUPS: { weight: number; group: NameGroup }[] = [
  {
    weight: 40,
    group: {
      order: 'western',
      first: [
        ['James', 'james'], ['Mary', 'mary'], ['Robert', 'robert'], ['Patricia', 'patricia'], ['Michael', 'michael'],
        ['Jennifer', 'jennifer'], ['David', 'david'], ['Linda', 'linda'], ['William', 'william'], ['Elizabeth', 'elizabeth'],
        ['Chris', 'chris'], ['Sarah', 'sarah'], ['Daniel', 'daniel'], ['Ashley', 'ashley'], ['Matthew', 'matthew'],
        ["D'Andre", 'dandre'], ['Mary-Kate', 'marykate'], ['Zoë', 'zoe'], ['Renée', 'renee'], ['Chloé', 'chloe'],
      ],
      last: [
        ['Smith', 'smith'], ['Johnson', 'johnson'], ['Williams', 'williams'], ['Brown', 'brown'], ['Jones', 'jones'],
        ['Miller', 'miller'], ['Davis', 'davis'], ['Wilson', 'wilson'], ['Anderson', 'anderson'], ['Taylor', 'taylor'],
        ["O'Brien", 'obrien'], ['McAllister', 'mcallister'], ['Smith-Jones', 'smithjones'], ['Ångström', 'angstrom'],
        ['Brontë', 'bronte'], ['van der Berg', 'vanderberg'], ['Müller', 'mueller'], ['Schröder', 'schroeder'],
      ],
    },
  },
  {
    weight: 20,
    group: {
      order: 'western',
      first: [
        ['José', 'jose'], ['María', 'maria'], ['Andrés', 'andres'], ['Lucía', 'lucia'], ['Jesús', 'jesus'],
        ['Sofía', 'sofia'], ['Ramón', 'ramon'], ['Inés', 'ines'], ['João', 'joao'], ['Begoña', 'begona'],
      ],
      last: [
        ['Núñez', 'nunez'], ['García', 'garcia'], ['Rodríguez', 'rodriguez'], ['Martínez', 'martinez'],
        ['Hernández', 'hernandez'], ['López', 'lopez'], ['Peña', 'pena'], ['Gonçalves', 'goncalves'],
        ['Ibáñez', 'ibanez'], ['de la Cruz', 'delacruz'],
      ],
    },
  },
  {
    weight: 8,
    group: {
      order: 'western',
      first: [['Łukasz', 'lukasz'], ['Małgorzata', 'malgorzata'], ['Zoë', 'zoe'], ['Søren', 'soren'], ['Björn', 'bjorn'], ['Jiří', 'jiri']],
      last: [['Wójcik', 'wojcik'], ['Żak', 'zak'], ['Ångström', 'angstrom'], ['Kowalczyk', 'kowalczyk'], ['Østergaard', 'ostergaard'], ['Dvořák', 'dvorak']],
    },
  },
  {
    weight: 7,
    group: {
      order: 'eastern',
      first: [['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['强', 'qiang'], ['静', 'jing'], ['明', 'ming']],
      last: [['李', 'li'], ['王', 'wang'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen']],
    },
  },
  {
    weight: 5,
    group: {
      order: 'eastern',
      first: [['翔太', 'shota'], ['陽菜', 'hina'], ['健', 'ken'], ['さくら', 'sakura']],
      last: [['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka']],
    },
  },
  {
    weight: 3,
    group: {
      order: 'western',
      first: [['Ольга', 'olga'], ['Анна', 'anna'], ['Наталья', 'natalya']],
      last: [['Петрова', 'petrova'], ['Смирнова', 'smirnova'], ['Кузнецова', 'kuznetsova']],
    },
  },
  {
    weight: 3,
    group: {
      order: 'western',
      first: [['Дмитрий', 'dmitry'], ['Сергей', 'sergey'], ['Алексей', 'aleksey']],
      last: [['Иванов', 'ivanov'], ['Петров', 'petrov'], ['Кузнецов', 'kuznetsov']],
    },
  },
  {
    weight: 5,
    group: {
      order: 'western',
      first: [['محمد', 'mohammed'], ['فاطمة', 'fatima'], ['أحمد', 'ahmed'], ['ليلى', 'layla']],
      last: [['العلي', 'alali'], ['حسن', 'hassan'], ['منصور', 'mansour']],
    },
  },
  {
    weight: 5,
    group: {
      order: 'vietnamese',
      first: [['Văn An', 'an'], ['Thị Hương', 'huong'], ['Minh Đức', 'duc'], ['Thị Lan', 'lan']],
      last: [['Nguyễn', 'nguyen'], ['Trần', 'tran'], ['Lê', 'le'], ['Phạm', 'pham']],
    },
  },
  {
    weight: 4,
    group: {
      order: 'western',
      first: [['Aarav', 'aarav'], ['Priya', 'priya'], ['Siddharth', 'siddharth'], ['Ananya', 'ananya']],
      last: [['Patel', 'patel'], ['Sharma', 'sharma'], ['Iyer', 'iyer'], ['Reddy', 'reddy']],
    },
  },
];
const NAME_WEIGHT_TOTAL = NAME_GROUPS.reduce((sum, g) => sum + g.weight, 0);

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'EXAMPLE.COM'];

/** US cities with their state, a ZIP prefix and a centre for `location`. */
const US_CITIES: { city: string; state: string; zip: string; lat: number; lng: number }[] = [
  { city: 'Austin', state: 'TX', zip: '787', lat: 30.2672, lng: -97.7431 },
  { city: 'Dallas', state: 'TX', zip: '752', lat: 32.7767, lng: -96.797 },
  { city: 'Phoenix', state: 'AZ', zip: '850', lat: 33.4484, lng: -112.074 },
  { city: 'Denver', state: 'CO', zip: '802', lat: 39.7392, lng: -104.9903 },
  { city: 'Tampa', state: 'FL', zip: '336', lat: 27.9506, lng: -82.4572 },
  { city: 'Orlando', state: 'FL', zip: '328', lat: 28.5383, lng: -81.3792 },
  { city: 'Atlanta', state: 'GA', zip: '303', lat: 33.749, lng: -84.388 },
  { city: 'Charlotte', state: 'NC', zip: '282', lat: 35.2271, lng: -80.8431 },
  { city: 'Nashville', state: 'TN', zip: '372', lat: 36.1627, lng: -86.7816 },
  { city: 'San José', state: 'CA', zip: '951', lat: 37.3382, lng: -121.8863 },
  { city: 'Sacramento', state: 'CA', zip: '958', lat: 38.5816, lng: -121.4944 },
  { city: 'Las Vegas', state: 'NV', zip: '891', lat: 36.1699, lng: -115.1398 },
  { city: 'Salt Lake City', state: 'UT', zip: '841', lat: 40.7608, lng: -111.891 },
  { city: 'Kansas City', state: 'MO', zip: '641', lat: 39.0997, lng: -94.5786 },
  { city: 'Coeur d’Alene', state: 'ID', zip: '838', lat: 47.6777, lng: -116.7805 },
];
const UK_CITIES: { city: string; state: string; zip: string; lat: number; lng: number }[] = [
  { city: 'London', state: 'Greater London', zip: 'SW1A 1AA', lat: 51.5072, lng: -0.1276 },
  { city: 'Manchester', state: 'Greater Manchester', zip: 'M1 1AE', lat: 53.4808, lng: -2.2426 },
];
const STREET_NAMES = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Lakeview', 'Sunset', 'Hillcrest', 'Mesa Verde', 'Peachtree', 'Cañon'];
const STREET_SUFFIXES = ['St', 'Ave', 'Dr', 'Ln', 'Ct', 'Blvd', 'Way'];

const NOTE_TEMPLATES: string[] = [
  'Homeowner wants a quote before the storm season.',
  'Asked for financing options, call after 5pm',
  'Roof is 22 years old, some shingles missing, interested in solar later',
  'Said "call me next week" — spouse decides, wants both present',
  'Gate code 4411, dog in the yard\nPrefers text messages',
  'Left voicemail.\nFollow up with brochure.\r\nSecond line after CRLF',
  '=HYPERLINK("http://example.com","click")',
  '+1 referral from neighbour, commission 5%',
  '-20% discount promised by previous rep',
  '@channel follow up ASAP',
  'Insurance adjuster visit scheduled; needs photos, measurements, and the "before" report',
  'Commercial flat roof, 12,000 sq ft, TPO membrane',
  'Prefers Español; hija translates',
  'Tab\tseparated\tnote and trailing spaces   ',
  '',
  'Very long note: ' + 'Discussed options for roof, gutters, and windows. '.repeat(8).trim(),
];

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
  const hex = (n: number) => Math.floor(rng() * 16 ** n).toString(16).padStart(n, '0');
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
  const name =
    group.order === 'eastern' ? `${last}${first}` : group.order === 'vietnamese' ? `${last} ${first}` : `${first} ${last}`;
  const emailStyle = Math.floor(rng() * 4);
  const emailLocal =
    emailStyle === 0 ? `${firstAscii}.${lastAscii}`
    : emailStyle === 1 ? `${firstAscii}${lastAscii}`
    : emailStyle === 2 ? `${firstAscii[0]}${lastAscii}`
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
  setOptional(lead, rng, 'property_street1', `${intBetween(rng, 10, 9999)} ${pick(rng, STREET_NAMES)} ${pick(rng, STREET_SUFFIXES)}`, 0.04, 0.02);
  setOptional(lead, rng, 'property_street2', chance(rng, 0.5) ? `Apt ${intBetween(rng, 1, 40)}` : `Unit ${String.fromCharCode(65 + intBetween(rng, 0, 5))}`, 0.5, 0.35);
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
