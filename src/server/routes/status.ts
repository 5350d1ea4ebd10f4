// GET /api/status and POST /api/refresh (docs/api.md §2).
import type { FastifyInstance } from 'fastify';
import type { StatusResponse } from '../../shared/api-types';
import type { LeadStore } from '../sync/lead-store';

export async function statusRoutes(app: FastifyInstance, { store }: { store: LeadStore }): Promise<void> {
  // Both wait for saved data still loading at boot: before it, the status would say "no data" for a moment.
  app.get('/api/status', async (_request, reply): Promise<StatusResponse> => {
    await store.loaded();
    reply.header('cache-control', 'no-store');
    return { status: 'success', data: store.status() };
  });

  // Starts (or joins) a sync and answers at once with 202; /api/status shows `syncing` until it is done.
  app.post('/api/refresh', async (_request, reply): Promise<StatusResponse> => {
    await store.loaded();
    store.requestRefresh();
    reply.code(202).header('cache-control', 'no-store');
    return { status: 'success', data: store.status() };
  });
}
