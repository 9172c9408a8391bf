/**
 * @intentcast/client for browsers: the same buyers and vendors as in Node, over `fetch` and the global
 * WebSocket, with keys in IndexedDB. It imports no Node module.
 *
 * @example
 * import { Buyer, IndexedDbKeystore } from '@intentcast/client';
 * const buyer = new Buyer({ relays: ['https://relay.example'], keystore: new IndexedDbKeystore() });
 */
import { browserTransport } from './browser-transport.js';
import { type BuyerOptions as BaseBuyerOptions, BuyerBase } from './buyer.js';
import type { Transport } from './transport.js';
import { type VendorOptions as BaseVendorOptions, VendorBase } from './vendor.js';

export { browserTransport } from './browser-transport.js';
export * from './common.js';

/**
 * The options of a browser Buyer: the relays, the keystore, and optionally a transport.
 *
 * @example
 * new Buyer({ relays: ['https://relay.example'], keystore: new IndexedDbKeystore() });
 */
export interface BuyerOptions extends Omit<BaseBuyerOptions, 'transport'> {
  /** How to reach relays; fetch and WebSocket unless given. */
  transport?: Transport;
}
/**
 * The options of a browser Vendor.
 *
 * @example
 * new Vendor({ relays, keystore: new IndexedDbKeystore(), profile: { name: 'Casa Azul' }, policy });
 */
export interface VendorOptions extends Omit<BaseVendorOptions, 'transport'> {
  /** How to reach relays; fetch and WebSocket unless given. */
  transport?: Transport;
}

function transportOf(options: { transport?: Transport; stream?: 'ws' | 'sse' }): Transport {
  return (
    options.transport ?? browserTransport(options.stream === undefined ? {} : { stream: options.stream })
  );
}

/**
 * A buyer: casts intents signed with a fresh key each, reads the verified offers on them (sealed prices
 * opened), and accepts, declines, counters, asks or withdraws.
 *
 * @example
 * const buyer = new Buyer({ relays: ['https://relay.example'], keystore: new IndexedDbKeystore() });
 * const { intent } = await buyer.cast({ what, terms });
 */
export class Buyer extends BuyerBase {
  constructor(options: BuyerOptions) {
    super({ ...options, transport: transportOf(options) });
  }
}

/**
 * A vendor: finds matching intents, offers on the terms its policy accepts, revises, withdraws and
 * confirms, and reads the buyers' replies.
 *
 * @example
 * const vendor = new Vendor({ relays: ['https://relay.example'], keystore: new IndexedDbKeystore(), profile, policy });
 */
export class Vendor extends VendorBase {
  constructor(options: VendorOptions) {
    super({ ...options, transport: transportOf(options) });
  }
}
