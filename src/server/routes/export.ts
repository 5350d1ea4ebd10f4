// GET /api/export/leads.csv and /api/export/leads.xlsx (docs/api.md §2, §4): every lead matching the filters,
// in the requested order, streamed in chunks so a large export never builds one giant string or workbook.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { Lead } from '../../shared/lead';
import { invalidParameter } from '../errors';
import { leadsToCsv } from '../export/leads-csv';
import { leadsToXlsx, parseXlsxColumns, XLSX_CONTENT_TYPE } from '../export/leads-xlsx';
import { inTurns, takeTurn } from '../runtime/request-turns';
import type { Clock } from '../sync/quota-budget';
import type { LeadStore } from '../sync/lead-store';
import { matchingLeadsForRequest } from './lead-request';

/**
 * The leads an export holds, for both formats: the request read as `/api/leads` reads it (same 400s, v2 filters,
 * `(me)` and `tz`), then every match in sort order. Paging params are accepted (the SPA may pass its whole URL
 * state) and ignored.
 */
async function exportedLeads(request: FastifyRequest, store: LeadStore, now: Clock): Promise<{ total: number; leads: Iterable<Lead> }> {
  await takeTurn(); // the match and sort are a cold query's work: in a turn (runtime/request-turns.ts)
  return matchingLeadsForRequest(request, store, now);
}

export async function exportRoutes(app: FastifyInstance, { store, now }: { store: LeadStore; now: Clock }): Promise<void> {
  app.get('/api/export/leads.csv', async (request, reply) => {
    const { total, leads } = await exportedLeads(request, store, now);
    const day = new Date(now()).toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="leads-${day}.csv"`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(total))
      .send(Readable.from(inTurns(leadsToCsv(leads)), { objectMode: false }));
  });

  app.get('/api/export/leads.xlsx', async (request, reply) => {
    // `columns` is checked first, so a bad one is a 400 even before the first sync.
    const columns = parseXlsxColumns((request.query as Record<string, unknown> | undefined)?.columns);
    if (!columns.ok) throw invalidParameter(columns.message);
    const { total, leads } = await exportedLeads(request, store, now);
    const day = new Date(now()).toISOString().slice(0, 10);
    return reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="leads-${day}.xlsx"`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(total))
      .send(leadsToXlsx(leads, { columns: columns.columns, rowCount: total }));
  });
}
