import { describe, expect, it } from 'vitest';
import { DEMO_TAGS, DEMO_REFERENCE_DATE, generateDemoLeads } from '../../src/demo-api/generate-leads';
import { PRIORITIES, isValidLeadId, type Lead } from '../../src/shared/lead';
import { PIPELINE_STAGES } from '../../src/shared/lead-fields';

const leads = generateDemoLeads(2500);

describe('generateDemoLeads: determinism', () => {
  it('gives identical output for the same count and seed', () => {
    expect(generateDemoLeads(2500)).toEqual(leads);
    expect(generateDemoLeads(300, 7)).toEqual(generateDemoLeads(300, 7));
  });

  it('makes lead i independent of the count (a smaller set is a prefix of a bigger one)', () => {
    expect(generateDemoLeads(100)).toEqual(leads.slice(0, 100));
  });

  it('gives different data for a different seed, with seed 1 as the default', () => {
    expect(generateDemoLeads(50, 1)).toEqual(leads.slice(0, 50));
    const other = generateDemoLeads(50, 2);
    expect(other.map((l) => l.id)).not.toEqual(leads.slice(0, 50).map((l) => l.id));
  });

  it('does not depend on the clock', () => {
    const reference = Date.parse(DEMO_REFERENCE_DATE);
    const created = leads.flatMap((l) => (l.created_at ? [Date.parse(l.created_at)] : []));
    expect(Math.max(...created)).toBeLessThanOrEqual(reference);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => generateDemoLeads(-1)).toThrow(RangeError);
    expect(() => generateDemoLeads(1.5)).toThrow(RangeError);
    expect(generateDemoLeads(0)).toEqual([]);
  });
});

describe('generateDemoLeads: the data has what clients must cope with', () => {
  it('has unique ids that are valid dashboard lead ids', () => {
    const ids = leads.map((l) => l.id);
    expect(new Set(ids).size).toBe(leads.length);
    for (const id of ids) expect(isValidLeadId(id), String(id)).toBe(true);
  });

  it('has names with accents and in non-Latin scripts', () => {
    const names = leads.flatMap((l) => (typeof l.name === 'string' ? [l.name] : []));
    const hasScript = (pattern: RegExp) => names.some((n) => pattern.test(n));
    expect(hasScript(/[áéíóúñÑçãëöüåøłżźš]/iu)).toBe(true); // Latin with diacritics
    expect(hasScript(/\p{Script=Han}/u)).toBe(true);
    expect(hasScript(/\p{Script=Cyrillic}/u)).toBe(true);
    expect(hasScript(/\p{Script=Arabic}/u)).toBe(true);
    expect(hasScript(/[ễệđĐ]/u)).toBe(true); // Vietnamese
    // Names whose base letters differ from their accented form (so accent folding is observable).
    expect(names.some((n) => n.normalize('NFKD').replace(/\p{M}/gu, '') !== n && /^[\p{Script=Latin} '-]+$/u.test(n))).toBe(true);
  });

  it('has about 15% archived leads, each with archived_at', () => {
    const archived = leads.filter((l) => l.archived === true);
    expect(archived.length / leads.length).toBeGreaterThan(0.1);
    expect(archived.length / leads.length).toBeLessThan(0.2);
    for (const lead of archived) expect(Number.isNaN(Date.parse(lead.archived_at ?? ''))).toBe(false);
  });

  it('has both null and absent optional fields', () => {
    const optional: (keyof Lead)[] = [
      'email',
      'phone',
      'stage',
      'tags',
      'priority',
      'projected_value',
      'value_score',
      'follow_up_date',
      'location',
      'notes',
      'assigned_to',
      'created_at',
      'archived',
    ];
    for (const key of optional) {
      expect(
        leads.some((l) => key in l && l[key] === null),
        `${key} null`,
      ).toBe(true);
      expect(
        leads.some((l) => !(key in l)),
        `${key} absent`,
      ).toBe(true);
    }
  });

  it('has equal created_at values, and some leads without created_at', () => {
    const counts = new Map<string, number>();
    for (const l of leads) if (l.created_at) counts.set(l.created_at, (counts.get(l.created_at) ?? 0) + 1);
    expect([...counts.values()].filter((c) => c > 1).length).toBeGreaterThan(10);
    expect(leads.some((l) => l.created_at === null)).toBe(true);
    expect(leads.some((l) => !('created_at' in l))).toBe(true);
    // Already in a small set, so small fixtures carry ties too.
    const small = generateDemoLeads(100);
    expect(new Set(small.map((l) => l.created_at)).size).toBeLessThan(small.length);
  });

  it('spreads created_at over about two years before the reference date', () => {
    const reference = Date.parse(DEMO_REFERENCE_DATE);
    const ages = leads.flatMap((l) => (l.created_at ? [(reference - Date.parse(l.created_at)) / 86_400_000] : []));
    expect(Math.min(...ages)).toBeLessThan(10);
    expect(Math.max(...ages)).toBeGreaterThan(700);
    expect(Math.max(...ages)).toBeLessThanOrEqual(731);
  });

  it('uses exactly the 8 stages, plus some null', () => {
    const stages = new Set(leads.map((l) => l.stage).filter((s) => typeof s === 'string'));
    expect([...stages].sort()).toEqual([...PIPELINE_STAGES].sort());
    expect(PIPELINE_STAGES).toEqual(['New', 'Contacted', 'Qualified', 'Appointment Set', 'Proposal Sent', 'Negotiation', 'Won', 'Lost']);
  });

  it('uses about 15 tags, 0-4 per lead, including the core trades', () => {
    const used = new Set(leads.flatMap((l) => l.tags ?? []));
    expect(used.size).toBeGreaterThanOrEqual(12);
    expect(used.size).toBe(DEMO_TAGS.length);
    for (const tag of ['solar', 'roofing', 'hvac', 'windows', 'referral', 'hot', 'commercial', 'residential'])
      expect(used.has(tag)).toBe(true);
    for (const lead of leads) if (Array.isArray(lead.tags)) expect(lead.tags.length).toBeLessThanOrEqual(4);
    expect(leads.some((l) => Array.isArray(l.tags) && l.tags.length === 0)).toBe(true);
    for (const tag of used) expect(tag).not.toContain(','); // tags travel comma-separated
  });

  it('has every phone format, and valid priorities, scores and locations', () => {
    const phones = leads.flatMap((l) => (typeof l.phone === 'string' ? [l.phone] : []));
    for (const format of [
      /^\(555\) \d{3}-\d{4}$/,
      /^555-\d{3}-\d{4}$/,
      /^\+1 555 \d{3} \d{4}$/,
      /^555\.\d{3}\.\d{4}$/,
      /^\+44 20 7946 \d{4}$/,
    ]) {
      expect(
        phones.some((p) => format.test(p)),
        String(format),
      ).toBe(true);
    }
    for (const lead of leads) {
      if (lead.priority != null) expect(PRIORITIES).toContain(lead.priority);
      if (lead.value_score != null) expect(lead.value_score).toBeGreaterThanOrEqual(0);
      if (lead.value_score != null) expect(lead.value_score).toBeLessThanOrEqual(100);
      if (lead.location != null) expect(lead.location).toHaveLength(2);
    }
    const values = leads.flatMap((l) => (typeof l.projected_value === 'number' ? [l.projected_value] : []));
    expect(new Set(values).size).toBeLessThan(values.length); // equal values exist
  });

  it('has follow-ups in the past and the future of the reference date, about 10 reps', () => {
    const reference = Date.parse(DEMO_REFERENCE_DATE);
    const followUps = leads.flatMap((l) => (l.follow_up_date ? [Date.parse(l.follow_up_date)] : []));
    expect(followUps.some((t) => t < reference)).toBe(true);
    expect(followUps.some((t) => t > reference)).toBe(true);
    expect(new Set(leads.map((l) => l.assigned_to).filter(Boolean)).size).toBe(10);
  });

  it('has notes that need CSV quoting and formula escaping', () => {
    const notes = leads.flatMap((l) => (typeof l.notes === 'string' ? [l.notes] : []));
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(notes.some((n) => n.includes('"'))).toBe(true);
    expect(notes.some((n) => n.includes('\n'))).toBe(true);
    for (const start of ['=', '+', '-', '@'])
      expect(
        notes.some((n) => n.startsWith(start)),
        start,
      ).toBe(true);
  });

  it('generates 100,000 leads with unique ids (its speed is measured by npm run bench, not here)', () => {
    const many = generateDemoLeads(100_000);
    expect(many).toHaveLength(100_000);
    expect(new Set(many.map((lead) => lead.id)).size).toBe(100_000);
  });
});
