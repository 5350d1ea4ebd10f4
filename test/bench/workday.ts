// A simulated working day of a sales team using the dashboard (seeded, so every run replays the
// same day): each user alternates short browsing bursts (facet clicks, searches, sorts, paging,
// opening leads, a few seconds apart) with longer stretches away (calls, visits).
import {
  canonicalLeadQuery,
  DEFAULT_LEAD_QUERY,
  SORT_FIELDS,
  leadQueryToSearchParams,
  type FacetSelection,
  type LeadQuery,
} from '../../src/shared/lead-query';
import { pick, seededRandom } from './lib/stats';

export type ActionKind =
  'load' | 'stage' | 'tag' | 'search' | 'clear-search' | 'sort' | 'next-page' | 'previous-page' | 'open-lead' | 'clear-filters';

export interface UserAction {
  atMs: number;
  user: number;
  kind: ActionKind;
  /** The list the dashboard shows after the action (what it asks `/api/leads` for). */
  query: LeadQuery;
  /** For open-lead: which row of the current page the user opens (0-based; the driver resolves the id). */
  row?: number;
}

export interface WorkdayOptions {
  users: number;
  startMs: number;
  hours: number;
  seed: number;
  stages: string[];
  tags: string[];
  searchTerms: string[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** [weight, kind] of the actions inside a burst. */
const ACTION_WEIGHTS: [number, ActionKind][] = [
  [22, 'stage'],
  [10, 'tag'],
  [14, 'search'],
  [4, 'clear-search'],
  [10, 'sort'],
  [16, 'next-page'],
  [5, 'previous-page'],
  [15, 'open-lead'],
  [4, 'clear-filters'],
];

function chooseAction(random: () => number): ActionKind {
  const total = ACTION_WEIGHTS.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, kind] of ACTION_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'stage';
}

function toggle(selected: FacetSelection, value: string): FacetSelection {
  const { values } = selected;
  return { ...selected, values: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] };
}

export function simulateWorkday(options: WorkdayOptions): UserAction[] {
  const endMs = options.startMs + options.hours * 60 * MINUTE;
  const actions: UserAction[] = [];
  for (let user = 0; user < options.users; user++) {
    const random = seededRandom(options.seed * 1000 + user);
    // People arrive over the first half hour.
    let at = options.startMs + random() * 30 * MINUTE;
    let query: LeadQuery = { ...DEFAULT_LEAD_QUERY };
    while (at < endMs) {
      // A burst starts by (re)loading the dashboard on the view the URL holds.
      actions.push({ atMs: at, user, kind: 'load', query });
      const burstLength = 3 + Math.floor(random() * 10);
      for (let i = 0; i < burstLength && at < endMs; i++) {
        at += (3 + random() * 27) * SECOND; // reading the table, deciding
        const kind = chooseAction(random);
        let row: number | undefined;
        switch (kind) {
          case 'stage':
            query = { ...query, stage: toggle(query.stage, pick(random, options.stages)), page: 1 };
            break;
          case 'tag':
            query = { ...query, tags: toggle(query.tags, pick(random, options.tags)), page: 1 };
            break;
          case 'search':
            query = { ...query, search: pick(random, options.searchTerms), page: 1 };
            break;
          case 'clear-search':
            query = { ...query, search: '', page: 1 };
            break;
          case 'sort':
            query = { ...query, sort: [{ field: pick(random, SORT_FIELDS), descending: random() < 0.5 }], page: 1 };
            break;
          case 'next-page':
            query = { ...query, page: query.page + 1 };
            break;
          case 'previous-page':
            query = { ...query, page: Math.max(1, query.page - 1) };
            break;
          case 'open-lead':
            row = Math.floor(random() * 20);
            break;
          case 'clear-filters':
            query = { ...DEFAULT_LEAD_QUERY, sort: query.sort };
            break;
          default:
            break;
        }
        actions.push({ atMs: at, user, kind, query, ...(row === undefined ? {} : { row }) });
      }
      at += (2 + random() * 25) * MINUTE; // away: calls, visits, meetings
    }
  }
  return actions.filter((action) => action.atMs < endMs).sort((a, b) => a.atMs - b.atMs || a.user - b.user);
}

/** The canonical query string of a list view: one distinct upstream query for a pass-through proxy. */
export function listQueryKey(query: LeadQuery): string {
  return leadQueryToSearchParams(canonicalLeadQuery(query)).toString();
}

/**
 * What a pass-through proxy with a 60 s response cache spends on the same day: each action's upstream
 * request (its list query, or the opened lead) is a call unless the same request was fetched less
 * than 60 s before. Counted as one call per distinct request, which favours the pass-through: Rotor
 * cannot sort, count facets or filter several stages, so a real one would need more.
 */
export function passthroughRequests(actions: { atMs: number; upstreamKey: string }[], cacheMs = 60_000): number {
  const fetchedAt = new Map<string, number>();
  let calls = 0;
  for (const { atMs, upstreamKey } of actions) {
    const last = fetchedAt.get(upstreamKey);
    if (last !== undefined && atMs - last < cacheMs) continue;
    fetchedAt.set(upstreamKey, atMs);
    calls += 1;
  }
  return calls;
}

/** The wording taken literally: distinct upstream requests per fixed 60 s window, summed. */
export function distinctPerWindow(actions: { atMs: number; upstreamKey: string }[], windowMs = 60_000): number {
  const seen = new Set<string>();
  for (const { atMs, upstreamKey } of actions) seen.add(`${Math.floor(atMs / windowMs)}|${upstreamKey}`);
  return seen.size;
}
