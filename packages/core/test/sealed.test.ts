import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  assertSealKey,
  assertSealPrivateKey,
  createOffer,
  fromBase64url,
  fromHex,
  fromUtf8,
  generateSealKeyPair,
  IntentcastError,
  isValidSealKey,
  type Offer,
  openSealed,
  openSealedString,
  SCHEMAS,
  SEALED_HEADER,
  type SealedContent,
  type SealKey,
  type SealKeyPair,
  type SealPrivateKey,
  seal,
  toBase64url,
  toHex,
  utf8,
  validateMessage,
} from '@intentcast/core';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { CompactEncrypt } from 'jose';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import {
  forge,
  intentBody,
  LIVE,
  makeConfirm,
  makeIntent,
  makeOffer,
  makeReply,
  NOW,
  offerBody,
  TERMS,
  vendor,
} from './fixtures.js';

/** RFC 7748 section 6.1: Alice's and Bob's X25519 keys and their shared secret, as published. */
const RFC7748 = {
  alice: {
    kty: 'OKP',
    crv: 'X25519',
    x: toBase64url(fromHex('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')),
    d: toBase64url(fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')),
  },
  bob: {
    kty: 'OKP',
    crv: 'X25519',
    x: toBase64url(fromHex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')),
    d: toBase64url(fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')),
  },
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
} as const satisfies Record<string, SealPrivateKey | string>;

const publicOf = ({ kty, crv, x }: SealPrivateKey): SealKey => ({ kty, crv, x });

/** The example of spec/sealed.md: Alice's key as the ephemeral key, Bob's as the recipient's. */
const EXAMPLE = {
  thread: toHex(sha256(utf8('intentcast sealed example'))),
  content: {
    price: { amount: '139.00', currency: 'EUR' },
    text: 'Breakfast included; late check-out on request.',
    contact: { name: 'Front desk', email: 'desk@hotel.example' },
  } satisfies SealedContent,
  iv: fromHex('000102030405060708090a0b'),
  /** The content encryption key the Concat KDF derives; given so a reader can check each step. */
  cek: 'd3f1a933aa331e5d3204beab09cddb96dbdaba47a555530b70fa4af7187c6edd',
  jwe:
    'eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImN0eSI6ImludGVudGNhc3Qtc2VhbGVkK2pzb24iLCJ0aHIiOiJjOTU2YTM0ZWZmNjg1ZjM4OWNjNTMzMjE5YjUzNDA3Yjg0ZGE4ZDk4NmY5N2U0YmIxZTA0MWUxZjcxMjRiMmZiIiwiZXBrIjp7IngiOiJoU0R3Q1lrd3AxUjBpMzNjdEQ3M1dnMl9PZzBtT0JyMDY2U3BqcXFiVG1vIiwiY3J2IjoiWDI1NTE5Iiwia3R5IjoiT0tQIn19' +
    '..AAECAwQFBgcICQoL' +
    '.HFAINWRoCYacg4IsW-ARP60vQ9bx7IwkH2NUtNJIN915tes2xXEqpid0WYM4kfwU4lMQhyxFi5Eadj7_zp5G-wPEGZVShjamgRR2Mqf9sSea9sC-HBAeXNw5xcrJCny41OfeRld2Wh0WWv1JXPj1jPMo0jqQfUMd8R8IwfyqFc41M193KswURXwq-n9DS3ha_3avkzuzNUaKFofgXp-eUjk7iw' +
    '.vUHAKvBbM8FQRmaQyV1SvA',
};

async function rejection(promise: Promise<unknown>): Promise<IntentcastError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return err as IntentcastError;
  }
  throw new Error('expected the promise to reject');
}

function thrown(fn: () => unknown): IntentcastError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return err as IntentcastError;
  }
  throw new Error('expected the call to throw');
}

async function expectSealError(promise: Promise<unknown>, message: string | RegExp): Promise<void> {
  const err = await rejection(promise);
  expect(err.code).toBe('ERR_SEAL');
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

/** Encrypts any plaintext under any header with jose directly, to build sealed parts core would refuse. */
function craft(
  plaintext: string,
  header: Record<string, unknown>,
  key: SealKey | Uint8Array,
): Promise<string> {
  return new CompactEncrypt(utf8(plaintext))
    .setProtectedHeader(header as { alg: string; enc: string })
    .encrypt(key instanceof Uint8Array ? key : { ...key });
}

/** Replaces the character at `index` with another of the base64url alphabet. */
function flip(text: string, index: number, shift: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const at = alphabet.indexOf(text[index]!);
  const replacement = alphabet[(at + 1 + (shift % 63)) % 64]!;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

const P = 2n ** 255n - 19n;

function xFromInteger(u: bigint): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number((u >> BigInt(8 * i)) & 0xffn);
  return toBase64url(bytes);
}

/** u-coordinates of the points of order 1, 2, 4 and 8 on Curve25519 and its twist, in canonical form. */
const SMALL_ORDER_U = {
  'order 2 (u = 0)': 0n,
  'order 4 (u = 1)': 1n,
  'order 4 (u = p - 1)': P - 1n,
  'order 8 (first)': 325606250916557431795983626356110631294008115727848805560023387167927233504n,
  'order 8 (second)': 39382357235489614581723060781553021112529911719440698176882885853963445705823n,
};

const money = fc.record({
  amount: fc
    .tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`),
  currency: fc.constantFrom('EUR', 'USD', 'JPY', 'CHF'),
});

const nonEmpty = <T extends object>(value: T) => Object.keys(value).length > 0;

/** Any text I-JSON allows: no lone surrogates (unit 'binary' makes none) and no noncharacters. */
const text = (maxLength: number) =>
  fc
    .string({ unit: 'binary', minLength: 1, maxLength })
    .filter((value) => !/\p{Noncharacter_Code_Point}/u.test(value));

const sealedContent: fc.Arbitrary<SealedContent> = fc
  .record(
    {
      price: money,
      counter: fc
        .record(
          {
            price: money,
            quantity: fc.integer({ min: 1, max: 10_000 }),
            when: fc.constant({ start: '2026-03-10T14:00:00Z', end: '2026-03-12T11:00:00Z' }),
          },
          { requiredKeys: [] },
        )
        .filter(nonEmpty),
      text: text(300),
      contact: fc
        .record(
          {
            name: text(120),
            email: fc.emailAddress().filter((email) => email.length <= 254),
            phone: fc.stringMatching(/^\+?[0-9 ()-]{3,31}$/),
          },
          { requiredKeys: [] },
        )
        .filter(nonEmpty),
    },
    { requiredKeys: [] },
  )
  .filter(nonEmpty);

let buyerSeal: SealKeyPair;
let vendorSeal: SealKeyPair;
let stranger: SealKeyPair;

beforeAll(async () => {
  [buyerSeal, vendorSeal, stranger] = await Promise.all([
    generateSealKeyPair(),
    generateSealKeyPair(),
    generateSealKeyPair(),
  ]);
});

/** An intent carrying the buyer's seal key, and an offer whose price is sealed to it. */
async function sealedThread(content: SealedContent = EXAMPLE.content) {
  const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
  const sealed = await seal(content, buyerSeal.publicJwk, { thread: intent.id });
  const { price: _price, ...rest } = offerBody();
  const offer = makeOffer(intent, { ...rest, sealKey: vendorSeal.publicJwk, sealed });
  return { intent, offer, sealed };
}

describe('generateSealKeyPair', () => {
  test('gives a fresh X25519 pair whose public half is a valid sealKey', async () => {
    const pair = await generateSealKeyPair();
    expect(Object.keys(pair.publicJwk)).toEqual(['kty', 'crv', 'x']);
    expect(Object.keys(pair.privateJwk)).toEqual(['kty', 'crv', 'x', 'd']);
    expect(pair.privateJwk.x).toBe(pair.publicJwk.x);
    expect(isValidSealKey(pair.publicJwk)).toBe(true);
    expect(() => assertSealPrivateKey(pair.privateJwk)).not.toThrow();
    expect(pair.publicJwk.x).not.toBe(buyerSeal.publicJwk.x);
    const intent = makeIntent(intentBody({ sealKey: pair.publicJwk }));
    expect(validateMessage(intent, LIVE)).toEqual({ ok: true, value: intent });
  });
});

describe('sealing and opening', () => {
  test('an offer sealed to the intent key opens with the buyer private key', async () => {
    const { offer } = await sealedThread();
    expect(await openSealed(offer, buyerSeal.privateJwk)).toEqual(EXAMPLE.content);
  });

  test('the sealed part is inside the signed object: the offer verifies, and any change to it does not', async () => {
    const { offer } = await sealedThread();
    expect(validateMessage(offer, LIVE)).toEqual({ ok: true, value: offer });
    // A character of the ciphertext: the header would be refused by its own check first.
    const inCiphertext = offer.body.sealed!.lastIndexOf('.') - 5;
    const altered = { ...offer, body: { ...offer.body, sealed: flip(offer.body.sealed!, inCiphertext, 0) } };
    expect(validateMessage(altered, LIVE)).toMatchObject({ ok: false, code: 'ERR_ID_MISMATCH' });
  });

  test('a reply seals to the offer key and a confirm to the intent key', async () => {
    const { offer } = await sealedThread();
    const counter = { counter: { price: { amount: '120.00', currency: 'EUR' } } };
    const reply = makeReply(offer, {
      decision: 'counter',
      sealed: await seal(counter, offer.body.sealKey!, { thread: offer.thread }),
    });
    expect(validateMessage(reply, LIVE)).toEqual({ ok: true, value: reply });
    expect(await openSealed(reply, vendorSeal.privateJwk)).toEqual(counter);
    await expectSealError(
      openSealed(reply, buyerSeal.privateJwk),
      'sealed part does not open with this key: it was sealed to another key, or it was altered',
    );

    const accept = makeReply(offer, { decision: 'accept', terms: TERMS });
    const contact = { contact: { name: 'Casa do Rio', phone: '+351 21 000 0000' } };
    const confirm = makeConfirm(accept, {
      reference: 'CDR-1',
      sealed: await seal(contact, buyerSeal.publicJwk, { thread: accept.thread }),
    });
    expect(validateMessage(confirm, LIVE)).toEqual({ ok: true, value: confirm });
    expect(await openSealed(confirm, buyerSeal.privateJwk)).toEqual(contact);
  });

  test('any valid content round-trips, and the JWE fits the sealed schema', async () => {
    const thread = toHex(sha256(utf8('round trip')));
    const sealedPattern = new RegExp(SCHEMAS.defs.$defs.sealed.pattern, 'u');
    await fc.assert(
      fc.asyncProperty(sealedContent, async (content) => {
        const jwe = await seal(content, buyerSeal.publicJwk, { thread });
        expect(jwe).toMatch(sealedPattern);
        expect(await openSealedString(jwe, buyerSeal.privateJwk, thread)).toEqual(content);
      }),
      { numRuns: 30 },
    );
  });

  test('each seal uses a fresh ephemeral key and IV', async () => {
    const thread = EXAMPLE.thread;
    const [a, b] = await Promise.all([
      seal(EXAMPLE.content, buyerSeal.publicJwk, { thread }),
      seal(EXAMPLE.content, buyerSeal.publicJwk, { thread }),
    ]);
    const header = (jwe: string) => JSON.parse(fromUtf8(fromBase64url(jwe.split('.')[0]!)));
    expect(header(a).epk.x).not.toBe(header(b).epk.x);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  test('the header holds exactly alg, enc, cty, thr and the ephemeral public key', async () => {
    const { sealed, intent } = await sealedThread();
    const [encodedHeader, encryptedKey] = sealed.split('.');
    expect(encryptedKey).toBe('');
    const header = JSON.parse(fromUtf8(fromBase64url(encodedHeader!)));
    expect(header).toEqual({ ...SEALED_HEADER, thr: intent.id, epk: expect.any(Object) });
    expect(() => assertSealKey(header.epk)).not.toThrow();
  });
});

describe('the example of spec/sealed.md', () => {
  const options = { thread: EXAMPLE.thread, ephemeralPrivateJwk: RFC7748.alice, iv: EXAMPLE.iv };

  test('fixed ephemeral key and IV give the same JWE every time', async () => {
    const first = await seal(EXAMPLE.content, publicOf(RFC7748.bob), options);
    const second = await seal(EXAMPLE.content, publicOf(RFC7748.bob), options);
    expect(first).toBe(EXAMPLE.jwe);
    expect(second).toBe(EXAMPLE.jwe);
  });

  test('is the example spec/sealed.md shows', () => {
    const spec = readFileSync(fileURLToPath(new URL('../../../spec/sealed.md', import.meta.url)), 'utf8');
    const [header, , iv, ciphertext, tag] = EXAMPLE.jwe.split('.');
    expect(spec).toContain(`${header}\n.\n.${iv}\n.${ciphertext}\n.${tag}\n`);
    for (const value of [EXAMPLE.thread, EXAMPLE.cek, RFC7748.shared, toHex(EXAMPLE.iv)])
      expect(spec).toContain(value);
    for (const key of [RFC7748.alice, RFC7748.bob])
      expect(spec).toContain(`"x": "${key.x}",\n  "d": "${key.d}"`);
  });

  test('opens with the recipient key', async () => {
    expect(await openSealedString(EXAMPLE.jwe, RFC7748.bob, EXAMPLE.thread)).toEqual(EXAMPLE.content);
  });

  test('opens by the recipe of the spec alone: X25519, Concat KDF, AES-256-GCM', async () => {
    const subtle = globalThis.crypto.subtle;
    const [encodedHeader, , iv, ciphertext, tag] = EXAMPLE.jwe.split('.') as string[];
    const bob = await subtle.importKey('jwk', { ...RFC7748.bob }, { name: 'X25519' }, false, ['deriveBits']);
    const alice = await subtle.importKey('jwk', publicOf(RFC7748.alice), { name: 'X25519' }, true, []);
    const z = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: alice }, bob, 256));
    expect(toHex(z)).toBe(RFC7748.shared);
    // RFC 7518 section 4.6.2: round 1, Z, AlgorithmID "A256GCM", empty PartyUInfo and PartyVInfo, 256 bits.
    const otherInfo = [0, 0, 0, 7, ...utf8('A256GCM'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
    const cek = sha256(Uint8Array.from([0, 0, 0, 1, ...z, ...otherInfo]));
    const key = await subtle.importKey('raw', Uint8Array.from(cek), 'AES-GCM', false, ['decrypt']);
    const plaintext = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: Uint8Array.from(fromBase64url(iv!)),
        additionalData: Uint8Array.from(utf8(encodedHeader!)),
      },
      key,
      Uint8Array.from([...fromBase64url(ciphertext!), ...fromBase64url(tag!)]),
    );
    expect(fromUtf8(new Uint8Array(plaintext))).toBe(
      '{"contact":{"email":"desk@hotel.example","name":"Front desk"},"price":{"amount":"139.00","currency":"EUR"},"text":"Breakfast included; late check-out on request."}',
    );
    expect(toHex(cek)).toBe(EXAMPLE.cek);
  });
});

describe('opening refuses', () => {
  test('a part sealed to another key', async () => {
    const { offer } = await sealedThread();
    await expectSealError(
      openSealed(offer, stranger.privateJwk),
      'sealed part does not open with this key: it was sealed to another key, or it was altered',
    );
  });

  test('any flipped character, in the header, IV, ciphertext or tag', async () => {
    const { sealed, intent } = await sealedThread();
    const positions = [...sealed].flatMap((c, i) => (c === '.' ? [] : [i]));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...positions), fc.nat(62), async (index, shift) => {
        const err = await rejection(
          openSealedString(flip(sealed, index, shift), buyerSeal.privateJwk, intent.id),
        );
        expect(err.code).toBe('ERR_SEAL');
        expect(err.message).toMatch(/^sealed (part|content)\b/);
      }),
      { numRuns: 150 },
    );
  });

  test('every tag character: a flipped bit in the last one is not hidden as unused padding', async () => {
    const { sealed, intent } = await sealedThread();
    for (let shift = 0; shift < 63; shift++) {
      const err = await rejection(
        openSealedString(flip(sealed, sealed.length - 1, shift), buyerSeal.privateJwk, intent.id),
      );
      expect(err.code).toBe('ERR_SEAL');
      expect(err.message).toMatch(
        /^sealed part(?: does not open with this key|: the tag is not canonical base64url)/,
      );
    }
  });

  test('a sealed part moved into a message of another thread', async () => {
    const { sealed, intent } = await sealedThread();
    const other = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }), { after: 1000 });
    const { price: _price, ...rest } = offerBody();
    const moveIt = () => createOffer(other, { ...rest, sealed }, vendor.secretKey, { now: NOW + 2000 });
    const wrongThread = `sealed part belongs to thread ${intent.id}, not to thread ${other.id} of the message`;
    // Validation refuses it already (spec/validation.md, step 15); a message signed anyway is still refused.
    expect(moveIt).toThrow(expect.objectContaining({ code: 'ERR_SEAL', message: wrongThread }));
    const good = makeOffer(other, {
      ...rest,
      sealed: await seal(EXAMPLE.content, buyerSeal.publicJwk, { thread: other.id }),
    });
    const moved = forge({ ...good, body: { ...good.body, sealed } }, vendor.secretKey) as unknown as Offer;
    expect(validateMessage(moved, LIVE)).toEqual({
      ok: false,
      code: 'ERR_SEAL',
      message: wrongThread,
      path: '/body/sealed',
    });
    await expectSealError(
      openSealed(moved, buyerSeal.privateJwk),
      `sealed part belongs to thread ${intent.id}, not to thread ${other.id} of the message`,
    );
    await expectSealError(
      openSealedString(sealed, buyerSeal.privateJwk, other.id),
      `sealed part belongs to thread ${intent.id}, not to thread ${other.id} of the message`,
    );
  });

  test('a header whose thr was rewritten to the new thread', async () => {
    const { sealed, intent } = await sealedThread();
    const other = makeIntent(intentBody(), { after: 1000 });
    const [encodedHeader, ...rest] = sealed.split('.');
    const header = JSON.parse(fromUtf8(fromBase64url(encodedHeader!)));
    const rewritten = [toBase64url(utf8(JSON.stringify({ ...header, thr: other.id }))), ...rest].join('.');
    expect(header.thr).toBe(intent.id);
    await expectSealError(
      openSealedString(rewritten, buyerSeal.privateJwk, other.id),
      'sealed part does not open with this key: it was sealed to another key, or it was altered',
    );
  });

  const thread = toHex(sha256(utf8('headers')));
  const good = { ...SEALED_HEADER, thr: thread };

  test.each([
    ['alg "dir"', { ...good, alg: 'dir' }, 'sealed part: header "alg" must be "ECDH-ES", got "dir"'],
    [
      'enc A128GCM',
      { ...good, enc: 'A128GCM' },
      'sealed part: header "enc" must be "A256GCM", got "A128GCM"',
    ],
    [
      'another content type',
      { ...good, cty: 'json' },
      'sealed part: header "cty" must be "intentcast-sealed+json", got "json"',
    ],
    [
      'no content type',
      { alg: good.alg, enc: good.enc, thr: thread },
      'sealed part: header "cty" must be "intentcast-sealed+json", got nothing',
    ],
    ['a kid', { ...good, kid: 'k1' }, 'sealed part: header member "kid" is not allowed'],
    [
      'no thread',
      { alg: good.alg, enc: good.enc, cty: good.cty },
      'sealed part: header "thr" must be a message id (64 lowercase hexadecimal digits)',
    ],
  ])('a header with %s', async (_name, header, message) => {
    const key = header.alg === 'dir' ? new Uint8Array(32) : buyerSeal.publicJwk;
    const jwe = await craft('{"text":"hello"}', header, key);
    await expectSealError(openSealedString(jwe, buyerSeal.privateJwk, thread), message);
  });

  test('key wrapping, whose encrypted key part is not empty', async () => {
    const jwe = await craft('{"text":"hello"}', { ...good, alg: 'ECDH-ES+A256KW' }, buyerSeal.publicJwk);
    await expectSealError(
      openSealedString(jwe, buyerSeal.privateJwk, thread),
      'sealed part is not a compact JWE of the allowed form (header, empty encrypted key, 12-byte IV, ciphertext, 16-byte tag)',
    );
  });

  test.each([
    [
      'an ephemeral key of small order',
      (header: Record<string, unknown>) => ({
        ...header,
        epk: { kty: 'OKP', crv: 'X25519', x: xFromInteger(0n) },
      }),
      'sealed part: header epk "x" is a point of small order',
    ],
    [
      'a crit list (which jose would not even produce)',
      (header: Record<string, unknown>) => ({ ...header, crit: ['thr'] }),
      'sealed part: header member "crit" is not allowed',
    ],
    [
      'a duplicate alg',
      (header: Record<string, unknown>) =>
        JSON.stringify(header).replace('"alg":"ECDH-ES"', '"alg":"ECDH-ES","alg":"dir"'),
      'sealed part: the protected header is not JSON',
    ],
    ['an array', () => [], 'sealed part: the protected header is not a JSON object'],
  ])('a header forged with %s, refused before any key is used', async (_name, forge, message) => {
    const jwe = await craft('{"text":"hello"}', good, buyerSeal.publicJwk);
    const [encodedHeader, ...rest] = jwe.split('.');
    const forged = forge(JSON.parse(fromUtf8(fromBase64url(encodedHeader!))));
    const text = typeof forged === 'string' ? forged : JSON.stringify(forged);
    await expectSealError(
      openSealedString([toBase64url(utf8(text)), ...rest].join('.'), buyerSeal.privateJwk, thread),
      message,
    );
  });

  test.each([
    ['an unknown member', '{"secret":"x"}', 'sealed content: /secret is not allowed here'],
    ['no member at all', '{}', 'sealed content: / must NOT have fewer than 1 properties'],
    [
      'a price as a number',
      '{"price":{"amount":139,"currency":"EUR"}}',
      'sealed content: /price/amount must be string',
    ],
    ['text that is not JSON', 'price: 139 EUR', /^sealed content is not JSON: /],
    [
      'a duplicate member',
      '{"text":"a","text":"b"}',
      'sealed content is not JSON: duplicate member name "text"',
    ],
    [
      'JSON not in canonical form',
      '{ "text": "hello" }',
      'sealed content is not in canonical form (RFC 8785)',
    ],
    [
      'members out of canonical order',
      '{"text":"hi","price":{"amount":"1","currency":"EUR"}}',
      'sealed content is not in canonical form (RFC 8785)',
    ],
  ])('content with %s', async (_name, plaintext, message) => {
    const jwe = await craft(plaintext, good, buyerSeal.publicJwk);
    await expectSealError(openSealedString(jwe, buyerSeal.privateJwk, thread), message);
  });

  test('a message without a sealed part, or without a thread', async () => {
    const offer = makeOffer(makeIntent());
    await expectSealError(
      openSealed(offer, buyerSeal.privateJwk),
      'message has no sealed part (body.sealed)',
    );
    const intent = makeIntent();
    await expectSealError(
      openSealed(intent as unknown as Offer, buyerSeal.privateJwk),
      'message has no thread: only offers, replies and confirms carry sealed parts',
    );
  });

  test('a thread that is not a message id', async () => {
    await expectSealError(
      openSealedString(EXAMPLE.jwe, RFC7748.bob, 'thread-1'),
      'thread must be a message id (64 lowercase hexadecimal digits)',
    );
  });

  test('random text, without any other kind of error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_.-]{1,200}$/)), async (junk) => {
        const err = await rejection(openSealedString(junk, buyerSeal.privateJwk, EXAMPLE.thread));
        expect(err.code).toBe('ERR_SEAL');
      }),
      { numRuns: 200 },
    );
  });

  test('a private key whose x is not the public key of d', async () => {
    const mixed = { ...buyerSeal.privateJwk, x: stranger.publicJwk.x };
    const err = await rejection(openSealedString(EXAMPLE.jwe, mixed, EXAMPLE.thread));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('private key "x" is not the public key of "d"');
    expect(err.path).toBe('/x');
  });

  test('a mismatched private key on a platform that imports it without complaint', async () => {
    // Node checks x against d on import; some platforms do not, and core must still notice.
    const subtle = globalThis.crypto.subtle;
    const importKey = subtle.importKey.bind(subtle) as (...args: unknown[]) => Promise<CryptoKey>;
    const lenient = vi.spyOn(subtle, 'importKey').mockImplementation(((...args: unknown[]) => {
      const data = args[1] as JsonWebKey;
      if (args[0] === 'jwk' && data.d === buyerSeal.privateJwk.d)
        args[1] = { ...data, x: buyerSeal.privateJwk.x };
      return importKey(...args);
    }) as typeof subtle.importKey);
    try {
      const mixed = { ...buyerSeal.privateJwk, x: stranger.publicJwk.x };
      const err = await rejection(openSealedString(EXAMPLE.jwe, mixed, EXAMPLE.thread));
      expect(lenient).toHaveBeenCalled();
      expect(err.code).toBe('ERR_KEY_INVALID');
      expect(err.message).toBe('private key "x" is not the public key of "d"');
      expect(err.cause).toBeUndefined();
    } finally {
      lenient.mockRestore();
    }
  });
});

describe('sealing refuses', () => {
  const thread = EXAMPLE.thread;

  test.each([
    ['no member at all', {}, 'sealed content: / must NOT have fewer than 1 properties', ''],
    ['an unknown member', { secret: 'x' }, 'sealed content: /secret is not allowed here', '/secret'],
    [
      'an amount with an exponent',
      { price: { amount: '1e3', currency: 'EUR' } },
      'sealed content: /price/amount must match pattern "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"',
      '/price/amount',
    ],
    [
      'an empty counter',
      { counter: {} },
      'sealed content: /counter must NOT have fewer than 1 properties',
      '/counter',
    ],
    ['a lone surrogate', { text: 'a\ud800b' }, 'sealed content: string holds a lone surrogate', '/text'],
  ])('content with %s', async (_name, content, message, path) => {
    const err = await rejection(seal(content as SealedContent, buyerSeal.publicJwk, { thread }));
    expect(err.code).toBe('ERR_SEAL');
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
  });

  test('content too large to fit the sealed schema once encrypted', async () => {
    // Each control character takes six bytes in canonical JSON (\u0001), so 2,000 of them are valid text
    // that does not fit.
    const content = { text: '\u0001'.repeat(2000) };
    await expectSealError(
      seal(content, buyerSeal.publicJwk, { thread }),
      'sealed content is 12011 bytes in canonical form; the limit is 10500',
    );
    const largest = { text: '\u0001'.repeat(1748) };
    const jwe = await seal(largest, buyerSeal.publicJwk, { thread });
    expect(await openSealedString(jwe, buyerSeal.privateJwk, thread)).toEqual(largest);
  });

  test('a thread that is not a message id', async () => {
    await expectSealError(
      seal(EXAMPLE.content, buyerSeal.publicJwk, { thread: thread.toUpperCase() }),
      'thread must be a message id (64 lowercase hexadecimal digits)',
    );
  });

  test('an IV that is not 12 bytes', async () => {
    await expectSealError(
      seal(EXAMPLE.content, buyerSeal.publicJwk, { thread, iv: new Uint8Array(16) }),
      '"iv" expected Uint8Array of length 12, got length=16',
    );
  });

  test('an ephemeral key whose x is not the public key of d', async () => {
    const err = await rejection(
      seal(EXAMPLE.content, buyerSeal.publicJwk, {
        thread,
        ephemeralPrivateJwk: { ...RFC7748.alice, x: RFC7748.bob.x },
      }),
    );
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('ephemeral private key "x" is not the public key of "d"');
  });

  test('a recipient key of small order, the all-zero key included', async () => {
    for (const u of Object.values(SMALL_ORDER_U)) {
      const err = await rejection(
        seal(EXAMPLE.content, { kty: 'OKP', crv: 'X25519', x: xFromInteger(u) }, { thread }),
      );
      expect(err.code).toBe('ERR_KEY_INVALID');
      expect(err.message).toBe('recipient sealKey "x" is a point of small order');
      expect(err.path).toBe('/x');
    }
  });
});

describe('seal keys', () => {
  test.each(Object.entries(SMALL_ORDER_U))('%s is refused', (_name, u) => {
    const err = thrown(() => assertSealKey({ kty: 'OKP', crv: 'X25519', x: xFromInteger(u) }));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('sealKey "x" is a point of small order');
  });

  test('the platform agrees: key agreement with each small-order point fails or gives zero', async () => {
    const subtle = globalThis.crypto.subtle;
    const mine = await subtle.importKey('jwk', { ...buyerSeal.privateJwk }, { name: 'X25519' }, false, [
      'deriveBits',
    ]);
    for (const u of Object.values(SMALL_ORDER_U)) {
      const jwk = { kty: 'OKP', crv: 'X25519', x: xFromInteger(u) };
      const theirs = await subtle.importKey('jwk', jwk, { name: 'X25519' }, true, []);
      const secret = await subtle.deriveBits({ name: 'X25519', public: theirs }, mine, 256).then(
        (bits) => toHex(new Uint8Array(bits)),
        () => 'refused',
      );
      expect(['refused', '00'.repeat(32)]).toContain(secret);
    }
  });

  test.each([
    ['a string', 'abc', 'sealKey must be a JWK object', undefined],
    [
      'an Ed25519 key',
      { kty: 'OKP', crv: 'Ed25519', x: RFC7748.bob.x },
      'sealKey must have kty "OKP" and crv "X25519"',
      '/crv',
    ],
    [
      'an EC key',
      { kty: 'EC', crv: 'X25519', x: RFC7748.bob.x },
      'sealKey must have kty "OKP" and crv "X25519"',
      '/kty',
    ],
    ['a private member', { ...RFC7748.bob }, 'sealKey has a member "d" that is not allowed', '/d'],
    [
      'a kid',
      { ...publicOf(RFC7748.bob), kid: '1' },
      'sealKey has a member "kid" that is not allowed',
      '/kid',
    ],
    [
      'x of 31 bytes',
      { kty: 'OKP', crv: 'X25519', x: toBase64url(new Uint8Array(31).fill(9)) },
      'sealKey "x" must be 32 bytes in base64url',
      '/x',
    ],
    [
      'x in padded base64',
      { kty: 'OKP', crv: 'X25519', x: `${RFC7748.bob.x}=` },
      'sealKey "x" must be 32 bytes in base64url',
      '/x',
    ],
    [
      'x equal to p',
      { kty: 'OKP', crv: 'X25519', x: xFromInteger(P) },
      'sealKey "x" is not canonical (it is 2^255 - 19 or more)',
      '/x',
    ],
    [
      'x with the top bit set',
      { kty: 'OKP', crv: 'X25519', x: xFromInteger(9n + 2n ** 255n) },
      'sealKey "x" is not canonical (it is 2^255 - 19 or more)',
      '/x',
    ],
  ])('a public key with %s is refused', (_name, key, message, path) => {
    const err = thrown(() => assertSealKey(key));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe(message);
    expect(err.path).toBe(path);
    expect(isValidSealKey(key)).toBe(false);
  });

  test('a private key without d is refused', () => {
    const err = thrown(() => assertSealPrivateKey(publicOf(RFC7748.bob)));
    expect(err.code).toBe('ERR_KEY_INVALID');
    expect(err.message).toBe('private key "d" must be 32 bytes in base64url');
    expect(err.path).toBe('/d');
  });

  test('RFC 7748 keys and generated keys are accepted', () => {
    expect(isValidSealKey(publicOf(RFC7748.alice))).toBe(true);
    expect(isValidSealKey(publicOf(RFC7748.bob))).toBe(true);
    expect(() => assertSealPrivateKey(RFC7748.bob)).not.toThrow();
    expect(isValidSealKey(vendorSeal.publicJwk)).toBe(true);
  });

  test('isValidSealKey never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isValidSealKey(value)).toBe(false);
      }),
    );
  });
});
