import { type ErrorCode, IntentcastError, isIntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The body of every error response: `{ "error": { "code", "message", "path"? } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; path?: string };
}

/** The body of an error response. */
export function errorBody(err: IntentcastError): ErrorBody {
  return { error: err.toJSON() };
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: { instancePath?: string }[];
  validationContext?: string;
}

/** Fastify's own errors that are about the request, and the code each becomes. */
const FRAMEWORK_CODES: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'ERR_TOO_LARGE', message: 'the request body is larger than allowed' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'ERR_BAD_REQUEST', message: 'the body must be application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'ERR_JSON', message: 'the body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'ERR_BAD_REQUEST', message: 'Content-Length is wrong' },
  FST_ERR_BAD_URL: { code: 'ERR_BAD_REQUEST', message: 'the URL is malformed' },
};

/**
 * Maps anything thrown while serving a request to the IntentcastError the client gets. The second value
 * is true for faults of the relay itself (logged, answered with ERR_INTERNAL and no detail); errors
 * caused by the request are never faults.
 */
export function toIntentcastError(err: unknown): [IntentcastError, boolean] {
  if (isIntentcastError(err)) {
    const fault = err.code === 'ERR_INTERNAL';
    return [fault ? new IntentcastError('ERR_INTERNAL', err.message) : err, fault];
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as FrameworkError;
  if (Array.isArray(e.validation)) {
    const path = e.validation[0]?.instancePath;
    const where = e.validationContext ? `${e.validationContext}` : 'request';
    return [
      new IntentcastError('ERR_BAD_REQUEST', `${where}: ${String(e.message ?? 'is invalid')}`, {
        ...(path ? { path } : {}),
      }),
      false,
    ];
  }
  const known = typeof e.code === 'string' ? FRAMEWORK_CODES[e.code] : undefined;
  if (known) return [new IntentcastError(known.code, known.message ?? String(e.message)), false];
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 404
        ? 'ERR_NOT_FOUND'
        : status === 413
          ? 'ERR_TOO_LARGE'
          : status === 429
            ? 'ERR_RATE_LIMITED'
            : 'ERR_BAD_REQUEST';
    return [new IntentcastError(code, typeof e.message === 'string' ? e.message : 'bad request'), false];
  }
  return [new IntentcastError('ERR_INTERNAL', 'the relay failed; nothing was stored'), true];
}

/** Sends the response for an error. The one place errors become responses. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const [error, fault] = toIntentcastError(err);
  if (fault) request.log.error({ err }, 'request failed');
  return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error));
}

/** Installs the error, not-found and framework-error handlers on an app. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      new IntentcastError('ERR_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    ),
  );
}
