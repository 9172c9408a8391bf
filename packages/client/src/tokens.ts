import {
  didKeyFromPublicKey,
  type Ed25519Backend,
  type KeyPair,
  nobleBackend,
  toHex,
} from '@intentcast/core';
import { malformed } from './errors.js';
import type { Exchange } from './exchange.js';
import { authSigningInput } from './receipt.js';

/** A token is renewed this long before it expires, so that it never lapses in flight. */
const RENEW_BEFORE_MS = 60_000;

/**
 * The access tokens of one relay, one per key, got through the challenge flow of spec/auth.md and kept
 * until a minute before they expire. Concurrent requests for the same key share one challenge.
 */
export class Tokens {
  readonly #url: string;
  readonly #exchange: Exchange;
  readonly #relayDid: (signal?: AbortSignal) => Promise<string>;
  readonly #backend: Ed25519Backend;
  readonly #now: () => number;
  readonly #tokens = new Map<string, { token: string; expires: number }>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(options: {
    url: string;
    exchange: Exchange;
    relayDid: (signal?: AbortSignal) => Promise<string>;
    backend: Ed25519Backend | undefined;
    now: () => number;
  }) {
    this.#url = options.url;
    this.#exchange = options.exchange;
    this.#relayDid = options.relayDid;
    this.#backend = options.backend ?? nobleBackend;
    this.#now = options.now;
  }

  get(key: KeyPair, signal?: AbortSignal): Promise<string> {
    const did = didKeyFromPublicKey(key.publicKey);
    const cached = this.#tokens.get(did);
    if (cached !== undefined && cached.expires - this.#now() > RENEW_BEFORE_MS) {
      return Promise.resolve(cached.token);
    }
    let pending = this.#pending.get(did);
    if (pending === undefined) {
      pending = this.#authenticate(key, did, signal).finally(() => this.#pending.delete(did));
      this.#pending.set(did, pending);
    }
    return pending;
  }

  drop(key: KeyPair): void {
    this.#tokens.delete(didKeyFromPublicKey(key.publicKey));
  }

  async #authenticate(key: KeyPair, did: string, signal: AbortSignal | undefined): Promise<string> {
    if (!(key.secretKey instanceof Uint8Array))
      throw new TypeError('"key" expected a key pair with its secretKey');
    const relay = await this.#relayDid(signal);
    const issued = await this.#exchange.request('POST', '/v1/auth/challenge', {
      body: JSON.stringify({ key: did }),
      signal,
    });
    const challenge = issued.challenge;
    if (typeof challenge !== 'string' || !/^[0-9a-f]{64}$/.test(challenge)) {
      throw malformed(this.#url, 'challenge');
    }
    const sig = toHex(this.#backend.sign(authSigningInput(challenge, did, relay), key.secretKey));
    // A challenge is single use: an answer is never sent twice.
    const answer = await this.#exchange.request('POST', '/v1/auth/token', {
      body: JSON.stringify({ key: did, challenge, sig }),
      signal,
      retry: false,
    });
    if (typeof answer.token !== 'string' || answer.token === '') throw malformed(this.#url, 'token');
    const expires = typeof answer.expires === 'string' ? Date.parse(answer.expires) : Number.NaN;
    this.#tokens.set(did, {
      token: answer.token,
      expires: Number.isFinite(expires) ? expires : this.#now() + 2 * RENEW_BEFORE_MS,
    });
    return answer.token;
  }
}
