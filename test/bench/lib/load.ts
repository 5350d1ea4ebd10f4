// Load generation with autocannon's programmatic API: N connections, each walking the request
// list from its own offset, so the server sees the whole mix interleaved, never in lockstep.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  avg_bytes: number;
}

export async function runLoad(options: {
  baseUrl: string;
  paths: string[];
  connections?: number;
  durationSeconds?: number;
}): Promise<LoadResult> {
  const { baseUrl, paths } = options;
  let nextClient = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections ?? 50,
    duration: options.durationSeconds ?? 10,
    requests: paths.map((path) => ({ method: 'GET', path })),
    setupClient(client) {
      const offset = Math.floor(((nextClient++ * 7919) % paths.length) || 0);
      const rotated = [...paths.slice(offset), ...paths.slice(0, offset)];
      client.setRequests(rotated.map((path) => ({ method: 'GET', path })));
    },
  });
  const completed = result.requests.total;
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: completed,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    avg_bytes: completed > 0 ? Math.round(result.throughput.total / completed) : 0,
  };
}
