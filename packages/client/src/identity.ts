import {
  didKeyFromPublicKey,
  type Ed25519Backend,
  equalBytes,
  formatTimestamp,
  generateKeyPair,
  IntentcastError,
  jwkFromKeyPair,
  type KeyPair,
  keyPairFromJwk,
} from '@intentcast/core';
import { type Keystore, keyName } from './keystore/types.js';

/** A vendor's long-lived key pair and its did:key. */
export interface Identity {
  key: KeyPair;
  did: string;
}

/**
 * The identity stored under `identity.<name>`; when there is none, `given` (or a new key pair) is stored
 * first. A `given` key that is not the stored one is refused (ERR_KEY_INVALID): an identity is never
 * replaced behind the owner's back.
 */
export async function loadIdentity(
  keystore: Keystore,
  options: { name: string; given: KeyPair | undefined; backend: Ed25519Backend | undefined; now: number },
): Promise<Identity> {
  const name = keyName('identity', options.name);
  const { given, backend } = options;
  const record = await keystore.get(name);
  if (record !== undefined) {
    const stored = keyPairFromJwk(record.kind === 'identity' ? record.signingKey : undefined, backend);
    if (stored.secretKey === undefined) {
      throw new IntentcastError('ERR_KEY_INVALID', `${name} holds no secret key`);
    }
    if (given !== undefined && !equalBytes(given.publicKey, stored.publicKey)) {
      throw new IntentcastError('ERR_KEY_INVALID', `the keystore already holds another identity as ${name}`);
    }
    return { key: stored as KeyPair, did: didKeyFromPublicKey(stored.publicKey) };
  }
  const key = given ?? generateKeyPair(backend);
  await keystore.put(name, {
    kind: 'identity',
    signingKey: jwkFromKeyPair(key),
    created: formatTimestamp(options.now),
  });
  return { key, did: didKeyFromPublicKey(key.publicKey) };
}
