import type { Ed25519Backend } from '@intentcast/core';
import type { BackoffOptions } from './backoff.js';
import type { RelayConfig } from './relay-client.js';
import { RelaySet } from './relay-set.js';
import type { Transport } from './transport.js';
import type { InvalidHandler } from './verify.js';

/**
 * What buyers and vendors share: the relays and how to reach them.
 *
 * @example
 * new Buyer({ relays: ['https://a.example', { url: 'https://b.example', did }], keystore, stream: 'sse', onInvalid: console.warn });
 */
export interface ClientOptions {
  /** Relay base URLs, or `{ url, did }` to pin a relay's key instead of reading its well-known document. */
  relays: readonly (string | RelayConfig)[];
  /** The Ed25519 implementation; Node's native one in Node, @noble/ed25519 elsewhere, unless given. */
  backend?: Ed25519Backend;
  /** The clock, epoch milliseconds; Date.now unless given. */
  now?: () => number;
  /** Random numbers in [0, 1), for backoff jitter; Math.random unless given. */
  random?: () => number;
  /** Delays between retries and reconnections. */
  backoff?: BackoffOptions;
  /** How many times a request that failed for a transient reason is sent again. Default 2. */
  retries?: number;
  /** `ws` (the default where there is WebSocket) or `sse` for live streams. */
  stream?: 'ws' | 'sse';
  /** Told of every message a relay sent that failed a check and was dropped. */
  onInvalid?: InvalidHandler;
}

/** ClientOptions with the transport every runtime entry point fills in. */
export interface ResolvedClientOptions extends ClientOptions {
  transport: Transport;
}

/** The relay set of a buyer or vendor. */
export function relaySetOf(options: ResolvedClientOptions): RelaySet {
  return new RelaySet(options.relays, {
    transport: options.transport,
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.stream === undefined ? {} : { stream: options.stream }),
    ...(options.onInvalid === undefined ? {} : { onInvalid: options.onInvalid }),
  });
}
