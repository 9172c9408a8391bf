import { didKeyFromPublicKey, IntentcastError, isIntentcastError, keyPairFromJwk } from '@intentcast/core';
import type { Context } from './context.js';
import { readJsonObject } from './io.js';

/** A signing key read from a file, with the did:key it signs as. */
export interface SigningKey {
  secretKey: Uint8Array;
  did: string;
}

/**
 * Reads a private Ed25519 JWK (as `intentcast keygen` writes) and checks that its `x` belongs to its `d`.
 * Failures are IntentcastErrors whose message names the key file, so they are not taken for faults of the
 * message being signed.
 */
export async function readSigningKey(path: string, { io, backend }: Context): Promise<SigningKey> {
  try {
    const jwk = await readJsonObject(path, io);
    const { publicKey, secretKey } = keyPairFromJwk(jwk, backend);
    if (secretKey === undefined) {
      throw new IntentcastError('ERR_KEY_INVALID', 'JWK has no private part "d"', { path: '/d' });
    }
    return { secretKey, did: didKeyFromPublicKey(publicKey) };
  } catch (err) {
    if (!isIntentcastError(err)) throw err;
    const options = err.path ? { path: err.path, cause: err } : { cause: err };
    throw new IntentcastError(err.code, `key file ${JSON.stringify(path)}: ${err.message}`, options);
  }
}
