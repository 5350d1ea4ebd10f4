// Leads held as JSON bytes (lead-texts.ts): what a sync's download keeps until the merge and what a compacted
// index answers with. Each text must read back exactly as written, across chunk boundaries and with
// multi-byte characters, whether it was written from a string or copied from another LeadTexts.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import type { Lead } from '../../src/shared/lead';
import { LeadIndex } from '../../src/server/lead-index/lead-index';
import { LeadTexts, LeadTextsWriter } from '../../src/server/lead-index/lead-texts';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { mergeFullSync } from '../../src/server/sync/change-tracking';
import { fetchAllPages, type LeadSource } from '../../src/server/sync/fetch-pages';
import { parseLeadPageText } from '../../src/server/upstream/lead-page-text';
import { sanitizeLead } from '../../src/server/upstream/sanitize-lead';

const NOW = '2026-12-02T10:00:00.000Z';

describe('LeadTexts', () => {
  it('reads back every text, object and byte view as written, across chunks and multi-byte text', () => {
    const leads = generateDemoLeads(2500, 3).map((lead, i) => (i % 7 === 0 ? { ...lead, name: `Żółć ${i} 😀 "q"` } : lead));
    // A small scratch to start with: it has to grow while a chunk is written.
    const writer = new LeadTextsWriter(1, 1024);
    const chunkEnds: number[] = [];
    leads.forEach((lead, i) => {
      if (writer.add(JSON.stringify(lead))) chunkEnds.push(i);
    });
    const texts = writer.finish();
    expect(chunkEnds).toEqual([1023, 2047]);
    expect(texts.length).toBe(2500);
    for (let i = 0; i < leads.length; i++) {
      expect(texts.textAt(i)).toBe(JSON.stringify(leads[i]));
      expect(Buffer.from(texts.bytesAt(i)).toString('utf8')).toBe(JSON.stringify(leads[i]));
    }
    expect(Array.from(texts)).toEqual(leads);
    expect(texts.at(2499)).toEqual(leads[2499]);
    expect(texts.at(2500)).toBeUndefined();
    expect(texts.at(-1)).toBeUndefined();

    // Copied from texts (bytes) and from objects, interleaved: the same texts.
    const copy = new LeadTextsWriter();
    for (let i = 0; i < leads.length; i++) copy.addFrom(i % 2 === 0 ? texts : leads, i);
    const copied = copy.finish();
    for (let i = 0; i < leads.length; i++) expect(copied.textAt(i)).toBe(texts.textAt(i));
    expect(new LeadTextsWriter().finish().length).toBe(0);
  });

  it("holds a sync's download as texts: each page's leads parsed, sanitised and written at once", async () => {
    const leads = generateDemoLeads(2100, 5);
    const pages = [0, 1000, 2000].map((from) =>
      JSON.stringify({ data: leads.slice(from, from + 1000), pagination: { has_more: from + 1000 < leads.length, total: leads.length } }),
    );
    const source: LeadSource = {
      async listLeads({ page = 1 }) {
        const text = pages[page - 1] as string;
        const parsed = await parseLeadPageText(text, text.length, new TimeSlice());
        expect(parsed?.leads).toBeInstanceOf(LeadTexts);
        return parsed!;
      },
    };
    const fetched = await fetchAllPages(source, { pageLimit: 1000, maxPages: 10, maxLeads: 10_000, maxBytes: 1e9 }, {});
    expect(fetched.leads).toBeInstanceOf(LeadTexts);
    expect(fetched.received).toBe(2100);
    for (const i of [0, 999, 1000, 2099])
      expect(fetched.leads.textAt(i)).toBe(JSON.stringify(sanitizeLead(leads[i] as Record<string, unknown>)));
  });

  it('merges leads read from texts into the same leads, keys in the same order, as the objects', async () => {
    const leads = generateDemoLeads(1500, 9).map((lead, i) =>
      // Upstream values under the tracked names are overwritten where they stand.
      i % 5 === 0 ? ({ first_seen_at: 'upstream', ...lead, previous_stage: 7 } as unknown as Lead) : lead,
    );
    const writer = new LeadTextsWriter();
    for (const lead of leads) writer.add(JSON.stringify(lead));
    const texts = writer.finish();
    const held = LeadIndex.build(
      generateDemoLeads(1500, 9)
        .slice(0, 1000)
        .map((lead, i) => ({ ...lead, stage: i % 3 === 0 ? 'Won' : lead.stage, first_seen_at: '2026-01-01T00:00:00.000Z' })),
    );
    for (const consistent of [true, false]) {
      const fromObjects = await mergeFullSync(leads, held, consistent, NOW);
      const fromTexts = await mergeFullSync(texts, held, consistent, NOW);
      expect(fromTexts.leads.map((lead) => JSON.stringify(lead))).toEqual(fromObjects.leads.map((lead) => JSON.stringify(lead)));
    }
    expect(JSON.stringify(leads[0])).toContain('"first_seen_at":"upstream"'); // the objects given are not stamped
  });
});
