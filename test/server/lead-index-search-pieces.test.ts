// The search texts are held in pieces of PIECE_LEADS leads (search-text.ts): every search path must answer
// across piece boundaries exactly as over one text — matches at a piece's first and last lead, a common word
// whose dense scan finds nothing in a whole piece and more in the next, 1–2 unit words, a unit beyond the
// bitset rows (the scan), a word holding the separator, the phone rules — built in one go and between pauses.
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { PIECE_LEADS } from '../../src/server/lead-index/search-text';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { matchesSearch } from '../support/reference-query-v2';
import { matching, query } from './support/lead-index-answers';

const COUNT = 3 * PIECE_LEADS + 100;
const EDGES = new Set([0, PIECE_LEADS - 1, PIECE_LEADS, 2 * PIECE_LEADS - 1, 2 * PIECE_LEADS, 3 * PIECE_LEADS, COUNT - 1]);
/** A CJK unit first seen after 300 others: beyond short-words.ts's bitset rows. */
const LATE_UNIT = String.fromCharCode(0x4e00 + 399);

function leadAt(i: number): Lead {
  const piece = Math.floor(i / PIECE_LEADS);
  const lead: Lead = {
    id: `l${i}`,
    // Pieces 0 and 2 hold "abcd"; piece 1 holds its trigrams ("abc", "bcd") but never the word.
    name: piece === 1 ? `abc bcd ${i}` : `xabcdx ${i}`,
    email: `user${i}@example.com`,
    phone: `+1 555 ${String(1_000_000 + i).slice(1)}`,
  };
  if (i < 300) lead.notes = String.fromCharCode(0x4e00 + i);
  if (EDGES.has(i)) {
    lead.email = `edge-q7@z.io`;
    lead.notes = `${LATE_UNIT}ÿ`;
    lead.property_city = `sep\u0000arated`;
  }
  return lead;
}

const leads = Array.from({ length: COUNT }, (_, i) => leadAt(i));
const position = (lead: Lead) => leads.indexOf(lead);
/** The positions of the leads an index matches, ascending (the order is the sort's business, tested elsewhere). */
const matched = (index: LeadIndex, search: string) =>
  matching(index, query({ search, archived: true }))
    .map(position)
    .sort((a, b) => a - b);
const searches = ['abcd', 'ABCD 1', 'abc bcd', 'edge-q7', 'q7', '7@', 'ÿ', LATE_UNIT, `${LATE_UNIT}ÿ`, 'p\u0000a', '555 000123', '0004095'];

describe('LeadIndex search over texts held in pieces', () => {
  it('matches like the reference across piece boundaries, built in one go and between pauses', async () => {
    const built = LeadIndex.build(leads);
    const builtAsync = await LeadIndex.buildAsync(leads, new TimeSlice(1));
    for (const search of searches) {
      const expected = leads.filter((lead) => matchesSearch(lead, search)).map(position);
      expect(matched(built, search), search).toEqual(expected);
      expect(matched(builtAsync, search), search).toEqual(expected);
    }
  });

  it('finds matches in the piece after one where the dense scan found none', () => {
    const index = LeadIndex.build(leads);
    const found = matched(index, 'abcd');
    expect(found).toEqual(leads.filter((lead) => matchesSearch(lead, 'abcd')).map(position));
    expect(found.some((i) => i >= 2 * PIECE_LEADS)).toBe(true);
    expect(found.some((i) => i >= PIECE_LEADS && i < 2 * PIECE_LEADS)).toBe(false);
  });
});
