// Shared fixtures of the test-vector generator: fixed keys, times, nonces and the signing helpers.
// Everything here is deterministic, so regenerating gives the same bytes.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import * as core from '../../packages/core/dist/index.js';
import { createNodeBackend } from '../../packages/core/dist/node.js';

export { core };

export const nodeBackend = createNodeBackend();
export const BACKENDS = [core.nobleBackend, nodeBackend];

/** SHA-256 of a UTF-8 string (node:crypto, so the generator needs no extra dependency). */
export function sha256(text) {
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58btc (the Bitcoin alphabet), written out here so vectors can hold malformed did:keys too. */
export function base58btc(bytes) {
  let n = 0n;
  for (const byte of bytes) n = n * 256n + BigInt(byte);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** Hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text) {
  return core.toHex(sha256(text));
}

/** The fixed seed number `n`: SHA-256 of "intentcast test vector seed n". */
export function seed(n) {
  return sha256(`intentcast test vector seed ${n}`);
}

/** A party of the vectors: its seed, public key and did:key. */
function party(n) {
  const secretKey = seed(n);
  const { publicKey } = core.keyPairFromSecretKey(secretKey);
  return { seedNumber: n, secretKey, publicKey, did: core.didKeyFromPublicKey(publicKey) };
}

export const PARTIES = {
  buyer: party(1),
  vendorA: party(2),
  vendorB: party(3),
  vendorC: party(4),
  buyerMinimal: party(5),
  stranger: party(6),
  buyerUnicode: party(7),
  buyerMillis: party(8),
  vendorD: party(10),
};

/** A fixed 16-byte nonce per label, so every message of the vectors is reproducible. */
export function nonce(label) {
  return sha256Hex(`intentcast test vector nonce ${label}`).slice(0, 32);
}

const HOUR = 60 * 60 * 1000;
export const MINUTE = 60 * 1000;
export const DAY = 24 * HOUR;

/** The moment the vectors' story begins: 2026-01-15T12:00:00Z. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** T0 plus a number of hours, in epoch milliseconds. */
export const at = (hours) => T0 + hours * HOUR;

/** A protocol timestamp for epoch milliseconds. */
export const ts = (ms) => core.formatTimestamp(ms);

export const TERMS = {
  noTracking: {
    uri: 'https://terms.example.org/buyer/no-tracking-v1',
    sha256: sha256Hex('Intentcast example terms: no tracking, version 1'),
  },
  noResale: {
    uri: 'urn:example:terms:no-resale-v2',
    sha256: sha256Hex('Intentcast example terms: no resale of my data, version 2'),
  },
  vendorOwn: {
    uri: 'https://vendor.example.com/terms',
    sha256: sha256Hex('A vendor whose terms the buyer never named'),
  },
};

// DER prefix that wraps a raw 32-byte X25519 private key as PKCS#8 (RFC 8410).
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** An X25519 key pair from a fixed 32-byte private key, as JWKs (RFC 8037). */
export function x25519FromSeed(privateKey) {
  const key = createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, Buffer.from(privateKey)]),
    format: 'der',
    type: 'pkcs8',
  });
  const privateJwk = key.export({ format: 'jwk' });
  const { kty, crv, x } = createPublicKey(key).export({ format: 'jwk' });
  return { publicJwk: { kty, crv, x }, privateJwk: { kty, crv, x, d: privateJwk.d } };
}

/** The X25519 key the buyer of the full intent publishes as `sealKey`. */
export const BUYER_SEAL = x25519FromSeed(sha256('intentcast test vector x25519 buyer'));

/** The X25519 key vendor A publishes as `sealKey`. */
export const VENDOR_SEAL = x25519FromSeed(sha256('intentcast test vector x25519 vendor'));

/** The X25519 key vendor D publishes as `sealKey` in its sealed offer. */
export const VENDOR_D_SEAL = x25519FromSeed(sha256('intentcast test vector x25519 vendor D'));

/** Removes `id` and `sig`. */
export function unsigned(message) {
  const { id: _id, sig: _sig, ...rest } = message;
  return rest;
}

/**
 * Signs any JSON object the way a correct signer would (id over the canonical form, Ed25519 over the
 * domain-separated id), without checking it: invalid vectors are well signed apart from their one defect.
 */
export function forceSign(content, secretKey, options = {}) {
  const id = options.id ?? core.messageId(content);
  const input = options.signingInput ?? core.messageSigningInput(id);
  const sig = core.toHex(core.nobleBackend.sign(input, secretKey));
  return { ...content, id, sig };
}

/** The vector file form of a value: 2-space JSON with a trailing newline. */
export function pretty(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One vector case, its members always in the same order. */
export function vectorCase(description, input, expected, tags = []) {
  return { description, input, expected, tags };
}

/** Fails generation when the core disagrees with what a vector states. */
export function check(condition, message) {
  if (!condition) throw new Error(`vector generation: ${message}`);
}

/** The result of validating under every backend, required to agree. */
export function validateAll(input, options = {}) {
  const results = BACKENDS.map((backend) => core.validateMessage(input, { ...options, backend }));
  const [first, ...rest] = results;
  for (const other of rest) {
    check(
      other.ok === first.ok && other.code === first.code && other.path === first.path,
      `backends disagree: ${JSON.stringify(results.map(({ value: _v, ...r }) => r))}`,
    );
  }
  return first;
}

/** The group order L of Ed25519. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/** A signature with L added to its S: the same signature in a form strict verifiers refuse. */
export function addOrderToS(signatureHex) {
  const bytes = core.fromHex(signatureHex);
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(bytes[i]);
  s += L;
  for (let i = 32; i < 64; i++) {
    bytes[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return core.toHex(bytes);
}
