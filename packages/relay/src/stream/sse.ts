import type { ServerResponse } from 'node:http';
import { type ErrorCode, IntentcastError } from '@intentcast/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestToken } from '../auth/authenticate.js';
import type { EventSource } from '../events.js';
import { FILTER_PARAMS, type FilterQuery, type IntentFilter, parseFilter } from '../filter.js';
import type { EventKind } from './backlog.js';
import type { Hub } from './hub.js';
import type { StreamLimits } from './limits.js';
import type { Outgoing, Subscription, SubscriptionSink } from './subscription.js';
import { type TokenLifetime, timeLeft } from './token-expiry.js';

export interface StreamQuery extends FilterQuery {
  cursor?: string;
  mailbox?: string;
  token?: string;
}

export const STREAM_QUERY_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(
    [...FILTER_PARAMS, 'cursor', 'mailbox', 'token'].map((name) => [name, { type: 'string' }]),
  ),
  // A misspelt filter parameter must not widen the stream to everything.
  additionalProperties: false,
} as const;

const CURSOR_RE = /^(?:0|[1-9][0-9]{0,15})$/;

/** A cursor from a query parameter or a Last-Event-ID header; undefined when absent or empty. */
export function parseCursorParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const cursor = Number(value);
  if (!CURSOR_RE.test(value) || !Number.isSafeInteger(cursor)) {
    throw new IntentcastError(
      'ERR_CURSOR_INVALID',
      `cursor: expected a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return cursor;
}

/** `mailbox=1` adds the caller's mailbox to the public intents, `mailbox=only` streams the mailbox alone. */
function parseMailboxParam(value: string | undefined): 'add' | 'only' | undefined {
  if (value === undefined || value === '0' || value === 'false') return undefined;
  if (value === '1' || value === 'true') return 'add';
  if (value === 'only') return 'only';
  throw new IntentcastError(
    'ERR_BAD_REQUEST',
    `mailbox: expected 1, 0 or only, got ${JSON.stringify(value)}`,
  );
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One SSE response, carrying exactly one subscription. */
class SseConnection implements SubscriptionSink {
  readonly #res: ServerResponse;
  readonly #limits: StreamLimits;
  #pending = 0;
  #finished = false;
  #sub: Subscription | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #grace: NodeJS.Timeout | undefined;
  #offHubClose: (() => void) | undefined;

  constructor(res: ServerResponse, limits: StreamLimits) {
    this.#res = res;
    this.#limits = limits;
  }

  /** Writes the head and starts the subscription. */
  open(reply: FastifyReply, sub: Subscription, hub: Hub): void {
    this.#sub = sub;
    const res = this.#res;
    if (res.destroyed || res.socket === null || res.socket.destroyed) {
      // The client left while the request was being checked.
      sub.cancel();
      return;
    }
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    this.#write(`retry: ${this.#limits.retryMs}\n\n`);
    res.on('close', () => this.#gone());
    this.#offHubClose = hub.onClose((reason) => {
      sub.cancel();
      this.#write(frame('close', { code: 'ERR_UNAVAILABLE', message: reason }));
      this.#finish();
    });
    this.#heartbeat = setInterval(() => this.#beat(), this.#limits.heartbeatMs);
    this.#heartbeat.unref();
    sub.start();
  }

  event(out: Outgoing, kind: EventKind): void {
    this.#write(`id: ${out.event.seq}\nevent: ${kind}\ndata: ${out.messageJson}\n\n`);
  }

  caughtUp(): void {}

  ended(code: ErrorCode, message: string): void {
    this.#write(frame('error', { code, message }));
    this.#finish();
  }

  bufferedBytes(): number {
    return this.#res.writableLength;
  }

  queuedEvents(): number {
    return this.#pending;
  }

  drained(): Promise<void> {
    const res = this.#res;
    if (!res.writableNeedDrain || this.#finished) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  #write(text: string): void {
    if (this.#finished || this.#res.destroyed) return;
    this.#pending++;
    this.#res.write(text, () => {
      this.#pending--;
    });
  }

  #beat(): void {
    this.#write(': ping\n\n');
    if (this.bufferedBytes() > this.#limits.maxBufferedBytes) {
      this.#sub?.end(
        'ERR_SLOW_CONSUMER',
        `More than ${this.#limits.maxBufferedBytes} bytes are waiting to be read`,
      );
    }
  }

  /** Ends the response; a client that does not read its last bytes is dropped after the grace period. */
  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#stopTimers();
    this.#res.end();
    this.#grace = setTimeout(() => this.#res.destroy(), this.#limits.closeGraceMs);
    this.#grace.unref();
  }

  #gone(): void {
    this.#sub?.cancel();
    this.#finished = true;
    this.#stopTimers();
    clearTimeout(this.#grace);
  }

  #stopTimers(): void {
    clearInterval(this.#heartbeat);
    this.#offHubClose?.();
  }
}

export interface SseRouteOptions {
  hub: Hub;
  source: EventSource;
  authenticate: (request: FastifyRequest) => Promise<string | undefined>;
  /** Ends mailbox subscriptions when their token lapses. */
  lifetime: TokenLifetime;
  limits: StreamLimits;
}

/**
 * Registers `GET /v1/stream`: public intents matching the filter parameters, and with `mailbox=1` the
 * caller's mailbox, as server-sent events (spec/streams.md#sse).
 */
export function registerSseRoute(app: FastifyInstance, options: SseRouteOptions): void {
  const { hub, source, authenticate, limits, lifetime } = options;
  app.get<{ Querystring: StreamQuery }>(
    '/v1/stream',
    { schema: { querystring: STREAM_QUERY_SCHEMA } },
    async (request, reply) => {
      const query = request.query;
      const mailbox = parseMailboxParam(query.mailbox);
      let filter: IntentFilter | undefined;
      if (mailbox === 'only') {
        const given = FILTER_PARAMS.find((name) => query[name as keyof FilterQuery] !== undefined);
        if (given !== undefined) {
          throw new IntentcastError('ERR_BAD_REQUEST', `${given}: mailbox=only streams no public intents`);
        }
      } else {
        filter = parseFilter(query);
      }
      const header = request.headers['last-event-id'];
      const cursor = parseCursorParam(typeof header === 'string' && header !== '' ? header : query.cursor);
      const key = await authenticate(request);
      if (mailbox !== undefined && key === undefined) {
        throw new IntentcastError('ERR_UNAUTHORIZED', 'mailbox: the mailbox stream needs an access token');
      }
      const authExpiresInMs = mailbox === undefined ? undefined : timeLeft(lifetime, requestToken(request));
      const connection = new SseConnection(reply.raw, limits);
      const sub = hub.subscribe({
        ...(filter === undefined ? {} : { filter }),
        ...(mailbox === undefined ? {} : { mailbox: key }),
        ...(key === undefined ? { address: request.ip } : { owner: key }),
        ...(cursor === undefined ? {} : { cursor }),
        ...(authExpiresInMs === undefined ? {} : { authExpiresInMs }),
        source,
        sink: connection,
        limits,
      });
      reply.hijack();
      connection.open(reply, sub, hub);
    },
  );
}
