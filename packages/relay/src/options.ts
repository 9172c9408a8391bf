import type { Ed25519Backend, KeyPair, Message } from '@intentcast/core';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import type { OperatorOptions } from './config/features.js';
import type { EventSink } from './events.js';
import type { Store } from './store/store.js';
import type { WebhookOptions } from './webhooks/options.js';

/** Every limit the relay enforces, in one place. Defaults are in DEFAULT_LIMITS. */
export interface RelayLimits {
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Most messages in one `POST /v1/messages` batch. */
  maxBatch: number;
  /** Intents per page of `GET /v1/intents` when `limit` is not given. */
  defaultPageSize: number;
  /** Largest `limit` of `GET /v1/intents`. */
  maxPageSize: number;
  /** Requests per window from one IP address without a token. */
  rateLimitPerIp: number;
  /** Requests per window from one authenticated key. */
  rateLimitPerKey: number;
  /** The rate-limit window, in milliseconds. */
  rateLimitWindowMs: number;
  /** How long an auth challenge can be answered, in milliseconds. */
  challengeTtlMs: number;
  /** Most open auth challenges kept; the oldest go first. */
  maxChallenges: number;
  /** How long an access token is valid, in milliseconds. */
  tokenTtlMs: number;
  /** Thread snapshots kept in memory for the lifecycle check. */
  threadCacheSize: number;
  /** Most messages committed in one transaction. */
  maxCommitBatch: number;
  /**
   * Limits of the live streams, read and checked by the stream plugin (`stream` field of `relay.limits`);
   * passed through unchanged here.
   */
  stream?: Readonly<Record<string, number>>;
}

export const DEFAULT_LIMITS: Readonly<Required<Omit<RelayLimits, 'stream'>>> = Object.freeze({
  bodyLimit: 1024 * 1024,
  maxBatch: 100,
  defaultPageSize: 50,
  maxPageSize: 200,
  rateLimitPerIp: 600,
  rateLimitPerKey: 1200,
  rateLimitWindowMs: 60_000,
  challengeTtlMs: 2 * 60_000,
  maxChallenges: 10_000,
  tokenTtlMs: 15 * 60_000,
  threadCacheSize: 10_000,
  maxCommitBatch: 1000,
});

/** How long the relay keeps threads after their intent expires. */
export interface RetentionOptions {
  /** Days after an intent's expiry that it and its thread are deleted. */
  days: number;
  /** How often the purge runs, in milliseconds. */
  intervalMs: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionOptions> = Object.freeze({
  days: 30,
  intervalMs: 60 * 60_000,
});

/** Decides whether the relay accepts messages from a key. Returning false refuses with ERR_KEY_DENIED. */
export type KeyPolicy = (author: string, message: Message) => boolean;

/**
 * The live-stream layer, as the relay sees it: it is told of every committed event, in seq order, and is
 * closed, with a reason its clients are given, when the relay shuts down.
 */
export interface StreamHub extends EventSink {
  close(reason: string): void;
}

/** Who runs the relay, for the well-known document. */
export interface OperatorInfo {
  name?: string;
  email?: string;
  url?: string;
}

/** Besides the fields below, the operator options: CORS, categories, metrics, docs (config/features.ts). */
export interface RelayOptions extends OperatorOptions {
  /** Where messages are kept. The caller opened it and closes it after the relay has closed. */
  store: Store;
  /** The relay's own Ed25519 key: it signs receipts and access tokens, and names the relay (did:key). */
  key: KeyPair;
  /** The clock, epoch milliseconds. Date.now unless given. */
  clock?: () => number;
  /** The Ed25519 implementation that verifies messages; Node's native one unless given. */
  backend?: Ed25519Backend;
  /**
   * Worker threads that check incoming messages and sign receipts, beside the event loop (always with
   * Node's native Ed25519). 0, the default, does that work in the event loop; a relay with two or more
   * cores ingests faster with 1 or more. The served relay's `ingest.workers` sets it.
   */
  cryptoWorkers?: number;
  /** Fastify logger options (false, the default, logs nothing). */
  logger?: FastifyServerOptions['logger'];
  /** A logger instance to use instead of `logger`. */
  loggerInstance?: FastifyBaseLogger;
  limits?: Partial<RelayLimits>;
  retention?: Partial<RetentionOptions>;
  /** Which keys may post. Every valid key may unless given. */
  keyPolicy?: KeyPolicy;
  /** The live-stream hub: published to after every commit, closed on shutdown. */
  hub?: StreamHub;
  /**
   * Plugins registered after the relay's own decorators and routes, in order (the stream routes are one).
   * They can use `relay.store`, `relay.authenticate`, `relay.limits`, `relay.hub` and `relay.clock`.
   */
  plugins?: FastifyPluginAsync[];
  /** Who runs the relay, published in the well-known document. */
  operator?: OperatorInfo;
  /** Webhook endpoints and their deliveries (spec/relay-webhooks.md); on unless `enabled: false`. */
  webhooks?: WebhookOptions;
  /**
   * Trust X-Forwarded-For for the client address (behind a proxy): true for any proxy, or the proxies'
   * addresses and CIDRs. Default false.
   */
  trustProxy?: boolean | string[];
}

/** Fills in defaults and checks that every limit is a positive integer. */
export function resolveLimits(given: Partial<RelayLimits> = {}): RelayLimits {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...given };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof typeof DEFAULT_LIMITS)[]) {
    const value = limits[name];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`limits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (limits.defaultPageSize > limits.maxPageSize) {
    throw new RangeError('limits.defaultPageSize must not exceed limits.maxPageSize');
  }
  return limits;
}

/** Fills in defaults and checks the retention options. */
export function resolveRetention(given: Partial<RetentionOptions> = {}): RetentionOptions {
  const retention = { ...DEFAULT_RETENTION, ...given };
  if (!(Number.isFinite(retention.days) && retention.days >= 0)) {
    throw new RangeError(`retention.days must be a number of days, got ${String(retention.days)}`);
  }
  if (!(Number.isSafeInteger(retention.intervalMs) && retention.intervalMs > 0)) {
    throw new RangeError(
      `retention.intervalMs must be a positive integer, got ${String(retention.intervalMs)}`,
    );
  }
  return retention;
}

/**
 * A key policy from allow and deny lists of did:keys: a denied key is refused; with an allow list, only
 * the keys on it are accepted.
 *
 * @example
 * buildRelay({ store, key, keyPolicy: listPolicy({ deny: ['did:key:z6Mk...'] }) });
 */
export function listPolicy(lists: { allow?: readonly string[]; deny?: readonly string[] }): KeyPolicy {
  const allow = lists.allow && lists.allow.length > 0 ? new Set(lists.allow) : undefined;
  const deny = new Set(lists.deny ?? []);
  return (author) => !deny.has(author) && (allow === undefined || allow.has(author));
}
