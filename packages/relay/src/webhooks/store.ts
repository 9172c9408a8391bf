import type { WebhookEventType } from '@intentcast/core';
import type { FilterQuery } from '../filter.js';

/** The event types an endpoint subscribes to: those about messages. `test` and `endpoint.disabled` always come. */
export const SUBSCRIBABLE_EVENTS = [
  'intent.matched',
  'mailbox.offer',
  'mailbox.reply',
  'mailbox.withdraw',
  'mailbox.confirm',
  'intent.expired',
] as const satisfies readonly WebhookEventType[];
export type MessageEventType = (typeof SUBSCRIBABLE_EVENTS)[number];

export type DisabledReason = 'failures' | 'owner' | 'operator';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A registered endpoint, as stored. Times are epoch milliseconds. */
export interface EndpointRecord {
  /** `ep_` and random base64url: the `endpoint` of every event for it. */
  id: string;
  /** The did:key that registered it; only it can see or change the endpoint. */
  owner: string;
  url: string;
  /** The filter of `intent.matched`, as query parameters (spec/relay-api.md#filters). */
  filter: FilterQuery;
  events: MessageEventType[];
  description: string | null;
  secret: string;
  /** The secret before the latest rotation, still active until `previousSecretUntil`. */
  previousSecret: string | null;
  previousSecretUntil: number | null;
  enabled: boolean;
  disabled: { reason: DisabledReason; detail: string; at: number } | null;
  /** When the current run of failed attempts began; null after a success. */
  failingSince: number | null;
  /** Failed attempts since the last success. */
  failures: number;
  created: number;
  updated: number;
}

/** What can change on an endpoint after it was registered. */
export type EndpointChanges = Partial<
  Pick<
    EndpointRecord,
    | 'url'
    | 'filter'
    | 'events'
    | 'description'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretUntil'
    | 'enabled'
    | 'disabled'
    | 'failingSince'
    | 'failures'
    | 'updated'
  >
>;

/** A delivery of a message event, written by the commit that stores the message (NewRecord.deliveries). */
export interface NewDelivery {
  /** `msg_` and random base64url: the `webhook-id` of every attempt. */
  id: string;
  endpoint: string;
  type: MessageEventType;
}

/** A delivery of an event that carries no message (`test`), with its body. */
export interface NewBodyDelivery {
  id: string;
  endpoint: string;
  type: 'test' | 'endpoint.disabled';
  body: string;
  eventTime: number;
}

export interface DeliveryRecord {
  id: string;
  endpoint: string;
  type: WebhookEventType;
  /** The message's seq, for message events. */
  seq: number | null;
  /** The body, for events without a message; message events build theirs from the stored message. */
  body: string | null;
  /** When the event happened: the body's `timestamp`. */
  eventTime: number;
  status: DeliveryStatus;
  /** Failed attempts since the delivery was last queued: the place in the retry schedule. */
  tries: number;
  /** When the next attempt is due, while pending. */
  nextAttempt: number | null;
  /** When the delivery was last queued. */
  queued: number;
  /** Its place in the order of deliveries (higher is later). */
  order: number;
}

export interface AttemptRecord {
  at: number;
  durationMs: number;
  /** The HTTP status of the answer, when there was one. */
  status: number | null;
  /** What went wrong, when the attempt failed. */
  error: string | null;
}

export interface DeliveryWithAttempts extends DeliveryRecord {
  /** The latest attempts, oldest first (at most MAX_ATTEMPTS_KEPT). */
  attempts: AttemptRecord[];
  /** Every attempt ever made. */
  attemptCount: number;
}

/** What an attempt did to a delivery and its endpoint. */
export interface AttemptOutcome {
  status: DeliveryStatus;
  tries: number;
  nextAttempt: number | null;
  /**
   * How the attempt counts for the endpoint: a success clears its failures, a failure adds to them, and
   * `none` (nothing was sent) leaves them as they are.
   */
  counts: 'success' | 'failure' | 'none';
}

export interface OutboxStats {
  endpoints: number;
  disabledEndpoints: number;
  /** Deliveries waiting to be sent, held ones (of disabled endpoints) included. */
  pending: number;
  /** When the oldest pending delivery was queued, or null. */
  oldestPending: number | null;
}

/** Attempts kept per delivery; older ones are dropped. */
export const MAX_ATTEMPTS_KEPT = 20;

/**
 * The webhook part of a store: endpoints and the durable outbox of deliveries. Deliveries of message
 * events are written by `Store.commit`, in the same transaction as their message (NewRecord.deliveries).
 * Order: a delivery's `order` is greater than that of every delivery queued before it.
 */
export interface WebhookStore {
  createEndpoint(endpoint: EndpointRecord): Promise<void>;
  getEndpoint(id: string): Promise<EndpointRecord | undefined>;
  /** The owner's endpoints, oldest first. */
  listEndpoints(owner: string): Promise<EndpointRecord[]>;
  /** Every enabled endpoint: what new messages are matched against. */
  enabledEndpoints(): Promise<EndpointRecord[]>;
  /** Changes the given fields; returns the endpoint as it now is, or undefined if there is none. */
  updateEndpoint(id: string, changes: EndpointChanges): Promise<EndpointRecord | undefined>;
  /** Deletes an endpoint with its deliveries and their attempts. */
  deleteEndpoint(id: string): Promise<boolean>;
  /**
   * Re-enables an endpoint: clears its failures and makes every pending delivery due at `now`, with a
   * fresh retry schedule.
   */
  enableEndpoint(id: string, now: number): Promise<EndpointRecord | undefined>;

  /** Queues a delivery of an event without a message, due at once. */
  enqueue(delivery: NewBodyDelivery): Promise<DeliveryRecord>;
  /** Records a delivery made once, outside the queue (the last `endpoint.disabled`), with its attempt. */
  recordOnce(delivery: NewBodyDelivery, attempt: AttemptRecord, delivered: boolean): Promise<void>;
  /** The endpoint's earliest pending delivery: the only one that may be attempted. */
  head(endpoint: string): Promise<DeliveryRecord | undefined>;
  /** Each enabled endpoint with pending deliveries, and when its earliest one is due. */
  pendingEndpoints(): Promise<{ endpoint: string; due: number }[]>;
  /** The exact text of a stored message, by seq; undefined once deleted. */
  messageText(seq: number): Promise<string | undefined>;
  /** Records an attempt and its outcome, and counts it for or against the endpoint. */
  recordAttempt(
    delivery: DeliveryRecord,
    attempt: AttemptRecord,
    outcome: AttemptOutcome,
  ): Promise<{ failingSince: number | null }>;
  getDelivery(endpoint: string, id: string): Promise<DeliveryWithAttempts | undefined>;
  /** The endpoint's deliveries, latest queued first, a page at a time. */
  listDeliveries(
    endpoint: string,
    query: { status?: DeliveryStatus; beforeOrder?: number; limit: number },
  ): Promise<{ deliveries: DeliveryWithAttempts[]; more: boolean }>;
  /** Queues a finished delivery again, after every other, due at `now`. Undefined if it is not finished. */
  requeue(endpoint: string, id: string, now: number): Promise<DeliveryRecord | undefined>;
  /**
   * Queues `intent.expired` deliveries for intents whose thread was still open when they expired, since
   * the last call and at or before `now`, at most `limit` intents; returns the endpoints given deliveries,
   * and whether more intents wait. The first call only marks the time.
   */
  enqueueExpired(
    now: number,
    limit: number,
    newId: () => string,
  ): Promise<{ endpoints: string[]; more: boolean }>;
  /** Deletes at most `limit` finished deliveries last queued before `before`; returns how many. */
  pruneDeliveries(before: number, limit: number): Promise<number>;
  outboxStats(): Promise<OutboxStats>;
}
