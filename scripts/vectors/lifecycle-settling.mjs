// lifecycle.json, the later rules: accepts that are not confirmed yet, the length of a negotiation, and the
// sealed parts of a thread (spec/lifecycle.md#unconfirmed-accepts, #negotiation-length, #7-sealed-parts).
import { MINUTE, ts } from './common.mjs';

/** Adds the cases with add(description, intent, messages, next, expected, tags, now). */
export function settlingCases(add, ok, no, messages) {
  const {
    i1,
    oA,
    acceptA,
    withdrawA,
    withdrawI1,
    i2,
    o2A,
    acc2A,
    conf2A,
    withdraw2A,
    withdrawI2,
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
  } = messages;

  add(
    'the vendor withdraws its accepted offer before confirming: the quantity is free again',
    i2,
    [o2A, acc2A],
    withdraw2A,
    ok('open'),
    ['withdraw', 'unconfirmed'],
  );
  add(
    'the vendor withdraws its accepted offer once the intent is accepted in full',
    i1,
    [oA, acceptA],
    withdrawA,
    ok('open'),
    ['withdraw', 'unconfirmed'],
  );
  add(
    'the vendor withdraws its accepted offer after the intent expired: nothing is left accepted',
    i2,
    [o2A, acc2A],
    withdraw2A,
    ok('expired'),
    ['withdraw', 'unconfirmed', 'expiry'],
    ts(Date.parse(i2.expires) + 60 * MINUTE),
  );
  add(
    'the buyer withdraws the intent while an accept awaits its confirm; the accept lapses',
    i2,
    [o2A, acc2A],
    withdrawI2,
    ok('withdrawn'),
    ['withdraw', 'unconfirmed'],
  );
  add(
    'the buyer withdraws the intent accepted in full but not confirmed',
    i1,
    [oA, acceptA],
    withdrawI1,
    ok('withdrawn'),
    ['withdraw', 'unconfirmed'],
  );
  add(
    'the buyer withdraws the intent after it expired, while an accept awaits its confirm',
    i2,
    [o2A, acc2A],
    withdrawI2,
    ok('withdrawn'),
    ['withdraw', 'unconfirmed', 'expiry'],
    ts(Date.parse(i2.expires) + 60 * MINUTE),
  );
  add(
    'an accept and its confirm take the last two places of a negotiation of 64 messages',
    i3,
    [...chain, longAccept],
    longConfirm,
    ok('closed'),
    ['confirm', 'limit'],
  );
  add('a sealed offer on an intent that publishes a seal key', i4, [], o4A, ok('open'), ['offer', 'sealed']);
  add(
    'a confirm of an accept whose offer was withdrawn',
    i2,
    [o2A, acc2A, withdraw2A],
    conf2A,
    no('ERR_LIFECYCLE_STATE'),
    ['confirm', 'unconfirmed'],
  );
  add(
    'a revised offer when the negotiation holds 62 messages',
    i3,
    chain,
    longRevision,
    no('ERR_LIFECYCLE_TOO_LONG'),
    ['offer', 'revised', 'limit'],
  );
  add('a sealed offer on an intent that publishes no seal key', i1, [], oAsealedNoKey, no('ERR_SEAL'), [
    'offer',
    'sealed',
  ]);
  add('a sealed reply to an offer that publishes no seal key', i4, [o4A], question4Asealed, no('ERR_SEAL'), [
    'reply',
    'sealed',
  ]);
  add("an offer carrying a copy of another offer's sealed part", i4, [o4A], o4Bcopy, no('ERR_SEAL'), [
    'offer',
    'sealed',
  ]);
}
