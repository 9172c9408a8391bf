import {
  createIntent,
  createReply,
  didKeyFromPublicKey,
  generateKeyPair,
  generateSealKeyPair,
  generateWebhookSecret,
  type Intent,
  IntentcastError,
  type Offer,
  openSealed,
  signWebhook,
} from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { keyName, MemoryKeystore, Vendor } from '../src/index.js';
import { acceptsTerms, OTHER_TERMS, TERMS } from './fixtures.js';
import { mockAgent, mockRelay, signReceipt } from './mock-relay.js';

const buyerKey = generateKeyPair();

async function intentWith(
  terms = [TERMS],
  sealed = true,
): Promise<{ intent: Intent; seal: Awaited<ReturnType<typeof generateSealKeyPair>> }> {
  const seal = await generateSealKeyPair();
  const body = {
    what: { category: 'lodging.hotel', description: 'A quiet room', quantity: 1 },
    terms,
    offerCap: 5,
    ...(sealed ? { sealKey: seal.publicJwk } : {}),
  };
  return { intent: createIntent(body, buyerKey.secretKey), seal };
}

function setup(options: { keystore?: MemoryKeystore; acceptsTerms?: (uri: string) => boolean } = {}) {
  const agent = mockAgent();
  const relay = mockRelay(agent, 'https://a.example');
  const posted: unknown[] = [];
  const scope = relay.pool
    .intercept({ path: '/v1/messages', method: 'POST' })
    .reply((request) => {
      const message = JSON.parse(String(request.body)) as { id: string };
      posted.push(message);
      return { statusCode: 201, data: { receipt: signReceipt(relay.key, message.id, posted.length) } };
    })
    .persist();
  const keystore = options.keystore ?? new MemoryKeystore();
  const accepts = options.acceptsTerms;
  const vendor = new Vendor({
    relays: [relay.origin],
    keystore,
    profile: { name: 'Casa Azul', url: 'https://casa-azul.example' },
    policy: accepts === undefined ? acceptsTerms : { acceptsTerms: (terms) => accepts(terms.uri) },
    dispatcher: agent,
  });
  return { agent, relay, keystore, vendor, posted, scope };
}

const offerInput = { price: { amount: '139.00', currency: 'EUR' }, description: 'Room 12', quantity: 1 };

describe('Vendor', () => {
  it("refuses to offer when its policy accepts none of the intent's terms, and sends nothing", async () => {
    const { vendor, posted } = setup();
    const { intent } = await intentWith([OTHER_TERMS]);

    const refusal = await vendor.offer(intent, offerInput).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(IntentcastError);
    expect((refusal as IntentcastError).toJSON()).toEqual({
      code: 'ERR_LIFECYCLE_TERMS',
      message: `the vendor's policy accepts none of the intent's terms (${OTHER_TERMS.uri}); no offer was sent`,
      path: '/body/terms',
    });
    expect(posted).toEqual([]);
  });

  it('offers on the first of the terms its policy accepts, and keeps the seal key it publishes', async () => {
    const { vendor, posted, keystore } = setup({ acceptsTerms: (uri) => uri === TERMS.uri });
    const { intent } = await intentWith([OTHER_TERMS, TERMS]);

    const { message: offer, receipts } = await vendor.offer(intent, {
      ...offerInput,
      note: 'Breakfast included',
    });

    expect(receipts).toHaveLength(1);
    expect(posted).toEqual([offer]);
    expect(offer.author).toBe(await vendor.did());
    expect(offer.body).toMatchObject({
      terms: TERMS,
      price: offerInput.price,
      vendor: { name: 'Casa Azul', url: 'https://casa-azul.example' },
      note: 'Breakfast included',
    });
    const record = await keystore.get(keyName('seal', offer.id));
    expect(record).toMatchObject({ kind: 'seal', offer: offer.id, thread: intent.id });
    expect(record?.kind === 'seal' && record.sealKey.x).toBe(offer.body.sealKey!.x);
  });

  it('seals the price to the intent when asked, so that the offer shows none', async () => {
    const { vendor } = setup();
    const { intent, seal } = await intentWith();

    const { message: offer } = await vendor.offer(intent, {
      ...offerInput,
      sealPrice: true,
      sealReplies: false,
    });

    expect(offer.body.price).toBeUndefined();
    expect(offer.body.sealKey).toBeUndefined();
    expect(await openSealed(offer, seal.privateJwk)).toEqual({ price: offerInput.price });
  });

  it('refuses to seal a price to an intent without a seal key', async () => {
    const { vendor, posted } = setup();
    const { intent } = await intentWith([TERMS], false);

    await expect(vendor.offer(intent, { ...offerInput, sealPrice: true })).rejects.toMatchObject({
      code: 'ERR_SEAL',
      message: 'the intent publishes no sealKey, so the price cannot be sealed to the buyer',
    });
    expect(posted).toEqual([]);
  });

  it('refuses an intent that does not verify', async () => {
    const { vendor } = setup();
    const { intent } = await intentWith();

    await expect(
      vendor.offer({ ...intent, body: { ...intent.body, offerCap: 50 } }, offerInput),
    ).rejects.toMatchObject({
      code: 'ERR_ID_MISMATCH',
    });
  });

  it('revises with what it remembers, and confirms only an accept', async () => {
    const { vendor, posted } = setup();
    const { intent } = await intentWith();
    const { message: offer } = await vendor.offer(intent, { ...offerInput, sealPrice: true });
    const counter = createReply(offer, { decision: 'counter', counter: { quantity: 1 } }, buyerKey.secretKey);

    const { message: revised } = await vendor.revise(counter, { description: 'Room 14' });

    expect(revised).toMatchObject({ ref: counter.id, thread: intent.id });
    expect(revised.body).toMatchObject({ description: 'Room 14', quantity: 1, terms: TERMS });
    expect(revised.body.price).toBeUndefined();
    expect(revised.body.sealKey!.x).not.toBe(offer.body.sealKey!.x);
    expect(posted.at(-1)).toEqual(revised);
    await expect(vendor.confirm(counter, { reference: 'BK-1' })).rejects.toMatchObject({
      code: 'ERR_LIFECYCLE_REF_TYPE',
      message: 'only an accept can be confirmed',
    });
    const accept = createReply(revised as Offer, { decision: 'accept', terms: TERMS }, buyerKey.secretKey);
    const { message: confirm } = await vendor.confirm(accept, { reference: 'BK-1' });
    expect(confirm).toMatchObject({ type: 'confirm', ref: accept.id, body: { reference: 'BK-1' } });
  });

  it('keeps one identity in the keystore, and refuses to replace it', async () => {
    const keystore = new MemoryKeystore();
    const first = setup({ keystore }).vendor;
    const did = await first.did();
    expect(await setup({ keystore }).vendor.did()).toBe(did);

    const other = generateKeyPair();
    const imposter = new Vendor({
      relays: ['https://a.example'],
      keystore,
      identity: other,
      profile: { name: 'Casa Azul' },
      policy: acceptsTerms,
      dispatcher: mockAgent(),
    });
    await expect(imposter.did()).rejects.toMatchObject({
      code: 'ERR_KEY_INVALID',
      message: 'the keystore already holds another identity as identity.default',
    });
    const given = new Vendor({
      relays: ['https://a.example'],
      keystore: new MemoryKeystore(),
      identity: other,
      profile: { name: 'Casa Azul' },
      policy: acceptsTerms,
      dispatcher: mockAgent(),
    });
    expect(await given.did()).toBe(didKeyFromPublicKey(other.publicKey));
  });

  it('verifies webhook deliveries, and throws ERR_WEBHOOK_INVALID for the rest', async () => {
    const { vendor } = setup();
    const { intent } = await intentWith();
    const secret = generateWebhookSecret();
    const event = {
      type: 'intent.matched',
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      data: { endpoint: 'ep_1', seq: 12, message: intent },
    };
    const body = JSON.stringify(event);
    const headers = signWebhook({ id: 'msg_1', body, secret });
    const handle = vendor.webhookHandler(secret);

    expect(handle(headers, body)).toEqual(event);
    const forged = body.replace('"seq":12', '"seq":13');
    expect(() => handle(headers, forged)).toThrow(
      expect.objectContaining({ name: 'IntentcastError', code: 'ERR_WEBHOOK_INVALID' }),
    );
    expect(() => vendor.webhookHandler(generateWebhookSecret())(headers, body)).toThrow(
      expect.objectContaining({ code: 'ERR_WEBHOOK_INVALID' }),
    );
  });
});
