import {
  authSigningInput,
  type Ed25519Backend,
  fromHex,
  IntentcastError,
  publicKeyFromDidKey,
  randomBytes,
  toHex,
} from '@intentcast/core';

// The auth signing input lives in core, shared with the clients that sign it.
export { authSigningInput } from '@intentcast/core';

interface Pending {
  key: string;
  expires: number;
}

/**
 * Open challenges, in memory and bounded: each is for one key, answerable once, until it expires. When
 * full, the oldest challenge is dropped.
 */
export class ChallengeBook {
  readonly #open = new Map<string, Pending>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(options: { ttlMs: number; max: number }) {
    this.#ttlMs = options.ttlMs;
    this.#max = options.max;
  }

  /** A fresh challenge (32 random bytes, hex) for `key`, and when it expires. */
  issue(key: string, now: number): { challenge: string; expires: number } {
    this.#sweep(now);
    while (this.#open.size >= this.#max) this.#open.delete(this.#open.keys().next().value!);
    const challenge = toHex(randomBytes(32));
    const expires = now + this.#ttlMs;
    this.#open.set(challenge, { key, expires });
    return { challenge, expires };
  }

  /**
   * Checks an answer and uses the challenge up, whether or not the signature verifies. Throws
   * ERR_AUTH_INVALID for an unknown, used, expired or foreign challenge, or a bad signature.
   */
  redeem(
    answer: { key: string; challenge: string; sig: string },
    relay: string,
    now: number,
    backend: Ed25519Backend,
  ): void {
    const pending = this.#open.get(answer.challenge);
    this.#open.delete(answer.challenge);
    if (pending === undefined || pending.key !== answer.key) {
      throw new IntentcastError('ERR_AUTH_INVALID', 'unknown or already used challenge', {
        path: '/challenge',
      });
    }
    if (now >= pending.expires) {
      throw new IntentcastError('ERR_AUTH_INVALID', 'the challenge has expired', { path: '/challenge' });
    }
    const publicKey = publicKeyFromDidKey(answer.key);
    const input = authSigningInput(answer.challenge, answer.key, relay);
    if (!backend.verify(fromHex(answer.sig), input, publicKey)) {
      throw new IntentcastError('ERR_AUTH_INVALID', 'the signature does not verify under the key', {
        path: '/sig',
      });
    }
  }

  /** Open challenges. */
  get size(): number {
    return this.#open.size;
  }

  #sweep(now: number): void {
    // Insertion order is expiry order (the TTL is fixed), so expired challenges are at the front.
    for (const [challenge, pending] of this.#open) {
      if (pending.expires > now) break;
      this.#open.delete(challenge);
    }
  }
}
