import * as ed from '@noble/ed25519';
import type { Ed25519Backend } from './ed25519/backend.js';
import { nobleBackend } from './ed25519/noble.js';
import { concatBytes, fromBase58, fromBase64url, randomBytes, toBase58, toBase64url } from './encoding.js';
import { IntentcastError } from './errors.js';

/** The multicodec prefix of an Ed25519 public key (varint 0xed). */
const ED25519_MULTICODEC = Uint8Array.from([0xed, 0x01]);
const DID_KEY_PREFIX = 'did:key:z';
const DID_KEY_RE = /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$/;

/** An Ed25519 key pair: the 32-byte secret seed and the 32-byte public key. */
export interface KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A JSON Web Key for Ed25519 (RFC 8037): `d` is present only in a private key. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  kid?: string;
}

function checkLength(name: string, bytes: Uint8Array, length: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    const got = bytes instanceof Uint8Array ? `length=${bytes.length}` : typeof bytes;
    throw new IntentcastError(
      'ERR_KEY_INVALID',
      `"${name}" expected Uint8Array of length ${length}, got ${got}`,
    );
  }
}

/**
 * Generates a fresh Ed25519 key pair from the platform's secure random source.
 * Buyers should use a fresh key for every intent (spec/identity.md).
 *
 * @example
 * const { secretKey, publicKey } = generateKeyPair();
 * didKeyFromPublicKey(publicKey); // 'did:key:z6Mk...'
 */
export function generateKeyPair(backend: Ed25519Backend = nobleBackend): KeyPair {
  const secretKey = randomBytes(32);
  return { secretKey, publicKey: backend.publicKey(secretKey) };
}

/** The key pair of a 32-byte secret seed. */
export function keyPairFromSecretKey(secretKey: Uint8Array, backend: Ed25519Backend = nobleBackend): KeyPair {
  checkLength('secretKey', secretKey, 32);
  return { secretKey: Uint8Array.from(secretKey), publicKey: backend.publicKey(secretKey) };
}

/**
 * Checks that 32 bytes are an Ed25519 public key the protocol accepts: a canonical encoding of a point
 * on the curve that is not of small order. Throws ERR_KEY_INVALID otherwise.
 */
export function assertPublicKey(publicKey: Uint8Array): void {
  checkLength('publicKey', publicKey, 32);
  let point: ed.Point;
  try {
    point = ed.Point.fromBytes(publicKey, false);
  } catch {
    throw new IntentcastError('ERR_KEY_INVALID', 'public key is not a canonical encoding of a curve point');
  }
  if (point.isSmallOrder())
    throw new IntentcastError('ERR_KEY_INVALID', 'public key is a point of small order');
}

/**
 * The `did:key` identifier of an Ed25519 public key: `did:key:z` + base58btc(0xed 0x01 || key).
 *
 * @example
 * didKeyFromPublicKey(publicKey); // 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
 */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  assertPublicKey(publicKey);
  return DID_KEY_PREFIX + toBase58(concatBytes(ED25519_MULTICODEC, publicKey));
}

/**
 * The public key a `did:key` names. Throws ERR_KEY_INVALID for anything but a valid Ed25519 did:key.
 *
 * @example
 * publicKeyFromDidKey('did:key:z6Mk...'); // Uint8Array(32)
 */
export function publicKeyFromDidKey(did: string): Uint8Array {
  if (typeof did !== 'string' || !DID_KEY_RE.test(did)) {
    throw new IntentcastError('ERR_KEY_INVALID', 'expected an Ed25519 did:key (did:key:z6Mk...)');
  }
  let decoded: Uint8Array;
  try {
    decoded = fromBase58(did.slice(DID_KEY_PREFIX.length));
  } catch {
    throw new IntentcastError('ERR_KEY_INVALID', 'did:key is not valid base58btc');
  }
  if (decoded.length !== 34 || decoded[0] !== 0xed || decoded[1] !== 0x01) {
    throw new IntentcastError('ERR_KEY_INVALID', 'did:key does not hold a 32-byte Ed25519 key');
  }
  const publicKey = decoded.subarray(2);
  assertPublicKey(publicKey);
  return publicKey;
}

/** True when `did` is a valid Ed25519 did:key. */
export function isValidDidKey(did: unknown): boolean {
  try {
    publicKeyFromDidKey(did as string);
    return true;
  } catch {
    return false;
  }
}

/**
 * Exports a key pair (or a public key alone) as an Ed25519 JWK that jose's `importJWK` accepts.
 *
 * @example
 * const jwk = jwkFromKeyPair(keyPair);           // { kty: 'OKP', crv: 'Ed25519', x, d }
 * const pub = jwkFromKeyPair({ publicKey });       // { kty: 'OKP', crv: 'Ed25519', x }
 */
export function jwkFromKeyPair(key: { publicKey: Uint8Array; secretKey?: Uint8Array }): Ed25519Jwk {
  assertPublicKey(key.publicKey);
  const jwk: Ed25519Jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64url(key.publicKey) };
  if (key.secretKey !== undefined) {
    checkLength('secretKey', key.secretKey, 32);
    jwk.d = toBase64url(key.secretKey);
  }
  return jwk;
}

/**
 * Imports an Ed25519 JWK. With `d`, checks that `x` is the public key of `d`.
 * Throws ERR_KEY_INVALID with the member at fault.
 */
export function keyPairFromJwk(
  jwk: unknown,
  backend: Ed25519Backend = nobleBackend,
): { publicKey: Uint8Array; secretKey?: Uint8Array } {
  if (typeof jwk !== 'object' || jwk === null)
    throw new IntentcastError('ERR_KEY_INVALID', 'JWK must be an object');
  const { kty, crv, x, d } = jwk as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519') {
    throw new IntentcastError('ERR_KEY_INVALID', 'JWK must have kty "OKP" and crv "Ed25519"', {
      path: kty !== 'OKP' ? '/kty' : '/crv',
    });
  }
  const decode = (name: string, value: unknown): Uint8Array => {
    try {
      if (typeof value !== 'string') throw new TypeError();
      const bytes = fromBase64url(value);
      if (bytes.length === 32) return bytes;
    } catch {}
    throw new IntentcastError('ERR_KEY_INVALID', `JWK "${name}" must be 32 bytes in base64url`, {
      path: `/${name}`,
    });
  };
  const publicKey = decode('x', x);
  assertPublicKey(publicKey);
  if (d === undefined) return { publicKey };
  const secretKey = decode('d', d);
  const derived = backend.publicKey(secretKey);
  if (toBase64url(derived) !== x) {
    throw new IntentcastError('ERR_KEY_INVALID', 'JWK "x" is not the public key of "d"', { path: '/x' });
  }
  return { publicKey, secretKey };
}
