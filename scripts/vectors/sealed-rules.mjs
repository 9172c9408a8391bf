// sealed.json, the rules of sealed content beyond its schema (spec/sealed.md#plaintext,
// spec/sealed.md#what-each-message-may-seal): real time windows, the members each message may seal, and a
// binding member in one place only. Each part opens; its content is what is refused.
import { at, BUYER_SEAL, core, nonce, PARTIES, TERMS, VENDOR_D_SEAL } from './common.mjs';
import { ephemeralKey, fixedIv, sealWith } from './jwe.mjs';
import { valid } from './story.mjs';

const { buyer, vendorD } = PARTIES;
const PRICE = { amount: '149.00', currency: 'EUR' };
const COUNTER = { price: { amount: '140.00', currency: 'EUR' } };

/**
 * Adds the cases with open(description, sealed, expected, tags) for a part opened on the thread of
 * intent-full with the buyer's key, and message(description, message, privateJwk, expected, tags).
 */
export function ruleCases(open, message) {
  const intent = valid('intent-full');
  const offerSealed = valid('offer-sealed');
  const refused = { code: 'ERR_SEAL' };
  const sealTo = (recipient, content, n) =>
    sealWith({
      plaintext: core.canonicalJson(content),
      recipient,
      thread: intent.id,
      ephemeral: ephemeralKey(n),
      iv: fixedIv(n),
    }).sealed;
  const opts = (label, hours) => ({ now: at(hours), nonce: nonce(`sealed rules ${label}`) });

  open(
    'a counter window that ends before it starts, otherwise well sealed',
    sealTo(
      BUYER_SEAL.publicJwk,
      { counter: { when: { start: '2026-02-12T14:00:00Z', end: '2026-02-10T14:00:00Z' } } },
      20,
    ),
    refused,
    ['content', 'window'],
  );
  open(
    'a counter window starting on a day that does not exist, otherwise well sealed',
    sealTo(
      BUYER_SEAL.publicJwk,
      { counter: { when: { start: '2026-02-30T14:00:00Z', end: '2026-03-02T14:00:00Z' } } },
      21,
    ),
    refused,
    ['content', 'window'],
  );

  const offerBody = {
    description: 'Double room; terms in the sealed part.',
    quantity: 1,
    terms: TERMS.noResale,
    vendor: { name: 'Pensão Azul', url: 'https://pensao-azul.example/' },
    sealKey: VENDOR_D_SEAL.publicJwk,
  };
  message(
    'an offer that seals counter terms, which only a counter may seal',
    core.createOffer(
      intent,
      { ...offerBody, price: PRICE, sealed: sealTo(BUYER_SEAL.publicJwk, { counter: COUNTER }, 22) },
      vendorD.secretKey,
      opts('offer seals a counter', 1.3),
    ),
    BUYER_SEAL.privateJwk,
    refused,
    ['binding'],
  );
  message(
    'an offer with a public price and a sealed one: only one may bind',
    core.createOffer(
      intent,
      { ...offerBody, price: PRICE, sealed: sealTo(BUYER_SEAL.publicJwk, { price: PRICE }, 23) },
      vendorD.secretKey,
      opts('offer with two prices', 1.35),
    ),
    BUYER_SEAL.privateJwk,
    refused,
    ['binding'],
  );
  message(
    'a counter with public counter terms and sealed ones: only one may bind',
    core.createReply(
      offerSealed,
      {
        decision: 'counter',
        counter: { quantity: 1 },
        sealed: sealTo(VENDOR_D_SEAL.publicJwk, { counter: COUNTER }, 24),
      },
      buyer.secretKey,
      opts('counter with two', 2.3),
    ),
    VENDOR_D_SEAL.privateJwk,
    refused,
    ['binding'],
  );
  message(
    'a question that seals a price, which only an offer may seal',
    core.createReply(
      offerSealed,
      {
        decision: 'question',
        sealed: sealTo(VENDOR_D_SEAL.publicJwk, { price: PRICE, text: 'This much?' }, 25),
      },
      buyer.secretKey,
      opts('question seals a price', 2.35),
    ),
    VENDOR_D_SEAL.privateJwk,
    refused,
    ['binding'],
  );
  const textOnly = { text: 'Is there a lift?' };
  message(
    'a question with public text and sealed text: text binds nothing, so both may be there',
    core.createReply(
      offerSealed,
      {
        decision: 'question',
        text: 'A question for you.',
        sealed: sealTo(VENDOR_D_SEAL.publicJwk, textOnly, 26),
      },
      buyer.secretKey,
      opts('question with two texts', 2.4),
    ),
    VENDOR_D_SEAL.privateJwk,
    { content: textOnly },
    ['binding'],
  );
}
