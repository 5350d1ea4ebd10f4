// /api/leads keeps what a query string reads as (routes/lead-request.ts), with its `today` bounds resolved
// only for the day in `tz` they were resolved in. Through the real app on a fake clock: the same URL asked a
// minute before and a minute after midnight in its zone, next to a DST change, and after the clock steps back, gets
// the rows the reference gives at each clock; and (me) follows the caller's `me`, not the first caller's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/shared/lead';
import { startHarness, type Harness } from '../support/dashboard-harness';
import { fakeClock } from '../support/fake-clock';

const clock = fakeClock(Date.parse('2026-11-01T03:59:00Z'));
let h: Harness;
let leads: Lead[];

beforeAll(async () => {
  h = await startHarness({ demo: { leadCount: 400, seed: 23, dailyLimit: 1_000_000 }, now: clock.now });
  leads = h.demo.leads;
});
afterAll(() => h.close());

/** Leads whose follow-up falls in [from, to) (instants), archived included. */
const followUpsIn = (from: string, to: string) =>
  leads.filter(
    (l) =>
      typeof l.follow_up_date === 'string' &&
      Date.parse(l.follow_up_date) >= Date.parse(from) &&
      Date.parse(l.follow_up_date) < Date.parse(to),
  ).length;

describe('the read-query memo', () => {
  it('re-resolves `today` at midnight in tz, and after the clock steps back', async () => {
    const url = '/api/leads?follow_up_date=today..today%2B1&tz=America/New_York&archived=true&limit=1';
    const totalAt = async (iso: string) => {
      clock.set(Date.parse(iso));
      return (await h.getJson(url)).body.pagination.total as number;
    };
    // 23:59 on Oct 31 in New York (UTC−4): Oct 31 and Nov 1; Nov 1 is 25 hours long (back to UTC−5 at 02:00).
    const oct31andNov1 = followUpsIn('2026-10-31T04:00:00Z', '2026-11-02T05:00:00Z');
    const nov1and2 = followUpsIn('2026-11-01T04:00:00Z', '2026-11-03T05:00:00Z');
    expect(oct31andNov1).not.toBe(nov1and2);
    expect(await totalAt('2026-11-01T03:59:00Z')).toBe(oct31andNov1);
    expect(await totalAt('2026-11-01T03:59:59.999Z')).toBe(oct31andNov1);
    expect(await totalAt('2026-11-01T04:00:00Z')).toBe(nov1and2);
    expect(await totalAt('2026-11-01T04:01:00Z')).toBe(nov1and2);
    expect(await totalAt('2026-11-01T03:58:00Z')).toBe(oct31andNov1); // the clock stepped back
    expect(await totalAt('2026-11-01T04:02:00Z')).toBe(nov1and2);
  });

  it('resolves (me) per caller: the same query string with another me param', async () => {
    const owners = [...new Set(leads.map((l) => l.assigned_to).filter((o): o is string => typeof o === 'string'))].slice(0, 2);
    expect(owners).toHaveLength(2);
    for (const owner of [...owners, ...owners]) {
      const answer = (await h.getJson(`/api/leads?assigned_to=(me)&archived=true&limit=1&me=${encodeURIComponent(owner)}`)).body;
      expect(answer.pagination.total).toBe(leads.filter((l) => l.assigned_to === owner).length);
    }
    // The same query string without me: (me) matches nothing.
    expect((await h.getJson('/api/leads?assigned_to=(me)&archived=true&limit=1')).body.pagination.total).toBe(0);
  });
});
