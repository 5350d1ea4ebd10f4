// A lead list page parsed a lead at a time between pauses (lead-page-text.ts) must give exactly what one
// JSON.parse and parseLeadPageAsync give: the same page, the same refusals, the same verdict on a body that
// is not JSON or not a lead list. Each text below is judged both ways.
import { describe, expect, it } from 'vitest';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { TimeSlice } from '../../src/server/runtime/time-slice';
import { parseLeadPageAsync, type LeadPage } from '../../src/server/upstream/lead-page';
import { parseLeadPageText, splitDataArray } from '../../src/server/upstream/lead-page-text';

type Verdict = { page: unknown } | { error: string };

/** A page with its leads as objects (the sliced parse holds them as JSON texts, one JSON.parse's as objects). */
async function judged(run: () => Promise<LeadPage | null>): Promise<Verdict> {
  try {
    const page = await run();
    return { page: page === null ? null : { ...page, leads: Array.from(page.leads) } };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

async function expectSameVerdict(text: string): Promise<Verdict> {
  const whole = await judged(() => parseLeadPageAsync(JSON.parse(text) as unknown, text.length, new TimeSlice()));
  // A 0 ms budget: a pause after every check of the clock, so the pieces really are parsed apart.
  const sliced = await judged(() => parseLeadPageText(text, text.length, new TimeSlice(0)));
  expect(sliced).toEqual(whole);
  return whole;
}

const pagination = '"pagination":{"has_more":true,"page":2,"limit":3,"total":9}';

describe('parseLeadPageText', () => {
  it('parses a demo page of 1,000 leads as one JSON.parse does, split at every lead', async () => {
    const leads = generateDemoLeads(1000, 7);
    const text = JSON.stringify({ data: leads, pagination: { has_more: false, page: 1, limit: 1000, total: 1000 } });
    expect((await splitDataArray(text, new TimeSlice()))?.elements.length).toBe(2000);
    const verdict = await expectSameVerdict(text);
    expect((verdict as { page: { leads: unknown[] } }).page.leads).toHaveLength(1000);
  });

  it('gives the same page for texts whose strings hold brackets, commas, quotes and escapes', async () => {
    const tricky = [
      `{"data":[{"id":"a,]}","name":"x\\"],[{"},{"id":"b","tags":["[","]",","],"n":{"data":[1,2]}}],${pagination}}`,
      ` \n{ "data" : [ ] , ${pagination} }\n `,
      `{"data":[\t],${pagination}}`,
      `{${pagination},"data":[{"id":"z\\\\"},{"id":"\\u0041"}]}`,
      `{"d\\u0061ta":[{"id":"escaped-key"}],${pagination}}`,
      `{"data":[{"id":"first"}],"data":[{"id":"second"}],${pagination}}`,
      `{"data":{"id":"not-a-list"},${pagination}}`,
      `{"data":"[{}]",${pagination}}`,
      `{"data":[{"id":"ok"},7,{"id":"after"}],${pagination}}`,
      `{"data":[{"id":1.5},{"id":null},{"id":"fine"},{"id":12}],${pagination}}`,
      `{"data":[{"id":"x"}],"pagination":{"has_more":"yes"}}`,
      `{"meta":{"data":[{"id":"nested"}]},"data":[{"id":"top"}],${pagination}}`,
      '[{"id":"an array"}]',
      '"just a string"',
    ];
    for (const text of tricky) await expectSameVerdict(text);
  });

  it('refuses what is not JSON exactly when one JSON.parse does', async () => {
    const broken = [
      `{"data":[{"id":"a"},],${pagination}}`,
      `{"data":[,{"id":"a"}],${pagination}}`,
      `{"data":[{"id":"a"}{"id":"b"}],${pagination}}`,
      `{"data":[\u00a0],${pagination}}`,
      `{"data":[{"id":"a"}],${pagination}} trailing`,
      `{"data":[{"id":"a"]},${pagination}}`,
      `{"data":[{"id":"a"}],${pagination}`,
      `{"data":[{"id":"unterminated}],${pagination}}`,
      `{"data":[{"id":"a"}]}}`,
      '',
    ];
    for (const text of broken) expect(await expectSameVerdict(text)).toEqual({ error: 'SyntaxError' });
  });

  it('lets timers run while a page is parsed', async () => {
    const text = JSON.stringify({ data: generateDemoLeads(1000, 3), pagination: { has_more: false } });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let ticksWhenDone = 0;
    await parseLeadPageText(text, text.length, new TimeSlice(1)).then(() => (ticksWhenDone = ticks));
    clearInterval(timer);
    expect(ticksWhenDone).toBeGreaterThan(0);
  });
});
