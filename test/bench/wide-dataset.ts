// The "wide" data set of issue 11's bench: demo leads whose free-form tags and owners have grown the way a real
// company's do (a tag per storm, campaign, neighbourhood; hundreds of reps), so facet lists are long and
// facet_limit matters. Tag and owner popularity follow Zipf (rank r: 1/r), so a few are common and most rare.
import type { Lead } from '../../src/shared/lead';
import { seededRandom } from './lib/stats';

export const WIDE_SHAPE = { tags: 3000, owners: 300 } as const;

function zipfPicker(random: () => number, count: number): () => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let r = 0; r < count; r++) cumulative[r] = total += 1 / (r + 1);
  return () => {
    const roll = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < roll) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** Rewrites each lead's tags (0–3 of 3,000) and owner (1 of 300, or none for ~8%) in place; deterministic per seed. */
export function widenLeads(leads: Lead[], shape: { tags: number; owners: number } = WIDE_SHAPE, seed = 5): Lead[] {
  const random = seededRandom(seed);
  const tag = zipfPicker(random, shape.tags);
  const owner = zipfPicker(random, shape.owners);
  for (const lead of leads) {
    const count = Math.floor(random() * 4);
    const tags = new Set<string>();
    while (tags.size < count) tags.add(`tag-${String(tag()).padStart(4, '0')}`);
    lead.tags = [...tags];
    lead.assigned_to = random() < 0.08 ? null : `u_${String(owner()).padStart(3, '0')}`;
  }
  return leads;
}
