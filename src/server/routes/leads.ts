// GET /api/leads and GET /api/leads/:id (api.md §2), answered from the index: no upstream call.
import type { FastifyInstance } from 'fastify';
import type { LeadResponse, LeadsResponse } from '../../shared/api-types';
import { isValidLeadId } from '../../shared/lead';
import { parseLeadQueryStrict, type LeadQuery, type RawQuery } from '../../shared/lead-query';
import { invalidParameter, notFound } from '../errors';
import type { LeadStore } from '../sync/lead-store';

/** The strict reading of the query string; a bad param is a 400 whose message names it. */
export function parseQueryOrThrow(rawQuery: unknown): LeadQuery {
  const parsed = parseLeadQueryStrict((rawQuery ?? {}) as RawQuery);
  if (!parsed.ok) throw invalidParameter(parsed.message);
  return parsed.query;
}

export async function leadRoutes(app: FastifyInstance, { store }: { store: LeadStore }): Promise<void> {
  app.get('/api/leads', async (request, reply): Promise<LeadsResponse> => {
    const query = parseQueryOrThrow(request.query);
    const { index, meta } = await store.snapshot();
    const result = index.query(query);
    reply.header('cache-control', 'no-store');
    return {
      status: 'success',
      data: result.data,
      pagination: {
        page: query.page,
        limit: query.limit,
        total: result.total,
        has_more: query.page * query.limit < result.total,
      },
      facets: result.facets,
      meta,
    };
  });

  app.get<{ Params: { id: string } }>('/api/leads/:id', async (request, reply): Promise<LeadResponse> => {
    const { id } = request.params;
    if (!isValidLeadId(id)) throw invalidParameter('id is malformed: letters, digits and . _ : - only, at most 128');
    const { index } = await store.snapshot();
    const lead = index.getById(id);
    if (lead === undefined) throw notFound('No lead has this id.');
    reply.header('cache-control', 'no-store');
    return { status: 'success', data: lead };
  });
}
