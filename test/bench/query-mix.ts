// A realistic mix of `GET /api/leads` queries, built from the data the server actually holds
// (its facet values and a sample of lead names, emails and phones), so it follows whatever the
// data set is. Weights approximate a sales team's use: mostly the default view and facet filters,
// then searches, sorts and paging; every answer is one 50-row page.
import type { LeadsResponse } from '../../src/shared/api-types';
import { SORT_FIELDS, leadQueryToSearchParams, type LeadQuery } from '../../src/shared/lead-query';
import { pick, seededRandom } from './lib/stats';

export interface MixSource {
  stages: string[];
  tags: string[];
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
    if (terms.size >= 150) break;
  }
  return {
    stages: body.facets.stage.map((f) => f.value),
    tags: body.facets.tags.map((f) => f.value),
    searchTerms: [...terms],
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

/** `count` distinct-ish request paths (`/api/leads?...`, 50 rows each), deterministic for a seed. */
export function buildQueryMix(source: MixSource, count = 400, seed = 11): string[] {
  const random = seededRandom(seed);
  const totalWeight = SCENARIOS.reduce((sum, [weight]) => sum + weight, 0);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    let roll = random() * totalWeight;
    let scenario = SCENARIOS[0]![1];
    for (const [weight, candidate] of SCENARIOS) {
      roll -= weight;
      if (roll < 0) {
        scenario = candidate;
        break;
      }
    }
    const params = leadQueryToSearchParams({ ...scenario(random, source), limit: 50 });
    params.set('limit', '50');
    paths.push(`/api/leads?${params}`);
  }
  return paths;
}
