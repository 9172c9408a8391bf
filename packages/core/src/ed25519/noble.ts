import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { Ed25519Backend } from './backend.js';

// @noble/ed25519 asks for a synchronous SHA-512 before its synchronous API can be used.
ed.hashes.sha512 = sha512;

/**
 * Ed25519 with @noble/ed25519: pure JavaScript, audited, works in every runtime.
 *
 * @example
 * const sig = nobleBackend.sign(bytes, seed);
 * nobleBackend.verify(sig, bytes, nobleBackend.publicKey(seed)); // true
 */
export const nobleBackend: Ed25519Backend = {
  name: 'noble',
  publicKey: (seed) => ed.getPublicKey(seed),
  sign: (message, seed) => ed.sign(message, seed),
  verify(signature, message, publicKey) {
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    try {
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};
