import {
  applyToThread,
  type Failure,
  foldThread,
  type JsonValue,
  type Message,
  startThread,
  type ThreadSnapshot,
  threadState,
} from '@intentcast/core';
import type { StoredEvent } from '../events.js';
import type { KeyPolicy } from '../options.js';
import type { Receipt } from '../receipt.js';
import { GroupCommitter } from '../store/group-commit.js';
import type { NewRecord, Store, StoredThreadState } from '../store/store.js';
import type { IngestCrypto, Unchecked, Verdict } from './crypto.js';
import { KeyedMutex } from './locks.js';
import { recipientsOf } from './recipients.js';
import { ThreadCache } from './thread-cache.js';

/** One message of a request: its exact text and parsed value, or why it could not be parsed. */
export type RawMessage = { text: string; value: JsonValue } | { text: string; error: Failure };

/** What became of one message: stored now (`stored`), stored before (`!stored`), or refused. */
export type IngestResult = { ok: true; stored: boolean; receipt: Receipt } | Failure;

export interface IngestorOptions {
  store: Store;
  /** Checks messages and signs receipts: in the event loop or in worker threads (crypto.ts). */
  crypto: IngestCrypto;
  clock: () => number;
  keyPolicy: KeyPolicy | undefined;
  threadCacheSize: number;
  maxCommitBatch: number;
  /** Told of every committed event, in seq order, before the senders get their receipts. */
  publish(event: StoredEvent): void;
  /** Told of faults (failed commits); bad input is never reported here. */
  onFault(err: unknown): void;
  /**
   * Wraps each commit, so that what must be written with the records (the webhook outbox) joins their
   * transaction, and acts once it is durable. Without it, records are committed as they are.
   */
  commitWith?(
    records: NewRecord[],
    commit: (records: readonly NewRecord[]) => Promise<StoredEvent[]>,
  ): Promise<StoredEvent[]>;
}

/** An admitted message: its stored event, now or once its commit is done. */
interface Admitted {
  id: string;
  stored: boolean;
  event: Promise<Pick<StoredEvent, 'seq' | 'receivedAt'>>;
}

/** A parsed message that is a JSON object: the only kind worth checking further. */
function isObject(item: RawMessage): item is Unchecked {
  return (
    'value' in item && typeof item.value === 'object' && item.value !== null && !Array.isArray(item.value)
  );
}

function failure(code: Failure['code'], message: string, path?: string): Failure {
  return path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };
}

// Most such failures store nothing, but one whose disk sync failed may have stored the message: a sender
// can always send it again, since a stored message is then acknowledged as a replay.
const INTERNAL: Failure = failure(
  'ERR_INTERNAL',
  'the relay could not store the message, or could not make sure it is stored; sending it again is safe',
);

/**
 * The ingest path: validate, apply the key policy, recognise replays, check the thread lifecycle, commit
 * (group commit), then sign receipts. A message is acknowledged only after its commit is durable.
 */
export class Ingestor {
  readonly #options: IngestorOptions;
  readonly #committer: GroupCommitter<NewRecord, StoredEvent>;
  readonly #threads: ThreadCache;
  readonly #locks = new KeyedMutex();
  /** Messages admitted and waiting for their commit, by id: a copy arriving meanwhile waits for the first. */
  readonly #pending = new Map<string, Promise<StoredEvent>>();

  constructor(options: IngestorOptions) {
    this.#options = options;
    this.#threads = new ThreadCache(options.threadCacheSize);
    this.#committer = new GroupCommitter<NewRecord, StoredEvent>({
      commit: (records) =>
        options.commitWith
          ? options.commitWith(records, (routed) => options.store.commit(routed))
          : options.store.commit(records),
      committed: (events) => {
        // A subscriber's fault must not look like a failed commit: the events are stored either way.
        for (const event of events) {
          try {
            options.publish(event);
          } catch (err) {
            options.onFault(err);
          }
        }
      },
      maxBatch: options.maxCommitBatch,
      onError: (err) => {
        // At once, before any waiting admission resumes: after a failed commit only the store is known to
        // be right, so every thread is read from it again.
        this.#threads.reset();
        options.onFault(err);
      },
    });
  }

  /**
   * Ingests messages in order; each result says what became of the message at the same index. Messages are
   * independent: one refused does not stop the others, and a later one may build on an earlier one.
   */
  async ingest(items: readonly RawMessage[]): Promise<IngestResult[]> {
    const now = this.#options.clock();
    // Every message of the request is checked in one call: in a worker pool, one round trip.
    const checkable: Unchecked[] = [];
    for (const item of items) if (isObject(item)) checkable.push(item);
    let verdicts: Verdict[];
    try {
      verdicts = await this.#options.crypto.validate(checkable, now);
    } catch (err) {
      this.#options.onFault(err);
      return items.map(() => INTERNAL);
    }
    const admitted: (Admitted | Failure)[] = [];
    let next = 0;
    for (const item of items) {
      admitted.push(await this.#admit(item, isObject(item) ? verdicts[next++]! : undefined, now));
    }
    const events = await Promise.all(
      admitted.map((entry) =>
        'ok' in entry
          ? undefined
          : entry.event.then(
              (event) => ({ id: entry.id, seq: event.seq, receivedAt: event.receivedAt }),
              () => undefined,
            ),
      ),
    );
    const facts = events.filter((fact) => fact !== undefined);
    let receipts: Receipt[];
    try {
      receipts = await this.#options.crypto.receipts(facts);
    } catch (err) {
      this.#options.onFault(err);
      receipts = [];
    }
    let signed = 0;
    return admitted.map((entry, i): IngestResult => {
      if ('ok' in entry) return entry;
      if (events[i] === undefined) return INTERNAL;
      const receipt = receipts[signed++];
      return receipt === undefined ? INTERNAL : { ok: true, stored: entry.stored, receipt };
    });
  }

  /** Resolves once every admitted message is committed (or failed). */
  flush(): Promise<void> {
    return this.#committer.flush();
  }

  /**
   * Deletes the threads whose intent expired at or before `before`, in chunks. A thread is deleted under its lock
   * and only when none of its messages waits for a commit, so nothing is admitted against a deleted thread.
   */
  async purge(before: number, chunk = 500): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = await this.#options.store.expiredThreads(before, chunk);
      if (ids.length === 0) return deleted;
      const done = await this.#locks.runAll(ids, async () => {
        const ready = ids.filter((id) => !this.#threads.hasPending(id));
        for (const id of ready) this.#threads.evict(id);
        return ready.length === 0 ? 0 : this.#options.store.deleteThreads(ready);
      });
      deleted += done;
      if (ids.length < chunk || done === 0) return deleted;
    }
  }

  async #admit(item: RawMessage, checked: Verdict | undefined, now: number): Promise<Admitted | Failure> {
    if ('error' in item) return item.error;
    if (checked === undefined) return failure('ERR_SCHEMA', 'a message must be a JSON object', '');
    const { keyPolicy } = this.#options;
    if (!checked.ok) {
      // Every other check passed before expiry, so the id is genuine: a stored message replayed after it
      // expired is still a replay.
      if (checked.code === 'ERR_EXPIRED') {
        const id = (item.value as { id: string }).id;
        const known = await this.#known(id);
        if (known) return { id, stored: false, event: known.event };
      }
      return checked;
    }
    const message = checked.message;
    if (keyPolicy && !keyPolicy(message.author, message)) {
      return failure(
        'ERR_KEY_DENIED',
        "the relay's policy does not accept messages from this key",
        '/author',
      );
    }
    const thread = message.type === 'intent' ? message.id : message.thread;
    return this.#locks.run(thread, () => this.#admitLocked(message, item.text.trim(), thread, now));
  }

  async #admitLocked(
    message: Message,
    text: string,
    thread: string,
    now: number,
  ): Promise<Admitted | Failure> {
    const known = await this.#known(message.id);
    if (known) return { id: message.id, stored: false, event: known.event };
    let next: ThreadSnapshot;
    let recipients: string[] = [];
    if (message.type === 'intent') {
      next = startThread(message);
    } else {
      const current = await this.#snapshot(thread);
      if (current === undefined) {
        return failure('ERR_LIFECYCLE_UNKNOWN_REF', 'the relay holds no thread with this id', '/thread');
      }
      const applied = applyToThread(current, message, { now });
      if (!applied.ok) return applied;
      next = applied.value;
      recipients = recipientsOf(message, current, next);
    }
    const record: NewRecord = {
      message,
      text,
      recipients,
      receivedAt: now,
      // Judged without a time; what expiry makes of it is derived when read (stateAt, store.ts).
      thread: {
        state: threadState(next) as StoredThreadState,
        acceptedQuantity: next.acceptedQuantity,
        unconfirmed: next.unconfirmed,
      },
    };
    this.#threads.stage(thread, next);
    const event = this.#committer.submit(record);
    this.#pending.set(message.id, event);
    event.then(
      () => {
        this.#threads.committed(thread);
        this.#pending.delete(message.id);
      },
      () => {
        this.#pending.delete(message.id);
      },
    );
    return { id: message.id, stored: true, event };
  }

  /**
   * The stored (or committing) event of a message id, if the relay has it. Wrapped, so that waiting for the
   * answer does not wait for a pending commit.
   */
  async #known(id: string): Promise<{ event: Admitted['event'] } | undefined> {
    const pending = this.#pending.get(id);
    if (pending) return { event: pending };
    const stored = await this.#options.store.getMessage(id);
    return stored ? { event: Promise.resolve(stored) } : undefined;
  }

  /** The thread's snapshot: from the cache, or rebuilt from the store by replaying it without a clock. */
  async #snapshot(thread: string): Promise<ThreadSnapshot | undefined> {
    const cached = this.#threads.get(thread);
    if (cached) return cached;
    const stored = await this.#options.store.getThread(thread);
    if (stored === undefined || stored.intent.message.type !== 'intent') return undefined;
    const folded = foldThread(
      stored.intent.message,
      stored.messages.map((m) => m.message),
    );
    if (!folded.ok)
      throw new Error(`stored thread ${thread} does not replay: ${folded.code} ${folded.message}`);
    // Called under the thread's lock with nothing of the thread staged (or the cache would have had it),
    // so the stored thread is the whole thread.
    this.#threads.remember(thread, folded.value);
    return folded.value;
  }
}
