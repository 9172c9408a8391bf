import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes } from '../encoding.js';
import type { Ed25519Backend } from './backend.js';

// @noble/ed25519 asks for a synchronous SHA-512 before its synchronous API can be used.
ed.hashes.sha512 = sha512;

/** The order of the Ed25519 base point (RFC 8032 section 5.1: L). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * RFC 8032 section 5.1.7 verification, in its cofactorless form: S below L, A a canonical point encoding,
 * and the encoding of [S]B - [k]A equal to R byte for byte. This is the check OpenSSL (Node's native
 * backend) makes; the library's own strict mode multiplies by the cofactor, which accepts some signatures
 * under keys with a small-order component that OpenSSL refuses. Both backends must agree on every input.
 */
function verifyCofactorless(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const r = signature.subarray(0, 32);
  const s = littleEndian(signature.subarray(32));
  if (s >= L) return false;
  const a = ed.Point.fromBytes(publicKey, false);
  const k = ed.etc.mod(littleEndian(sha512(concatBytes(r, publicKey, message))), L);
  const expected = ed.Point.BASE.multiply(s, false).subtract(a.multiply(k, false));
  return equalBytes(expected.toBytes(), r);
}

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
      return verifyCofactorless(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};
