import { IntentcastError, isIntentcastError, type Message } from '@intentcast/core';
import { isTransient } from './errors.js';
import { Feed, type FeedOptions, type FeedSource } from './feed.js';
import type { RelayHealth } from './health.js';
import type { Receipt } from './receipt.js';
import { RelayClient, type RelayClientOptions, type RelayConfig } from './relay-client.js';

/**
 * A relay that stored a message, and its verified receipt.
 *
 * @example
 * for (const { relay, receipt } of published.receipts) console.log(relay, receipt.seq);
 */
export interface RelayReceipt {
  relay: string;
  receipt: Receipt;
}

/**
 * A relay that did not store a message, and why.
 *
 * @example
 * for (const { relay, error } of published.failures) console.warn(relay, error.code, error.message);
 */
export interface RelayFailure {
  relay: string;
  error: IntentcastError;
}

/**
 * The outcome of publishing a message to every relay: at least one receipt, and any failures.
 *
 * @example
 * const { message, receipts, failures } = await vendor.offer(intent, input);
 */
export interface Published<M extends Message = Message> {
  message: M;
  receipts: RelayReceipt[];
  failures: RelayFailure[];
}

/**
 * The relays a buyer or vendor uses. Publishing goes to all of them at once and succeeds when at least
 * one stores the message; reads go to the first that answers; streams merge all of them.
 *
 * @example
 * const relays = new RelaySet(['https://a.example', { url: 'https://b.example', did: 'did:key:z6Mk…' }], { transport });
 * const { receipts, failures } = await relays.publish(intent);
 */
export class RelaySet {
  readonly clients: readonly RelayClient[];
  readonly #via: 'ws' | 'sse' | undefined;
  readonly #feeds = new Set<{ close(): void }>();

  constructor(
    relays: readonly (string | RelayConfig)[],
    options: Omit<RelayClientOptions, 'did'> & { stream?: 'ws' | 'sse' },
  ) {
    if (!Array.isArray(relays) || relays.length === 0) {
      throw new TypeError('"relays" expected at least one relay URL');
    }
    const { stream, ...clientOptions } = options;
    this.#via = stream;
    this.clients = relays.map((relay) => {
      const config = typeof relay === 'string' ? { url: relay } : relay;
      return new RelayClient(config.url, {
        ...clientOptions,
        ...(config.did === undefined ? {} : { did: config.did }),
      });
    });
    const urls = this.clients.map((client) => client.url);
    const twice = urls.find((url, i) => urls.indexOf(url) !== i);
    if (twice !== undefined) throw new TypeError(`"relays" names ${twice} twice`);
  }

  /**
   * Publishes to every relay at once. Resolves with the receipts and the failures per relay when at least
   * one relay stored the message; otherwise rejects with the most telling failure (a relay's refusal over
   * an unreachable relay), every failure in its `cause`.
   */
  async publish<M extends Message>(message: M, signal?: AbortSignal): Promise<Published<M>> {
    const outcomes = await Promise.all(
      this.clients.map(async (client) => {
        try {
          return { relay: client.url, receipt: await client.publish(message, signal) };
        } catch (err) {
          if (!isIntentcastError(err)) throw err;
          return { relay: client.url, error: err };
        }
      }),
    );
    const receipts: RelayReceipt[] = [];
    const failures: RelayFailure[] = [];
    for (const outcome of outcomes) {
      if (outcome.receipt !== undefined) receipts.push({ relay: outcome.relay, receipt: outcome.receipt });
      else failures.push({ relay: outcome.relay, error: outcome.error });
    }
    if (receipts.length === 0) throw summarize(failures, `no relay stored ${message.type} ${message.id}`);
    return { message, receipts, failures };
  }

  /** Runs `read` on each relay in turn until one succeeds; rejects with the most telling failure. */
  async first<T>(read: (client: RelayClient) => Promise<T>): Promise<T> {
    const failures: RelayFailure[] = [];
    for (const client of this.clients) {
      try {
        return await read(client);
      } catch (err) {
        if (!isIntentcastError(err)) throw err;
        failures.push({ relay: client.url, error: err });
      }
    }
    throw summarize(failures, 'no relay answered');
  }

  /** A feed over every relay. */
  feed<T>(source: () => Promise<FeedSource<T>>, options: FeedOptions = {}): Feed<T> {
    const feed: Feed<T> = new Feed(this.clients, source, {
      ...options,
      via: this.#via,
      onEnd: () => this.#feeds.delete(feed),
    });
    this.#feeds.add(feed);
    return feed;
  }

  /** Closes every feed still open. */
  close(): void {
    for (const feed of [...this.#feeds]) feed.close();
  }

  /** The health of every relay, in configuration order. */
  health(): RelayHealth[] {
    return this.clients.map((client) => client.health());
  }
}

function summarize(failures: RelayFailure[], what: string): IntentcastError {
  const telling = failures.find((failure) => !isTransient(failure.error)) ?? failures[0]!;
  if (failures.length === 1) return telling.error;
  const detail = failures.map((f) => `${f.relay}: ${f.error.code} ${f.error.message}`).join('; ');
  return new IntentcastError(telling.error.code, `${what}: ${detail}`, {
    ...(telling.error.path === undefined ? {} : { path: telling.error.path }),
    cause: new AggregateError(
      failures.map((f) => f.error),
      what,
    ),
  });
}
