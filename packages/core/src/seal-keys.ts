import { exportJWK, generateKeyPair } from 'jose';
import { fromBase64url, toBase64url } from './encoding.js';
import { IntentcastError } from './errors.js';
import type { SealKey } from './types.js';

/** An X25519 private key as a JWK (RFC 8037): the public `x` and the secret `d`. */
export interface SealPrivateKey {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  d: string;
}

/** A key pair for sealed parts: publish `publicJwk` as `body.sealKey`, keep `privateJwk` to open. */
export interface SealKeyPair {
  publicJwk: SealKey;
  privateJwk: SealPrivateKey;
}

const P = 2n ** 255n - 19n;
const A = 486662n;
const X25519 = { name: 'X25519' } as const;

function mod(value: bigint): bigint {
  const r = value % P;
  return r < 0n ? r + P : r;
}

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/**
 * True when the point with u-coordinate `u` has an order dividing 8, on the curve or its twist. Three
 * x-only doublings multiply it by 8, the curve's cofactor (the twist's, 4, divides it); such a point is sent
 * to infinity (Z = 0). Any exchange with a small-order key yields a shared secret the sender does not choose,
 * so the protocol refuses these keys outright instead of waiting for the key agreement to fail.
 */
function isSmallOrder(u: bigint): boolean {
  let x = u;
  let z = 1n;
  for (let i = 0; i < 3; i++) {
    const xx = x * x;
    const zz = z * z;
    const nextX = mod((xx - zz) ** 2n);
    const nextZ = mod(4n * x * z * (xx + A * x * z + zz));
    x = nextX;
    z = nextZ;
  }
  return z === 0n;
}

function checkMembers(jwk: Record<string, unknown>, allowed: readonly string[], name: string): void {
  for (const member of Object.keys(jwk)) {
    if (!allowed.includes(member)) {
      throw new IntentcastError('ERR_KEY_INVALID', `${name} has a member "${member}" that is not allowed`, {
        path: `/${member}`,
      });
    }
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'X25519') {
    throw new IntentcastError('ERR_KEY_INVALID', `${name} must have kty "OKP" and crv "X25519"`, {
      path: jwk.kty !== 'OKP' ? '/kty' : '/crv',
    });
  }
}

function decode32(value: unknown, member: string, name: string): Uint8Array {
  try {
    if (typeof value !== 'string') throw new TypeError();
    const bytes = fromBase64url(value);
    if (bytes.length === 32) return bytes;
  } catch {}
  throw new IntentcastError('ERR_KEY_INVALID', `${name} "${member}" must be 32 bytes in base64url`, {
    path: `/${member}`,
  });
}

function checkPublicX(x: unknown, name: string): void {
  const u = littleEndian(decode32(x, 'x', name));
  // X25519 would silently reduce these; refusing them gives every key exactly one encoding.
  if (u >= P) {
    throw new IntentcastError('ERR_KEY_INVALID', `${name} "x" is not canonical (it is 2^255 - 19 or more)`, {
      path: '/x',
    });
  }
  if (isSmallOrder(u)) {
    throw new IntentcastError('ERR_KEY_INVALID', `${name} "x" is a point of small order`, { path: '/x' });
  }
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new IntentcastError('ERR_KEY_INVALID', `${name} must be a JWK object`);
  return value as Record<string, unknown>;
}

/**
 * Checks that a value is an X25519 public JWK the protocol accepts: exactly `kty`, `crv` and `x`, with `x`
 * the canonical 32-byte encoding of a point that is not of small order. Throws ERR_KEY_INVALID.
 *
 * @example
 * assertSealKey(intent.body.sealKey); // throws if the buyer published an unusable key
 */
export function assertSealKey(value: unknown, name = 'sealKey'): asserts value is SealKey {
  const jwk = asObject(value, name);
  checkMembers(jwk, ['kty', 'crv', 'x'], name);
  checkPublicX(jwk.x, name);
}

/**
 * True when `value` passes assertSealKey. Never throws.
 *
 * @example
 * if (!isValidSealKey(offer.body.sealKey)) sendInTheClear();
 */
export function isValidSealKey(value: unknown): value is SealKey {
  try {
    assertSealKey(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the shape of an X25519 private JWK: exactly `kty`, `crv`, `x` and `d`, each of the right form.
 * Whether `x` belongs to `d` needs a scalar multiplication and is checked when the key is imported.
 * Throws ERR_KEY_INVALID.
 *
 * @example
 * assertSealPrivateKey(JSON.parse(stored));
 */
export function assertSealPrivateKey(value: unknown, name = 'private key'): asserts value is SealPrivateKey {
  const jwk = asObject(value, name);
  checkMembers(jwk, ['kty', 'crv', 'x', 'd'], name);
  checkPublicX(jwk.x, name);
  decode32(jwk.d, 'd', name);
}

/**
 * Generates a fresh X25519 key pair for sealed parts, with the platform's Web Crypto (Node and browsers).
 * Use a fresh pair for every intent or offer, so that no two threads can be linked by their seal keys.
 *
 * @example
 * const { publicJwk, privateJwk } = await generateSealKeyPair();
 * const intent = createIntent({ ...body, sealKey: publicJwk }, buyer.secretKey);
 */
export async function generateSealKeyPair(): Promise<SealKeyPair> {
  const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'X25519', extractable: true });
  const { x, d } = await exportJWK(privateKey);
  const privateJwk: SealPrivateKey = { kty: 'OKP', crv: 'X25519', x: x!, d: d! };
  assertSealPrivateKey(privateJwk);
  return { publicJwk: { kty: 'OKP', crv: 'X25519', x: x! }, privateJwk };
}

/** Imports a checked public key for key agreement. */
export async function importSealKey(jwk: SealKey, name = 'sealKey'): Promise<CryptoKey> {
  assertSealKey(jwk, name);
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'X25519', x: jwk.x }, X25519, true, []);
}

/**
 * Imports a checked private key for key agreement, and proves that `x` belongs to `d` by computing
 * X25519(d, 9): some platforms import a mismatched pair without complaint, and a wrong `x` would put the
 * wrong ephemeral key in a header or hide a key mix-up until much later.
 */
export async function importSealPrivateKey(
  jwk: SealPrivateKey,
  options: { name?: string; extractable?: boolean } = {},
): Promise<CryptoKey> {
  const name = options.name ?? 'private key';
  assertSealPrivateKey(jwk, name);
  const mismatch = (cause?: unknown) =>
    new IntentcastError('ERR_KEY_INVALID', `${name} "x" is not the public key of "d"`, {
      path: '/x',
      ...(cause === undefined ? {} : { cause }),
    });
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d },
      X25519,
      options.extractable ?? false,
      ['deriveBits'],
    );
  } catch (cause) {
    // Node refuses a mismatched pair at import; other platforms reach the check below.
    throw mismatch(cause);
  }
  const base = new Uint8Array(32);
  base[0] = 9;
  const basePoint = await crypto.subtle.importKey('raw', base, X25519, true, []);
  const derived = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'X25519', public: basePoint }, key, 256),
  );
  if (toBase64url(derived) !== jwk.x) throw mismatch();
  return key;
}
