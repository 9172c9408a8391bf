import {
  Buyer,
  browserTransport,
  IndexedDbKeystore,
  RelayClient,
  type RelayInfo,
  relayError,
} from '@intentcast/client/browser';
import { h } from './dom.js';

/** What every page shares: the relay the console came from, and the buyer whose keys live in this browser. */
export interface Context {
  /** The relay's base URL: the page's own origin. */
  readonly origin: string;
  /** Reads and streams of public data (no key). */
  readonly relay: RelayClient;
  /** Where the buyer's keys are kept: this origin's IndexedDB. */
  readonly keystore: IndexedDbKeystore;
  readonly buyer: Buyer;
  /** The relay's well-known document (fetched once). */
  info(signal?: AbortSignal): Promise<RelayInfo>;
  /** `GET /v1/stats`, or undefined when the relay does not serve it (metrics off). */
  stats(signal?: AbortSignal): Promise<RelayStats | undefined>;
}

/** The answer of `GET /v1/stats` (spec/relay-api.md#statistics). */
export interface RelayStats {
  relay: string;
  software: { name: string; version: string };
  time: string;
  uptimeSeconds: number;
  messages: {
    accepted: { total: number; byType: Record<string, number> };
    stored: { total: number; byType: Record<string, number> };
    rejected: { total: number; byCode: Record<string, number> };
  };
  store: { lastSeq: number; databaseBytes?: number; walBytes?: number; threads?: Record<string, number> };
  streams?: { subscriptions: number; intents: number; mailbox: number };
}

/** The context of a console served by a relay at `origin`. */
export function createContext(origin: string): Context {
  const transport = browserTransport();
  const relay = new RelayClient(origin, { transport });
  const keystore = new IndexedDbKeystore({ name: 'intentcast-console' });
  const buyer = new Buyer({ relays: [origin], keystore, transport });
  return {
    origin,
    relay,
    keystore,
    buyer,
    info: (signal) => relay.info(signal),
    async stats(signal) {
      const response = await fetch(`${origin}/v1/stats`, {
        headers: { accept: 'application/json' },
        ...(signal === undefined ? {} : { signal }),
      });
      if (response.status === 404) return undefined;
      const text = await response.text();
      if (response.status !== 200) throw relayError(response.status, text);
      return JSON.parse(text) as RelayStats;
    },
  };
}

/** Offers the relay's supported categories (its well-known document) as suggestions in the form's datalist. */
export function suggestCategories(context: Context, form: HTMLElement, signal?: AbortSignal): void {
  context.info(signal).then(
    (info) => {
      const categories = info.document.categories;
      const datalist = form.querySelector('datalist');
      if (!Array.isArray(categories) || datalist === null) return;
      datalist.replaceChildren(...categories.map((c) => h('option', { value: String(c) })));
    },
    () => {},
  );
}
