/**
 * The small interface behind which Ed25519 lives, so the same code signs and verifies with
 * @noble/ed25519 everywhere (browsers too) or with Node's native implementation where it is faster.
 *
 * Every backend verifies strictly as RFC 8032 section 5.1.7 says, in the cofactorless form (no ZIP-215
 * leniency): a signature whose S is not below the group order, whose A does not decode, or for which the
 * encoding of [S]B - [k]A is not R, fails. Both backends are run against all Wycheproof Ed25519 cases and
 * against each other.
 */
export interface Ed25519Backend {
  readonly name: string;
  /** The 32-byte public key of a 32-byte secret seed (RFC 8032 section 5.1.5). */
  publicKey(seed: Uint8Array): Uint8Array;
  /** A 64-byte signature of `message` by the 32-byte secret seed. */
  sign(message: Uint8Array, seed: Uint8Array): Uint8Array;
  /** True when `signature` verifies; false on any failure, including malformed input. Never throws. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /**
   * SHA-256, where the platform has one faster than the portable implementation. Message ids are
   * computed with it when present; the result must be the same.
   */
  sha256?(bytes: Uint8Array): Uint8Array;
}
