import {
  canonicalJson,
  generateSealKeyPair,
  IntentcastError,
  type JsonValue,
  type Offer,
  openSealed,
  openSealedString,
  type Reply,
  SEALED_HEADER,
  type SealedContent,
  type SealedFor,
  type SealKeyPair,
  seal,
} from '@intentcast/core';
import { CompactEncrypt } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  forge,
  intentBody,
  makeConfirm,
  makeIntent,
  makeOffer,
  makeReply,
  offerBody,
  TERMS,
  vendor,
} from './fixtures.js';

/**
 * spec/sealed.md#plaintext: what sealed content may hold beyond its schema. Its windows follow the rules of
 * every window, each kind of message seals only its own members, and a member is public or sealed, never
 * both, so it is clear which price binds.
 */

let buyerSeal: SealKeyPair;
let vendorSeal: SealKeyPair;

beforeAll(async () => {
  [buyerSeal, vendorSeal] = await Promise.all([generateSealKeyPair(), generateSealKeyPair()]);
});

const THREAD = 'ab'.repeat(32);
const PRICE = { amount: '139.00', currency: 'EUR' };
const COUNTER = { price: { amount: '120.00', currency: 'EUR' } };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; path?: string }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    const { code, message, path } = err as IntentcastError;
    return path === undefined ? { code, message } : { code, message, path };
  }
  throw new Error('expected the promise to reject');
}

/** Seals with jose directly, as a sender that skips every check would. */
async function sealUnchecked(content: unknown, keys: SealKeyPair, thread: string): Promise<string> {
  const recipient = await crypto.subtle.importKey('jwk', keys.publicJwk, { name: 'X25519' }, true, []);
  return new CompactEncrypt(new TextEncoder().encode(canonicalJson(content as JsonValue)))
    .setProtectedHeader({ ...SEALED_HEADER, thr: thread })
    .encrypt(recipient);
}

// spec/values.md#time-windows: every window names real times and ends after it starts. A counter sent in a
// sealed part is a window like the public one, so it must not escape those rules by being encrypted.
describe('a sealed counter window follows the rules of every window', () => {
  const cases = [
    [
      'a day that does not exist',
      { start: '2026-02-30T10:00:00Z', end: '2026-03-02T10:00:00Z' },
      'sealed content: "2026-02-30T10:00:00Z" is not a real UTC time',
      '/counter/when/start',
    ],
    [
      'an end before the start',
      { start: '2026-03-10T10:00:00Z', end: '2026-03-01T10:00:00Z' },
      'sealed content: /counter/when/end must be after start',
      '/counter/when/end',
    ],
    [
      'an end equal to the start',
      { start: '2026-03-10T10:00:00Z', end: '2026-03-10T10:00:00Z' },
      'sealed content: /counter/when/end must be after start',
      '/counter/when/end',
    ],
    [
      'the year 0000',
      { start: '0000-03-10T10:00:00Z', end: '2026-03-10T10:00:00Z' },
      'sealed content: "0000-03-10T10:00:00Z" is not a real UTC time',
      '/counter/when/start',
    ],
  ] as const;

  test.each(cases)('seal refuses %s', async (_name, when, message, path) => {
    const content = { counter: { when } } as SealedContent;
    expect(await refusal(seal(content, buyerSeal.publicJwk, { thread: THREAD }))).toEqual({
      code: 'ERR_SEAL',
      message,
      path,
    });
  });

  test.each(cases)('opening refuses %s', async (_name, when, message, path) => {
    const jwe = await sealUnchecked({ counter: { when } }, buyerSeal, THREAD);
    expect(await refusal(openSealedString(jwe, buyerSeal.privateJwk, THREAD))).toEqual({
      code: 'ERR_SEAL',
      message,
      path,
    });
  });
});

describe('each kind of message seals only its own members', () => {
  const refused: [string, SealedFor, SealedContent, string][] = [
    ['an offer sealing a counter', { type: 'offer' }, { counter: COUNTER }, 'counter'],
    ['a counter sealing a price', { type: 'reply', decision: 'counter' }, { price: PRICE }, 'price'],
    ['an accept sealing a price', { type: 'reply', decision: 'accept' }, { price: PRICE }, 'price'],
    [
      'a question sealing a counter',
      { type: 'reply', decision: 'question' },
      { counter: COUNTER },
      'counter',
    ],
    ['a confirm sealing a price', { type: 'confirm' }, { price: PRICE }, 'price'],
  ];
  const allowed = (purpose: SealedFor) =>
    purpose.type === 'offer'
      ? 'price, text, contact'
      : purpose.type === 'reply' && purpose.decision === 'counter'
        ? 'counter, text, contact'
        : 'text, contact';
  const named = (purpose: SealedFor) =>
    purpose.type === 'reply'
      ? `a ${purpose.decision} reply`
      : purpose.type === 'offer'
        ? 'an offer'
        : 'a confirm';

  test.each(refused)('seal refuses %s when told what it is for', async (_name, purpose, content, member) => {
    expect(await refusal(seal(content, buyerSeal.publicJwk, { thread: THREAD, for: purpose }))).toEqual({
      code: 'ERR_SEAL',
      message: `sealed content: /${member} is not allowed in ${named(purpose)}, which may seal only ${allowed(purpose)}`,
      path: `/${member}`,
    });
    // Without `for`, seal cannot know, and the content alone is valid.
    await expect(seal(content, buyerSeal.publicJwk, { thread: THREAD })).resolves.toBeTypeOf('string');
  });

  test.each(refused)(
    'openSealedString refuses %s when told what it is for',
    async (_n, purpose, content, member) => {
      const jwe = await seal(content, buyerSeal.publicJwk, { thread: THREAD });
      expect(
        await refusal(openSealedString(jwe, buyerSeal.privateJwk, THREAD, { for: purpose })),
      ).toMatchObject({
        code: 'ERR_SEAL',
        path: `/${member}`,
      });
      expect(await openSealedString(jwe, buyerSeal.privateJwk, THREAD)).toEqual(content);
    },
  );

  test('seal accepts what each kind of message may seal', async () => {
    const text = 'See you then.';
    const contact = { email: 'desk@hotel.example' };
    for (const [purpose, content] of [
      [{ type: 'offer' }, { price: PRICE, text, contact }],
      [
        { type: 'reply', decision: 'counter' },
        { counter: COUNTER, text, contact },
      ],
      [
        { type: 'reply', decision: 'decline' },
        { text, contact },
      ],
      [{ type: 'confirm' }, { text, contact }],
    ] as [SealedFor, SealedContent][]) {
      await expect(seal(content, buyerSeal.publicJwk, { thread: THREAD, for: purpose })).resolves.toBeTypeOf(
        'string',
      );
    }
  });

  test.each([
    [{ type: 'intent' }, 'for.type must be "offer", "reply" or "confirm", got "intent"'],
    [{ type: 'reply' }, 'for.decision must be one of accept, decline, counter, question, got nothing'],
    [
      { type: 'reply', decision: 'maybe' },
      'for.decision must be one of accept, decline, counter, question, got "maybe"',
    ],
  ])('seal refuses a `for` of %j', async (purpose, message) => {
    const options = { thread: THREAD, for: purpose as unknown as SealedFor };
    expect(await refusal(seal({ text: 'hi' }, buyerSeal.publicJwk, options))).toEqual({
      code: 'ERR_SEAL',
      message,
    });
  });

  test('openSealed refuses a message that seals what its type may not', async () => {
    const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
    const offer = makeOffer(intent, { ...offerBody(), sealKey: vendorSeal.publicJwk });
    const sealedPrice = await seal({ price: PRICE }, buyerSeal.publicJwk, { thread: intent.id });
    const accept = makeReply(offer, { decision: 'accept', terms: TERMS });
    const confirm = makeConfirm(accept, { reference: 'R-1', sealed: sealedPrice });
    expect(await refusal(openSealed(confirm, buyerSeal.privateJwk))).toEqual({
      code: 'ERR_SEAL',
      message: 'sealed content: /price is not allowed in a confirm, which may seal only text, contact',
      path: '/price',
    });
    const sealedCounter = await seal({ counter: COUNTER }, vendorSeal.publicJwk, { thread: intent.id });
    const question = makeReply(offer, { decision: 'question', sealed: sealedCounter });
    expect(await refusal(openSealed(question, vendorSeal.privateJwk))).toMatchObject({
      code: 'ERR_SEAL',
      path: '/counter',
    });
  });
});

describe('a member is public or sealed, never both', () => {
  test('an offer with a public price and a sealed one is refused on opening', async () => {
    const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
    const sealed = await seal({ price: PRICE }, buyerSeal.publicJwk, {
      thread: intent.id,
      for: { type: 'offer' },
    });
    const offer: Offer = makeOffer(intent, { ...offerBody(), sealed });
    expect(offer.body.price).toBeDefined();
    expect(await refusal(openSealed(offer, buyerSeal.privateJwk))).toEqual({
      code: 'ERR_SEAL',
      message:
        'sealed content: /price is also in the public body (body.price); a message carries it in one place only',
      path: '/price',
    });
    const { price: _price, ...sealedOnly } = offer.body;
    const clean = forge({ ...offer, body: sealedOnly }, vendor.secretKey) as unknown as Offer;
    expect(await openSealed(clean, buyerSeal.privateJwk)).toEqual({ price: PRICE });
  });

  test('a counter with public counter terms and sealed ones is refused on opening', async () => {
    const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
    const offer = makeOffer(intent, { ...offerBody(), sealKey: vendorSeal.publicJwk });
    const sealed = await seal({ counter: COUNTER, text: 'Or thereabouts.' }, vendorSeal.publicJwk, {
      thread: intent.id,
    });
    const both: Reply = makeReply(offer, { decision: 'counter', counter: { quantity: 1 }, sealed });
    expect(await refusal(openSealed(both, vendorSeal.privateJwk))).toMatchObject({
      code: 'ERR_SEAL',
      path: '/counter',
    });
    const sealedOnly = makeReply(offer, { decision: 'counter', sealed });
    expect(await openSealed(sealedOnly, vendorSeal.privateJwk)).toEqual({
      counter: COUNTER,
      text: 'Or thereabouts.',
    });
  });

  test('public text beside sealed text is allowed: text binds nothing', async () => {
    const intent = makeIntent(intentBody({ sealKey: buyerSeal.publicJwk }));
    const offer = makeOffer(intent, { ...offerBody(), sealKey: vendorSeal.publicJwk });
    const sealed = await seal({ text: 'Between us.' }, vendorSeal.publicJwk, { thread: intent.id });
    const question = makeReply(offer, { decision: 'question', text: 'Is parking included?', sealed });
    expect(await openSealed(question, vendorSeal.privateJwk)).toEqual({ text: 'Between us.' });
  });
});
