import { createHash, timingSafeEqual } from 'node:crypto';
import { IntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessagesBody } from '../body.js';
import { errorResponses } from '../schemas.js';
import { SOFTWARE } from '../version.js';
import {
  codeLabel,
  methodLabel,
  RelayMetrics,
  type StreamStats,
  typeLabel,
  type WebhookSource,
} from './metrics.js';

/** The `/metrics` endpoint. */
export interface MetricsOptions {
  /** If set, reading `/metrics` needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Include Node.js process metrics. Default false: they are process-wide, so turn them on in one relay. */
  processMetrics?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The relay's metrics, when `/metrics` is on: other parts of the relay count into them. */
    relayMetrics?: RelayMetrics;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function tokenCheck(token: string | undefined): (request: FastifyRequest) => boolean {
  if (token === undefined) return () => true;
  const expected = digest(`Bearer ${token}`);
  // Compared as digests, in constant time: the comparison says nothing about how much of a guess was right.
  return (request) => timingSafeEqual(digest(request.headers.authorization ?? ''), expected);
}

function hasFunction<K extends string>(
  value: unknown,
  name: K,
): value is Record<K, (...args: never[]) => unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[name] === 'function'
  );
}

/** Counts the messages of a `POST /v1/messages` answer, by type and outcome, from the body and the reply. */
function countMessages(metrics: RelayMetrics, body: MessagesBody | undefined, payload: unknown): void {
  const items = body === undefined ? [] : body.batch ? body.items : [body.item];
  const typeOf = (i: number) => {
    const item = items[i];
    return item !== undefined && 'value' in item
      ? typeLabel((item.value as { type?: unknown } | null)?.type)
      : 'unknown';
  };
  const answer = payload as {
    receipt?: unknown;
    results?: { ok: boolean; error?: { code: string } }[];
    error?: { code: string };
  };
  if (Array.isArray(answer.results)) {
    answer.results.forEach((result, i) => {
      if (result.ok) metrics.accepted.inc({ type: typeOf(i) });
      else metrics.rejected.inc({ type: typeOf(i), code: codeLabel(result.error?.code) });
    });
  } else if (answer.receipt !== undefined) {
    metrics.accepted.inc({ type: typeOf(0) });
  } else if (answer.error !== undefined) {
    // A whole request refused before its messages were read (bad JSON, too large, rate limited) counts once.
    metrics.rejected.inc({ type: body?.batch ? 'unknown' : typeOf(0), code: codeLabel(answer.error.code) });
  }
}

const isStream = (request: FastifyRequest, reply: FastifyReply) =>
  request.headers.upgrade !== undefined ||
  String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream');

/**
 * Installs the relay's metrics: request timings and in-flight counts for every route, message outcomes of
 * `POST /v1/messages`, and `GET /metrics` in the Prometheus text format. Call it before the routes are
 * registered, so that its hooks apply to them. Returns the metrics, for what the hooks cannot see
 * (commits, through `stored`).
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions = {}): RelayMetrics {
  const { store } = app;
  // The relay knows its hub only as a place to publish; the stream hub also reports its subscriptions.
  const hub: unknown = app.hub;
  const metrics = new RelayMetrics({
    info: { did: app.relayDid, version: SOFTWARE.version },
    clock: app.clock,
    lastSeq: () => store.lastSeq(),
    ...(store.stats ? { store: () => store.stats!() } : {}),
    ...(hasFunction(hub, 'stats') ? { streams: () => (hub.stats as () => StreamStats)() } : {}),
    processMetrics: options.processMetrics === true,
  });
  app.decorate('relayMetrics', metrics);
  // The webhook service is set up after the routes; it is there, or decorated null, once the relay is ready.
  app.addHook('onReady', async () => {
    const webhooks: unknown = app.hasDecorator('webhooks') ? (app as { webhooks?: unknown }).webhooks : null;
    if (hasFunction(webhooks, 'stats') && hasFunction(webhooks, 'on')) {
      metrics.watchWebhooks(webhooks as unknown as WebhookSource);
    }
  });

  const started = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request) => {
    started.add(request);
    metrics.inFlight.inc({ method: methodLabel(request.method) });
  });
  const finish = (request: FastifyRequest) => {
    if (started.delete(request)) metrics.inFlight.dec({ method: methodLabel(request.method) });
  };
  app.addHook('onRequestAbort', async (request) => finish(request));
  app.addHook('onResponse', async (request, reply) => {
    finish(request);
    // A stream's duration is how long the client stayed, not how fast the relay answered.
    if (isStream(request, reply)) return;
    metrics.httpDuration.observe(
      {
        method: methodLabel(request.method),
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (request.routeOptions.config.messageBody) {
      countMessages(metrics, request.body as MessagesBody | undefined, payload);
    }
    return payload;
  });

  const authorized = tokenCheck(options.token);
  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        summary: 'Prometheus metrics',
        description:
          'Counters, histograms and gauges of the relay in the Prometheus text format (needs the bearer token when the operator set one).',
        response: {
          200: {
            description: 'The Prometheus text exposition format, version 0.0.4.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!authorized(request)) {
        reply.header('www-authenticate', 'Bearer');
        throw new IntentcastError('ERR_UNAUTHORIZED', 'reading the metrics needs the operator token');
      }
      const text = await metrics.text();
      return reply.type(metrics.contentType).send(text);
    },
  );
  return metrics;
}
