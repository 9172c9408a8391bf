import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/**
 * The relay's logs: JSON lines (pino, through Fastify), one request id per request, and nothing secret in
 * them. Access tokens (in `Authorization` or `?token=`), webhook secrets, the metrics token and the sealed
 * parts of messages are censored wherever they would appear.
 */

export const CENSOR = '[redacted]';

/** Field paths pino censors in every log line (fast-redact syntax: `*` is any one key). */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  '*.*.token',
  'secret',
  '*.secret',
  '*.*.secret',
  'secrets',
  '*.secrets',
  'sealed',
  '*.sealed',
  '*.*.sealed',
  '*.*.*.sealed',
];

/** Query parameters whose values never reach a log. */
const SECRET_PARAMS = new Set(['token', 'secret']);

/**
 * `url` with the values of secret query parameters replaced, for logging.
 *
 * @example
 * redactUrl('/v1/stream?token=eyJ...&category=lodging'); // '/v1/stream?token=[redacted]&category=lodging'
 */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A name that does not decode is logged as sent.
      }
      return SECRET_PARAMS.has(decoded.toLowerCase()) ? `${name}=${CENSOR}` : pair;
    });
  return `${url.slice(0, question + 1)}${query.join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** How a request appears in the logs: no headers, and the URL without secret parameters. */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

type LoggerOption = FastifyServerOptions['logger'];

/**
 * Fastify logger options with the relay's redaction added: censored paths and a request serializer that
 * keeps tokens out of logged URLs. `false` (no logs) stays false. A logger instance passed to the relay
 * (`loggerInstance`) is used as it is: whoever made it must redact.
 *
 * @example
 * Fastify({ logger: relayLoggerOptions({ level: 'info' }) });
 */
export function relayLoggerOptions(given: LoggerOption): LoggerOption {
  if (given === undefined || given === false) return false;
  const base = (given === true ? {} : given) as Exclude<LoggerOption, boolean | undefined> & {
    redact?: string[] | { paths: string[]; censor?: unknown; remove?: boolean };
    serializers?: Record<string, unknown>;
  };
  const extra = Array.isArray(base.redact) ? base.redact : (base.redact?.paths ?? []);
  return {
    ...base,
    redact: { paths: [...REDACT_PATHS, ...extra], censor: CENSOR },
    serializers: { req: serializeRequest, ...base.serializers },
  } as LoggerOption;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The relay's `genReqId`: a fresh UUID for each request, or, behind a trusted proxy, the proxy's
 * `x-request-id` when it is a plain token of at most 128 characters, so that one id follows the request
 * through the proxy's logs and the relay's.
 */
export function requestIdGenerator(trustProxy: unknown): (request: IncomingMessage) => string {
  const behindProxy = trustProxy !== undefined && trustProxy !== false;
  return (request) => {
    const given = request.headers['x-request-id'];
    return behindProxy && typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  };
}

/** Echoes each request's id in an `x-request-id` response header, so a client can quote it. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
