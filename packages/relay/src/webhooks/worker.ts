import { EventEmitter } from 'node:events';
import type { WebhookEventType } from '@intentcast/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Dispatcher } from 'undici';
import { carriesMessage, disabledEventBody, messageEventBody } from './event.js';
import type { ResolvedWebhookOptions } from './options.js';
import type { EndpointRouter } from './router.js';
import { activeSecrets, retryDelay } from './schedule.js';
import { type SendResult, sendDelivery } from './send.js';
import type { DeliveryRecord, DisabledReason, EndpointRecord, WebhookStore } from './store.js';

/** One attempt and what it led to: the delivery is done, will be tried again, or was given up. */
export interface AttemptEvent {
  endpoint: string;
  delivery: string;
  type: WebhookEventType;
  outcome: 'delivered' | 'retrying' | 'failed';
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** The relay stopped delivering to an endpoint. */
export interface DisabledEvent {
  endpoint: string;
  owner: string;
  reason: DisabledReason;
  detail: string;
}

export type WorkerEvents = { attempt: [AttemptEvent]; disabled: [DisabledEvent] };

export interface WorkerOptions {
  store: WebhookStore;
  router: EndpointRouter;
  clock: () => number;
  options: ResolvedWebhookOptions;
  dispatcher: Dispatcher;
  log: FastifyBaseLogger;
  newId: () => string;
}

/** Longest a timer sleeps before the worker looks at the clock again. */
const MAX_SLEEP_MS = 60_000;
/** How long an endpoint waits after a fault of the relay's own (a failed store write). */
const FAULT_BACKOFF_MS = 5_000;
const EXPIRY_BATCH = 500;
const PRUNE_BATCH = 1000;
const PURGED =
  "the message was deleted under the relay's retention policy before it could be delivered; nothing was sent";

/**
 * Sends the outbox's deliveries. Each endpoint is a lane: only its earliest pending delivery is attempted,
 * one attempt at a time, so an endpoint receives its deliveries in the order they were queued; a failed
 * delivery is retried on the schedule and holds back the later ones until it succeeds or is given up.
 * Lanes run side by side, at most `concurrency` at once. The worker keeps in memory only which endpoints
 * have work and when; everything else is read from the store, so a restart picks up where it stopped.
 *
 * Events: `attempt` after every attempt, `disabled` when an endpoint is disabled.
 */
export class DeliveryWorker extends EventEmitter<WorkerEvents> {
  readonly #o: WorkerOptions;
  /** Endpoints that may have a delivery to attempt, and from when. */
  readonly #due = new Map<string, number>();
  /** Endpoints with an attempt under way. */
  readonly #lanes = new Map<string, Promise<void>>();
  /** Endpoints woken while their lane ran: looked at again when it ends. */
  readonly #rewake = new Set<string>();
  /** Single attempts outside the lanes (the last event of a disabled endpoint). */
  readonly #extra = new Set<Promise<void>>();
  #running = false;
  #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #interval: NodeJS.Timeout | undefined;
  #maintaining: Promise<void> | undefined;

  constructor(options: WorkerOptions) {
    super();
    this.#o = options;
  }

  /** Starts sending: looks for pending deliveries (those left by an earlier run included), then runs. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#abort = new AbortController();
    this.#interval = setInterval(() => {
      this.runMaintenance().catch(() => {});
    }, this.#o.options.maintenanceIntervalMs);
    this.#interval.unref();
    await this.runMaintenance();
  }

  /**
   * Stops: no new attempts; attempts under way are aborted and stay pending (they are made again on the
   * next start, with the same webhook-id). Resolves once nothing runs.
   */
  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#interval);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    this.#abort.abort();
    await this.#maintaining?.catch(() => {});
    await Promise.allSettled([...this.#lanes.values(), ...this.#extra]);
  }

  /** Endpoints with an attempt under way. */
  get inFlight(): number {
    return this.#lanes.size;
  }

  /** Endpoints waiting for their next attempt. */
  get waiting(): number {
    return this.#due.size;
  }

  /** New deliveries were queued for these endpoints (after the commit that holds them). */
  wake(endpoints: Iterable<string>): void {
    if (!this.#running) return;
    const now = this.#o.clock();
    for (const id of endpoints) {
      if (this.#lanes.has(id)) this.#rewake.add(id);
      else if (!this.#due.has(id)) this.#due.set(id, now);
    }
    this.#pump();
  }

  /**
   * Queues `intent.expired` deliveries for intents that have expired, prunes old finished deliveries, and
   * looks in the store for endpoints with pending deliveries that the worker does not know of.
   */
  runMaintenance(): Promise<void> {
    this.#maintaining ??= this.#maintain().finally(() => {
      this.#maintaining = undefined;
    });
    return this.#maintaining;
  }

  async #maintain(): Promise<void> {
    const { store, clock, options, newId, log } = this.#o;
    try {
      const now = clock();
      for (let more = true; more && this.#running; ) {
        const expired = await store.enqueueExpired(now, EXPIRY_BATCH, newId);
        this.wake(expired.endpoints);
        more = expired.more;
      }
      await store.pruneDeliveries(now - options.historyMs, PRUNE_BATCH);
      for (const { endpoint, due } of await store.pendingEndpoints()) {
        if (!this.#due.has(endpoint) && !this.#lanes.has(endpoint)) this.#due.set(endpoint, due);
      }
    } catch (err) {
      if (this.#running) log.error({ err }, 'webhooks: maintenance failed');
      throw err;
    }
    this.#pump();
  }

  /** The owner turned the endpoint off: it is sent `endpoint.disabled` once, after its attempt under way. */
  disabledByOwner(endpoint: EndpointRecord): void {
    this.#due.delete(endpoint.id);
    const detail = endpoint.disabled?.detail ?? '';
    this.emit('disabled', { endpoint: endpoint.id, owner: endpoint.owner, reason: 'owner', detail });
    const prior = this.#lanes.get(endpoint.id) ?? Promise.resolve();
    const task = prior
      .then(() => this.#sendDisabledEvent(endpoint, 'owner'))
      .catch((err: unknown) => this.#o.log.error({ err }, 'webhooks: the endpoint.disabled event failed'));
    this.#extra.add(task);
    task.finally(() => this.#extra.delete(task));
  }

  /** Starts lanes for the endpoints that are due, up to the concurrency, and sets a timer for the next. */
  #pump(): void {
    if (!this.#running) return;
    const now = this.#o.clock();
    let next = Number.POSITIVE_INFINITY;
    while (this.#lanes.size < this.#o.options.concurrency) {
      let pick: string | undefined;
      let pickAt = Number.POSITIVE_INFINITY;
      for (const [id, at] of this.#due) {
        if (at < pickAt && !this.#lanes.has(id)) {
          pick = id;
          pickAt = at;
        }
      }
      if (pick === undefined) break;
      if (pickAt > now) {
        next = pickAt;
        break;
      }
      this.#due.delete(pick);
      this.#startLane(pick);
    }
    this.#arm(next);
  }

  #arm(at: number): void {
    if (at === Number.POSITIVE_INFINITY || (this.#timer !== undefined && this.#timerAt <= at)) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    const delay = Math.min(Math.max(at - this.#o.clock(), 0), MAX_SLEEP_MS);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#pump();
    }, delay);
    this.#timer.unref();
  }

  #startLane(id: string): void {
    const lane = this.#attemptHead(id)
      .catch((err: unknown) => {
        if (this.#running)
          this.#o.log.error({ err, endpoint: id }, 'webhooks: an attempt could not be recorded');
        return this.#o.clock() + FAULT_BACKOFF_MS;
      })
      .then((nextDue) => {
        this.#lanes.delete(id);
        const rewake = this.#rewake.delete(id);
        if (!this.#running) return;
        if (nextDue !== undefined) this.#due.set(id, nextDue);
        else if (rewake) this.#due.set(id, this.#o.clock());
        this.#pump();
      });
    this.#lanes.set(id, lane);
  }

  /** Attempts the endpoint's earliest pending delivery if it is due; resolves with when to look again. */
  async #attemptHead(id: string): Promise<number | undefined> {
    const { store, clock, options } = this.#o;
    const endpoint = await store.getEndpoint(id);
    if (endpoint === undefined || !endpoint.enabled) return undefined;
    const head = await store.head(id);
    if (head === undefined) return undefined;
    if (head.nextAttempt !== null && head.nextAttempt > clock()) return head.nextAttempt;
    const body = await this.#bodyOf(head);
    if (body === undefined) {
      const attempt = { at: clock(), durationMs: 0, status: null, error: PURGED };
      await store.recordAttempt(head, attempt, {
        status: 'failed',
        tries: head.tries,
        nextAttempt: null,
        counts: 'none',
      });
      return clock();
    }
    const at = clock();
    const result = await this.#send(endpoint, head.id, body, at);
    if (result.aborted) return undefined;
    const attempt = { at, durationMs: result.durationMs, status: result.status, error: result.error };
    const finished = clock();
    if (result.ok) {
      await store.recordAttempt(head, attempt, {
        status: 'delivered',
        tries: head.tries,
        nextAttempt: null,
        counts: 'success',
      });
      this.#emitAttempt(head, result, 'delivered');
      return finished;
    }
    const tries = head.tries + 1;
    const exhausted = tries > options.retrySchedule.length;
    const nextAttempt = exhausted
      ? null
      : finished + retryDelay(options.retrySchedule, tries - 1, options.random);
    const { failingSince } = await store.recordAttempt(head, attempt, {
      status: exhausted ? 'failed' : 'pending',
      tries,
      nextAttempt,
      counts: 'failure',
    });
    this.#emitAttempt(head, result, exhausted ? 'failed' : 'retrying');
    if (result.status === 410) {
      await this.#disable(id, 'the endpoint answered 410 Gone', false);
      return undefined;
    }
    if (failingSince !== null && finished - failingSince >= options.disableAfterMs) {
      const since = new Date(failingSince).toISOString();
      await this.#disable(id, `every attempt since ${since} failed; the last: ${result.error}`, true);
      return undefined;
    }
    return nextAttempt ?? finished;
  }

  async #bodyOf(delivery: DeliveryRecord): Promise<string | undefined> {
    if (delivery.body !== null) return delivery.body;
    if (delivery.seq === null || !carriesMessage(delivery.type)) return undefined;
    const text = await this.#o.store.messageText(delivery.seq);
    if (text === undefined) return undefined;
    return messageEventBody(delivery.type, delivery.endpoint, delivery.seq, delivery.eventTime, text);
  }

  #send(endpoint: EndpointRecord, id: string, body: string, now: number): Promise<SendResult> {
    const { options, dispatcher } = this.#o;
    return sendDelivery({
      url: endpoint.url,
      id,
      body,
      secrets: activeSecrets(endpoint, now),
      now,
      dispatcher,
      timeoutMs: options.timeoutMs,
      policy: options,
      signal: this.#abort.signal,
    });
  }

  #emitAttempt(delivery: DeliveryRecord, result: SendResult, outcome: AttemptEvent['outcome']): void {
    this.emit('attempt', {
      endpoint: delivery.endpoint,
      delivery: delivery.id,
      type: delivery.type,
      outcome,
      status: result.status,
      error: result.error,
      durationMs: result.durationMs,
    });
  }

  /** Disables an endpoint for its failures, unless it is already off; `notify` sends it the last event. */
  async #disable(id: string, detail: string, notify: boolean): Promise<void> {
    const { store, router, clock } = this.#o;
    const current = await store.getEndpoint(id);
    if (current === undefined || !current.enabled) return;
    const now = clock();
    const disabled = { reason: 'failures' as const, detail, at: now };
    const updated = await store.updateEndpoint(id, { enabled: false, disabled, updated: now });
    router.delete(id);
    this.#due.delete(id);
    this.#o.log.warn({ endpoint: id, detail }, 'webhooks: endpoint disabled');
    this.emit('disabled', { endpoint: id, owner: current.owner, reason: 'failures', detail });
    if (notify && updated) await this.#sendDisabledEvent(updated, 'failures');
  }

  /** One attempt of `endpoint.disabled`, never retried, recorded among the endpoint's deliveries. */
  async #sendDisabledEvent(endpoint: EndpointRecord, reason: DisabledReason): Promise<void> {
    if (!this.#running) return;
    const { store, clock, newId } = this.#o;
    const now = clock();
    const delivery = {
      id: newId(),
      endpoint: endpoint.id,
      type: 'endpoint.disabled' as const,
      eventTime: now,
    };
    const body = disabledEventBody(endpoint.id, reason, now);
    const result = await this.#send(endpoint, delivery.id, body, now);
    if (result.aborted) return;
    const attempt = { at: now, durationMs: result.durationMs, status: result.status, error: result.error };
    await store.recordOnce({ ...delivery, body }, attempt, result.ok);
  }
}
