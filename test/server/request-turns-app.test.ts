// Cold queries through the real app take turns (issue 14): many at once leave timers running between them,
// one alone runs at once, and each answer is the one the same query gets alone.
import { describe, expect, it } from 'vitest';
import type { LeadsResponse } from '../../src/shared/api-types';
import { SORT_FIELDS } from '../../src/shared/lead-query';
import { requestTurns } from '../../src/server/runtime/request-turns';
import { useHarnesses, type Harness } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const start = useHarnesses();
const LEADS = 20_000;

/** Distinct cold queries: every sort field both ways, with and without a search word. */
function coldQueries(): string[] {
  const urls: string[] = [];
  for (const field of SORT_FIELDS)
    for (const direction of ['', '-'])
      for (const search of ['', '&search=an']) urls.push(`/api/leads?sort=${direction}${field}&limit=50&archived=true${search}`);
  return urls;
}

/** The answer without `meta` (its synced_at differs between two servers). */
async function answerOf(h: Harness, url: string): Promise<Omit<LeadsResponse, 'meta'>> {
  const { status, body } = await h.getJson<LeadsResponse>(url);
  expect(status, url).toBe(200);
  const { meta: _meta, ...rest } = body;
  return rest;
}

describe('cold queries under load', () => {
  it('answer many at once in turns, with timers running between them, as they answer one at a time', async () => {
    const demo = { leadCount: LEADS, seed: 5 };
    // Both servers at the same instant: the answers hold when each lead was first seen.
    const startedAt = Date.now();
    const urls = coldQueries();
    const alone = await start({ demo, now: fakeClock(startedAt).now });
    const sequential: Array<Omit<LeadsResponse, 'meta'>> = [];
    for (const url of urls) sequential.push(await answerOf(alone, url));

    const loaded = await start({ demo, now: fakeClock(startedAt).now });
    const grantedBefore = requestTurns.grantedTotal;
    const inlineBefore = requestTurns.inlineTotal;
    // A 1 ms timer, re-armed all along, like monitorEventLoopDelay: how late it fires while the batch runs.
    const lateness: number[] = [];
    let running = true;
    const tick = (armedAt: number): void => {
      setTimeout(() => {
        lateness.push(performance.now() - armedAt - 1);
        if (running) tick(performance.now());
      }, 1);
    };
    const started = performance.now();
    tick(started);
    const together = await Promise.all(urls.map((url) => answerOf(loaded, url)));
    const batchMs = performance.now() - started;
    running = false;

    expect(together).toEqual(sequential);
    // Every query was cold on this server: each took a turn.
    expect(requestTurns.grantedTotal - grantedBefore).toBeGreaterThanOrEqual(urls.length);
    // Arriving together, most of them queued: only a turn's worth per event-loop iteration ran at once.
    expect(requestTurns.inlineTotal - inlineBefore).toBeLessThan(urls.length / 2);
    // Run back to back in one go, the timer would wait for the whole batch; in turns it fires all along
    // (how often depends on how long the batch takes on this machine, so no count tied to the batch's size).
    expect(lateness.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...lateness)).toBeLessThan(batchMs / 2);

    // A query's answer is cached on its second request (cache/second-sight.ts): asked again, each is cold once
    // more and takes a turn; asked a third time, they are cache hits, answered without a turn.
    const grantedSecond = requestTurns.grantedTotal;
    expect(await Promise.all(urls.map((url) => answerOf(loaded, url)))).toEqual(sequential);
    expect(requestTurns.grantedTotal - grantedSecond).toBeGreaterThanOrEqual(urls.length);
    const grantedWarm = requestTurns.grantedTotal;
    expect(await Promise.all(urls.map((url) => answerOf(loaded, url)))).toEqual(sequential);
    expect(requestTurns.grantedTotal).toBe(grantedWarm);

    // One cold query on a quiet loop runs at once: it pays no wait for a turn. The same query on `alone` (cold
    // there too, one grant each) may follow in the same iteration, as inject answers without I/O; it runs
    // inline only if the first left some of TURN_MS, which a slow machine's first does not.
    const inlineQuiet = requestTurns.inlineTotal;
    const lone = '/api/leads?sort=name&limit=50&archived=true&search=ol';
    expect(await answerOf(loaded, lone)).toEqual(await answerOf(alone, lone));
    expect(requestTurns.grantedTotal).toBe(grantedWarm + 2);
    expect(requestTurns.inlineTotal - inlineQuiet).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
