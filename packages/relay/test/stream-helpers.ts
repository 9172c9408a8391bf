/**
 * Test kit for the live streams: an in-memory event store, signed fixture messages, a minimal Fastify
 * app carrying the stream plugin, and small SSE and WebSocket clients that record what they receive.
 */
import {
  createIntent,
  createOffer,
  didKeyFromPublicKey,
  type Intent,
  type IntentBody,
  IntentcastError,
  isIntentcastError,
  keyPairFromSecretKey,
  type Message,
  type Offer,
} from '@intentcast/core';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { fetch } from 'undici';
import WebSocket from 'ws';
import type { EventSource, StoredEvent } from '../src/events.js';
import { createHub, type Hub, type StreamLimits, streamPlugin } from '../src/stream/index.js';

/** Events in commit order, like the relay's store: `intentsAfter` holds intents, `mailboxAfter` the rest. */
export class MemorySource implements EventSource {
  readonly events: StoredEvent[] = [];
  /** Reads made, to see that catch-up pages. */
  reads = 0;

  /** Stores a message as the next seq, without announcing it. */
  commit(message: Message, recipients: readonly string[] = []): StoredEvent {
    const event: StoredEvent = { seq: this.events.length + 1, message, recipients, receivedAt: Date.now() };
    this.events.push(event);
    return event;
  }

  intentsAfter(afterSeq: number, limit: number): StoredEvent[] {
    this.reads++;
    return this.events.filter((e) => e.seq > afterSeq && e.message.type === 'intent').slice(0, limit);
  }

  mailboxAfter(key: string, afterSeq: number, limit: number): StoredEvent[] {
    this.reads++;
    return this.events.filter((e) => e.seq > afterSeq && e.recipients.includes(key)).slice(0, limit);
  }

  lastSeq(): number {
    return this.events.length;
  }
}

/** Commits and then announces, the order the relay promises. */
export function commitAndPublish(
  source: MemorySource,
  hub: Hub,
  message: Message,
  recipients: readonly string[] = [],
): StoredEvent {
  const event = source.commit(message, recipients);
  hub.publish(event);
  return event;
}

export const BUYER = new Uint8Array(32).fill(1);
export const OTHER_BUYER = new Uint8Array(32).fill(5);
export const VENDOR = new Uint8Array(32).fill(2);

export function didOf(secretKey: Uint8Array): string {
  return didKeyFromPublicKey(keyPairFromSecretKey(secretKey).publicKey);
}

const TERMS = [{ uri: 'https://terms.example/no-stalking', sha256: 'a1'.repeat(32) }];

/** A signed intent; `what` and `where` default to a hotel room in Lisbon. */
export function intent(
  overrides: {
    category?: string;
    description?: string;
    region?: string;
    geo?: { lat: number; lon: number; radiusKm: number };
    budget?: IntentBody['budget'];
  } = {},
  secretKey: Uint8Array = BUYER,
): Intent {
  const where: NonNullable<IntentBody['where']> = { region: overrides.region ?? 'PT-11' };
  if (overrides.geo) where.geo = overrides.geo;
  const body: IntentBody = {
    what: {
      category: overrides.category ?? 'lodging.hotel',
      description: overrides.description ?? 'A quiet double room',
      quantity: 1,
    },
    where,
    terms: TERMS,
    offerCap: 5,
  };
  if (overrides.budget) body.budget = overrides.budget;
  return createIntent(body, secretKey);
}

/** A vendor's signed offer on `to`. */
export function offer(to: Intent, secretKey: Uint8Array = VENDOR): Offer {
  return createOffer(
    to,
    {
      description: 'Room 12',
      price: { amount: '120.00', currency: 'EUR' },
      quantity: 1,
      terms: TERMS[0]!,
      vendor: { name: 'Casa Azul' },
    },
    secretKey,
  );
}

/** Bearer tokens the test app accepts, each standing for a key. */
export type TokenTable = Record<string, string>;

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7);
  const query = request.query as { token?: unknown } | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

export interface TestRelay {
  app: FastifyInstance;
  hub: Hub;
  source: MemorySource;
  /** `http://127.0.0.1:port` */
  url: string;
  ws: string;
  publish(message: Message, recipients?: readonly string[]): StoredEvent;
  close(): Promise<void>;
}

/** A Fastify app with only the stream plugin, an error mapper and a table of tokens, listening on port 0. */
export async function startRelay(
  options: { limits?: Partial<StreamLimits>; tokens?: TokenTable } = {},
): Promise<TestRelay> {
  const source = new MemorySource();
  const limits = options.limits ?? {};
  const hub = createHub({ limits });
  const tokens = options.tokens ?? {};
  const app = Fastify();
  app.setErrorHandler((err, _request, reply) => {
    if (isIntentcastError(err)) return reply.code(err.status).send({ error: err.toJSON() });
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status < 500) {
      return reply.code(400).send({ error: { code: 'ERR_BAD_REQUEST', message: (err as Error).message } });
    }
    return reply.code(500).send({ error: { code: 'ERR_INTERNAL', message: 'internal' } });
  });
  const authenticate = async (request: FastifyRequest) => {
    const token = tokenOf(request);
    if (token === undefined) return undefined;
    const key = tokens[token];
    if (key === undefined) throw new IntentcastError('ERR_AUTH_INVALID', 'The access token does not verify');
    return key;
  };
  await app.register(streamPlugin({ hub, source, authenticate, limits }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    app,
    hub,
    source,
    url: `http://127.0.0.1:${address.port}`,
    ws: `ws://127.0.0.1:${address.port}`,
    publish: (message, recipients = []) => commitAndPublish(source, hub, message, recipients),
    close: () => app.close(),
  };
}

/** Resolves when `check` holds, polling; fails after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A server-sent-events client: it parses the stream as it arrives (WHATWG HTML, "event stream interpretation"). */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  status = 0;
  body = '';
  readonly #controller = new AbortController();
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #buffer = '';
  #fields: { id?: string; event?: string; data: string[] } = { data: [] };

  /** Opens the stream; reading starts unless `paused`. Resolves once the response head is in. */
  static async open(url: string, headers: Record<string, string> = {}, paused = false): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { headers, signal: client.#controller.signal });
    client.status = response.status;
    if (response.status !== 200 || response.body === null) {
      client.body = await response.text();
      client.ended = true;
      return client;
    }
    client.#reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    if (!paused) client.resume();
    return client;
  }

  /** Reads until the stream ends. */
  resume(): void {
    const reader = this.#reader;
    if (reader === undefined) return;
    const decoder = new TextDecoder();
    const pump = async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.#feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // Aborted by close().
      }
      this.ended = true;
    };
    void pump();
  }

  /** The JSON error body of a refused request. */
  get error(): { code: string; message: string } {
    return (JSON.parse(this.body) as { error: { code: string; message: string } }).error;
  }

  get ids(): number[] {
    return this.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
  }

  lastId(): string | undefined {
    return this.events.filter((e) => e.id !== undefined).at(-1)?.id;
  }

  async waitFor(count: number, what = `${count} events`): Promise<void> {
    await until(() => this.events.length >= count, what);
  }

  close(): void {
    this.#controller.abort();
  }

  #feed(text: string): void {
    this.#buffer += text;
    for (;;) {
      const end = this.#buffer.indexOf('\n');
      if (end === -1) return;
      const line = this.#buffer.slice(0, end).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(end + 1);
      this.#line(line);
    }
  }

  #line(line: string): void {
    if (line === '') {
      const { id, event, data } = this.#fields;
      if (data.length > 0) {
        const parsed: SseEvent = { event: event ?? 'message', data: data.join('\n') };
        if (id !== undefined) parsed.id = id;
        this.events.push(parsed);
      }
      this.#fields = { data: [] };
      return;
    }
    if (line.startsWith(':')) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.#fields.data.push(value);
    else if (field === 'event') this.#fields.event = value;
    else if (field === 'id') this.#fields.id = value;
  }
}

/** A WebSocket client that records every frame as parsed JSON. */
export class WsClient {
  readonly frames: Record<string, unknown>[] = [];
  closeCode: number | undefined;
  closeReason = '';
  readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Record<string, unknown>));
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = String(reason);
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new WsClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The frames of one op (and one subscription, when given). */
  of(op: string, sub?: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.op === op && (sub === undefined || f.sub === sub));
  }

  seqs(sub: string): number[] {
    return this.of('event', sub).map((f) => f.seq as number);
  }

  async waitFor(check: (client: WsClient) => boolean, what: string): Promise<void> {
    await until(() => check(this), what);
  }

  async closed(): Promise<void> {
    await until(() => this.closeCode !== undefined, 'the connection to close', 10_000);
  }

  close(): void {
    this.socket.close();
  }
}
