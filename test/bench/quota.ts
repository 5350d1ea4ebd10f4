// Quota section: one simulated working day against the real server composition (buildApp: routes,
// LeadStore, QuotaBudget, RotorClient) and the real demo API over loopback, both on one fake clock,
// so 8 hours replay in seconds. Each user action is the request the SPA makes (`/api/leads?...` or
// `/api/leads/:id`), sent with inject. The refresh timer cannot fire on a fake clock, so before each
// action the driver does what the timer would have done: when /api/status says a refresh was due,
// it moves the clock there and makes one request, which starts the same background sync.
// Upstream requests are counted from the demo API's own request log.
import { setTimeout as sleep } from 'node:timers/promises';
import { createDemoApi } from '../../src/demo-api/app';
import { buildApp } from '../../src/server/app';
import type { LeadsResponse, StatusResponse } from '../../src/shared/api-types';
import { leadQueryToSearchParams } from '../../src/shared/lead-query';
import { round } from './lib/stats';
import { distinctPerWindow, listQueryKey, passthroughRequests, simulateWorkday } from './workday';
import { loadMixSourceFromResponse } from './query-mix';

const QUOTA_API_KEY = 'bench-quota-key';
/** A weekday morning; the day's quota counters start at 00:00 UTC. */
const DAY_START = Date.parse('2026-11-24T08:30:00.000Z');

export interface QuotaResult {
  users: number;
  interactions: number;
  upstream_requests: number;
  passthrough_requests: number;
  /** Same sequence, distinct requests per fixed 60 s window (instead of a 60 s cache lifetime). */
  passthrough_requests_fixed_windows: number;
  daily_limit: number;
  /** What the server's own quota counter (/api/status upstream_requests_today) says: should equal upstream_requests. */
  server_counted_requests: number;
  syncs: number;
  ratio_to_passthrough: number;
  sim_wall_ms: number;
  by_action: Record<string, number>;
}

export async function runQuotaBench(options: {
  leads: number;
  users: number;
  hours: number;
  seed: number;
  log: (line: string) => void;
}): Promise<QuotaResult> {
  const started = performance.now();
  let clockMs = DAY_START;
  const now = () => clockMs;
  const dailyLimit = 1000;
  const demoApi = createDemoApi({ leadCount: options.leads, seed: 1, apiKey: QUOTA_API_KEY, now, dailyLimit });
  const upstreamUrl = await demoApi.listen();
  const app = await buildApp({
    logger: false,
    now,
    config: {
      port: 0,
      host: '127.0.0.1',
      syncTtlSeconds: 300,
      dailyLimit,
      demoLeadCount: undefined,
    },
    upstream: { url: upstreamUrl, apiKey: QUOTA_API_KEY, source: 'demo' },
  });
  try {
    await app.ready();
    const getStatus = async () => (JSON.parse((await app.inject('/api/status')).body) as StatusResponse).data;
    /** A sync runs in real time; the fake clock stands still until it is done, as it would take ~no time. */
    const settleSync = async () => {
      for (let i = 0; i < 6000 && (await getStatus()).syncing; i++) await sleep(5);
    };
    const list = async (path: string) => {
      const response = await app.inject(path);
      if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
      return JSON.parse(response.body) as LeadsResponse;
    };

    // Boot: the first request waits for the first sync. The users' vocabulary comes from that data.
    const first = await list('/api/leads?limit=1000&archived=true');
    await settleSync();
    const source = loadMixSourceFromResponse(first, options.seed);
    const actions = simulateWorkday({
      users: options.users,
      startMs: DAY_START + 30 * 60_000,
      hours: options.hours,
      seed: options.seed,
      ...source,
    });

    const rowsOfUser = new Map<number, string[]>();
    const upstreamKeys: { atMs: number; upstreamKey: string }[] = [];
    const byAction: Record<string, number> = {};
    for (const action of actions) {
      // What the refresh timer would have done since the previous action.
      for (;;) {
        const next = (await getStatus()).next_refresh_at;
        const dueAt = next === null ? Infinity : Date.parse(next);
        if (dueAt > action.atMs) break;
        clockMs = Math.max(clockMs, dueAt);
        await list('/api/leads');
        await settleSync();
        if ((await getStatus()).next_refresh_at === next) break; // nothing started (quota): wait for users
      }
      clockMs = action.atMs;
      byAction[action.kind] = (byAction[action.kind] ?? 0) + 1;
      if (action.kind === 'open-lead') {
        const rows = rowsOfUser.get(action.user) ?? [];
        const id = rows[(action.row ?? 0) % Math.max(1, rows.length)];
        if (id === undefined) continue;
        const response = await app.inject(`/api/leads/${encodeURIComponent(id)}`);
        if (response.statusCode !== 200) throw new Error(`/api/leads/${id} answered ${response.statusCode}`);
        upstreamKeys.push({ atMs: action.atMs, upstreamKey: `lead/${id}` });
      } else {
        const body = await list(`/api/leads?${leadQueryToSearchParams(action.query)}`);
        rowsOfUser.set(
          action.user,
          body.data.map((lead) => lead.id).filter((id): id is string => typeof id === 'string'),
        );
        upstreamKeys.push({ atMs: action.atMs, upstreamKey: `list?${listQueryKey(action.query)}` });
      }
      await settleSync();
    }
    await settleSync();

    const upstreamRequests = demoApi.requests.length;
    const serverCounted = (await getStatus()).upstream_requests_today;
    const passthrough = passthroughRequests(upstreamKeys);
    const pagesPerSync = Math.ceil(options.leads / 1000);
    const result: QuotaResult = {
      users: options.users,
      interactions: upstreamKeys.length,
      upstream_requests: upstreamRequests,
      passthrough_requests: passthrough,
      passthrough_requests_fixed_windows: distinctPerWindow(upstreamKeys),
      daily_limit: dailyLimit,
      server_counted_requests: serverCounted,
      syncs: round(upstreamRequests / pagesPerSync, 1),
      ratio_to_passthrough: round(upstreamRequests / passthrough, 4),
      sim_wall_ms: Math.round(performance.now() - started),
      by_action: byAction,
    };
    options.log(
      `  ${result.interactions} interactions by ${result.users} users over ${options.hours} h: ` +
        `${upstreamRequests} upstream requests (${result.syncs} syncs) vs ${passthrough} for a pass-through with a 60 s cache ` +
        `(simulated in ${result.sim_wall_ms} ms)`,
    );
    return result;
  } finally {
    await app.close();
    await demoApi.close();
  }
}
