// GET /healthz and /readyz (api.md §7): for load balancers, orchestrators and uptime checks. No auth and
// no data in either: they say only whether the process serves, and whether it has leads to serve.
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';
import type { LeadStore } from '../sync/lead-store';

export async function healthRoutes(app: FastifyInstance, { store }: { store: LeadStore }): Promise<void> {
  // Answers while the event loop turns; a closing server answers 503 (Fastify's return503OnClosing).
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'success' };
  });

  // Ready once lead data is held (synced or restored from DATA_DIR): before that /api/leads could only wait.
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (store.meta().synced_at === null)
      throw new ApiError(503, 'NOT_READY', 'No lead data is held yet; the first sync is running or failed.', {
        'retry-after': '5',
      });
    return { status: 'success' };
  });
}
