// lifecycle.json: whether a message may follow a thread, and the thread's state after it.
import { at, check, core, MINUTE, ts, validateAll, vectorCase } from './common.mjs';
import { settlingCases } from './lifecycle-settling.mjs';
import { threadMessages } from './lifecycle-threads.mjs';
import { valid } from './story.mjs';

export function lifecycleFile() {
  const messages = threadMessages();
  const {
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
    withdraw2Alate,
    withdrawI2late,
  } = messages;

  const cases = [];
  const add = (description, thread, messages, next, expected, tags, now) => {
    const when = now ?? ts(Date.parse(next.created) + MINUTE);
    const verdict = core.checkThreadMessage({ intent: thread, messages }, next, Date.parse(when));
    const got = verdict.ok ? { ok: true, state: verdict.state } : { ok: false, code: verdict.code };
    check(
      JSON.stringify(got) === JSON.stringify(expected),
      `lifecycle "${description}": expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
    );
    for (const message of [thread, ...messages, next]) {
      const result = validateAll(message, { checkTime: false });
      check(result.ok, `lifecycle "${description}": a message is invalid: ${result.message}`);
    }
    cases.push(
      vectorCase(description, { now: when, intent: thread, messages, next }, expected, [
        expected.ok ? 'allowed' : expected.code,
        ...tags,
      ]),
    );
  };
  const ok = (state) => ({ ok: true, state });
  const no = (code) => ({ ok: false, code });

  // Allowed.
  add('a first offer', i1, [], oA, ok('open'), ['offer']);
  add('a counter to an offer', i1, [oA], counterA, ok('open'), ['reply', 'counter']);
  add('a revised offer answering the counter', i1, [oA, counterA], oA2, ok('open'), ['offer', 'revised']);
  add('an accept of the revised offer fills the intent', i1, [oA, counterA, oA2], acceptA2, ok('accepted'), [
    'reply',
    'accept',
  ]);
  add(
    'the confirm of the accept closes the thread',
    i1,
    [oA, counterA, oA2, acceptA2],
    confirmA2,
    ok('closed'),
    ['confirm'],
  );
  add('an accept of a first offer', i1, [oA], acceptA, ok('accepted'), ['reply', 'accept']);
  add(
    'an accept one second before the offer stops being firm',
    i1,
    [oA],
    acceptA,
    ok('accepted'),
    ['reply', 'accept', 'boundary'],
    ts(Date.parse(oA.expires) - 1000),
  );
  add('a second vendor offers', i1, [oA], oB, ok('open'), ['offer']);
  add('a question to an offer', i1, [oA, oB], questionB, ok('open'), ['reply', 'question']);
  add('a revised offer answering the question', i1, [oA, oB, questionB], oB2, ok('open'), [
    'offer',
    'revised',
  ]);
  add('a decline of an offer', i1, [oB], declineB, ok('open'), ['reply', 'decline']);
  add('the vendor withdraws its offer', i1, [oB], withdrawB, ok('open'), ['withdraw']);
  add(
    'the vendor withdraws its offer while the buyer awaits an answer',
    i1,
    [oB, questionB],
    withdrawB,
    ok('open'),
    ['withdraw'],
  );
  add('an offer after another vendor withdrew its own', i1, [oB, withdrawB], oA, ok('open'), [
    'offer',
    'offer-cap',
  ]);
  add('a withdrawn negotiation frees its place under the cap', i1, [oA, oB, withdrawB], oC, ok('open'), [
    'offer',
    'offer-cap',
  ]);
  add('a declined negotiation frees its place under the cap', i1, [oA, oB, declineB], oC, ok('open'), [
    'offer',
    'offer-cap',
  ]);
  add('the buyer withdraws the intent', i1, [], withdrawI1, ok('withdrawn'), ['withdraw']);
  add(
    'the buyer withdraws the intent during a negotiation',
    i1,
    [oA, counterA],
    withdrawI1,
    ok('withdrawn'),
    ['withdraw'],
  );
  add('two units: the first accept leaves the thread open', i2, [o2A, o2B], acc2A, ok('open'), [
    'quantity',
    'accept',
  ]);
  add('two units: the second accept fills the intent', i2, [o2A, o2B, acc2A], acc2B, ok('accepted'), [
    'quantity',
    'accept',
  ]);
  add(
    'two units: the first confirm, one accept still unconfirmed',
    i2,
    [o2A, o2B, acc2A, acc2B],
    conf2A,
    ok('accepted'),
    ['quantity', 'confirm'],
  );
  add(
    'two units: the last confirm closes the thread',
    i2,
    [o2A, o2B, acc2A, acc2B, conf2A],
    conf2B,
    ok('closed'),
    ['quantity', 'confirm'],
  );
  add(
    'a confirm may still arrive after the intent expired; the part that was filled closes',
    i2,
    [o2A, acc2A],
    conf2A,
    ok('closed'),
    ['confirm', 'expiry'],
    ts(Date.parse(i2.expires) + 60 * MINUTE),
  );

  // Refused.
  add('an offer from another thread', i1, [], valid('offer'), no('ERR_LIFECYCLE_WRONG_THREAD'), ['offer']);
  add(
    'an intent cannot follow a thread',
    i1,
    [oA],
    i2,
    no('ERR_LIFECYCLE_WRONG_THREAD'),
    ['intent'],
    ts(at(1)),
  );
  add('the same offer twice', i1, [oA], oA, no('ERR_LIFECYCLE_DUPLICATE'), ['offer']);
  add('a reply to an offer the thread does not hold', i1, [oA], declineB, no('ERR_LIFECYCLE_UNKNOWN_REF'), [
    'reply',
  ]);
  add('a reply to the intent', i1, [], replyToIntent, no('ERR_LIFECYCLE_REF_TYPE'), ['reply']);
  add('a confirm of an offer', i1, [oA], confirmOffer, no('ERR_LIFECYCLE_REF_TYPE'), ['confirm']);
  add('a confirm of a counter', i1, [oA, counterA], confirmCounter, no('ERR_LIFECYCLE_REF_TYPE'), [
    'confirm',
  ]);
  add('a withdraw of a reply', i1, [oA, counterA], withdrawCounter, no('ERR_LIFECYCLE_REF_TYPE'), [
    'withdraw',
  ]);
  add('the buyer offers on their own intent', i1, [], buyerOffer, no('ERR_LIFECYCLE_NOT_AUTHOR'), ['offer']);
  add('a vendor replies to an offer', i1, [oA], acceptAbyB, no('ERR_LIFECYCLE_NOT_AUTHOR'), ['reply']);
  add("a vendor revises another vendor's offer", i1, [oA, counterA], oA2byB, no('ERR_LIFECYCLE_NOT_AUTHOR'), [
    'offer',
    'revised',
  ]);
  add('someone else withdraws the intent', i1, [oA], withdrawI1byStranger, no('ERR_LIFECYCLE_NOT_AUTHOR'), [
    'withdraw',
  ]);
  add("a vendor withdraws another vendor's offer", i1, [oA], withdrawAbyB, no('ERR_LIFECYCLE_NOT_AUTHOR'), [
    'withdraw',
  ]);
  add(
    "a vendor confirms another vendor's accept",
    i1,
    [oA, acceptA],
    confirmAbyB,
    no('ERR_LIFECYCLE_NOT_AUTHOR'),
    ['confirm'],
  );
  add(
    'an accept while the vendor has the turn (after a counter)',
    i1,
    [oA, counterA],
    acceptA,
    no('ERR_LIFECYCLE_STATE'),
    ['reply'],
  );
  add(
    'an accept of an offer that was revised since',
    i1,
    [oA, counterA, oA2],
    acceptA,
    no('ERR_LIFECYCLE_NOT_HEAD'),
    ['reply'],
  );
  add(
    'a second revision answering the same counter',
    i1,
    [oA, counterA, oA2],
    oA2other,
    no('ERR_LIFECYCLE_NOT_HEAD'),
    ['offer', 'revised'],
  );
  add(
    'a withdraw of an offer that was revised since',
    i1,
    [oA, counterA, oA2],
    withdrawA,
    no('ERR_LIFECYCLE_NOT_HEAD'),
    ['withdraw'],
  );
  add('a revised offer after a decline', i1, [oB, declineB], oB2afterDecline, no('ERR_LIFECYCLE_STATE'), [
    'offer',
    'revised',
  ]);
  add(
    'the withdraw of an intent with a confirmed accept',
    i2,
    [o2A, acc2A, conf2A],
    withdrawI2late,
    no('ERR_LIFECYCLE_STATE'),
    ['withdraw'],
  );
  add(
    'the withdraw of an offer whose accept is confirmed',
    i2,
    [o2A, acc2A, conf2A],
    withdraw2Alate,
    no('ERR_LIFECYCLE_STATE'),
    ['withdraw'],
  );
  add(
    'a second confirm of the same accept',
    i2,
    [o2A, acc2A, conf2A],
    conf2Aagain,
    no('ERR_LIFECYCLE_STATE'),
    ['confirm'],
  );
  add(
    'an offer after the intent was withdrawn',
    i1,
    [withdrawI1],
    oA,
    no('ERR_LIFECYCLE_CLOSED'),
    ['offer'],
    ts(at(7)),
  );
  add(
    'an offer after the thread closed',
    i1,
    [oA, acceptA, confirmA],
    oB,
    no('ERR_LIFECYCLE_CLOSED'),
    ['offer'],
    ts(at(4)),
  );
  add(
    'an offer at the very second the intent expires',
    i1,
    [],
    oA,
    no('ERR_LIFECYCLE_EXPIRED'),
    ['offer', 'boundary'],
    i1.expires,
  );
  add(
    'an accept after the intent expired',
    i2,
    [o2A],
    acc2A,
    no('ERR_LIFECYCLE_EXPIRED'),
    ['reply'],
    ts(at(49)),
  );
  add(
    'an offer once the intent is accepted in full',
    i1,
    [oA, acceptA],
    oB,
    no('ERR_LIFECYCLE_ALREADY_ACCEPTED'),
    ['offer'],
    ts(at(3)),
  );
  add(
    'a second accept once the intent is accepted in full',
    i1,
    [oA, oB, acceptA],
    acceptB,
    no('ERR_LIFECYCLE_ALREADY_ACCEPTED'),
    ['reply'],
  );
  add('a third offer when the cap is two', i1, [oA, oB], oC, no('ERR_LIFECYCLE_OFFER_CAP'), ['offer']);
  add(
    'a negotiation under way counts against the cap, even awaiting the vendor',
    i1,
    [oA, oB, questionB],
    oC,
    no('ERR_LIFECYCLE_OFFER_CAP'),
    ['offer', 'offer-cap'],
  );
  add('a second first offer from the same vendor', i1, [oA], oAagain, no('ERR_LIFECYCLE_DUPLICATE_OFFER'), [
    'offer',
  ]);
  add(
    'an accept at the very second the offer stops being firm',
    i1,
    [oA],
    acceptA,
    no('ERR_LIFECYCLE_OFFER_EXPIRED'),
    ['reply', 'boundary'],
    oA.expires,
  );
  add("an offer naming terms that are not the buyer's", i1, [], wrongTermsOffer, no('ERR_LIFECYCLE_TERMS'), [
    'offer',
  ]);
  add(
    "an accept naming terms other than the offer's",
    i1,
    [oA],
    acceptAwrongTerms,
    no('ERR_LIFECYCLE_TERMS'),
    ['reply'],
  );
  add('an offer for more units than the intent wants', i1, [], tooManyOffer, no('ERR_LIFECYCLE_QUANTITY'), [
    'offer',
  ]);
  add('an accept for more units than are left', i2, [o2A, o2C, acc2A], acc2C, no('ERR_LIFECYCLE_QUANTITY'), [
    'reply',
  ]);
  settlingCases(add, ok, no, messages);
  return {
    description:
      'The thread lifecycle. Each case gives an intent, the messages already accepted into its thread (in ' +
      'order, each valid), the next message and the time it arrives. Expected is either ok with the state of ' +
      'the thread after it (open, accepted, closed, withdrawn, expired), or the code that refuses it: an ' +
      'ERR_LIFECYCLE_* code, or ERR_SEAL for the rules on sealed parts. Time rules are judged at "now" for ' +
      'the next message only.',
    source: 'spec/lifecycle.md',
    cases,
  };
}
