// The proxy bench's floor: the server exactly as main.ts composes it (buildApp with the same config,
// production logging, security headers, compression, error handling, static SPA), plus one route that
// answers a precomputed JSON body (read from BENCH_FLOOR_BODY_FILE as a Buffer, encoded once) with no
// work per request, as the proxy's response cache sends its ready bytes. Whatever
// /api/leads costs beyond this is the query engine and serialisation.
// Run by proxy.ts as `node --import tsx test/bench/floor-server.ts` with the server's env.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { resolveUpstream } from '../../src/server/upstream/resolve-upstream';

const FLOOR_PATH = '/bench/floor';
const bodyFile = process.env.BENCH_FLOOR_BODY_FILE;
if (!bodyFile) throw new Error('BENCH_FLOOR_BODY_FILE is required');
const body: Buffer = readFileSync(bodyFile);

const config = loadConfig(process.env);
if (config.upstream.kind !== 'rotor') throw new Error('the floor server needs ROTOR_API_URL (a demo API process)');
const { upstream } = await resolveUpstream(config);
const distDir = path.join(import.meta.dirname, '..', '..', 'dist');
const app = await buildApp({ config, upstream, logger: { level: config.logLevel ?? 'info' }, staticDir: distDir });
app.get(FLOOR_PATH, async (_request, reply) => {
  reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
  return body;
});
await app.listen({ host: config.host, port: config.port });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
