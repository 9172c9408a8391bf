import {
  assertPublicKey,
  createIntent,
  didKeyFromPublicKey,
  messageId,
  nobleBackend,
  publicKeyFromDidKey,
  validateMessage,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didKeyBytes } from '../src/keys.js';

// did:key of any 32 bytes, valid or not, so the checks can be compared on hostile keys too.
const rawDid = (bytes: Uint8Array) => `did:key:z${base58.encode(Uint8Array.from([0xed, 0x01, ...bytes]))}`;

const fullCheck = (bytes: Uint8Array): boolean => {
  try {
    assertPublicKey(bytes);
    return true;
  } catch {
    return false;
  }
};
const fastCheck = (bytes: Uint8Array): boolean => {
  try {
    didKeyBytes(rawDid(bytes));
    return true;
  } catch {
    return false;
  }
};

describe('the did:key fast path used on ingest', () => {
  const t8 = ed.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');

  it('refuses every point of small order, as the full check does', () => {
    let point = ed.Point.ZERO;
    for (let i = 0; i < 8; i++) {
      const bytes = point.toBytes();
      expect(fullCheck(bytes)).toBe(false);
      expect(() => didKeyBytes(rawDid(bytes))).toThrowError('public key is a point of small order');
      point = point.add(t8);
    }
  });

  it('refuses non-canonical encodings: y at or above p, and x = 0 with the sign bit set', () => {
    const p = new Uint8Array(32).fill(0xff);
    p[0] = 0xed;
    p[31] = 0x7f;
    expect(() => didKeyBytes(rawDid(p))).toThrowError(
      'public key is not a canonical encoding of a curve point',
    );
    const one = new Uint8Array(32);
    one[0] = 1;
    one[31] = 0x80; // (0, 1) with the sign of x set
    expect(fastCheck(one)).toBe(false);
    expect(fullCheck(one)).toBe(false);
  });

  it('never accepts what the full check refuses, except keys that are not curve points', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const full = fullCheck(bytes);
        const fast = fastCheck(bytes);
        if (full) expect(fast).toBe(true);
        if (fast && !full) expect(() => ed.Point.fromBytes(bytes, false)).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with publicKeyFromDidKey on real keys, cached or not', () => {
    const publicKey = ed.getPublicKey(new Uint8Array(32).fill(7));
    const did = didKeyFromPublicKey(publicKey);
    expect(didKeyBytes(did)).toEqual(publicKey);
    expect(publicKeyFromDidKey(did)).toEqual(publicKey);
    const copy = publicKeyFromDidKey(did);
    copy[0]! ^= 1; // a caller changing its copy must not change the cache
    expect(publicKeyFromDidKey(did)).toEqual(publicKey);
  });
});

describe('validation defers the point decoding without changing the code it reports', () => {
  // The first y from 2 upward that is canonical, not small order, and not the y of any curve point.
  const offCurve = (() => {
    for (let y = 2; ; y++) {
      const bytes = new Uint8Array(32);
      bytes[0] = y;
      if (fastCheck(bytes) && !fullCheck(bytes)) return bytes;
    }
  })();
  const intent = createIntent(
    {
      what: { category: 'lodging.hotel', description: 'A room', quantity: 1 },
      terms: [{ uri: 'urn:example:terms:1', sha256: '0'.repeat(64) }],
      offerCap: 1,
    },
    new Uint8Array(32).fill(3),
    { now: Date.UTC(2026, 0, 15, 12), nonce: '00'.repeat(16) },
  );
  const { id: _id, sig, ...content } = { ...intent, author: rawDid(offCurve) };
  const backends = [nobleBackend, createNodeBackend()];

  it.each(backends)(
    'an off-curve author with a correct id is ERR_KEY_INVALID, not a bad signature ($name)',
    (backend) => {
      const message = { ...content, id: messageId(content), sig };
      expect(validateMessage(message, { backend, checkTime: false })).toMatchObject({
        ok: false,
        code: 'ERR_KEY_INVALID',
        path: '/author',
      });
    },
  );

  it.each(backends)(
    'an off-curve author with a wrong id is ERR_KEY_INVALID, not an id mismatch ($name)',
    (backend) => {
      const message = { ...content, id: 'f'.repeat(64), sig };
      expect(validateMessage(message, { backend, checkTime: false })).toMatchObject({
        ok: false,
        code: 'ERR_KEY_INVALID',
        path: '/author',
      });
    },
  );
});
