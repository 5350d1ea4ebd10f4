// The built SPA: hashed files under /assets/ are cached for a year, index.html is revalidated on every
// load (so a deploy is picked up at once). Client-side routes fall back to index.html, but only for a
// page navigation (GET/HEAD accepting text/html) outside /api/ and /assets/; anything else stays a 404.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HistoryFallback } from './error-handling';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export async function registerStaticSpa(app: FastifyInstance, staticDir: string): Promise<HistoryFallback> {
  const root = path.resolve(staticDir);
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: 'index.html',
    cacheControl: false,
    setHeaders(reply, filePath) {
      const relative = path.relative(root, filePath).split(path.sep).join('/');
      reply.header('cache-control', relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    },
  });

  const indexFile = path.join(root, 'index.html');
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const pathname = request.url.split('?', 1)[0] ?? '';
    if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) return null;
    if (!(request.headers.accept ?? '').includes('text/html')) return null;
    if (!existsSync(indexFile)) return null;
    return reply.code(200).sendFile('index.html');
  };
}
