// The messages of the lifecycle vectors: two threads, and every message that may or may not follow them.
import { at, BUYER_SEAL, core, nonce, PARTIES, TERMS } from './common.mjs';
import { ephemeralKey, fixedIv, sealWith } from './jwe.mjs';

const { buyer, vendorA, vendorB, vendorC, stranger } = PARTIES;

const opts = (label, hours, expiresHours) => ({
  now: at(hours),
  ...(expiresHours === undefined ? {} : { expires: at(expiresHours) }),
  nonce: nonce(`lifecycle ${label}`),
});

function intent(label, quantity, offerCap, expiresHours, extra = {}) {
  return core.createIntent(
    {
      what: { category: 'home.cleaning', description: `Deep cleaning of a flat (${label}).`, quantity },
      terms: [TERMS.noTracking, TERMS.noResale],
      offerCap,
      ...extra,
    },
    buyer.secretKey,
    opts(label, 0, expiresHours),
  );
}

function offer(
  label,
  answering,
  party,
  hours,
  { quantity = 1, terms = TERMS.noTracking, amount = '90', sealed } = {},
) {
  return core.createOffer(
    answering,
    {
      description: `Cleaning offer ${label}.`,
      ...(sealed === undefined ? { price: { amount, currency: 'EUR' } } : { sealed }),
      quantity,
      terms,
      vendor: { name: `Vendor ${label}` },
    },
    party.secretKey,
    opts(label, hours, hours + 24),
  );
}

const reply = (label, answering, body, hours, party = buyer) =>
  core.createReply(answering, body, party.secretKey, opts(label, hours));
const accept = (label, answering, hours, party = buyer, terms = answering.body.terms) =>
  reply(label, answering, { decision: 'accept', terms }, hours, party);
const withdraw = (label, target, party, hours) =>
  core.createWithdraw(target, { reason: 'other' }, party.secretKey, opts(label, hours));
const confirm = (label, target, party, hours) =>
  core.createConfirm(target, { reference: label }, party.secretKey, opts(label, hours));

/** Every message of the lifecycle vectors, by name. */
export function threadMessages() {
  // Thread 1: one unit wanted, at most two offers.
  const i1 = intent('one unit, two offers at most', 1, 2, 7 * 24);
  const oA = offer('A', i1, vendorA, 1);
  const oB = offer('B', i1, vendorB, 1.5, { terms: TERMS.noResale, amount: '95' });
  const oC = offer('C', i1, vendorC, 2);
  const oAagain = offer('A again', i1, vendorA, 2, { amount: '85' });
  const counterA = reply(
    'counter A',
    oA,
    { decision: 'counter', counter: { price: { amount: '80', currency: 'EUR' } } },
    2,
  );
  const oA2 = offer('A revised', counterA, vendorA, 3, { amount: '85' });
  const oA2other = offer('A revised twice', counterA, vendorA, 3.5, { amount: '84' });
  const oA2byB = offer('B revises A', counterA, vendorB, 3, { amount: '70' });
  const acceptA = accept('accept A', oA, 2);
  const acceptA2 = accept('accept A revised', oA2, 4);
  const acceptAwrongTerms = accept('accept A with other terms', oA, 2, buyer, TERMS.noResale);
  const acceptAbyB = accept('B accepts A', oA, 2, vendorB);
  const acceptB = accept('accept B', oB, 3);
  const questionB = reply(
    'question B',
    oB,
    { decision: 'question', text: 'Do you bring your own products?' },
    2.5,
  );
  const declineB = reply('decline B', oB, { decision: 'decline', reason: 'price' }, 2.5);
  const oB2 = offer('B revised', questionB, vendorB, 3, { terms: TERMS.noResale, amount: '95' });
  const oB2afterDecline = offer('B after decline', declineB, vendorB, 3, {
    terms: TERMS.noResale,
    amount: '75',
  });
  const replyToIntent = reply('reply to the intent', i1, { decision: 'question', text: 'Which floor?' }, 1);
  const buyerOffer = offer('buyer', i1, buyer, 1);
  const wrongTermsOffer = offer('other terms', i1, vendorC, 1, { terms: TERMS.vendorOwn });
  const tooManyOffer = offer('two units', i1, vendorC, 1, { quantity: 2 });
  const withdrawI1 = withdraw('withdraw intent 1', i1, buyer, 6);
  const withdrawI1byStranger = withdraw('stranger withdraws', i1, stranger, 6);
  const withdrawA = withdraw('withdraw A', oA, vendorA, 3.75);
  const withdrawAbyB = withdraw('B withdraws A', oA, vendorB, 3);
  const withdrawB = withdraw('withdraw B', oB, vendorB, 3);
  const withdrawCounter = withdraw('withdraw a counter', counterA, buyer, 3);
  const confirmA2 = confirm('confirm A revised', acceptA2, vendorA, 5);
  const confirmA = confirm('confirm A', acceptA, vendorA, 3);
  const confirmAbyB = confirm('B confirms A', acceptA, vendorB, 3);
  const confirmOffer = confirm('confirm an offer', oA, vendorA, 2);
  const confirmCounter = confirm('confirm a counter', counterA, vendorA, 3);

  // Thread 2: two units wanted; expires after two days.
  const i2 = intent('two units', 2, 5, 48);
  const o2A = offer('2A', i2, vendorA, 1);
  const o2B = offer('2B', i2, vendorB, 1);
  const o2C = offer('2C, two units', i2, vendorC, 1, { quantity: 2 });
  const acc2A = accept('accept 2A', o2A, 2);
  const acc2B = accept('accept 2B', o2B, 3);
  const acc2C = accept('accept 2C', o2C, 3);
  const conf2A = confirm('confirm 2A', acc2A, vendorA, 4);
  const conf2Aagain = confirm('confirm 2A again', acc2A, vendorA, 4.5);
  const conf2B = confirm('confirm 2B', acc2B, vendorB, 5);
  const withdraw2A = withdraw('withdraw accepted 2A', o2A, vendorA, 3);
  const withdrawI2 = withdraw('withdraw intent 2', i2, buyer, 3);
  const withdraw2Alate = withdraw('withdraw confirmed 2A', o2A, vendorA, 4.25);
  const withdrawI2late = withdraw('withdraw intent 2 after a confirm', i2, buyer, 4.25);

  // Thread 3: one vendor revising its own offer until the negotiation is as long as a revision may make it.
  const i3 = intent('a long negotiation', 1, 1, 7 * 24);
  const chain = [offer('long 1', i3, vendorA, 1)];
  while (chain.length < 62) {
    const n = chain.length + 1;
    chain.push(offer(`long ${n}`, chain.at(-1), vendorA, 1 + n / 60, { amount: `${100 + n}.00` }));
  }
  const longRevision = offer('long 63', chain.at(-1), vendorA, 3);
  const longAccept = accept('accept long 62', chain.at(-1), 3);
  const longConfirm = confirm('confirm long 62', longAccept, vendorA, 3.5);

  // Thread 4: the buyer publishes a seal key; thread 1 has none. Sealed parts are written with a fixed
  // ephemeral key and IV; the lifecycle never opens them.
  const i4 = intent('sealed offers', 1, 3, 7 * 24, { sealKey: BUYER_SEAL.publicJwk });
  const sealedTo = (thread, n) =>
    sealWith({
      plaintext: core.canonicalJson({ price: { amount: '88.00', currency: 'EUR' } }),
      recipient: BUYER_SEAL.publicJwk,
      thread: thread.id,
      ephemeral: ephemeralKey(100 + n),
      iv: fixedIv(100 + n),
    }).sealed;
  const sealedPart = sealedTo(i4, 1);
  const o4A = offer('4A, sealed', i4, vendorA, 1, { sealed: sealedPart });
  const o4Bcopy = offer('4B, a copy of 4A', i4, vendorB, 1.5, { sealed: sealedPart });
  const question4Asealed = reply(
    'question 4A, sealed',
    o4A,
    { decision: 'question', sealed: sealedTo(i4, 2) },
    2,
  );
  const oAsealedNoKey = offer('A, sealed without a key', i1, vendorA, 1, { sealed: sealedTo(i1, 3) });

  return {
    i1,
    oA,
    oB,
    oC,
    oAagain,
    counterA,
    oA2,
    oA2other,
    oA2byB,
    acceptA,
    acceptA2,
    acceptAwrongTerms,
    acceptAbyB,
    acceptB,
    questionB,
    declineB,
    oB2,
    oB2afterDecline,
    replyToIntent,
    buyerOffer,
    wrongTermsOffer,
    tooManyOffer,
    withdrawI1,
    withdrawI1byStranger,
    withdrawA,
    withdrawAbyB,
    withdrawB,
    withdrawCounter,
    confirmA2,
    confirmA,
    confirmAbyB,
    confirmOffer,
    confirmCounter,
    i2,
    o2A,
    o2B,
    o2C,
    acc2A,
    acc2B,
    acc2C,
    conf2A,
    conf2Aagain,
    conf2B,
    withdraw2A,
    withdrawI2,
    withdraw2Alate,
    withdrawI2late,
    i3,
    chain,
    longRevision,
    longAccept,
    longConfirm,
    i4,
    o4A,
    o4Bcopy,
    question4Asealed,
    oAsealedNoKey,
  };
}
