import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  assertPublicKey,
  concatBytes,
  type Ed25519Backend,
  fromHex,
  nobleBackend,
  toHex,
  utf8,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import * as ed from '@noble/ed25519';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { RFC8032_TEST1, SMALL_ORDER_POINTS } from './fixtures.js';

interface WycheproofFile {
  numberOfTests: number;
  testGroups: {
    publicKey: { pk: string };
    tests: { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: string }[];
  }[];
}

const wycheproof = JSON.parse(
  readFileSync(
    new URL('../../../test-vectors/external/wycheproof/ed25519_test.json', import.meta.url),
    'utf8',
  ),
) as WycheproofFile;

const cases = wycheproof.testGroups.flatMap((group) =>
  group.tests.map((t) => ({
    description: `tcId ${t.tcId}: ${t.comment || 'no comment'} [${t.flags.join(', ')}] -> ${t.result}`,
    publicKey: fromHex(group.publicKey.pk),
    message: fromHex(t.msg),
    signature: fromHex(t.sig),
    valid: t.result === 'valid',
    result: t.result,
  })),
);

const backends: Ed25519Backend[] = [nobleBackend, createNodeBackend()];
const [noble, node] = backends as [Ed25519Backend, Ed25519Backend];

describe('Wycheproof Ed25519 (ed25519_test.json)', () => {
  it('holds all 151 cases, each either valid or invalid', () => {
    expect(cases).toHaveLength(151);
    expect(cases).toHaveLength(wycheproof.numberOfTests);
    // Strict RFC 8032 verification leaves no room for "acceptable": every case has one right answer.
    expect(new Set(cases.map((c) => c.result))).toEqual(new Set(['valid', 'invalid']));
  });

  describe.each(backends)('the $name backend', (backend) => {
    test.each(cases)('$description', ({ publicKey, message, signature, valid }) => {
      expect(backend.verify(signature, message, publicKey)).toBe(valid);
    });
  });

  test.each(cases)('both backends agree: $description', ({ publicKey, message, signature }) => {
    expect(node.verify(signature, message, publicKey)).toBe(noble.verify(signature, message, publicKey));
  });
});

describe('RFC 8032 section 7.1', () => {
  const vectors = [
    {
      description: 'test 1 (empty message)',
      seed: RFC8032_TEST1.seed,
      publicKey: RFC8032_TEST1.publicKey,
      message: '',
      signature:
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      description: 'test 2 (one byte)',
      seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      message: '72',
      signature:
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
  ];

  describe.each(backends)('the $name backend', (backend) => {
    test.each(vectors)('$description', ({ seed, publicKey, message, signature }) => {
      expect(toHex(backend.publicKey(fromHex(seed)))).toBe(publicKey);
      expect(toHex(backend.sign(fromHex(message), fromHex(seed)))).toBe(signature);
      expect(backend.verify(fromHex(signature), fromHex(message), fromHex(publicKey))).toBe(true);
    });
  });
});

describe('the two backends', () => {
  it('derive the same public key and make the same (deterministic) signature for any seed', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 256 }),
        (seed, message) => {
          const publicKey = noble.publicKey(seed);
          expect(node.publicKey(seed)).toEqual(publicKey);
          const signature = noble.sign(message, seed);
          expect(node.sign(message, seed)).toEqual(signature);
          expect(noble.verify(signature, message, publicKey)).toBe(true);
          expect(node.verify(signature, message, publicKey)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('agree on signatures with one bit flipped, which never verify', () => {
    const seed = fromHex(RFC8032_TEST1.seed);
    const message = utf8('intentcast');
    const publicKey = noble.publicKey(seed);
    const signature = noble.sign(message, seed);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * 8 - 1 }), (bit) => {
        const flipped = Uint8Array.from(signature);
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        expect(noble.verify(flipped, message, publicKey)).toBe(false);
        expect(node.verify(flipped, message, publicKey)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a key with a small-order component (A + T, T of order 8)', () => {
  // Such a key is not itself of small order, so it is a valid author. A signature made with A's scalar but
  // hashed under A + T meets the cofactored equation 8SB = 8R + 8kA' for every message, but the
  // cofactorless one of RFC 8032 section 5.1.7 (SB = R + kA', which OpenSSL checks) only when 8 divides k.
  // The backends must agree, or a message would be valid on one relay and invalid on another.
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const sha512 = (...parts: Uint8Array[]) =>
    new Uint8Array(
      createHash('sha512')
        .update(concatBytes(...parts))
        .digest(),
    );
  const fromLittleEndian = (bytes: Uint8Array) =>
    bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);
  const toLittleEndian = (n: bigint) =>
    Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

  const h = sha512(fromHex(RFC8032_TEST1.seed));
  const clamped = Uint8Array.from(h.subarray(0, 32));
  clamped[0]! &= 248;
  clamped[31]! &= 127;
  clamped[31]! |= 64;
  const a = fromLittleEndian(clamped) % L;
  const torsion = ed.Point.fromBytes(fromHex(SMALL_ORDER_POINTS.order8));
  const publicKey = ed.Point.BASE.multiply(a).add(torsion).toBytes();

  const cases = Array.from({ length: 48 }, (_, i) => {
    const message = utf8(`message ${i}`);
    const r = fromLittleEndian(sha512(h.subarray(32), message)) % L;
    const R = ed.Point.BASE.multiply(r).toBytes();
    const k = fromLittleEndian(sha512(R, publicKey, message)) % L;
    const signature = concatBytes(R, toLittleEndian((r + k * a) % L));
    return { description: `message ${i}, k mod 8 = ${k % 8n}`, message, signature, valid: k % 8n === 0n };
  });

  it('is a valid public key, and the cases hold both kinds of k', () => {
    expect(() => assertPublicKey(publicKey)).not.toThrow();
    expect(new Set(cases.map((c) => c.valid))).toEqual(new Set([true, false]));
  });

  describe.each(backends)('the $name backend', (backend) => {
    test.each(cases)('$description', ({ message, signature, valid }) => {
      expect(backend.verify(signature, message, publicKey)).toBe(valid);
    });
  });
});

describe.each(backends)('the $name backend on malformed input', (backend) => {
  const seed = fromHex(RFC8032_TEST1.seed);
  const publicKey = backend.publicKey(seed);
  const message = utf8('junk lengths');
  const signature = backend.sign(message, seed);

  test.each([0, 1, 31, 63, 65, 128])('returns false for a %i-byte signature', (length) => {
    const junk = new Uint8Array(length);
    junk.set(signature.subarray(0, Math.min(length, 64)));
    expect(backend.verify(junk, message, publicKey)).toBe(false);
  });

  test.each([0, 1, 31, 33, 64])('returns false for a %i-byte public key', (length) => {
    const junk = new Uint8Array(length);
    junk.set(publicKey.subarray(0, Math.min(length, 32)));
    expect(backend.verify(signature, message, junk)).toBe(false);
  });

  it('never throws, whatever bytes it is given', () => {
    fc.assert(
      fc.property(
        // Mostly the right lengths, so the decoding of R, S and A is reached, not only the length checks.
        fc.oneof(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 80 })),
        fc.uint8Array({ maxLength: 64 }),
        fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 40 })),
        (sig, msg, key) => {
          expect(backend.verify(sig, msg, key)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
