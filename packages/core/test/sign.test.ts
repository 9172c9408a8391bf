import {
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  DEFAULT_TTL_MS,
  didKeyFromPublicKey,
  formatTimestamp,
  fromHex,
  type Intent,
  IntentcastError,
  MESSAGE_TYPES,
  messageId,
  messageSigningInput,
  nobleBackend,
  PROTOCOL,
  type SignableMessage,
  signingInput,
  signMessage,
  utf8,
  validateMessage,
  verifyMessage,
} from '@intentcast/core';
import { createNodeBackend } from '@intentcast/core/node';
import { describe, expect, it, test } from 'vitest';
import {
  buyer,
  DAY,
  HOUR,
  intentBody,
  LIVE,
  NONCES,
  NOW,
  offerBody,
  sampleMessages,
  secretKeyOf,
  TERMS,
  vendor,
} from './fixtures.js';

const node = createNodeBackend();

/** An intent as a caller writes it before signing: no author, nonce, id or sig. */
function draftIntent(): SignableMessage<'intent'> {
  return {
    protocol: PROTOCOL,
    type: 'intent',
    created: formatTimestamp(NOW),
    expires: formatTimestamp(NOW + DAY),
    body: intentBody(),
  };
}

function thrown(fn: () => unknown): IntentcastError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IntentcastError);
    return err as IntentcastError;
  }
  throw new Error('expected an IntentcastError, but nothing was thrown');
}

describe('signMessage', () => {
  it('fills in author and a fresh 128-bit nonce, then id and sig', () => {
    const a = signMessage(draftIntent(), buyer.secretKey);
    const b = signMessage(draftIntent(), buyer.secretKey);
    expect(a.author).toBe(didKeyFromPublicKey(buyer.publicKey));
    expect(a.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toBe(messageId({ ...a }));
    expect(verifyMessage(a, { now: NOW })).toBe(true);
  });

  it('keeps a nonce and an author that are given', () => {
    const author = didKeyFromPublicKey(buyer.publicKey);
    const signed = signMessage({ ...draftIntent(), author, nonce: NONCES.intent }, buyer.secretKey);
    expect(signed).toMatchObject({ author, nonce: NONCES.intent });
  });

  it('signs the domain-separated id: "intentcast/1/message", a zero byte, then the 32 id bytes', () => {
    const signed = signMessage(draftIntent(), buyer.secretKey);
    const input = messageSigningInput(signed.id);
    expect(input).toEqual(new Uint8Array([...utf8('intentcast/1/message'), 0, ...fromHex(signed.id)]));
    expect(signingInput('message', fromHex(signed.id))).toEqual(input);
    expect(nobleBackend.verify(fromHex(signed.sig), input, buyer.publicKey)).toBe(true);
    expect(nobleBackend.verify(fromHex(signed.sig), fromHex(signed.id), buyer.publicKey)).toBe(false);
    expect(
      nobleBackend.verify(fromHex(signed.sig), signingInput('receipt', fromHex(signed.id)), buyer.publicKey),
    ).toBe(false);
  });

  it('writes the fields in the order the spec lists them', () => {
    const { intent, offer } = sampleMessages();
    const envelope = ['protocol', 'type', 'author', 'created', 'expires', 'nonce'];
    expect(Object.keys(intent)).toEqual([...envelope, 'body', 'id', 'sig']);
    expect(Object.keys(offer)).toEqual([...envelope, 'ref', 'thread', 'body', 'id', 'sig']);
    const withExt = signMessage({ ext: { 'org.example.x': 1 }, ...draftIntent() }, buyer.secretKey);
    expect(Object.keys(withExt)).toEqual([...envelope, 'body', 'ext', 'id', 'sig']);
  });

  it('signs a message that has already expired, which only a verifier clock can refuse', () => {
    const old = signMessage(
      { ...draftIntent(), created: '2020-01-01T00:00:00Z', expires: '2020-01-02T00:00:00Z' },
      buyer.secretKey,
    );
    expect(validateMessage(old, LIVE)).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
    expect(verifyMessage(old, { checkTime: false })).toBe(true);
  });

  it('refuses an author that is not the did:key of the signing key', () => {
    const author = didKeyFromPublicKey(vendor.publicKey);
    const err = thrown(() => signMessage({ ...draftIntent(), author }, buyer.secretKey));
    expect(err.toJSON()).toEqual({
      code: 'ERR_KEY_INVALID',
      message: 'author is not the did:key of the signing key',
      path: '/author',
    });
  });

  test.each(['id', 'sig'])('refuses input that already has %s', (field) => {
    const input = { ...draftIntent(), [field]: 'ab'.repeat(32) } as unknown as SignableMessage<'intent'>;
    const err = thrown(() => signMessage(input, buyer.secretKey));
    expect(err.toJSON()).toEqual({
      code: 'ERR_SCHEMA',
      message: 'the message is already signed: remove id and sig to sign it again',
    });
  });

  it('refuses to re-sign a signed message', () => {
    const signed = signMessage(draftIntent(), buyer.secretKey);
    const err = thrown(() => signMessage(signed as unknown as SignableMessage<'intent'>, buyer.secretKey));
    expect(err.code).toBe('ERR_SCHEMA');
  });

  it('refuses a message that would not validate, with the reason', () => {
    const input = { ...draftIntent(), body: intentBody({ offerCap: 0 }) };
    expect(thrown(() => signMessage(input, buyer.secretKey)).toJSON()).toEqual({
      code: 'ERR_SCHEMA',
      message: '/body/offerCap must be >= 1',
      path: '/body/offerCap',
    });
    const backwards = { ...draftIntent(), expires: draftIntent().created };
    expect(thrown(() => signMessage(backwards, buyer.secretKey)).code).toBe('ERR_TIME_RANGE');
  });

  it('refuses a secret key of the wrong length', () => {
    const err = thrown(() => signMessage(draftIntent(), new Uint8Array(31)));
    expect(err.toJSON()).toEqual({
      code: 'ERR_KEY_INVALID',
      message: '"secretKey" expected Uint8Array of length 32, got length=31',
    });
  });

  it('does not change its input', () => {
    const input = draftIntent();
    const copy = structuredClone(input);
    signMessage(input, buyer.secretKey);
    expect(input).toEqual(copy);
  });
});

describe('the two backends', () => {
  test.each(MESSAGE_TYPES)('sign %s messages identically, and each verifies the other', (type) => {
    const byNoble = sampleMessages()[type];
    const { id: _id, sig: _sig, ...unsigned } = byNoble;
    const byNode = signMessage(unsigned as SignableMessage, secretKeyOf(byNoble.author), { backend: node });
    expect(byNode).toEqual(byNoble);
    expect(verifyMessage(byNode, { ...LIVE, backend: nobleBackend })).toBe(true);
    expect(verifyMessage(byNoble, { ...LIVE, backend: node })).toBe(true);
  });

  it('verify each other on freshly generated messages', () => {
    const byNode = createIntent(intentBody(), vendor.secretKey, { now: NOW, backend: node });
    const byNoble = createIntent(intentBody(), vendor.secretKey, { now: NOW, backend: nobleBackend });
    expect(verifyMessage(byNode, { now: NOW, backend: nobleBackend })).toBe(true);
    expect(verifyMessage(byNoble, { now: NOW, backend: node })).toBe(true);
  });
});

describe('the builders', () => {
  const intent: Intent = createIntent(intentBody(), buyer.secretKey, { now: NOW });

  it('give each type its default lifetime, with whole-second timestamps', () => {
    const now = NOW + 1234;
    const made = createIntent(intentBody(), buyer.secretKey, { now });
    expect(made.created).toBe('2026-01-15T12:00:01Z');
    expect(Date.parse(made.expires) - Date.parse(made.created)).toBe(DEFAULT_TTL_MS.intent);
    expect(DEFAULT_TTL_MS).toEqual({
      intent: 7 * DAY,
      offer: DAY,
      reply: 30 * DAY,
      withdraw: 30 * DAY,
      confirm: 30 * DAY,
    });
  });

  it('take an explicit expiry, as a Date or as milliseconds', () => {
    const a = createIntent(intentBody(), buyer.secretKey, { now: NOW, expires: new Date(NOW + HOUR) });
    const b = createIntent(intentBody(), buyer.secretKey, { now: new Date(NOW), expires: NOW + HOUR });
    expect([a.expires, b.expires]).toEqual(['2026-01-15T13:00:00Z', '2026-01-15T13:00:00Z']);
  });

  it('thread the answers: ref is the message answered, thread is the intent', () => {
    const offer = createOffer(intent, offerBody(), vendor.secretKey, { now: NOW + HOUR });
    expect(offer).toMatchObject({ type: 'offer', ref: intent.id, thread: intent.id });
    const counter = createReply(
      offer,
      { decision: 'counter', counter: { price: { amount: '150', currency: 'EUR' } } },
      buyer.secretKey,
      { now: NOW + 2 * HOUR },
    );
    expect(counter).toMatchObject({ ref: offer.id, thread: intent.id });
    const revised = createOffer(
      counter,
      offerBody({ price: { amount: '155.00', currency: 'EUR' } }),
      vendor.secretKey,
      {
        now: NOW + 3 * HOUR,
      },
    );
    expect(revised).toMatchObject({ ref: counter.id, thread: intent.id });
    const accept = createReply(revised, { decision: 'accept', terms: TERMS }, buyer.secretKey, {
      now: NOW + 4 * HOUR,
    });
    const confirm = createConfirm(accept, {}, vendor.secretKey, { now: NOW + 5 * HOUR });
    expect(confirm).toMatchObject({ type: 'confirm', ref: accept.id, thread: intent.id, body: {} });
    const withdraw = createWithdraw(offer, { reason: 'other' }, vendor.secretKey, { now: NOW + 6 * HOUR });
    expect(withdraw).toMatchObject({ type: 'withdraw', ref: offer.id, thread: intent.id });
    for (const message of [offer, counter, revised, accept, confirm, withdraw]) {
      expect(verifyMessage(message, { now: NOW + 6 * HOUR })).toBe(true);
    }
  });

  it('carry ext fields into the signed message', () => {
    const made = createIntent(intentBody(), buyer.secretKey, {
      now: NOW,
      ext: { 'org.example.tier': 'gold' },
    });
    expect(made.ext).toEqual({ 'org.example.tier': 'gold' });
    expect(made.id).not.toBe(intent.id);
    expect(verifyMessage(made, { now: NOW })).toBe(true);
  });
});
