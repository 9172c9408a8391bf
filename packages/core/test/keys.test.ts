import {
  assertPublicKey,
  didKeyFromPublicKey,
  fromBase64url,
  fromHex,
  generateKeyPair,
  IntentcastError,
  isValidDidKey,
  jwkFromKeyPair,
  keyPairFromJwk,
  keyPairFromSecretKey,
  nobleBackend,
  publicKeyFromDidKey,
  toBase64url,
  toHex,
  utf8,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import fc from 'fast-check';
import * as jose from 'jose';
import { describe, expect, it, test } from 'vitest';
import { base58btc, buyer, RFC8032_TEST1, rawDidKey, SMALL_ORDER_POINTS, vendor } from './fixtures.js';

/** Runs `fn` and returns the IntentcastError it throws, failing the test if it throws nothing else. */
function thrown(fn: () => unknown): IntentcastError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return err as IntentcastError;
  }
  throw new Error('expected an IntentcastError, but nothing was thrown');
}

const RFC8032_DID = 'did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw';

describe('did:key', () => {
  it('encodes the RFC 8032 test 1 key as the did:key of multicodec 0xed01 in base58btc', () => {
    const { publicKey } = keyPairFromSecretKey(fromHex(RFC8032_TEST1.seed));
    expect(toHex(publicKey)).toBe(RFC8032_TEST1.publicKey);
    expect(didKeyFromPublicKey(publicKey)).toBe(RFC8032_DID);
    expect(RFC8032_DID).toBe(`did:key:z${base58btc(fromHex(`ed01${RFC8032_TEST1.publicKey}`))}`);
    expect(toHex(publicKeyFromDidKey(RFC8032_DID))).toBe(RFC8032_TEST1.publicKey);
  });

  it('starts with the z6Mk prefix that every Ed25519 did:key has', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const did = didKeyFromPublicKey(keyPairFromSecretKey(seed).publicKey);
        expect(did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$/);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips every public key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const { publicKey } = keyPairFromSecretKey(seed);
        const did = didKeyFromPublicKey(publicKey);
        expect(publicKeyFromDidKey(did)).toEqual(publicKey);
        expect(isValidDidKey(did)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  const ed25519Key = RFC8032_TEST1.publicKey;
  const wrongForm = 'expected an Ed25519 did:key (did:key:z6Mk...)';
  const refused: { description: string; did: unknown; message: string }[] = [
    { description: 'another DID method', did: 'did:web:shop.example', message: wrongForm },
    {
      description: 'a multibase other than base58btc',
      did: RFC8032_DID.replace(':z', ':Z'),
      message: wrongForm,
    },
    { description: 'no did: scheme', did: RFC8032_DID.slice('did:key:'.length), message: wrongForm },
    { description: 'trailing text', did: `${RFC8032_DID} `, message: wrongForm },
    {
      description: 'a character outside base58 (0)',
      did: `${RFC8032_DID.slice(0, -1)}0`,
      message: wrongForm,
    },
    {
      description: 'a character outside base58 (l)',
      did: `${RFC8032_DID.slice(0, -1)}l`,
      message: wrongForm,
    },
    { description: 'one character too few', did: RFC8032_DID.slice(0, -2), message: wrongForm },
    {
      description: 'an X25519 key (multicodec 0xec01)',
      did: rawDidKey(ed25519Key, [0xec, 0x01]),
      message: wrongForm,
    },
    {
      description: 'a secret key (multicodec 0x1300)',
      did: rawDidKey(ed25519Key, [0x80, 0x26]),
      message: wrongForm,
    },
    {
      description: 'the multicodec 0xed00, which encodes to the same z6Mk prefix',
      did: rawDidKey(ed25519Key, [0xed, 0x00]),
      message: 'did:key does not hold a 32-byte Ed25519 key',
    },
    {
      description: 'a y coordinate that is not below the field prime',
      did: rawDidKey(`ee${'ff'.repeat(30)}7f`),
      message: 'public key is not a canonical encoding of a curve point',
    },
    {
      description: 'x = 0 with the sign bit set',
      did: rawDidKey(`01${'00'.repeat(30)}80`),
      message: 'public key is not a canonical encoding of a curve point',
    },
    {
      description: 'a y coordinate with no point on the curve',
      did: rawDidKey(`02${'00'.repeat(31)}`),
      message: 'public key is not a canonical encoding of a curve point',
    },
    ...Object.entries(SMALL_ORDER_POINTS).map(([name, hex]) => ({
      description: `the small-order point ${name}`,
      did: rawDidKey(hex),
      message: 'public key is a point of small order',
    })),
    { description: 'a number', did: 42, message: wrongForm },
  ];

  test.each(refused)('refuses $description with ERR_KEY_INVALID', ({ did, message }) => {
    const err = thrown(() => publicKeyFromDidKey(did as string));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe(message);
    expect(isValidDidKey(did)).toBe(false);
  });

  test.each(Object.entries(SMALL_ORDER_POINTS))('will not encode the small-order point %s', (_, hex) => {
    const err = thrown(() => didKeyFromPublicKey(fromHex(hex)));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('public key is a point of small order');
  });
});

describe('key pairs', () => {
  it('generates fresh, distinct, valid key pairs on either backend', () => {
    for (const backend of [nobleBackend, createNodeBackend()]) {
      const a = generateKeyPair(backend);
      const b = generateKeyPair(backend);
      expect(a.secretKey).toHaveLength(32);
      expect(a.publicKey).toEqual(nobleBackend.publicKey(a.secretKey));
      expect(toHex(a.secretKey)).not.toBe(toHex(b.secretKey));
      expect(isValidDidKey(didKeyFromPublicKey(a.publicKey))).toBe(true);
    }
  });

  it('copies the secret key, so later changes to the caller buffer do not reach it', () => {
    const seed = fromHex(RFC8032_TEST1.seed);
    const pair = keyPairFromSecretKey(seed);
    seed.fill(0);
    expect(toHex(pair.secretKey)).toBe(RFC8032_TEST1.seed);
  });

  test.each([
    { description: '31 bytes', value: new Uint8Array(31), got: 'length=31' },
    { description: '33 bytes', value: new Uint8Array(33), got: 'length=33' },
    { description: 'a hex string', value: RFC8032_TEST1.seed, got: 'string' },
  ])('refuses a secret key of $description', ({ value, got }) => {
    const err = thrown(() => keyPairFromSecretKey(value as Uint8Array));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe(`"secretKey" expected Uint8Array of length 32, got ${got}`);
  });

  it('refuses a public key of the wrong length', () => {
    const err = thrown(() => assertPublicKey(new Uint8Array(64)));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('"publicKey" expected Uint8Array of length 32, got length=64');
  });
});

describe('JWK (RFC 8037)', () => {
  it('exports a key pair and imports it back', () => {
    const jwk = jwkFromKeyPair(buyer);
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: toBase64url(buyer.publicKey),
      d: toBase64url(buyer.secretKey),
    });
    expect(keyPairFromJwk(jwk)).toEqual({ publicKey: buyer.publicKey, secretKey: buyer.secretKey });
  });

  it('exports a public key alone, without d', () => {
    const jwk = jwkFromKeyPair({ publicKey: vendor.publicKey });
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: toBase64url(vendor.publicKey) });
    expect(keyPairFromJwk(jwk)).toEqual({ publicKey: vendor.publicKey });
  });

  it('imports with either backend', () => {
    const jwk = jwkFromKeyPair(buyer);
    expect(keyPairFromJwk(jwk, createNodeBackend())).toEqual(keyPairFromJwk(jwk, nobleBackend));
  });

  it('gives jose keys it imports, and jose signatures that our backend verifies', async () => {
    const jwk = jwkFromKeyPair(buyer);
    const privateKey = await jose.importJWK(jwk, 'EdDSA');
    const publicKey = await jose.importJWK(jwkFromKeyPair({ publicKey: buyer.publicKey }), 'EdDSA');
    expect(privateKey).toMatchObject({ type: 'private', algorithm: { name: 'Ed25519' } });
    expect(publicKey).toMatchObject({ type: 'public', algorithm: { name: 'Ed25519' } });

    const jws = await new jose.CompactSign(utf8('{"hello":"relay"}'))
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(privateKey);
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const signingInput = utf8(`${header}.${payload}`);
    expect(nobleBackend.verify(fromBase64url(signature), signingInput, buyer.publicKey)).toBe(true);
    // Ed25519 is deterministic: jose (Web Crypto) and noble make the very same signature.
    expect(toBase64url(nobleBackend.sign(signingInput, buyer.secretKey))).toBe(signature);
  });

  it('makes signatures that jose verifies with our public JWK', async () => {
    const header = toBase64url(utf8('{"alg":"EdDSA"}'));
    const payload = toBase64url(utf8('intentcast'));
    const signature = nobleBackend.sign(utf8(`${header}.${payload}`), vendor.secretKey);
    const publicKey = await jose.importJWK(jwkFromKeyPair({ publicKey: vendor.publicKey }), 'EdDSA');
    const { payload: verified } = await jose.compactVerify(
      `${header}.${payload}.${toBase64url(signature)}`,
      publicKey,
    );
    expect(new TextDecoder().decode(verified)).toBe('intentcast');
  });

  it('imports a private JWK that jose generated', async () => {
    const pair = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const exported = await jose.exportJWK(pair.privateKey);
    const imported = keyPairFromJwk(exported);
    expect(toBase64url(imported.publicKey)).toBe(exported.x);
    expect(jwkFromKeyPair({ publicKey: imported.publicKey, secretKey: imported.secretKey! })).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: exported.x,
      d: exported.d,
    });
  });

  const good = jwkFromKeyPair(buyer);
  const refused: { description: string; jwk: unknown; message: string; path?: string }[] = [
    { description: 'null', jwk: null, message: 'JWK must be an object' },
    { description: 'a string', jwk: JSON.stringify(good), message: 'JWK must be an object' },
    {
      description: 'crv X25519',
      jwk: { ...good, crv: 'X25519' },
      message: 'JWK must have kty "OKP" and crv "Ed25519"',
      path: '/crv',
    },
    {
      description: 'no crv',
      jwk: { kty: 'OKP', x: good.x },
      message: 'JWK must have kty "OKP" and crv "Ed25519"',
      path: '/crv',
    },
    {
      description: 'x that is not base64url',
      jwk: { ...good, x: `${good.x.slice(0, -1)}+` },
      message: 'JWK "x" must be 32 bytes in base64url',
      path: '/x',
    },
    {
      description: 'x with padding',
      jwk: { ...good, x: `${good.x}=` },
      message: 'JWK "x" must be 32 bytes in base64url',
      path: '/x',
    },
    {
      description: 'x with non-zero trailing bits',
      // 32 bytes take 43 characters; the last carries 4 bits of padding, which must be zero.
      jwk: { ...good, x: `${'A'.repeat(42)}B` },
      message: 'JWK "x" must be 32 bytes in base64url',
      path: '/x',
    },
    {
      description: 'x of 31 bytes',
      jwk: { ...good, x: toBase64url(buyer.publicKey.subarray(1)) },
      message: 'JWK "x" must be 32 bytes in base64url',
      path: '/x',
    },
    {
      description: 'x missing',
      jwk: { kty: 'OKP', crv: 'Ed25519' },
      message: 'JWK "x" must be 32 bytes in base64url',
      path: '/x',
    },
    {
      description: 'x a small-order point',
      jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64url(fromHex(SMALL_ORDER_POINTS.order8)) },
      message: 'public key is a point of small order',
    },
    {
      description: 'd that is not base64url',
      jwk: { ...good, d: 'not base64url!' },
      message: 'JWK "d" must be 32 bytes in base64url',
      path: '/d',
    },
    {
      description: 'd of 64 bytes',
      jwk: { ...good, d: toBase64url(new Uint8Array(64)) },
      message: 'JWK "d" must be 32 bytes in base64url',
      path: '/d',
    },
    {
      description: 'x that is not the public key of d',
      jwk: { ...good, x: toBase64url(vendor.publicKey) },
      message: 'JWK "x" is not the public key of "d"',
      path: '/x',
    },
  ];

  test.each(refused)('refuses $description with ERR_KEY_INVALID', ({ jwk, message, path }) => {
    const err = thrown(() => keyPairFromJwk(jwk));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  it('points at /kty when kty is wrong', () => {
    const err = thrown(() => keyPairFromJwk({ ...good, kty: 'EC' }));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('JWK must have kty "OKP" and crv "Ed25519"');
    expect(err.path).toBe('/kty');
  });

  it('refuses a wrong kty (today at the path /crv)', () => {
    const err = thrown(() => keyPairFromJwk({ ...good, kty: 'EC' }));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('JWK must have kty "OKP" and crv "Ed25519"');
  });
});
