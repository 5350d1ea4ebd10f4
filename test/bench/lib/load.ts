// Load generation with autocannon's programmatic API: N connections, each request's path drawn from
// one shared generator (autocannon's per-request `setupRequest` hook), so every request of the run
// is the mix's next one and nothing is cycled.
// Latencies are collected per response (ms, sub-ms precision) so several slices of one target can
// be pooled into one distribution.
import autocannon from 'autocannon';
import { percentile, round } from './stats';

export interface LoadSlice {
  durationSeconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  bytes: number;
  latenciesMs: number[];
}

export interface LoadSummary {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  avg_bytes: number;
  seconds: number;
}

export async function runLoad(options: {
  baseUrl: string;
  /** The next request's path; called once per request sent. */
  nextPath: () => string;
  connections: number;
  durationSeconds: number;
}): Promise<LoadSlice> {
  const { baseUrl, nextPath } = options;
  const latenciesMs: number[] = [];
  // Without a callback autocannon returns its tracker (an EventEmitter) made thenable.
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: 'GET',
        setupRequest(request) {
          request.path = nextPath();
          return request;
        },
      },
    ],
  }) as Promise<autocannon.Result> & autocannon.Instance;
  void instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  return {
    durationSeconds: result.duration,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytes: result.throughput.total,
    latenciesMs,
  };
}

/** Pools slices of one target: rate over their summed time, percentiles over all their responses. */
export function summarize(slices: LoadSlice[]): LoadSummary {
  const seconds = slices.reduce((sum, s) => sum + s.durationSeconds, 0);
  const requests = slices.reduce((sum, s) => sum + s.requests, 0);
  const latencies = slices.flatMap((s) => s.latenciesMs);
  return {
    rps: Math.round(requests / seconds),
    p50_ms: round(percentile(latencies, 50), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    requests,
    non2xx: slices.reduce((sum, s) => sum + s.non2xx, 0),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    avg_bytes: requests > 0 ? Math.round(slices.reduce((sum, s) => sum + s.bytes, 0) / requests) : 0,
    seconds: round(seconds, 1),
  };
}
