import { createPrivateKey, sign } from 'node:crypto';
import {
  didKeyFromPublicKey,
  type Ed25519Backend,
  type Ed25519Jwk,
  jwkFromKeyPair,
  type KeyPair,
  keyPairFromSecretKey,
} from '@intentcast/core';

/** The relay's own key, and what it is known by. */
export interface RelayIdentity {
  /** The relay's did:key: receipts and tokens name it. */
  did: string;
  /** The public key as a JWK, for the well-known document. */
  publicJwk: Ed25519Jwk;
  /** Signs bytes with the relay key. */
  sign(bytes: Uint8Array): Uint8Array;
}

/**
 * The identity of a relay key. Checks that the public key belongs to the secret key. The relay signs a
 * receipt for every message, so the key is parsed once into a KeyObject rather than on every signature.
 */
export function relayIdentity(key: KeyPair, backend: Ed25519Backend): RelayIdentity {
  const pair = keyPairFromSecretKey(key.secretKey, backend);
  if (pair.publicKey.some((byte, i) => byte !== key.publicKey[i])) {
    throw new RangeError('the relay public key does not belong to its secret key');
  }
  const privateKey = createPrivateKey({ key: { ...jwkFromKeyPair(pair) }, format: 'jwk' });
  return {
    did: didKeyFromPublicKey(pair.publicKey),
    publicJwk: jwkFromKeyPair({ publicKey: pair.publicKey }),
    sign: (bytes) => new Uint8Array(sign(null, bytes, privateKey)),
  };
}
