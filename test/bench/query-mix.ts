// A realistic mix of `GET /api/leads` queries, built from the data the server actually holds
// (its facet values and a sample of lead names, emails and phones), so it follows whatever the
// data set is. Every answer is one 50-row page.
// - 85% of requests are "popular views": 200 distinct queries (default view, facet filters, searches,
//   sorts, pages; weighted by scenario) requested with Zipf-like frequencies (rank r: 1/r), as a team
//   keeps coming back to the same views.
// - 15% are one-off searches (a distinct fragment each, sometimes with a stage), which no cache of
//   the server has seen recently: the cold path.
import type { LeadsResponse } from '../../src/shared/api-types';
import { SORT_FIELDS, leadQueryToSearchParams, type LeadQuery } from '../../src/shared/lead-query';
import { pick, seededRandom } from './lib/stats';

export interface MixSource {
  stages: string[];
  tags: string[];
  /** Search terms a person would type: name fragments, email fragments, phone digits. */
  searchTerms: string[];
  /** More terms, disjoint from searchTerms, each used once per pass of the mix. */
  oneOffTerms: string[];
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
  const oneOff = new Set<string>();
  for (const lead of body.data) {
    if (terms.size >= 150) {
      // Past the popular vocabulary: what people type, word prefixes of other leads' names and
      // emails (3 to 8 characters), each distinct.
      const text = random() < 0.7 ? lead.name : lead.email?.split('@')[0];
      const words = typeof text === 'string' ? text.split(/[\s._-]+/).filter((w) => w.length >= 3) : [];
      if (words.length > 0) {
        const word = pick(random, words);
        const term = word.slice(0, 3 + Math.floor(random() * 6));
        if (!terms.has(term)) oneOff.add(term);
      }
      continue;
    }
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
  return {
    stages: body.facets.stage.map((f) => f.value),
    tags: body.facets.tags.map((f) => f.value),
    searchTerms: [...terms],
    oneOffTerms: [...oneOff],
  };
}

type Scenario = (random: () => number, source: MixSource) => Partial<LeadQuery>;

const sortOf = (random: () => number) => ({ field: pick(random, SORT_FIELDS), descending: random() < 0.5 });
const pageOf = (random: () => number) => (random() < 0.6 ? 1 : 2 + Math.floor(random() * 4));
const someOf = (random: () => number, values: string[], max: number) => {
  const chosen = new Set<string>();
  const count = 1 + Math.floor(random() * max);
  while (chosen.size < Math.min(count, values.length)) chosen.add(pick(random, values));
  return [...chosen];
};

/** [weight, scenario] */
const SCENARIOS: [number, Scenario][] = [
  [10, (r) => ({ page: pageOf(r) })],
  [20, (r, s) => ({ stage: someOf(r, s.stages, 2), page: pageOf(r) })],
  [12, (r, s) => ({ tags: someOf(r, s.tags, 2), page: pageOf(r) })],
  [10, (r, s) => ({ stage: someOf(r, s.stages, 2), tags: someOf(r, s.tags, 1), sort: sortOf(r) })],
  [18, (r, s) => ({ search: pick(r, s.searchTerms) })],
  [6, (r, s) => ({ search: pick(r, s.searchTerms), stage: someOf(r, s.stages, 1) })],
  [14, (r) => ({ sort: sortOf(r), page: pageOf(r) })],
  [5, (r, s) => ({ archived: true, stage: someOf(r, s.stages, 1), sort: sortOf(r) })],
  [5, (r) => ({ page: 10 + Math.floor(r() * 150) })],
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

const toPath = (query: Partial<LeadQuery>) => {
  const params = leadQueryToSearchParams(query);
  params.set('limit', '50');
  return `/api/leads?${params}`;
};

export const MIX_SHAPE = { requests: 2000, popularViews: 200, oneOffShare: 0.15 };

/** The request sequence (paths of `/api/leads`, 50 rows each) autocannon cycles through; deterministic for a seed. */
export function buildQueryMix(source: MixSource, seed = 11): string[] {
  const random = seededRandom(seed);
  const { requests, popularViews, oneOffShare } = MIX_SHAPE;
  const popular = new Set<string>([toPath({})]); // rank 1: the default view
  for (let guard = 0; popular.size < popularViews && guard < popularViews * 20; guard++)
    popular.add(toPath(scenarioQuery(random, source)));
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
  let nextOneOff = 0;
  const paths: string[] = [];
  for (let i = 0; i < requests; i++) {
    const term = source.oneOffTerms[nextOneOff];
    if (random() < oneOffShare && term !== undefined) {
      nextOneOff++;
      paths.push(toPath(random() < 0.3 ? { search: term, stage: [pick(random, source.stages)] } : { search: term }));
    } else paths.push(popularPath());
  }
  return paths;
}
