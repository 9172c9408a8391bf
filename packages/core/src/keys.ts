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

// Validated did:keys, so a key seen again costs a map lookup instead of a point decompression.
const DID_CACHE_SIZE = 4096;
const validatedDids = new Map<string, Uint8Array>();

/**
 * The public key a `did:key` names. Throws ERR_KEY_INVALID for anything but a valid Ed25519 did:key.
 *
 * @example
 * publicKeyFromDidKey('did:key:z6Mk...'); // Uint8Array(32)
 */
export function publicKeyFromDidKey(did: string): Uint8Array {
  const cached = validatedDids.get(did);
  if (cached) return Uint8Array.from(cached);
  const publicKey = didKeyBytes(did);
  assertPublicKey(publicKey);
  if (validatedDids.size >= DID_CACHE_SIZE) validatedDids.delete(validatedDids.keys().next().value!);
  validatedDids.set(did, Uint8Array.from(publicKey));
  return publicKey;
}

/**
 * The 32 bytes of an Ed25519 did:key after the checks that cost no curve arithmetic: the did:key form, the
 * multicodec, a canonical encoding (y below p) and not one of the encodings of a point of small order.
 * Whether the bytes decode to a curve point at all is left to the caller (see validate.ts): a signature
 * can only verify under a key that decodes, so the full check is needed only when something fails.
 * Throws ERR_KEY_INVALID.
 */
export function didKeyBytes(did: string): Uint8Array {
  if (typeof did !== 'string' || !DID_KEY_RE.test(did)) {
    throw new IntentcastError('ERR_KEY_INVALID', 'expected an Ed25519 did:key (did:key:z6Mk...)');
  }
  if (validatedDids.has(did)) return Uint8Array.from(validatedDids.get(did)!);
  const decoded = fromBase58(did.slice(DID_KEY_PREFIX.length));
  if (decoded.length !== 34 || decoded[0] !== 0xed || decoded[1] !== 0x01) {
    throw new IntentcastError('ERR_KEY_INVALID', 'did:key does not hold a 32-byte Ed25519 key');
  }
  const publicKey = decoded.subarray(2);
  const torsion = torsionEncodings();
  if (!isCanonicalY(publicKey) || torsion.signFlipped.has(toBase64url(publicKey))) {
    throw new IntentcastError('ERR_KEY_INVALID', 'public key is not a canonical encoding of a curve point');
  }
  if (torsion.smallOrder.has(toBase64url(publicKey))) {
    throw new IntentcastError('ERR_KEY_INVALID', 'public key is a point of small order');
  }
  return publicKey;
}

/** True when the 255-bit y of an encoded point is below p = 2^255 - 19. */
function isCanonicalY(bytes: Uint8Array): boolean {
  if ((bytes[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (bytes[i] !== 0xff) return true;
  return bytes[0]! < 0xed;
}

let torsion: { smallOrder: Set<string>; signFlipped: Set<string> } | undefined;

/**
 * The encodings of the eight points of small order, and apart the two encodings of the points with x = 0
 * whose sign bit is set, which RFC 8032 decoding refuses as non-canonical. Computed once, from a point of
 * order 8.
 */
function torsionEncodings(): { smallOrder: Set<string>; signFlipped: Set<string> } {
  if (torsion) return torsion;
  const t8 = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
  const smallOrder = new Set<string>();
  const signFlipped = new Set<string>();
  let point = ed.Point.ZERO;
  for (let i = 0; i < 8; i++) {
    const bytes = point.toBytes();
    smallOrder.add(toBase64url(bytes));
    if (point.x === 0n) {
      const flipped = Uint8Array.from(bytes);
      flipped[31]! |= 0x80;
      signFlipped.add(toBase64url(flipped));
    }
    point = point.add(t8);
  }
  torsion = { smallOrder, signFlipped };
  return torsion;
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
