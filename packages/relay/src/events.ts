import type { Message } from '@intentcast/core';

/**
 * A message as the relay stored it. `seq` is the relay's commit order: strictly increasing, never reused,
 * and the cursor of every stream (the SSE event id, the WebSocket cursor).
 */
export interface StoredEvent {
  seq: number;
  message: Message;
  /** The did:keys whose mailbox this message lands in (the counterparties; never the author). */
  recipients: readonly string[];
  /** When the relay committed it, epoch milliseconds. */
  receivedAt: number;
}

/** What the stream layer needs from storage, to replay what a reconnecting client missed. */
export interface EventSource {
  /** Public intents committed after `afterSeq`, oldest first, at most `limit`. */
  intentsAfter(afterSeq: number, limit: number): StoredEvent[];
  /** Messages in `key`'s mailbox committed after `afterSeq`, oldest first, at most `limit`. */
  mailboxAfter(key: string, afterSeq: number, limit: number): StoredEvent[];
  /** The highest seq committed so far (0 when empty). */
  lastSeq(): number;
}

/** Where the ingest path announces each committed event, after the commit and in seq order. */
export interface EventSink {
  publish(event: StoredEvent): void;
}
