// Response compression (JSON pages and CSV exports compress ~10×). Brotli stays at a low quality
// level so a 1,000-lead page costs milliseconds, not tens of them.
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
}
