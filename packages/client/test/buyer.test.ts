import {
  createIntent,
  createOffer,
  didKeyFromPublicKey,
  generateKeyPair,
  generateSealKeyPair,
  type Intent,
  keyPairFromJwk,
  type Offer,
  openSealed,
  type Reply,
  type SealKeyPair,
} from '@intentcast/core';
import { describe, expect, it } from 'vitest';
import { Buyer, keyName, MemoryKeystore } from '../src/index.js';
import { intentInput, TERMS } from './fixtures.js';
import { mockAgent, mockRelay, signReceipt } from './mock-relay.js';

/** A buyer on one mocked relay that stores everything, and what was posted to it. */
function setup() {
  const agent = mockAgent();
  const relay = mockRelay(agent, 'https://a.example');
  const posted: unknown[] = [];
  relay.pool
    .intercept({ path: '/v1/messages', method: 'POST' })
    .reply((request) => {
      const message = JSON.parse(String(request.body)) as { id: string };
      posted.push(message);
      return { statusCode: 201, data: { receipt: signReceipt(relay.key, message.id, posted.length) } };
    })
    .persist();
  const keystore = new MemoryKeystore();
  const buyer = new Buyer({ relays: [relay.origin], keystore, dispatcher: agent });
  return { agent, relay, keystore, buyer, posted };
}

function vendorOffer(intent: Intent, sealKeys?: SealKeyPair): Offer {
  return createOffer(
    intent,
    {
      description: 'Room 12',
      price: { amount: '139.00', currency: 'EUR' },
      quantity: 1,
      terms: TERMS,
      vendor: { name: 'Casa Azul' },
      ...(sealKeys === undefined ? {} : { sealKey: sealKeys.publicJwk }),
    },
    generateKeyPair().secretKey,
  );
}

describe('Buyer', () => {
  it('signs every intent with a fresh key and a fresh seal key, both kept in the keystore', async () => {
    const { buyer, keystore } = setup();

    const first = await buyer.cast(intentInput());
    const second = await buyer.cast(intentInput());

    expect(first.intent.author).not.toBe(second.intent.author);
    expect(first.intent.body.sealKey!.x).not.toBe(second.intent.body.sealKey!.x);
    expect((await keystore.list('intent.')).sort()).toEqual(
      [keyName('intent', first.intent.id), keyName('intent', second.intent.id)].sort(),
    );
    for (const { intent } of [first, second]) {
      const record = await keystore.get(keyName('intent', intent.id));
      if (record?.kind !== 'intent') throw new Error('no intent record');
      expect(record.intent).toEqual(intent);
      expect(didKeyFromPublicKey(keyPairFromJwk(record.signingKey).publicKey)).toBe(intent.author);
      expect(record.sealKey?.x).toBe(intent.body.sealKey!.x);
    }
    expect(first.intent.body.offerCap).toBe(5);
  });

  it('refuses bad input before storing a key or asking a relay', async () => {
    const { buyer, keystore, posted } = setup();

    await expect(buyer.cast({ ...intentInput(), offerCap: 0 })).rejects.toMatchObject({
      code: 'ERR_SCHEMA',
      path: '/body/offerCap',
    });
    expect(await keystore.list()).toEqual([]);
    expect(posted).toEqual([]);
  });

  it("seals contact details and text to the offer's seal key when accepting", async () => {
    const { buyer, posted } = setup();
    const { intent } = await buyer.cast(intentInput());
    const vendorSeal = await generateSealKeyPair();
    const offer = vendorOffer(intent, vendorSeal);

    await buyer.accept(offer, { text: 'Arriving late', contact: { name: 'Ana', email: 'ana@example.org' } });

    const accept = posted.at(-1) as Reply;
    expect(accept.author).toBe(intent.author);
    expect(accept.body).toEqual({ decision: 'accept', terms: TERMS, sealed: expect.any(String) });
    expect(await openSealed(accept, vendorSeal.privateJwk)).toEqual({
      text: 'Arriving late',
      contact: { name: 'Ana', email: 'ana@example.org' },
    });
  });

  it('counters in the clear unless asked to seal', async () => {
    const { buyer, posted } = setup();
    const { intent } = await buyer.cast(intentInput());
    const offer = vendorOffer(intent, await generateSealKeyPair());

    await buyer.counter(
      offer,
      { quantity: 1, price: { amount: '120.00', currency: 'EUR' } },
      { text: 'Two nights?' },
    );

    expect((posted.at(-1) as Reply).body).toEqual({
      decision: 'counter',
      counter: { quantity: 1, price: { amount: '120.00', currency: 'EUR' } },
      text: 'Two nights?',
    });
  });

  it('refuses to seal to an offer that publishes no seal key, and sends nothing', async () => {
    const { buyer, posted } = setup();
    const { intent } = await buyer.cast(intentInput());
    const offer = vendorOffer(intent);
    const before = posted.length;

    await expect(
      buyer.counter(offer, { price: { amount: '120.00', currency: 'EUR' } }, { seal: true }),
    ).rejects.toMatchObject({
      code: 'ERR_SEAL',
      message: 'the offer publishes no sealKey, so nothing can be sealed to its vendor',
    });
    await expect(
      buyer.ask(offer, 'Breakfast?', { seal: false, contact: { phone: '+351 21 000 0000' } }),
    ).rejects.toMatchObject({
      code: 'ERR_SEAL',
      message: 'contact details are only ever sent sealed; leave "seal" on',
    });
    expect(posted.length).toBe(before);
  });

  it('answers only for intents whose key it holds', async () => {
    const { buyer } = setup();
    const other = new Buyer({
      relays: ['https://b.example'],
      keystore: new MemoryKeystore(),
      dispatcher: mockAgent(),
    });
    const intent = createIntent({ ...intentInput(), offerCap: 3 }, generateKeyPair().secretKey);
    const offer = vendorOffer(intent);

    await expect(buyer.decline(offer, 'price')).rejects.toMatchObject({
      code: 'ERR_NOT_FOUND',
      message: `the keystore holds no key for intent ${intent.id}`,
    });
    await expect(other.withdraw(intent.id)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('withdraws an intent with its own key', async () => {
    const { buyer, posted } = setup();
    const { intent } = await buyer.cast(intentInput());

    const { message } = await buyer.withdraw(intent.id, { reason: 'no-longer-needed' });

    expect(message).toMatchObject({
      type: 'withdraw',
      author: intent.author,
      ref: intent.id,
      thread: intent.id,
    });
    expect(posted.at(-1)).toEqual(message);
  });
});
