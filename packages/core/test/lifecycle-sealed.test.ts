import {
  applyToThread,
  createIntent,
  foldThread,
  generateSealKeyPair,
  type Intent,
  type Offer,
  type OfferBody,
  type SealKeyPair,
  seal,
} from '@intentcast/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUYER, DAY, kit, NOW, TERMS_A, unwrap, VENDOR_A, VENDOR_B } from './lifecycle-fixtures.js';

/**
 * spec/lifecycle.md, section 7: a sealed part must be sealed to a key the counterparty published, and no
 * message may carry a sealed part the thread already holds.
 */

let buyerSeal: SealKeyPair;
let vendorSeal: SealKeyPair;

beforeAll(async () => {
  [buyerSeal, vendorSeal] = await Promise.all([generateSealKeyPair(), generateSealKeyPair()]);
});

const k = kit();

function intentWith(sealKey?: SealKeyPair): Intent {
  return createIntent(
    {
      what: { category: 'lodging.hotel', description: 'A quiet double room', quantity: 1 },
      terms: [TERMS_A],
      offerCap: 3,
      ...(sealKey === undefined ? {} : { sealKey: sealKey.publicJwk }),
    },
    BUYER,
    { now: NOW, expires: NOW + 7 * DAY, nonce: `${sealKey === undefined ? 'a' : 'b'}`.repeat(32) },
  );
}

function offerBody(extra: Partial<OfferBody>): OfferBody {
  return {
    description: 'Double room, garden side',
    quantity: 1,
    terms: TERMS_A,
    vendor: { name: 'Casa Exemplo' },
    ...extra,
  };
}

async function sealedFor(intent: Intent, to: SealKeyPair, text: string): Promise<string> {
  return seal({ text }, to.publicJwk, { thread: intent.id });
}

const refused = (message: string) => ({ ok: false, code: 'ERR_SEAL', message, path: '/body/sealed' });

describe('a sealed part needs a key to seal to', () => {
  it('an offer or a confirm is refused when the intent publishes no sealKey', async () => {
    const intent = intentWith();
    const sealed = await sealedFor(intent, buyerSeal, 'Corner room.');
    const offer = k.raw('offer', intent, offerBody({ sealed }), VENDOR_A);
    expect(applyToThread(unwrap(foldThread(intent, [])), offer)).toEqual(
      refused('the message carries a sealed part, but the intent publishes no sealKey to seal it to'),
    );
    const plain = k.offer(intent, VENDOR_A);
    const accept = k.accept(plain);
    const confirm = k.raw('confirm', accept, { sealed }, VENDOR_A);
    expect(applyToThread(unwrap(foldThread(intent, [plain, accept])), confirm)).toEqual(
      refused('the message carries a sealed part, but the intent publishes no sealKey to seal it to'),
    );
  });

  it('a reply is refused when the offer it answers publishes no sealKey', async () => {
    const intent = intentWith(buyerSeal);
    const offer = k.offer(intent, VENDOR_A);
    const reply = k.raw(
      'reply',
      offer,
      { decision: 'question', sealed: await sealedFor(intent, vendorSeal, 'Parking?') },
      BUYER,
    );
    expect(applyToThread(unwrap(foldThread(intent, [offer])), reply)).toEqual(
      refused(
        'the message carries a sealed part, but the offer it answers publishes no sealKey to seal it to',
      ),
    );
  });

  it('is taken when the key was published, and the part is remembered', async () => {
    const intent = intentWith(buyerSeal);
    const sealed = await sealedFor(intent, buyerSeal, 'Corner room.');
    const offer = k.raw('offer', intent, offerBody({ sealed, sealKey: vendorSeal.publicJwk }), VENDOR_A);
    const question = k.raw(
      'reply',
      offer,
      { decision: 'question', sealed: await sealedFor(intent, vendorSeal, 'Parking?') },
      BUYER,
    );
    const snapshot = unwrap(foldThread(intent, [offer, question]));
    expect([...snapshot.sealed]).toEqual([sealed, question.body.sealed]);
  });

  it('is checked after the rules of the type', async () => {
    const intent = intentWith();
    const sealed = await sealedFor(intent, buyerSeal, 'Corner room.');
    const byBuyer = k.raw('offer', intent, offerBody({ sealed }), BUYER);
    expect(applyToThread(unwrap(foldThread(intent, [])), byBuyer)).toMatchObject({
      code: 'ERR_LIFECYCLE_NOT_AUTHOR',
    });
  });
});

describe('a sealed part is never one the thread already holds', () => {
  it("a vendor cannot copy another vendor's sealed part, nor reuse its own", async () => {
    const intent = intentWith(buyerSeal);
    const sealed = await sealedFor(intent, buyerSeal, 'Corner room.');
    const offerA: Offer = k.raw('offer', intent, offerBody({ sealed }), VENDOR_A);
    const snapshot = unwrap(foldThread(intent, [offerA]));
    const copy = k.raw('offer', intent, offerBody({ sealed }), VENDOR_B);
    const copied = refused('the sealed part is a copy of one the thread already holds');
    expect(applyToThread(snapshot, copy)).toEqual(copied);
    const again = k.raw('offer', offerA, offerBody({ sealed }), VENDOR_A);
    expect(applyToThread(snapshot, again)).toEqual(copied);
    const fresh = k.raw(
      'offer',
      offerA,
      offerBody({ sealed: await sealedFor(intent, buyerSeal, 'Corner room.') }),
      VENDOR_A,
    );
    expect(applyToThread(snapshot, fresh)).toMatchObject({ ok: true });
  });

  it('a refused message leaves no trace of its sealed part', async () => {
    const intent = intentWith(buyerSeal);
    const sealed = await sealedFor(intent, buyerSeal, 'Corner room.');
    const byBuyer = k.raw('offer', intent, offerBody({ sealed }), BUYER);
    const snapshot = unwrap(foldThread(intent, []));
    expect(applyToThread(snapshot, byBuyer)).toMatchObject({ ok: false });
    expect(applyToThread(snapshot, k.raw('offer', intent, offerBody({ sealed }), VENDOR_A))).toMatchObject({
      ok: true,
    });
  });
});
