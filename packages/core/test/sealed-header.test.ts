import {
  generateSealKeyPair,
  type Offer,
  SEALED_HEADER,
  type SealKeyPair,
  seal,
  toBase64url,
  utf8,
  validateMessage,
} from '@intentcast/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { intentBody, LIVE, makeIntent, makeOffer, offerBody, rawDidKey, resigned } from './fixtures.js';

/**
 * spec/validation.md, step 15: every verifier, relays included, checks the form and the protected header of
 * a sealed part, which needs no key. A part no recipient could open is refused when it is published.
 */

let buyerSeal: SealKeyPair;
let offer: Offer;
let parts: string[];
let header: Record<string, unknown>;

beforeAll(async () => {
  buyerSeal = await generateSealKeyPair();
  const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
  const sealed = await seal({ price: { amount: '139.00', currency: 'EUR' } }, buyerSeal.publicJwk, {
    thread: intent.id,
  });
  const { price: _price, ...rest } = offerBody();
  offer = makeOffer(intent, { ...rest, sealed });
  parts = sealed.split('.');
  header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
});

const encode = (text: string) => toBase64url(utf8(text));
/** The offer with its sealed part's header replaced by `text`, signed again by its author. */
const withHeaderText = (text: string) => withParts([encode(text), ...parts.slice(1)]);
const withHeader = (value: unknown) => withHeaderText(JSON.stringify(value));
const withParts = (replaced: string[]) => resigned(offer, { '/body/sealed': replaced.join('.') });

function expectSealRefusal(input: unknown, message: string | RegExp): void {
  const result = validateMessage(input, LIVE);
  expect(result).toMatchObject({ ok: false, code: 'ERR_SEAL', path: '/body/sealed' });
  if (!result.ok) {
    if (typeof message === 'string') expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
  }
}

describe('validation checks every sealed part without a key', () => {
  test('a well-formed part passes', () => {
    expect(validateMessage(offer, LIVE)).toMatchObject({ ok: true });
  });

  test.each([
    ['alg "dir"', { alg: 'dir' }, 'sealed part: header "alg" must be "ECDH-ES", got "dir"'],
    ['enc "A128GCM"', { enc: 'A128GCM' }, 'sealed part: header "enc" must be "A256GCM", got "A128GCM"'],
    [
      'another cty',
      { cty: 'json' },
      'sealed part: header "cty" must be "intentcast-sealed+json", got "json"',
    ],
    ['a zip member', { zip: 'DEF' }, 'sealed part: header member "zip" is not allowed'],
    [
      'an epk of small order',
      { epk: { kty: 'OKP', crv: 'X25519', x: toBase64url(new Uint8Array(32)) } },
      'sealed part: header epk "x" is a point of small order',
    ],
    [
      'an epk that is not an X25519 key',
      { epk: { kty: 'OKP', crv: 'Ed25519', x: toBase64url(new Uint8Array(32)) } },
      'sealed part: header epk must have kty "OKP" and crv "X25519"',
    ],
  ])('a header with %s is refused', (_name, change, message) => {
    expectSealRefusal(withHeader({ ...header, ...change }), message);
  });

  test('a thr other than the thread of the message is refused', () => {
    const other = 'cd'.repeat(32);
    expectSealRefusal(
      withHeader({ ...header, thr: other }),
      `sealed part belongs to thread ${other}, not to thread ${offer.thread} of the message`,
    );
  });

  test.each([
    ['not JSON', 'alg=ECDH-ES', 'sealed part: the protected header is not JSON'],
    [
      'a duplicate member',
      JSON.stringify({ alg: 'ECDH-ES', ...{} }).slice(0, -1) + ',"alg":"ECDH-ES"}',
      'sealed part: the protected header is not JSON',
    ],
    ['a noncharacter', '{"alg":"\\uffff"}', 'sealed part: the protected header is not JSON'],
    ['an array', '[]', 'sealed part: the protected header is not a JSON object'],
  ])('a header that is %s is refused', (_name, text, message) => {
    expectSealRefusal(withHeaderText(text), message);
  });

  test('a part that is not canonical base64url is refused', () => {
    // 22 characters carry 132 bits for a 128-bit tag: a "B" last sets one of the unused bits.
    expectSealRefusal(
      withParts([...parts.slice(0, 4), `${'A'.repeat(21)}B`]),
      'sealed part: the tag is not canonical base64url',
    );
  });

  test('the protected header is at most 2,048 characters', () => {
    const padded = { ...header, thr: header.thr, epk: header.epk };
    const text = JSON.stringify(padded);
    const long = `${' '.repeat(1536 - text.length)}${text}`;
    expect(encode(long)).toHaveLength(2048);
    expect(validateMessage(withHeaderText(long), LIVE)).toMatchObject({ ok: true });
    expectSealRefusal(
      withHeaderText(` ${long}`),
      'sealed part: the protected header is 2050 characters; the limit is 2048',
    );
  });

  test('the ciphertext is at most 14,000 characters', () => {
    expect(
      validateMessage(withParts([...parts.slice(0, 3), 'A'.repeat(14_000), parts[4]!]), LIVE),
    ).toMatchObject({ ok: true });
    expectSealRefusal(
      withParts([...parts.slice(0, 3), 'A'.repeat(14_004), parts[4]!]),
      'sealed part: the ciphertext is 14004 characters; the limit is 14000',
    );
  });

  test('comes after the values (step 14) and before the author key (step 16)', () => {
    const bad = { ...header, alg: 'dir' };
    const badWindow = resigned(withHeader(bad) as unknown as Offer, {
      '/body/when': { start: '2026-03-12T11:00:00Z', end: '2026-03-10T14:00:00Z' },
    });
    expect(validateMessage(badWindow, LIVE)).toMatchObject({ ok: false, code: 'ERR_TIME_RANGE' });
    const badAuthor = { ...withHeader(bad), author: rawDidKey(`01${'00'.repeat(31)}`) };
    expect(validateMessage(badAuthor, LIVE)).toMatchObject({ ok: false, code: 'ERR_SEAL' });
  });

  test('the fixed members are the ones of SEALED_HEADER', () => {
    expect(SEALED_HEADER).toEqual({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'intentcast-sealed+json' });
  });
});
