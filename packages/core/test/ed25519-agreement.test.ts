import { nobleBackend } from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const nodeBackend = createNodeBackend();

const le = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
};
const toLe32 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};

// A point of order 8: the y-coordinate below is the published small-order point of order 8.
const T8 = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');

/**
 * Signs with scalar `a` but publishes A' = aB + T8, a key with a small-order component. Such a signature
 * passes the cofactored equation always and the cofactorless one only when k is a multiple of 8, so two
 * backends that check differently disagree on most of them.
 */
function mixedOrderSignature(a: bigint, r: bigint, message: Uint8Array) {
  const publicKey = ed.Point.BASE.multiply(a).add(T8).toBytes();
  const R = ed.Point.BASE.multiply(r).toBytes();
  const k = ed.etc.mod(le(sha512(new Uint8Array([...R, ...publicKey, ...message]))), L);
  const s = ed.etc.mod(r + k * a, L);
  return { publicKey, signature: new Uint8Array([...R, ...toLe32(s)]), kMultipleOf8: k % 8n === 0n };
}

it('T8 is a point of order exactly 8', () => {
  expect(T8.isSmallOrder()).toBe(true);
  expect(T8.multiply(4n, false).is0()).toBe(false);
});

it('both backends agree on signatures under keys with a small-order component', () => {
  const scalar = fc.bigInt({ min: 1n, max: L - 1n });
  fc.assert(
    fc.property(scalar, scalar, fc.uint8Array({ maxLength: 64 }), (a, r, message) => {
      const { publicKey, signature, kMultipleOf8 } = mixedOrderSignature(a, r, message);
      const noble = nobleBackend.verify(signature, message, publicKey);
      expect(noble).toBe(nodeBackend.verify(signature, message, publicKey));
      // The cofactorless rule of spec/signatures.md: accepted exactly when [k]T8 vanishes.
      expect(noble).toBe(kMultipleOf8);
    }),
    { numRuns: 64 },
  );
});
