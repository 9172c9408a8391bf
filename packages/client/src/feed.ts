import type { RelayClient } from './relay-client.js';
import type { StreamSpec } from './stream/types.js';

/**
 * Options of every iterator over relays (`buyer.offers()`, `vendor.intents()`, ...).
 *
 * @example
 * const feed = buyer.offers(intent.id, { signal, cursors: saved });
 */
export interface FeedOptions {
  /** Ends the iteration: the loop finishes normally. */
  signal?: AbortSignal;
  /**
   * Where to resume, per relay URL: the last seq already handled, as `feed.cursors()` gave it. Relays not
   * named start with everything they hold.
   */
  cursors?: Readonly<Record<string, number>>;
}

/** Turns one event from a relay into what the feed yields; undefined drops it (after reporting it). */
export type Processor<T> = (raw: unknown, relay: RelayClient, seq: number) => Promise<T | undefined>;

/** What a feed streams, settled once it starts (it may need keys from the keystore first). */
export interface FeedSource<T> {
  spec: Omit<StreamSpec, 'cursor'>;
  process: Processor<T>;
}

/** Ids remembered for deduplication; the oldest are forgotten beyond this. */
const MAX_SEEN = 100_000;

/**
 * Messages from several relays as one async iterable: each relay's backlog then its live events, every
 * message checked by the processor, each message id yielded once whichever relays carry it. Events are
 * processed one at a time, in arrival order, so that two copies of a message never race past the
 * deduplication. Iterate it once; leaving the loop (or aborting the signal) closes every stream.
 *
 * @example
 * const feed = buyer.offers(intent.id, { signal });
 * for await (const offer of feed) console.log(offer.opened?.price ?? offer.body.price);
 * saveCursors(feed.cursors()); // resume later with { cursors }
 */
export class Feed<T> implements AsyncIterable<T> {
  readonly #relays: readonly RelayClient[];
  readonly #source: () => Promise<FeedSource<T>>;
  readonly #via: 'ws' | 'sse' | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #cursors: Record<string, number>;
  readonly #controller = new AbortController();
  readonly #seen = new Set<string>();
  readonly #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiting: ((err: unknown) => void) | undefined;
  #error: unknown;
  #ended = false;
  #started = false;
  #chain: Promise<void> = Promise.resolve();
  readonly #onEnd: (() => void) | undefined;

  constructor(
    relays: readonly RelayClient[],
    source: () => Promise<FeedSource<T>>,
    options: FeedOptions & { via?: 'ws' | 'sse' | undefined; onEnd?: () => void } = {},
  ) {
    this.#onEnd = options.onEnd;
    this.#relays = relays;
    this.#source = source;
    this.#via = options.via;
    this.#signal = options.signal;
    this.#cursors = Object.fromEntries(relays.map((relay) => [relay.url, options.cursors?.[relay.url] ?? 0]));
  }

  /** The last seq handled on each relay, by URL: pass it as `cursors` to resume after a restart. */
  cursors(): Record<string, number> {
    return { ...this.#cursors };
  }

  /** Closes every stream; the iteration ends. */
  close(): void {
    this.#controller.abort();
    this.#finish();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#started) throw new TypeError('a feed can be iterated only once');
    this.#started = true;
    if (this.#signal?.aborted) this.#finish();
    else {
      this.#signal?.addEventListener('abort', () => this.close(), { once: true });
      this.#start().catch((err: unknown) => this.#fail(err));
    }
    return {
      next: () => this.#next(),
      return: async () => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async #start(): Promise<void> {
    const { spec, process } = await this.#source();
    const signal = this.#controller.signal;
    if (signal.aborted) return;
    for (const relay of this.#relays) {
      const sink = { event: (seq: number, raw: unknown) => this.#enqueue(relay, seq, raw, process) };
      relay
        .subscribe({ ...spec, cursor: this.#cursors[relay.url] }, sink, {
          signal,
          ...(this.#via === undefined ? {} : { via: this.#via }),
        })
        .catch((err: unknown) => this.#fail(err));
    }
  }

  #enqueue(relay: RelayClient, seq: number, raw: unknown, process: Processor<T>): void {
    this.#chain = this.#chain.then(async () => {
      if (this.#ended) return;
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      // Only messages that passed every check are remembered, so a forged copy cannot shadow the real one.
      const item = typeof id === 'string' && this.#seen.has(id) ? undefined : await process(raw, relay, seq);
      this.#cursors[relay.url] = Math.max(this.#cursors[relay.url] ?? 0, seq);
      if (item === undefined || this.#ended) return;
      if (typeof id === 'string') this.#remember(id);
      this.#push(item);
    });
    this.#chain = this.#chain.catch((err: unknown) => this.#fail(err));
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > MAX_SEEN) this.#seen.delete(this.#seen.values().next().value!);
  }

  #push(item: T): void {
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      this.#failWaiting = undefined;
      waiting({ done: false, value: item });
    } else this.#items.push(item);
  }

  #next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve({ done: false, value: item });
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }

  #fail(err: unknown): void {
    if (this.#ended) return;
    this.#error = err;
    this.#controller.abort();
    this.#ended = true;
    this.#onEnd?.();
    const fail = this.#failWaiting;
    this.#waiting = undefined;
    this.#failWaiting = undefined;
    fail?.(err);
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd?.();
    this.#items.length = 0;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#failWaiting = undefined;
    waiting?.({ done: true, value: undefined });
  }
}
