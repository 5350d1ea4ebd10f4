// GET /api/export/leads.csv (docs/api.md §2, §4): every lead matching the filters, in the requested order,
// streamed as CSV in chunks so a large export never builds one giant string.
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { leadsToCsv } from '../export/leads-csv';
import type { Clock } from '../sync/quota-budget';
import type { LeadStore } from '../sync/lead-store';
import { matchingLeadsForRequest } from './lead-request';

export async function exportRoutes(app: FastifyInstance, { store, now }: { store: LeadStore; now: Clock }): Promise<void> {
  app.get('/api/export/leads.csv', async (request, reply) => {
    // Paging params are accepted (the SPA may pass its whole URL state) and ignored: the export is every match.
    const { total, leads } = await matchingLeadsForRequest(request, store, now);
    const day = new Date(now()).toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="leads-${day}.csv"`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(total))
      .send(Readable.from(leadsToCsv(leads), { objectMode: false }));
  });
}
