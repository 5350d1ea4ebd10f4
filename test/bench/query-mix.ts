// A realistic mix of `GET /api/leads` queries, built from the data the server actually holds
// (its facet values and lead names, emails and phones), so it follows whatever the data set is.
// Every answer is one 50-row page, asked in one zone (`tz`, as the SPA sends it). The mix is a generator
// (one path per request, seeded):
// - 85% of requests are "popular views": 200 distinct queries (default view, facet filters — stage, tags,
//   owner, priority, (none) — searches, ranges on value and score, relative dates such as overdue
//   follow-ups or new this week, one- and two-key sorts, pages; weighted by scenario) requested with
//   Zipf-like frequencies (rank r: 1/r), as a team keeps coming back to the same views.
// - 15% are one-off searches: a 3–7 character fragment of a name, email or phone number the server
//   holds (sometimes with a stage, an owner, a value range or a two-key sort), never the same search twice
//   in one generator's life, so neither the response cache nor the search-mask cache has seen it: the cold path.
import type { FacetEntry, LeadsResponse } from '../../src/shared/api-types';
import {
  SORT_FIELDS,
  leadQueryToSearchParams,
  selection,
  type FacetSelection,
  type LeadQuery,
  type SortSpec,
} from '../../src/shared/lead-query';
import { parseDateRange, parseNumberRange, type DateRange, type NumberRange } from '../../src/shared/query-v2/range';
import { pick, seededRandom } from './lib/stats';

export interface MixSource {
  stages: string[];
  tags: string[];
  /** Owner ids (assigned_to), the most frequent first. */
  owners: string[];
  /** Search terms a person would type: name fragments, email fragments, phone digits. */
  searchTerms: string[];
}

export async function loadMixSource(baseUrl: string, seed = 7): Promise<MixSource> {
  const response = await fetch(`${baseUrl}/api/leads?limit=1000&archived=true`);
  if (!response.ok) throw new Error(`GET /api/leads answered ${response.status}`);
  return loadMixSourceFromResponse((await response.json()) as LeadsResponse, seed);
}

/** Facet values and search terms from one `/api/leads?limit=1000&archived=true` answer. */
export function loadMixSourceFromResponse(body: LeadsResponse, seed = 7): MixSource {
  const random = seededRandom(seed);
  const terms = new Set<string>();
  for (const lead of body.data) {
    if (terms.size >= 150) break;
    const roll = random();
    if (roll < 0.6 && typeof lead.name === 'string') {
      const words = lead.name.split(/\s+/).filter((w) => w.length >= 3);
      if (words.length > 0) {
        const word = pick(random, words);
        terms.add(word.slice(0, 3 + Math.floor(random() * Math.max(1, word.length - 2))));
      }
    } else if (roll < 0.8 && typeof lead.email === 'string') {
      terms.add(lead.email.split('@')[0]?.slice(0, 6) ?? lead.email);
    } else if (typeof lead.phone === 'string') {
      const digits = lead.phone.replace(/\D/g, '');
      if (digits.length >= 7) terms.add(digits.slice(-7, -3));
    }
  }
  const named = (entries: FacetEntry[]) => entries.flatMap((f) => (f.value === null ? [] : [f.value]));
  return {
    stages: named(body.facets.stage),
    tags: named(body.facets.tags),
    owners: named(body.facets.assigned_to),
    searchTerms: [...terms],
  };
}

type Scenario = (random: () => number, source: MixSource) => Partial<LeadQuery>;

const sortOf = (random: () => number): SortSpec[] => [{ field: pick(random, SORT_FIELDS), descending: random() < 0.5 }];
/** Two keys as reps combine them: a category first, then a number or date. */
const twoKeySortOf = (random: () => number): SortSpec[] => [
  { field: pick(random, ['priority', 'stage', 'assigned_to', 'lead_source'] as const), descending: random() < 0.5 },
  { field: pick(random, ['follow_up_date', 'projected_value', 'value_score', 'created_at'] as const), descending: random() < 0.5 },
];
const numberRange = (text: string): NumberRange => {
  const parsed = parseNumberRange(text, 'range');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const dateRange = (text: string): DateRange => {
  const parsed = parseDateRange(text, 'range');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
/** Relative date ranges of the presets: overdue, due today, next 7 days, created in the last 7 or 30 days. */
const followUpOf = (random: () => number) => dateRange(pick(random, ['..today-1', 'today..today', 'today..today+7']));
const createdOf = (random: () => number) => dateRange(pick(random, ['today-6..', 'today-29..', 'today-89..today-30']));
const valueOf = (random: () => number) => numberRange(pick(random, ['10000..', '5000..20000', '..1000', '(none)', '25000..']));
const scoreOf = (random: () => number) => numberRange(pick(random, ['70..', '50..80', '..30']));
const ownersOf = (random: () => number, source: MixSource): FacetSelection =>
  random() < 0.15 ? selection(['(none)']) : selection(someOf(random, source.owners.slice(0, 40), 1));
const pageOf = (random: () => number) => (random() < 0.6 ? 1 : 2 + Math.floor(random() * 4));
const someOf = (random: () => number, values: readonly string[], max: number) => {
  const chosen = new Set<string>();
  const count = 1 + Math.floor(random() * max);
  while (chosen.size < Math.min(count, values.length)) chosen.add(pick(random, values));
  return [...chosen];
};

/** [weight, scenario] */
const SCENARIOS: [number, Scenario][] = [
  [8, (r) => ({ page: pageOf(r) })],
  [12, (r, s) => ({ stage: selection(someOf(r, s.stages, 2)), page: pageOf(r) })],
  [8, (r, s) => ({ tags: selection(someOf(r, s.tags, 2)), page: pageOf(r) })],
  [6, (r, s) => ({ stage: selection(someOf(r, s.stages, 2)), tags: selection(someOf(r, s.tags, 1)), sort: sortOf(r) })],
  [12, (r, s) => ({ search: pick(r, s.searchTerms) })],
  [4, (r, s) => ({ search: pick(r, s.searchTerms), stage: selection(someOf(r, s.stages, 1)) })],
  [8, (r) => ({ sort: sortOf(r), page: pageOf(r) })],
  [3, (r, s) => ({ archived: true, stage: selection(someOf(r, s.stages, 1)), sort: sortOf(r) })],
  [3, (r) => ({ page: 10 + Math.floor(r() * 150) })],
  // Query model v2 (docs/api.md §4): "my overdue follow-ups", "high priority over $10k", "unassigned this week"…
  [8, (r, s) => ({ assigned_to: ownersOf(r, s), follow_up_date: followUpOf(r), sort: [{ field: 'follow_up_date', descending: false }] })],
  [6, (r) => ({ priority: selection(r() < 0.8 ? ['high'] : ['high', 'medium']), projected_value: valueOf(r), sort: twoKeySortOf(r) })],
  [5, (r, s) => ({ assigned_to: ownersOf(r, s), created_at: createdOf(r), page: pageOf(r) })],
  [5, (r, s) => ({ stage: selection(someOf(r, s.stages, 1)), value_score: scoreOf(r), sort: twoKeySortOf(r) })],
  [4, (r) => ({ priority: selection(['(none)']), created_at: createdOf(r) })],
  [4, (r) => ({ sort: twoKeySortOf(r), page: pageOf(r) })],
  [4, (r, s) => ({ assigned_to: ownersOf(r, s), priority: selection(['high']), sort: twoKeySortOf(r) })],
];

function scenarioQuery(random: () => number, source: MixSource): Partial<LeadQuery> {
  const totalWeight = SCENARIOS.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * totalWeight;
  for (const [weight, scenario] of SCENARIOS) {
    roll -= weight;
    if (roll < 0) return scenario(random, source);
  }
  return {};
}

/** The zone the team's browsers send (a DST zone, so day boundaries are not UTC's). */
export const MIX_TZ = 'America/Chicago';

const toPath = (query: Partial<LeadQuery>) => {
  const params = leadQueryToSearchParams(query);
  params.set('limit', '50');
  params.set('tz', MIX_TZ);
  return `/api/leads?${params}`;
};

export const MIX_SHAPE = { popularViews: 200, oneOffShare: 0.15, oneOffWithStage: 0.3 };

/** The texts one-off searches are cut from: what leads the server holds say, as written. */
export interface SearchTexts {
  names: string[];
  emails: string[];
  phones: string[];
}

/** Names, emails and phones of up to `pages` × 1,000 leads (archived included). */
export async function loadSearchTexts(baseUrl: string, pages = 5): Promise<SearchTexts> {
  const texts: SearchTexts = { names: [], emails: [], phones: [] };
  for (let page = 1; page <= pages; page++) {
    const response = await fetch(`${baseUrl}/api/leads?limit=1000&archived=true&page=${page}`);
    if (!response.ok) throw new Error(`GET /api/leads page ${page} answered ${response.status}`);
    const body = (await response.json()) as LeadsResponse;
    for (const lead of body.data) {
      if (typeof lead.name === 'string') texts.names.push(lead.name);
      if (typeof lead.email === 'string') texts.emails.push(lead.email);
      if (typeof lead.phone === 'string') texts.phones.push(lead.phone);
    }
    if (!body.pagination.has_more) break;
  }
  return texts;
}

/** Every distinct 3–7 character fragment (by code point) of the texts that does not start or end with a separator. */
function fragmentsOf(texts: string[], separators: RegExp): string[] {
  const fragments = new Set<string>();
  for (const text of texts) {
    const chars = Array.from(text.toLowerCase());
    for (let start = 0; start < chars.length; start++) {
      if (separators.test(chars[start] as string)) continue;
      for (let length = 3; length <= 7 && start + length <= chars.length; length++) {
        if (separators.test(chars[start + length - 1] as string)) continue;
        fragments.add(chars.slice(start, start + length).join(''));
      }
    }
  }
  return [...fragments];
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export interface QueryMix {
  /** The next request's path (`/api/leads?…&limit=50`). */
  next(): string;
  /** One-off searches handed out so far (each distinct). */
  oneOffsDrawn(): number;
  /** Distinct one-off search terms the generator can hand out in all (name / email / phone fragments). */
  oneOffCapacity: { names: number; emails: number; phones: number };
}

/**
 * The request generator: deterministic for a seed and the same inputs. One-off search terms are drawn
 * without replacement (names 50%, emails 25%, phone digits 25%; when a kind runs out, another), so
 * none repeats for the generator's life; it throws when all run out rather than repeat one.
 */
export function createQueryMix(source: MixSource, texts: SearchTexts, seed = 11): QueryMix {
  const random = seededRandom(seed);
  const { popularViews, oneOffShare, oneOffWithStage } = MIX_SHAPE;
  const popular = new Set<string>([toPath({})]); // rank 1: the default view
  for (let guard = 0; popular.size < popularViews && guard < popularViews * 20; guard++) popular.add(toPath(scenarioQuery(random, source)));
  const ranked = [...popular];
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < ranked.length; r++) cumulative.push((total += 1 / (r + 1)));
  const popularPath = () => {
    const roll = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < roll) low = mid + 1;
      else high = mid;
    }
    return ranked[low] as string;
  };

  // Terms of the popular views are never one-offs; a fragment found in two kinds is used once.
  const used = new Set<string>(source.searchTerms.map((term) => term.toLowerCase()));
  const pools: [weight: number, terms: string[]][] = [
    [0.5, shuffle(random, fragmentsOf(texts.names, /\s/))],
    [0.25, shuffle(random, fragmentsOf(texts.emails, /[@.]/))],
    [
      0.25,
      shuffle(
        random,
        fragmentsOf(
          texts.phones.map((phone) => phone.replace(/\D/g, '')),
          /^$/,
        ),
      ),
    ],
  ];
  const oneOffCapacity = { names: pools[0]![1].length, emails: pools[1]![1].length, phones: pools[2]![1].length };
  let drawn = 0;
  const takeFrom = (terms: string[]): string | undefined => {
    for (let term = terms.pop(); term !== undefined; term = terms.pop()) {
      if (used.has(term)) continue;
      used.add(term);
      return term;
    }
    return undefined;
  };
  const oneOffTerm = (): string => {
    let roll = random();
    const first = pools.findIndex(([weight]) => (roll -= weight) < 0);
    for (let i = 0; i < pools.length; i++) {
      const term = takeFrom(pools[(Math.max(0, first) + i) % pools.length]![1]);
      if (term !== undefined) return term;
    }
    throw new Error(`one-off search terms exhausted after ${drawn}: load more search texts`);
  };

  return {
    next() {
      if (random() >= oneOffShare) return popularPath();
      const search = oneOffTerm();
      drawn++;
      const roll = random();
      if (roll < oneOffWithStage) return toPath({ search, stage: selection([pick(random, source.stages)]) });
      if (roll < oneOffWithStage + 0.1)
        return toPath({ search, assigned_to: selection([pick(random, source.owners)]), sort: twoKeySortOf(random) });
      if (roll < oneOffWithStage + 0.2) return toPath({ search, projected_value: valueOf(random) });
      return toPath({ search });
    },
    oneOffsDrawn: () => drawn,
    oneOffCapacity,
  };
}
