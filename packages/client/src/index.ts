/**
 * @intentcast/client for Node: buyers cast intents and negotiate, vendors find intents and offer, through
 * one or more relays. HTTP goes through undici keep-alive pools (pass `dispatcher` to use your own, a
 * MockAgent in tests), live streams through ws, keys into a FileKeystore.
 *
 * @example
 * import { Buyer, FileKeystore } from '@intentcast/client';
 * const buyer = new Buyer({ relays: ['https://relay.example'], keystore: new FileKeystore('./keys') });
 * const { intent } = await buyer.cast({ what, terms });
 * for await (const offer of buyer.offers(intent.id)) console.log(offer.opened?.price ?? offer.body.price);
 */
import { createNodeBackend } from '@intentcast/core/node';
import type { Dispatcher } from 'undici';
import { type BuyerOptions as BaseBuyerOptions, BuyerBase } from './buyer.js';
import { nodeTransport } from './node/transport.js';
import type { Transport } from './transport.js';
import { type VendorOptions as BaseVendorOptions, VendorBase } from './vendor.js';

export * from './common.js';
export { FileKeystore } from './node/file-keystore.js';
export { type NodeTransportOptions, nodeTransport, undiciHttpClient, wsFactory } from './node/transport.js';

/**
 * How Node reaches relays: undici (through `dispatcher` when given) and ws, unless `transport` is given.
 *
 * @example
 * const mock = new MockAgent(); mock.disableNetConnect();
 * const buyer = new Buyer({ relays, keystore, dispatcher: mock });
 */
export interface NodeConnectionOptions {
  /** The undici dispatcher for HTTP: a MockAgent in tests, or a shared Agent or ProxyAgent. */
  dispatcher?: Dispatcher;
  /** A whole transport instead; `dispatcher` is then unused. */
  transport?: Transport;
}

/**
 * The options of a Node Buyer: the relays, the keystore, and how to reach the relays.
 *
 * @example
 * new Buyer({ relays: ['https://relay.example'], keystore: new FileKeystore('./keys'), dispatcher: mockAgent });
 */
export interface BuyerOptions extends Omit<BaseBuyerOptions, 'transport'>, NodeConnectionOptions {}
/**
 * The options of a Node Vendor.
 *
 * @example
 * new Vendor({ relays, keystore: new FileKeystore('./keys'), profile: { name: 'Casa Azul' }, policy });
 */
export interface VendorOptions extends Omit<BaseVendorOptions, 'transport'>, NodeConnectionOptions {}

function withDefaults<T extends NodeConnectionOptions & { stream?: 'ws' | 'sse' }>(
  options: T,
): { resolved: Omit<T, 'dispatcher'> & { transport: Transport }; owned: Transport | undefined } {
  const { dispatcher, transport, ...rest } = options;
  const owned =
    transport === undefined
      ? nodeTransport({
          ...(dispatcher === undefined ? {} : { dispatcher }),
          ...(options.stream === undefined ? {} : { stream: options.stream }),
        })
      : undefined;
  return {
    resolved: {
      ...rest,
      backend: (rest as { backend?: unknown }).backend ?? createNodeBackend(),
      transport: transport ?? owned!,
    } as Omit<T, 'dispatcher'> & { transport: Transport },
    owned,
  };
}

/**
 * A buyer: casts intents signed with a fresh key each, reads the verified offers on them (sealed prices
 * opened), and accepts, declines, counters, asks or withdraws.
 *
 * @example
 * const buyer = new Buyer({ relays: ['https://a.example', 'https://b.example'], keystore });
 * const { intent, receipts, failures } = await buyer.cast({
 *   what: { category: 'lodging.hotel', description: 'A quiet double room', quantity: 1 },
 *   terms: [{ uri: 'https://customercommons.org/terms/nostalking', sha256: '…' }],
 * });
 * for await (const offer of buyer.offers(intent.id, { signal })) await buyer.accept(offer);
 */
export class Buyer extends BuyerBase {
  #owned: Transport | undefined;

  constructor(options: BuyerOptions) {
    const { resolved, owned } = withDefaults(options);
    super(resolved);
    this.#owned = owned;
  }

  /** Closes its feeds, and the connection pools it opened (not a dispatcher or transport it was given). */
  override async close(): Promise<void> {
    await super.close();
    const owned = this.#owned;
    this.#owned = undefined;
    await owned?.http.close?.();
  }
}

/**
 * A vendor: finds matching intents, offers on the terms its policy accepts (prices sealed on request),
 * revises, withdraws and confirms, and reads the buyers' replies.
 *
 * @example
 * const vendor = new Vendor({
 *   relays: ['https://relay.example'],
 *   keystore: new FileKeystore('./vendor-keys'),
 *   profile: { name: 'Casa Azul', url: 'https://casa-azul.example' },
 *   policy: { acceptsTerms: (terms) => terms.uri === 'https://customercommons.org/terms/nostalking' },
 * });
 * for await (const intent of vendor.intents({ category: 'lodging', region: 'PT' }, { signal })) {
 *   await vendor.offer(intent, { price: { amount: '139.00', currency: 'EUR' }, description: 'Room 12', quantity: 1, sealPrice: true });
 * }
 */
export class Vendor extends VendorBase {
  #owned: Transport | undefined;

  constructor(options: VendorOptions) {
    const { resolved, owned } = withDefaults(options);
    super(resolved);
    this.#owned = owned;
  }

  /** Closes its feeds, and the connection pools it opened (not a dispatcher or transport it was given). */
  override async close(): Promise<void> {
    await super.close();
    const owned = this.#owned;
    this.#owned = undefined;
    await owned?.http.close?.();
  }
}
