// Facets, the archived switch, chips and search, checked against the server's answers.
import type { Page } from 'playwright-core';
import type { LeadsResponse } from '../../src/shared/api-types';
import { expect, it } from 'vitest';
import { COLLAPSED_VALUES } from '../../src/app/features/leads/components/sidebar/facet-group';
import { foldText } from '../../src/server/lead-index/fold-text';
import { useDashboard } from './support/dashboard';
import { describeInBrowser } from './support/suite';
import {
  archivedSwitch,
  escapeRegExp,
  expectListing,
  expectUrlParams,
  facetCheckbox,
  facetGroup,
  historyLength,
  searchBox,
  urlParams,
  visibleRowNames,
  POLL,
} from './support/ui';

/** Opens a long facet's full list ("Show all (n)"), when it has one. */
async function showAll(page: Page, facet: 'Stage' | 'Tags'): Promise<void> {
  const button = facetGroup(page, facet).getByRole('button', { name: /^Show all \(/ });
  if ((await button.count()) > 0) await button.click();
}

describeInBrowser('filters and search', () => {
  const e2e = useDashboard();

  it('one stage: the URL, the rows, the range and the other facet follow', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[1]!.value;
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await facetCheckbox(page, 'Stage', stage).check();
    await expectUrlParams(page, { stage });
    const expected = await e2e.dashboard.leads({ stage });
    await expectListing(page, expected);
    expect(await facetCheckbox(page, 'Stage', stage).isChecked()).toBe(true);
    // Disjunctive facets: stage counts ignore the stage filter, tag counts apply it. Tags is a long facet:
    // only its top 8 show until "Show all (n)" (docs/ui.md), so open it to see the five checked here.
    await showAll(page, 'Tags');
    for (const { value, count } of [...expected.facets.stage, ...expected.facets.tags.slice(0, 5)]) {
      const facet = expected.facets.stage.some((f) => f.value === value) ? 'Stage' : 'Tags';
      await facetGroup(page, facet)
        .getByRole('checkbox', { name: `${value} (${count})`, exact: true })
        .waitFor({ state: 'attached' });
    }
  });

  it('two stages show leads of either, and "Clear all" brings everything back', async () => {
    const initial = await e2e.dashboard.leads();
    const [first, second] = [initial.facets.stage[2]!.value, initial.facets.stage[3]!.value];
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await facetCheckbox(page, 'Stage', first).check();
    await expectUrlParams(page, { stage: first });
    await facetCheckbox(page, 'Stage', second).check();
    await expect.poll(() => (urlParams(page).stage ?? '').split(',').sort(), POLL).toEqual([first, second].sort());
    const both = await e2e.dashboard.leads({ stage: `${first},${second}` });
    expect(both.pagination.total).toBe(
      initial.facets.stage.find((f) => f.value === first)!.count + initial.facets.stage.find((f) => f.value === second)!.count,
    );
    await expectListing(page, both);

    // Each active filter is a removable chip.
    await page
      .getByRole('region', { name: 'Active filters' })
      .getByRole('button', { name: new RegExp(`^Remove.*${escapeRegExp(first)}`) })
      .click();
    await expectUrlParams(page, { stage: second });
    await expectListing(page, await e2e.dashboard.leads({ stage: second }));
    expect(await facetCheckbox(page, 'Stage', first).isChecked()).toBe(false);

    await facetCheckbox(page, 'Stage', first).check();
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expectUrlParams(page, {});
    await expectListing(page, initial);
  });

  it('an empty result says so and offers "Clear filters"', async () => {
    const initial = await e2e.dashboard.leads();
    const stage = initial.facets.stage[0]!.value;
    const nothing = 'zzqx-no-such-lead';
    const empty = await e2e.dashboard.leads({ stage, search: nothing });
    expect(empty.pagination.total).toBe(0);
    const page = await e2e.open(`/?${new URLSearchParams({ stage, search: nothing })}`);

    await expect.poll(() => visibleRowNames(page), POLL).toEqual([]);
    await expect.poll(async () => (await page.getByRole('main').innerText()).toLowerCase(), POLL).toMatch(/no leads/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectUrlParams(page, {});
    await expectListing(page, initial);
    expect(await searchBox(page).inputValue()).toBe('');
  });

  it('a tag filters to leads carrying it', async () => {
    const initial = await e2e.dashboard.leads();
    const tag = initial.facets.tags[0]!.value;
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await facetCheckbox(page, 'Tags', tag).check();
    await expectUrlParams(page, { tags: tag });
    const expected = await e2e.dashboard.leads({ tags: tag });
    expect(expected.pagination.total).toBe(initial.facets.tags[0]!.count);
    await expectListing(page, expected);
  });

  it('"Include archived" adds the archived leads', async () => {
    const initial = await e2e.dashboard.leads();
    const withArchived = await e2e.dashboard.leads({ archived: true });
    expect(withArchived.pagination.total).toBeGreaterThan(initial.pagination.total);
    const page = await e2e.open('/');
    await expectListing(page, initial);

    await archivedSwitch(page).click();
    await expectUrlParams(page, { archived: 'true' });
    await expectListing(page, withArchived);
  });

  it('typing a search replaces the history entry and the table follows', async () => {
    const all = await e2e.dashboard.leads({ limit: 1000 });
    // A surname-ish word of a lead deep in the list, so the match cannot be page 1 by accident.
    const target = all.data.slice(100).find((lead) => /^[A-Za-z]+ [A-Za-z]{5,}$/.test(lead.name ?? ''))!;
    const term = target.name!.split(' ')[1]!.slice(0, 5).toLowerCase();
    const expected = await e2e.dashboard.leads({ search: term });
    const everyMatch = await e2e.dashboard.leads({ search: term, limit: 1000 });
    expect(everyMatch.data.map((lead) => lead.id)).toContain(target.id);

    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());
    const before = await historyLength(page);
    await searchBox(page).click();
    await searchBox(page).pressSequentially(term, { delay: 40 });
    await expectUrlParams(page, { search: term });
    await expectListing(page, expected);
    expect(await historyLength(page)).toBe(before);
  });

  it('search is accent-insensitive: a name with an accent is found by typing it without', async () => {
    const all = await e2e.dashboard.leads({ limit: 1000 });
    // A word that folds (NFKD, marks removed) to plain ASCII letters different from itself: "Méndez" → "mendez".
    const accented = all.data
      .flatMap((lead) => (lead.name ?? '').split(/\s+/).map((word) => ({ lead, word })))
      .find(({ word }) => word.length >= 4 && foldText(word) !== word.toLowerCase() && /^[a-z]+$/.test(foldText(word)));
    expect(accented, 'the demo data should hold an accented name').toBeDefined();
    const typed = foldText(accented!.word);
    expect(typed).not.toBe(accented!.word.toLowerCase());
    const expected = await e2e.dashboard.leads({ search: typed });
    expect(expected.pagination.total).toBeLessThanOrEqual(expected.pagination.limit); // one page holds them all
    expect(expected.data.map((lead) => lead.id)).toContain(accented!.lead.id);

    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());
    await searchBox(page).fill(typed);
    await expectUrlParams(page, { search: typed });
    await expectListing(page, expected);
    expect(await visibleRowNames(page)).toContain(accented!.lead.name!.replace(/\s+/g, ' ').trim());
  });

  it('a phone number typed as bare digits finds the lead whatever its punctuation', async () => {
    const all = await e2e.dashboard.leads({ limit: 1000 });
    const lastSevenDigits = (phone: string) => phone.replace(/\D/g, '').slice(-7);
    // A punctuated phone: its last seven digits do not appear as written, so only digit matching finds it.
    const lead = all.data
      .slice(60)
      .find(
        (candidate) =>
          candidate.phone && lastSevenDigits(candidate.phone).length === 7 && !candidate.phone.includes(lastSevenDigits(candidate.phone)),
      )!;
    const digits = lastSevenDigits(lead.phone!);
    const expected = await e2e.dashboard.leads({ search: digits });
    expect(expected.data.map((match) => match.id)).toContain(lead.id);

    const page = await e2e.open('/');
    await expectListing(page, await e2e.dashboard.leads());
    await searchBox(page).fill(digits);
    await expectUrlParams(page, { search: digits });
    await expectListing(page, expected);
  });

  it('the Tags facet narrows its list as you type in its filter box', async () => {
    const initial = await e2e.dashboard.leads();
    const tags = initial.facets.tags.map((facet) => facet.value);
    // A fragment that some tags contain and others do not.
    const fragment = tags
      .map((tag) => tag.slice(1, 4))
      .find((part) => {
        const hits = tags.filter((tag) => tag.toLowerCase().includes(part.toLowerCase())).length;
        return hits > 0 && hits < tags.length;
      })!;
    const page = await e2e.open('/');
    await expectListing(page, initial);

    const tagCheckboxes = facetGroup(page, 'Tags').getByRole('checkbox');
    // A long facet shows its top 8 and "Show all (n)" (docs/ui.md); the filter box searches every listed value.
    // The no-value bucket ("None") is listed after them whenever the answer has one.
    const raw = (await e2e.dashboard.getJson<LeadsResponse>('/api/leads')).body;
    const noValueRow = raw.facets.tags.some((entry) => entry.value === null) ? 1 : 0;
    await expect.poll(() => tagCheckboxes.count(), POLL).toBe(Math.min(tags.length, COLLAPSED_VALUES) + noValueRow);
    if (tags.length > COLLAPSED_VALUES) {
      await facetGroup(page, 'Tags')
        .getByRole('button', { name: `Show all (${initial.facet_sizes.tags.toLocaleString('en')})`, exact: true })
        .waitFor({ state: 'attached' });
    }
    await facetGroup(page, 'Tags')
      .getByRole('textbox', { name: /filter tags/i })
      .fill(fragment);
    const expectedNames = initial.facets.tags
      .filter((facet) => facet.value.toLowerCase().includes(fragment.toLowerCase()))
      .map((facet) => `${facet.value} (${facet.count})`);
    await expect.poll(() => tagCheckboxes.evaluateAll((boxes) => boxes.length), POLL).toBe(expectedNames.length);
    for (const name of expectedNames) {
      await facetGroup(page, 'Tags').getByRole('checkbox', { name, exact: true }).waitFor({ state: 'attached' });
    }
    expect(urlParams(page)).toEqual({}); // narrowing the list is not a filter
  });
});
