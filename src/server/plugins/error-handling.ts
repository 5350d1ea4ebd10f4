// Every error answers with the JSON envelope of docs/api.md §2, including Fastify's own (bad JSON body,
// 415, bad URL, unknown route). Messages are ours, chosen by status: never an exception's message,
// a stack, upstream text or the key. Unexpected errors are logged in full and answered with 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, ErrorEnvelope } from '../../shared/api-types';
import { ApiError } from '../errors';

const envelope = (error_code: ErrorCode, message: string): ErrorEnvelope => ({ status: 'error', error_code, message });

/** Our answer for a client error Fastify raised itself, by status. */
function clientErrorEnvelope(statusCode: number): ErrorEnvelope {
  switch (statusCode) {
    case 404:
      return envelope('NOT_FOUND', 'Not found.');
    case 413:
      return envelope('INVALID_PARAMETER', 'The request body is too large.');
    case 415:
      return envelope('INVALID_PARAMETER', 'The request body has an unsupported content type.');
    default:
      return envelope('INVALID_PARAMETER', 'The request is malformed.');
  }
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (error instanceof ApiError) return reply.code(error.statusCode).headers(error.headers).send(error.toEnvelope());
  // The static files' wildcard route also sees unknown /api/* paths; one it refuses to resolve (`//`, `%00`,
  // an over-long name) is simply not there, for the API (docs/api.md §2 "Errors": 404) as for the SPA.
  if ((error as Partial<FastifyError> | null)?.code === 'FST_STATIC_FORBIDDEN_PATH') return reply.code(404).send(clientErrorEnvelope(404));
  const statusCode = (error as Partial<FastifyError> | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
    return reply.code(statusCode).send(clientErrorEnvelope(statusCode));
  return reply.code(500).send(envelope('INTERNAL_ERROR', 'Something went wrong on the server.'));
}

/** For Fastify's `frameworkErrors` option: errors raised before routing (e.g. a malformed URL). */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  // A path segment longer than routerOptions.maxParamLength is Fastify's 414; to the API it is a malformed
  // parameter like any other over-long value (docs/api.md §2 "Errors" lists 400, not 414).
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendError(reply, new ApiError(400, 'INVALID_PARAMETER', 'A path segment is too long.'));
    return;
  }
  sendError(reply, error);
}

export type HistoryFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export function registerErrorHandling(app: FastifyInstance, options: { historyFallback?: HistoryFallback } = {}): void {
  app.setErrorHandler((error, request, reply) => {
    const statusCode = (error as Partial<FastifyError>).statusCode;
    if (error instanceof ApiError) {
      if (error.statusCode >= 500)
        request.log.warn({ error_code: error.code, statusCode: error.statusCode }, 'answered with an upstream error');
    } else if (typeof statusCode === 'number' && statusCode < 500) {
      request.log.info({ code: (error as Partial<FastifyError>).code, statusCode }, 'client error');
    } else {
      request.log.error({ err: error }, 'unexpected error');
    }
    return sendError(reply, error);
  });

  app.setNotFoundHandler((request, reply) => {
    const fallback = options.historyFallback?.(request, reply);
    if (fallback) return fallback;
    return sendError(reply, new ApiError(404, 'NOT_FOUND', 'Not found.'));
  });
}
