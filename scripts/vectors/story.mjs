// The valid messages of the vectors: one buyer's full intent and the negotiations that follow it, plus a
// few intents that each show one more feature. Built with core's builders, so each is signed and checked.
import {
  at,
  BUYER_SEAL,
  core,
  MINUTE,
  nonce,
  PARTIES,
  T0,
  TERMS,
  ts,
  VENDOR_D_SEAL,
  VENDOR_SEAL,
} from './common.mjs';
import { ephemeralKey, fixedIv, sealWith } from './jwe.mjs';
import { moreIntents } from './story-intents.mjs';

const { buyer, vendorA, vendorB, vendorC, vendorD } = PARTIES;

/** The private content of the sealed offer and of the sealed counter. */
export const SEALED_OFFER_CONTENT = {
  price: { amount: '149.00', currency: 'EUR' },
  text: 'Corner room on the second floor; the price holds for two nights only.',
};
export const SEALED_COUNTER_CONTENT = {
  counter: {
    price: { amount: '140.00', currency: 'EUR' },
    when: { start: '2026-02-10T14:00:00Z', end: '2026-02-12T14:00:00Z' },
  },
  contact: { name: 'A. Buyer', email: 'buyer@mail.example' },
};

/** A sealed part, reproducible: fixed ephemeral key and IV per vector number. */
function sealFixed(content, recipient, thread, n) {
  return sealWith({
    plaintext: core.canonicalJson(content),
    recipient,
    thread,
    ephemeral: ephemeralKey(n),
    iv: fixedIv(n),
  }).sealed;
}

const opts = (label, created, expires) => ({
  now: created,
  ...(expires === undefined ? {} : { expires }),
  nonce: nonce(label),
});

const STAY = { start: '2026-02-10T14:00:00Z', end: '2026-02-12T11:00:00Z' };

const FULL_BODY = {
  what: {
    category: 'lodging.hotel',
    description: 'A quiet double room near the river, two nights, non-smoking.',
    attributes: { room_type: 'double', nights: 2, breakfast: true, 'floor.min': 2 },
    quantity: 1,
  },
  where: { region: 'PT-11', geo: { lat: 38.7071, lon: -9.1355, radiusKm: 2.5 } },
  when: STAY,
  budget: { currency: 'EUR', min: '120.00', max: '180.00' },
  terms: [TERMS.noTracking, TERMS.noResale],
  offerCap: 5,
  sealKey: BUYER_SEAL.publicJwk,
};

const vendor = {
  a: { name: 'Casa do Rio', url: 'https://casadorio.example/' },
  b: { name: 'Hotel Ribeira', url: 'https://ribeira.example/rooms' },
  c: { name: 'Alfama Rooms' },
};

let built;

/**
 * Every valid message, in the order they are written: { name, description, now, message, tags }.
 * `now` is one minute after the message was created: the time a relay receives it.
 */
export function validMessages() {
  if (built) return built;
  const list = [];
  const add = (name, description, message, tags) => {
    list.push({ name, description, now: ts(Date.parse(message.created) + MINUTE), message, tags });
    return message;
  };

  const intent = add(
    'intent-full',
    'an intent with every optional field: attributes, region and geo, dates, budget range, two terms, sealKey, ext',
    core.createIntent(FULL_BODY, buyer.secretKey, {
      ...opts('intent-full', T0),
      ext: { 'org.example.loyalty': { program: 'riverside', member: true, visits: 3 } },
    }),
    ['intent', 'full', 'ext'],
  );
  moreIntents(add);

  const offer = add(
    'offer',
    "vendor A's offer on the full intent, with a price and its own sealKey",
    core.createOffer(
      intent,
      {
        description: 'Double room, river view, breakfast included.',
        price: { amount: '165.00', currency: 'EUR' },
        quantity: 1,
        when: STAY,
        terms: TERMS.noTracking,
        vendor: vendor.a,
        note: 'Late check-out on request.',
        sealKey: VENDOR_SEAL.publicJwk,
      },
      vendorA.secretKey,
      opts('offer', at(1), at(25)),
    ),
    ['offer'],
  );
  const counter = add(
    'reply-counter',
    "the buyer's counter to vendor A's offer: a lower price",
    core.createReply(
      offer,
      {
        decision: 'counter',
        reason: 'price',
        counter: { price: { amount: '150.00', currency: 'EUR' } },
        text: 'Would you take 150?',
      },
      buyer.secretKey,
      opts('reply-counter', at(2)),
    ),
    ['reply', 'counter'],
  );
  const revised = add(
    'offer-revised',
    "vendor A's revised offer, answering the buyer's counter",
    core.createOffer(
      counter,
      {
        description: 'Double room, river view, breakfast included.',
        price: { amount: '155.00', currency: 'EUR' },
        quantity: 1,
        when: STAY,
        terms: TERMS.noTracking,
        vendor: vendor.a,
        note: 'Best we can do: 155.',
      },
      vendorA.secretKey,
      opts('offer-revised', at(3), at(27)),
    ),
    ['offer', 'revised'],
  );
  const accept = add(
    'reply-accept',
    "the buyer accepts vendor A's revised offer, naming its terms",
    core.createReply(
      revised,
      { decision: 'accept', terms: TERMS.noTracking, text: 'Deal.' },
      buyer.secretKey,
      opts('reply-accept', at(4)),
    ),
    ['reply', 'accept'],
  );
  add(
    'confirm',
    "vendor A confirms the buyer's accept with a booking reference",
    core.createConfirm(
      accept,
      { reference: 'CDR-2026-0042', text: 'See you on 10 February.' },
      vendorA.secretKey,
      opts('confirm', at(5)),
    ),
    ['confirm'],
  );
  const offerB = add(
    'offer-b',
    "vendor B's offer on the full intent, naming the buyer's second terms",
    core.createOffer(
      intent,
      {
        description: 'Superior double room.',
        price: { amount: '170', currency: 'EUR' },
        quantity: 1,
        terms: TERMS.noResale,
        vendor: vendor.b,
      },
      vendorB.secretKey,
      opts('offer-b', at(1.5), at(13.5)),
    ),
    ['offer'],
  );
  add(
    'reply-question',
    'the buyer asks vendor B a question about its offer',
    core.createReply(
      offerB,
      { decision: 'question', text: 'Is the room on a quiet side of the building?' },
      buyer.secretKey,
      opts('reply-question', at(2.5)),
    ),
    ['reply', 'question'],
  );
  add(
    'withdraw-offer',
    'vendor B withdraws its offer',
    core.createWithdraw(
      offerB,
      { reason: 'other', text: 'Fully booked, sorry.' },
      vendorB.secretKey,
      opts('withdraw-offer', at(3.5)),
    ),
    ['withdraw', 'offer'],
  );
  const offerC = add(
    'offer-c',
    "vendor C's offer, with no URL and an amount with the most decimals allowed",
    core.createOffer(
      intent,
      {
        description: 'Room with shared bathroom.',
        price: { amount: '179.999999', currency: 'EUR' },
        quantity: 1,
        terms: TERMS.noTracking,
        vendor: vendor.c,
      },
      vendorC.secretKey,
      opts('offer-c', at(1.75)),
    ),
    ['offer'],
  );
  add(
    'reply-decline',
    "the buyer declines vendor C's offer, giving a reason code",
    core.createReply(
      offerC,
      { decision: 'decline', reason: 'quality' },
      buyer.secretKey,
      opts('reply-decline', at(2.75)),
    ),
    ['reply', 'decline'],
  );
  const sealedOffer = add(
    'offer-sealed',
    "vendor D's offer whose price is only in the sealed part, sealed to the intent's sealKey",
    core.createOffer(
      intent,
      {
        description: 'Double room; price sealed for the buyer.',
        quantity: 1,
        when: STAY,
        terms: TERMS.noResale,
        vendor: { name: 'Pensão Azul', url: 'https://pensao-azul.example/' },
        sealKey: VENDOR_D_SEAL.publicJwk,
        sealed: sealFixed(SEALED_OFFER_CONTENT, BUYER_SEAL.publicJwk, intent.id, 1),
      },
      vendorD.secretKey,
      opts('offer-sealed', at(1.25), at(25.25)),
    ),
    ['offer', 'sealed'],
  );
  add(
    'reply-counter-sealed',
    "the buyer's counter to the sealed offer, its terms only in a part sealed to the offer's sealKey",
    core.createReply(
      sealedOffer,
      {
        decision: 'counter',
        sealed: sealFixed(SEALED_COUNTER_CONTENT, VENDOR_D_SEAL.publicJwk, intent.id, 2),
      },
      buyer.secretKey,
      opts('reply-counter-sealed', at(2.25)),
    ),
    ['reply', 'counter', 'sealed'],
  );
  built = list;
  return list;
}

/** The valid message called `name`. */
export function valid(name) {
  const entry = validMessages().find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no valid message ${name}`);
  return entry.message;
}
