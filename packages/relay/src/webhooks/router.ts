import type { Message } from '@intentcast/core';
import { parseFilter } from '../filter.js';
import { SubscriptionIndex } from '../stream/subscription-index.js';
import { mailboxEvent } from './event.js';
import type { EndpointRecord, MessageEventType, NewDelivery } from './store.js';

interface Routed {
  id: string;
  owner: string;
  events: ReadonlySet<MessageEventType>;
}

/**
 * The enabled endpoints in memory, indexed the way the live streams index subscriptions, so that a new
 * message finds the endpoints it goes to without visiting the others: intents through the filter index
 * (category, region, place, currency, word), mailbox messages through the recipients' keys. It is kept in
 * step with the store by whoever changes an endpoint.
 */
export class EndpointRouter {
  readonly #endpoints = new Map<string, Routed>();
  readonly #filters = new SubscriptionIndex<string>();
  readonly #byOwner = new Map<string, Set<Routed>>();
  readonly #newId: () => string;

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  /** Files an enabled endpoint (again, after a change); a disabled one is removed. */
  set(endpoint: EndpointRecord): void {
    this.delete(endpoint.id);
    if (!endpoint.enabled) return;
    const routed: Routed = { id: endpoint.id, owner: endpoint.owner, events: new Set(endpoint.events) };
    this.#endpoints.set(endpoint.id, routed);
    if (routed.events.has('intent.matched')) this.#filters.add(endpoint.id, parseFilter(endpoint.filter));
    let owned = this.#byOwner.get(endpoint.owner);
    if (owned === undefined) {
      owned = new Set();
      this.#byOwner.set(endpoint.owner, owned);
    }
    owned.add(routed);
  }

  delete(id: string): void {
    const routed = this.#endpoints.get(id);
    if (routed === undefined) return;
    this.#endpoints.delete(id);
    this.#filters.delete(id);
    const owned = this.#byOwner.get(routed.owner);
    owned?.delete(routed);
    if (owned?.size === 0) this.#byOwner.delete(routed.owner);
  }

  get size(): number {
    return this.#endpoints.size;
  }

  /**
   * The deliveries a new message makes: `intent.matched` for every endpoint whose filter the intent
   * matches (not the author's own), or the mailbox event for every endpoint of each recipient.
   */
  route(message: Message, recipients: readonly string[]): NewDelivery[] {
    const out: NewDelivery[] = [];
    if (message.type === 'intent') {
      if (this.#filters.size === 0) return out;
      for (const id of this.#filters.match(message)) {
        if (this.#endpoints.get(id)?.owner === message.author) continue;
        out.push({ id: this.#newId(), endpoint: id, type: 'intent.matched' });
      }
      return out;
    }
    const type = mailboxEvent(message.type);
    for (const key of recipients) {
      for (const routed of this.#byOwner.get(key) ?? []) {
        if (routed.events.has(type)) out.push({ id: this.#newId(), endpoint: routed.id, type });
      }
    }
    return out;
  }
}
