import type { Message, ThreadState } from '@intentcast/core';
import type { EventSource, StoredEvent } from '../events.js';
import type { IntentFilter } from '../filter.js';
import type { NewDelivery, WebhookStore } from '../webhooks/store.js';

/**
 * The storage the relay's routes use. The SQLite store (./sqlite) is the reference implementation; another
 * database can be added behind this interface without touching the routes.
 *
 * Contract: `commit` is atomic (every record or none) and resolves only once the records are durable; `seq`
 * values are assigned in record order, strictly increasing and never reused, even after a purge.
 */
export interface Store extends EventSource {
  /** Stores the records in one transaction, in order, and returns them with their `seq`. */
  commit(records: readonly NewRecord[]): Promise<StoredEvent[]>;
  /** A message by id, whatever its type. */
  getMessage(id: string): Promise<StoredMessage | undefined>;
  /** A whole thread: its intent, every other message in commit order, and its state. */
  getThread(intentId: string): Promise<ThreadRecord | undefined>;
  /** One page of intents, newest (highest seq) first. */
  queryIntents(query: IntentQuery): Promise<IntentPage>;
  /** Ids of intents that expired at or before `before` (epoch ms), oldest expiry first, at most `limit`. */
  expiredThreads(before: number, limit: number): Promise<string[]>;
  /** Deletes threads (the intent and every message answering it); returns how many were deleted. */
  deleteThreads(intentIds: readonly string[]): Promise<number>;
  /** False once closed. */
  isOpen(): boolean;
  /**
   * Why the store refuses writes, when it does: a store that could not make a commit durable cannot tell
   * what is on disk, and takes no more writes until the relay restarts and recovers it.
   */
  failure?(): Error | undefined;
  close(): Promise<void>;
  /**
   * Webhook endpoints and the outbox of their deliveries (spec/relay-webhooks.md). A store without it
   * serves no webhooks.
   */
  webhooks?: WebhookStore;
  /** Sizes and counts for monitoring (`GET /metrics`); a store that cannot tell them leaves this out. */
  stats?(): StoreStats;
}

/** What a store reports for monitoring. Cheap enough to read every scrape interval. */
export interface StoreStats {
  /** Bytes of the database file; 0 for a store in memory. */
  databaseBytes: number;
  /** Bytes of the write-ahead log, which checkpoints fold back into the database; 0 without one. */
  walBytes: number;
  /** Threads by their stored state (judged without a time: an expired thread still counts as open). */
  threads: Partial<Record<StoredThreadState, number>>;
}

/** The lasting part of a thread's state; `expired` is not stored but derived from `expires` and the time. */
export type StoredThreadState = Exclude<ThreadState, 'expired'>;

/** A message as the relay committed it, with the exact JSON text it was received as. */
export interface StoredMessage extends StoredEvent {
  text: string;
}

/** What the ingest path hands to `commit` for one message. */
export interface NewRecord {
  message: Message;
  /** The JSON text of the message exactly as received. */
  text: string;
  /** The did:keys whose mailbox the message lands in. */
  recipients: readonly string[];
  /** Epoch milliseconds; the `received` time of the receipt. */
  receivedAt: number;
  /** The state of the message's thread once this message is part of it. */
  thread: ThreadFacts;
  /** Webhook deliveries of the message, written in the same transaction (the outbox). */
  deliveries?: readonly NewDelivery[];
}

/**
 * What a store keeps about a thread besides its messages: enough to tell its state at any time without
 * reading the thread (the lifecycle's `threadState`, spec/lifecycle.md#thread-state).
 */
export interface ThreadFacts {
  /** The state judged without a time. */
  state: StoredThreadState;
  /** The units accepted (and not withdrawn since). */
  acceptedQuantity: number;
  /** Negotiations accepted and not yet confirmed. */
  unconfirmed: number;
}

/** The `state` parameter of intent queries. */
export type StateFilter = ThreadState | 'any';

export interface IntentQuery {
  filter: IntentFilter;
  state: StateFilter;
  /** The time `open` and `expired` are judged at, epoch ms. */
  now: number;
  /** Only intents with a lower seq (the keyset cursor). */
  beforeSeq?: number;
  limit: number;
}

export interface IntentPage {
  intents: StoredMessage[];
  /** True when more intents match after the last one returned. */
  more: boolean;
}

export interface ThreadRecord extends ThreadFacts {
  intent: StoredMessage;
  /** Every message of the thread but the intent, in commit order. */
  messages: StoredMessage[];
  /** When the intent expires, epoch ms. */
  expires: number;
}

/**
 * The state of a thread at `now`, as the lifecycle's `threadState` gives it: a thread that is still open
 * when its intent expires is expired if nothing of it was accepted, and otherwise done with what was
 * accepted (`accepted` until every accept is confirmed, then `closed`). Store queries use the same rule.
 */
export function stateAt(thread: ThreadFacts & { expires: number }, now: number): ThreadState {
  if (thread.state !== 'open' || now < thread.expires) return thread.state;
  if (thread.acceptedQuantity === 0) return 'expired';
  return thread.unconfirmed > 0 ? 'accepted' : 'closed';
}
