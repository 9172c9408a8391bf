import { ERROR_CATALOGUE, MESSAGE_TYPES } from '@intentcast/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreStats } from '../store/store.js';

/** Live-stream figures, as the stream hub reports them (`Hub.stats()`). */
export interface StreamStats {
  subscriptions: number;
  intentSubscriptions: number;
  mailboxSubscriptions: number;
  lastPublished: number;
}

/** What metrics read of the webhook service (`relay.webhooks`, webhooks/service.ts). */
export interface WebhookSource {
  stats(): Promise<{
    endpoints: number;
    disabledEndpoints: number;
    /** Deliveries waiting to be sent, held ones (of disabled endpoints) included. */
    pending: number;
    /** When the oldest pending delivery was queued, epoch ms, or null. */
    oldestPending: number | null;
    /** Attempts in flight now. */
    inFlight: number;
  }>;
  on(event: 'attempt', listener: (attempt: { outcome: string; durationMs: number }) => void): void;
  on(event: 'disabled', listener: (disabled: { reason: string }) => void): void;
}

/** Where the gauges read their values at scrape time. Each is optional: a missing source has no gauges. */
export interface MetricsSources {
  /** The relay's did:key and software version, for `intentcast_relay_info`. */
  info: { did: string; version: string };
  clock: () => number;
  lastSeq?: () => number;
  store?: () => StoreStats;
  streams?: () => StreamStats;
  /** Node.js process metrics (CPU, memory, event loop, GC). They are process-wide: one relay per process. */
  processMetrics?: boolean;
  /** Store figures are read at most this often, since counting threads is not free. Default 30 s. */
  storeStatsMaxAgeMs?: number;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A message type as a label: one of the protocol's types, or `unknown` (never what a client made up). */
export function typeLabel(type: unknown): string {
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'unknown';
}

/** An error code as a label: a catalogued code, or `other`. */
export function codeLabel(code: unknown): string {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code) ? code : 'other';
}

/** An HTTP method as a label: a standard method, or `other`. */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

/**
 * The metrics of one relay, in a registry of its own (never prom-client's global one), so that several
 * relays in one process keep separate counts. Counters are fed by the relay's hooks; gauges read their
 * sources when scraped.
 */
export class RelayMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly inFlight: Gauge<'method'>;
  readonly accepted: Counter<'type'>;
  readonly rejected: Counter<'type' | 'code'>;
  readonly stored: Counter<'type'>;

  readonly #clock: () => number;

  constructor(sources: MetricsSources) {
    this.#clock = sources.clock;
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'intentcast_http_request_duration_seconds',
      help: 'Time from request to response, by route template and status (streams excluded).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'intentcast_http_requests_in_flight',
      help: 'Requests being handled, open SSE streams included.',
      labelNames: ['method'],
      registers,
    });
    this.accepted = new Counter({
      name: 'intentcast_messages_accepted_total',
      help: 'Messages answered with a receipt (stored now, or a replay of one stored before), by type.',
      labelNames: ['type'],
      registers,
    });
    this.rejected = new Counter({
      name: 'intentcast_messages_rejected_total',
      help: 'Messages refused, by type (unknown when it could not be read) and error code.',
      labelNames: ['type', 'code'],
      registers,
    });
    this.stored = new Counter({
      name: 'intentcast_messages_stored_total',
      help: 'Messages committed to the store, by type.',
      labelNames: ['type'],
      registers,
    });
    new Gauge({
      name: 'intentcast_relay_info',
      help: 'The relay: its did:key and software version; always 1.',
      labelNames: ['did', 'version'],
      registers,
    }).set({ did: sources.info.did, version: sources.info.version }, 1);
    this.#storeGauges(sources);
    this.#streamGauges(sources);
    if (sources.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** The Prometheus text exposition of every metric. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  #storeGauges(sources: MetricsSources): void {
    const registers = [this.registry];
    const { lastSeq, store } = sources;
    if (lastSeq) {
      new Gauge({
        name: 'intentcast_store_last_seq',
        help: 'The seq of the last message committed: how many messages the relay has ever stored.',
        registers,
        collect() {
          this.set(lastSeq());
        },
      });
    }
    if (!store) return;
    const maxAge = sources.storeStatsMaxAgeMs ?? 30_000;
    let cached: { at: number; stats: StoreStats } | undefined;
    const read = (): StoreStats => {
      const now = sources.clock();
      if (cached === undefined || now - cached.at >= maxAge) cached = { at: now, stats: store() };
      return cached.stats;
    };
    new Gauge({
      name: 'intentcast_store_bytes',
      help: 'Bytes on disk of the store: the database file and its write-ahead log.',
      labelNames: ['file'],
      registers,
      collect() {
        const stats = read();
        this.set({ file: 'database' }, stats.databaseBytes);
        this.set({ file: 'wal' }, stats.walBytes);
      },
    });
    new Gauge({
      name: 'intentcast_store_threads',
      help: 'Threads (intents) kept, by stored state; expired threads count as open until purged.',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const [state, n] of Object.entries(read().threads)) this.set({ state }, n ?? 0);
      },
    });
  }

  #streamGauges(sources: MetricsSources): void {
    const { streams } = sources;
    if (!streams) return;
    const registers = [this.registry];
    new Gauge({
      name: 'intentcast_stream_subscriptions',
      help: 'Stream subscriptions open (SSE streams and WebSocket subscriptions), catching up or live.',
      registers,
      collect() {
        this.set(streams().subscriptions);
      },
    });
    new Gauge({
      name: 'intentcast_stream_live_subscriptions',
      help: 'Live stream subscriptions, by what they select.',
      labelNames: ['kind'],
      registers,
      collect() {
        const stats = streams();
        this.set({ kind: 'intents' }, stats.intentSubscriptions);
        this.set({ kind: 'mailbox' }, stats.mailboxSubscriptions);
      },
    });
    new Gauge({
      name: 'intentcast_stream_last_published_seq',
      help: 'The seq of the last event handed to the streams; it trails intentcast_store_last_seq briefly.',
      registers,
      collect() {
        this.set(streams().lastPublished);
      },
    });
  }

  /**
   * Adds the webhook metrics: attempts and disabled endpoints as they happen, the outbox and endpoints
   * when scraped. Called once the webhook service exists (it is set up after the routes).
   */
  watchWebhooks(source: WebhookSource): void {
    const registers = [this.registry];
    const attempts = new Counter({
      name: 'intentcast_webhook_attempts_total',
      help: 'Webhook delivery attempts, by outcome: delivered, retrying (failed, will be retried) or failed (given up).',
      labelNames: ['outcome'],
      registers,
    });
    const duration = new Histogram({
      name: 'intentcast_webhook_attempt_duration_seconds',
      help: 'How long webhook delivery attempts took, connecting included.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    const disabled = new Counter({
      name: 'intentcast_webhook_endpoints_disabled_total',
      help: 'Webhook endpoints disabled, by reason (failures, owner, operator).',
      labelNames: ['reason'],
      registers,
    });
    source.on('attempt', (attempt) => {
      attempts.inc({ outcome: attempt.outcome });
      duration.observe(attempt.durationMs / 1000);
    });
    source.on('disabled', (event) => disabled.inc({ reason: event.reason }));

    // One read of the store per scrape feeds every outbox gauge.
    let reading: ReturnType<WebhookSource['stats']> | undefined;
    const read = () => {
      reading ??= source.stats().finally(() => {
        setImmediate(() => {
          reading = undefined;
        });
      });
      return reading;
    };
    const clock = this.#clock;
    new Gauge({
      name: 'intentcast_webhook_outbox_pending',
      help: 'Webhook deliveries waiting to be sent (those held for disabled endpoints included).',
      registers,
      async collect() {
        this.set((await read()).pending);
      },
    });
    new Gauge({
      name: 'intentcast_webhook_outbox_oldest_pending_seconds',
      help: 'Age of the oldest pending webhook delivery; 0 when none is pending.',
      registers,
      async collect() {
        const oldest = (await read()).oldestPending;
        this.set(oldest === null ? 0 : Math.max(0, (clock() - oldest) / 1000));
      },
    });
    new Gauge({
      name: 'intentcast_webhook_attempts_in_flight',
      help: 'Webhook delivery attempts under way.',
      registers,
      async collect() {
        this.set((await read()).inFlight);
      },
    });
    new Gauge({
      name: 'intentcast_webhook_endpoints',
      help: 'Registered webhook endpoints, by state.',
      labelNames: ['state'],
      registers,
      async collect() {
        const figures = await read();
        this.set({ state: 'enabled' }, figures.endpoints - figures.disabledEndpoints);
        this.set({ state: 'disabled' }, figures.disabledEndpoints);
      },
    });
  }
}
