import {
  type Ed25519Backend,
  fromFailure,
  type Intent,
  IntentcastError,
  isValidDidKey,
  type KeyPair,
  type Message,
  type ThreadState,
  validateMessage,
} from '@intentcast/core';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { malformed } from './errors.js';
import { Exchange, type Json } from './exchange.js';
import { filterParams, type IntentFilter } from './filter.js';
import { HealthTracker, type RelayHealth } from './health.js';
import { type Receipt, verifyReceipt } from './receipt.js';
import { runStream, type StreamOptions, type StreamSink, type StreamSpec } from './stream/run.js';
import { Tokens } from './tokens.js';
import type { Transport } from './transport.js';
import { checkIncoming, type InvalidHandler, invalid } from './verify.js';

/**
 * A relay as configured: its URL, and optionally the did:key it must have.
 *
 * @example
 * new Buyer({ relays: [{ url: 'https://relay.example', did: 'did:key:z6Mk…' }], keystore });
 */
export interface RelayConfig {
  url: string;
  /** The relay's did:key. When given, the well-known document is not needed to verify receipts. */
  did?: string;
}

/**
 * How a RelayClient reaches its relay and checks what comes back.
 *
 * @example
 * new RelayClient('https://relay.example', { transport: nodeTransport(), retries: 4, onInvalid: console.warn });
 */
export interface RelayClientOptions {
  transport: Transport;
  /** The relay's did:key, when known in advance; otherwise read from /.well-known/intentcast. */
  did?: string;
  backend?: Ed25519Backend;
  /** The clock, epoch milliseconds. */
  now?: () => number;
  /** Random numbers in [0, 1) for backoff jitter. */
  random?: () => number;
  backoff?: BackoffOptions;
  /** How many times a request that failed for a transient reason is sent again. Default 2. */
  retries?: number;
  /** Told of every message from this relay that failed a check and was dropped. */
  onInvalid?: InvalidHandler;
}

/**
 * What a client needs from the relay's well-known document.
 *
 * @example
 * const { did, endpoints } = await relay.info();
 */
export interface RelayInfo {
  did: string;
  protocol: string[];
  endpoints: Record<string, string>;
  /** The whole document, as the relay sent it. */
  document: Record<string, unknown>;
}

/**
 * A thread as one relay shows it to the caller, every message verified.
 *
 * @example
 * const { intent, messages, state } = await relay.thread(intentId, { key });
 */
export interface RelayThread {
  intent: Intent;
  messages: Message[];
  state: ThreadState;
}

/**
 * A query of `GET /v1/intents`: filters, state, page size and cursor.
 *
 * @example
 * const { intents, next } = await relay.intents({ category: 'lodging', state: 'open', limit: 20 });
 */
export interface IntentQuery extends IntentFilter {
  state?: ThreadState | 'any';
  limit?: number;
  cursor?: string;
}

const THREAD_STATES: readonly string[] = ['open', 'accepted', 'closed', 'withdrawn', 'expired'];

function baseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`relay URL: expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`relay URL: expected http: or https:, got ${parsed.protocol} in ${url}`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new TypeError(`relay URL: expected no query or fragment, got ${url}`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * One relay: publishing with verified receipts, reads, the challenge flow of spec/auth.md with cached
 * tokens, resumable live streams, and the relay's health. Requests that fail for a transient reason
 * (unreachable, 5xx, 429) are retried with backoff; every error is an IntentcastError with the relay's code.
 *
 * @example
 * const relay = new RelayClient('https://relay.example', { transport });
 * const receipt = await relay.publish(intent); // verified with the relay's key
 */
export class RelayClient {
  readonly url: string;
  readonly #transport: Transport;
  readonly #backend: Ed25519Backend | undefined;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #onInvalid: InvalidHandler;
  readonly #tracker: HealthTracker;
  readonly #exchange: Exchange;
  readonly #tokens: Tokens;
  readonly #did: string | undefined;
  #info: Promise<RelayInfo> | undefined;

  constructor(url: string, options: RelayClientOptions) {
    this.url = baseUrl(url);
    this.#transport = options.transport;
    this.#backend = options.backend;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#onInvalid = options.onInvalid ?? (() => {});
    this.#tracker = new HealthTracker(this.url, this.#now);
    this.#exchange = new Exchange({
      url: this.url,
      transport: this.#transport,
      tracker: this.#tracker,
      backoff: this.#backoff,
      random: this.#random,
      retries: options.retries ?? 2,
    });
    this.#tokens = new Tokens({
      url: this.url,
      exchange: this.#exchange,
      relayDid: (signal) => this.did(signal),
      backend: this.#backend,
      now: this.#now,
    });
    if (options.did !== undefined) {
      if (!isValidDidKey(options.did)) {
        throw new TypeError(`relay did: expected an Ed25519 did:key, got ${JSON.stringify(options.did)}`);
      }
      this.#did = options.did;
      this.#tracker.did = options.did;
    }
  }

  /** The relay's health as this client has seen it. */
  health(): RelayHealth {
    return this.#tracker.snapshot();
  }

  /** The relay's well-known document (fetched once). Refuses a relay whose key is not the configured one. */
  info(signal?: AbortSignal): Promise<RelayInfo> {
    this.#info ??= this.#fetchInfo(signal).catch((err: unknown) => {
      this.#info = undefined;
      throw err;
    });
    return this.#info;
  }

  /** The relay's did:key: the configured one, or the one of its well-known document. */
  async did(signal?: AbortSignal): Promise<string> {
    return this.#did ?? (await this.info(signal)).did;
  }

  /** Submits one message; resolves with the relay's receipt once it has verified under the relay's key. */
  async publish(message: Message, signal?: AbortSignal): Promise<Receipt> {
    const did = await this.did(signal);
    const body = await this.#exchange.request('POST', '/v1/messages', {
      body: JSON.stringify(message),
      signal,
    });
    const receipt = body.receipt;
    let problem: string | undefined;
    if (!verifyReceipt(receipt, did, this.#backend ? { backend: this.#backend } : {})) {
      problem = `the receipt from ${this.url} does not verify under the relay key ${did}`;
    } else if (receipt.id !== message.id) {
      problem = `the receipt from ${this.url} is for another message (${receipt.id})`;
    }
    if (problem !== undefined) {
      const err = new IntentcastError('ERR_SIGNATURE_INVALID', problem, { path: '/receipt' });
      this.#tracker.failure(err, true);
      throw err;
    }
    return receipt as Receipt;
  }

  /** One message by id, verified; `key` reads a private message its holder may read. */
  async message(id: string, options: { key?: KeyPair; signal?: AbortSignal } = {}): Promise<Message> {
    const body = await this.#read(`/v1/messages/${encodeURIComponent(id)}`, options);
    const checked = validateMessage(body.message, this.#archive());
    if (!checked.ok) throw fromFailure(checked);
    if (checked.value.id !== id) throw malformed(this.url, `message (it is ${checked.value.id}, not ${id})`);
    return checked.value;
  }

  /**
   * A thread as the relay shows it to `key` (all of it to the buyer, its own negotiation to a vendor).
   * Every message is verified without expiry, as an archive is; any that fails is dropped and reported.
   */
  async thread(
    intentId: string,
    options: { key?: KeyPair; signal?: AbortSignal } = {},
  ): Promise<RelayThread> {
    const body = await this.#read(`/v1/intents/${encodeURIComponent(intentId)}/thread`, options);
    const intent = validateMessage(body.intent, this.#archive());
    if (!intent.ok) throw fromFailure(intent);
    if (intent.value.type !== 'intent' || intent.value.id !== intentId) {
      throw malformed(this.url, 'thread (its intent is another message)');
    }
    if (!Array.isArray(body.messages) || !THREAD_STATES.includes(body.state as string)) {
      throw malformed(this.url, 'thread');
    }
    const messages: Message[] = [];
    for (const raw of body.messages) {
      const checked = validateMessage(raw, this.#archive());
      if (!checked.ok) this.#onInvalid(invalid(checked, this.url, undefined, raw));
      else if (checked.value.type === 'intent' || checked.value.thread !== intentId) {
        const problem = {
          code: 'ERR_LIFECYCLE_WRONG_THREAD',
          message: `not a message of thread ${intentId}`,
        } as const;
        this.#onInvalid(invalid(problem, this.url, undefined, raw));
      } else messages.push(checked.value);
    }
    return { intent: intent.value as Intent, messages, state: body.state as ThreadState };
  }

  /** One page of intents matching `query`, newest first; expired ones are dropped unless asked for. */
  async intents(
    query: IntentQuery = {},
    signal?: AbortSignal,
  ): Promise<{ intents: Intent[]; next: string | undefined }> {
    const params = new URLSearchParams(filterParams(query));
    if (query.state !== undefined) params.set('state', query.state);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    const search = params.size > 0 ? `?${params}` : '';
    const body = await this.#exchange.request('GET', `/v1/intents${search}`, { signal });
    if (!Array.isArray(body.intents)) throw malformed(this.url, 'intent page');
    const checkTime = query.state === undefined || query.state === 'open';
    const intents: Intent[] = [];
    for (const raw of body.intents) {
      const checked = checkTime
        ? checkIncoming(raw, { backend: this.#backend, now: this.#now })
        : validateMessage(raw, this.#archive());
      if (!checked.ok) this.#onInvalid(invalid(checked, this.url, undefined, raw));
      else if (checked.value.type === 'intent') intents.push(checked.value);
    }
    return { intents, next: typeof body.next === 'string' ? body.next : undefined };
  }

  /** An access token for `key` on this relay, through the challenge flow of spec/auth.md; cached until near expiry. */
  token(key: KeyPair, signal?: AbortSignal): Promise<string> {
    return this.#tokens.get(key, signal);
  }

  /** Forgets the token of `key`, after the relay said it no longer verifies. */
  dropToken(key: KeyPair): void {
    this.#tokens.drop(key);
  }

  /**
   * Runs a live stream until `options.signal` aborts: the backlog after `spec.cursor`, then live events,
   * each handed to `sink` with its seq. Reconnects with backoff and resumes after the last seq; rejects
   * only when the relay refuses the subscription itself (a bad filter).
   */
  subscribe(spec: StreamSpec, sink: StreamSink, options: StreamOptions): Promise<void> {
    return runStream(
      {
        url: this.url,
        transport: this.#transport,
        tracker: this.#tracker,
        backoff: this.#backoff,
        random: this.#random,
        token: (key, signal) => this.token(key, signal),
        dropToken: (key) => this.dropToken(key),
      },
      spec,
      sink,
      options,
    );
  }

  /** A GET that reads as `key` when given; a token the relay no longer accepts is renewed once. */
  async #read(path: string, options: { key?: KeyPair; signal?: AbortSignal }): Promise<Json> {
    const { key, signal } = options;
    if (key === undefined) return this.#exchange.request('GET', path, { signal });
    try {
      return await this.#exchange.request('GET', path, { signal, token: await this.token(key, signal) });
    } catch (err) {
      if (!(err instanceof IntentcastError && err.code === 'ERR_AUTH_INVALID')) throw err;
      this.dropToken(key);
      return this.#exchange.request('GET', path, { signal, token: await this.token(key, signal) });
    }
  }

  async #fetchInfo(signal: AbortSignal | undefined): Promise<RelayInfo> {
    const document = await this.#exchange.request('GET', '/.well-known/intentcast', { signal });
    const relay = document.relay as { did?: unknown } | undefined;
    const did = relay?.did;
    if (typeof did !== 'string' || !isValidDidKey(did)) throw malformed(this.url, 'well-known document');
    if (this.#did !== undefined && did !== this.#did) {
      const err = new IntentcastError(
        'ERR_KEY_INVALID',
        `${this.url} names itself ${did}, not the configured relay key ${this.#did}`,
        { path: '/relay/did' },
      );
      this.#tracker.failure(err, true);
      throw err;
    }
    this.#tracker.did = did;
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    const endpoints = document.endpoints;
    return {
      did,
      protocol: strings(document.protocol),
      endpoints: (typeof endpoints === 'object' && endpoints !== null ? endpoints : {}) as Record<
        string,
        string
      >,
      document,
    };
  }

  /** Messages read back from a relay are checked as an archive is: everything but their expiry. */
  #archive() {
    return { checkTime: false, ...(this.#backend === undefined ? {} : { backend: this.#backend }) };
  }
}
