import {
  applyToThread,
  assertApplies,
  checkThreadMessage,
  type ErrorCode,
  foldThread,
  type Intent,
  IntentcastError,
  type Message,
  startThread,
  type ThreadSnapshot,
  threadState,
} from '@intentcast/core';
import { describe, expect, it, test } from 'vitest';
import {
  BUYER,
  DAY,
  didOf,
  HOUR,
  INTENT_EXPIRES,
  kit,
  NOW,
  OFFER_EXPIRES,
  STRANGER,
  TERMS_B,
  TERMS_FOREIGN,
  unwrap,
  VENDOR_A,
  VENDOR_B,
  VENDOR_C,
} from './lifecycle-fixtures.js';

/** Applies `messages` one by one at `now`, as a relay receiving them would. */
function receive(intent: Intent, messages: readonly Message[], now: number = NOW): ThreadSnapshot {
  let snapshot = startThread(intent);
  for (const message of messages) snapshot = assertApplies(snapshot, message, { now });
  return snapshot;
}

/** The verdict on `next` after the thread `[intent, ...messages]` was received at NOW. */
function judge(thread: readonly [Intent, ...Message[]], next: Message, now: number = NOW) {
  const [intent, ...messages] = thread;
  return applyToThread(receive(intent, messages), next, { now });
}

function refusal(code: ErrorCode, message: string, path?: string) {
  return path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };
}

describe('threadState', () => {
  const k = kit();
  const intent = k.intent();

  it('is open for a new thread, which holds only its intent', () => {
    const snapshot = startThread(intent);
    expect(threadState(snapshot, NOW)).toBe('open');
    expect(snapshot.negotiations.size).toBe(0);
    expect([...snapshot.types]).toEqual([[intent.id, 'intent']]);
    expect(snapshot.acceptedQuantity).toBe(0);
    expect(snapshot.withdrawn).toBe(false);
  });

  it("is expired from the instant of the intent's `expires`, not a millisecond before", () => {
    const snapshot = startThread(intent);
    expect(threadState(snapshot, INTENT_EXPIRES - 1)).toBe('open');
    expect(threadState(snapshot, INTENT_EXPIRES)).toBe('expired');
    expect(threadState(snapshot, new Date(INTENT_EXPIRES))).toBe('expired');
  });

  it('never says expired when no time is given', () => {
    expect(threadState(startThread(intent))).toBe('open');
  });

  it('says accepted, not expired, for a thread accepted in full whose intent has since expired', () => {
    const offer = k.offer(intent, VENDOR_A);
    const snapshot = receive(intent, [offer, k.accept(offer)]);
    expect(threadState(snapshot, INTENT_EXPIRES + DAY)).toBe('accepted');
  });
});

describe('transitions', () => {
  it('a first offer opens a negotiation named by its id, owned by its author', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const snapshot = receive(intent, [offer]);
    expect([...snapshot.negotiations.values()]).toEqual([
      { id: offer.id, vendor: didOf(VENDOR_A), head: offer.id, offer, status: 'open', length: 1 },
    ]);
    expect(snapshot.vendors.get(didOf(VENDOR_A))).toBe(offer.id);
    expect(snapshot.live).toBe(1);
    expect(snapshot.owner.get(offer.id)).toBe(offer.id);
    expect(snapshot.types.get(offer.id)).toBe('offer');
    expect(threadState(snapshot, NOW)).toBe('open');
  });

  it('negotiations keep the order they began in', () => {
    const k = kit();
    const intent = k.intent();
    const a = k.offer(intent, VENDOR_A);
    const b = k.offer(intent, VENDOR_B);
    expect([...receive(intent, [b, a]).negotiations.keys()]).toEqual([b.id, a.id]);
  });

  it.each(['counter', 'question'] as const)(
    'a %s awaits the vendor; a revised offer answering it reopens',
    (kind) => {
      const k = kit();
      const intent = k.intent();
      const offer = k.offer(intent, VENDOR_A);
      const reply = k[kind](offer);
      const awaiting = receive(intent, [offer, reply]).negotiations.get(offer.id);
      expect(awaiting).toMatchObject({ head: reply.id, offer, status: 'awaiting-vendor' });

      const revised = k.offer(reply, VENDOR_A, { price: '135.00' });
      const snapshot = receive(intent, [offer, reply, revised]);
      expect(snapshot.negotiations.get(offer.id)).toEqual({
        id: offer.id,
        vendor: didOf(VENDOR_A),
        head: revised.id,
        offer: revised,
        status: 'open',
        length: 3,
      });
      expect(snapshot.owner.get(reply.id)).toBe(offer.id);
      expect(snapshot.owner.get(revised.id)).toBe(offer.id);
    },
  );

  it('a vendor may revise its own latest offer before the buyer answers', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const revised = k.offer(offer, VENDOR_A, { price: '140.00' });
    expect(receive(intent, [offer, revised]).negotiations.get(offer.id)).toMatchObject({
      head: revised.id,
      offer: revised,
      status: 'open',
    });
  });

  it('a decline ends the negotiation and leaves the thread open', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const decline = k.decline(offer);
    const snapshot = receive(intent, [offer, decline]);
    expect(snapshot.negotiations.get(offer.id)).toMatchObject({ head: decline.id, status: 'declined' });
    expect(threadState(snapshot, NOW)).toBe('open');
  });

  it('an accept of the whole quantity accepts the thread; the confirm closes it', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const accept = k.accept(offer);
    const accepted = receive(intent, [offer, accept]);
    expect(accepted.negotiations.get(offer.id)).toMatchObject({
      head: accept.id,
      status: 'accepted',
      accept: accept.id,
    });
    expect(accepted.acceptedQuantity).toBe(1);
    expect(threadState(accepted, NOW)).toBe('accepted');

    const confirm = k.confirm(accept, VENDOR_A);
    const closed = receive(intent, [offer, accept, confirm]);
    expect(closed.negotiations.get(offer.id)).toMatchObject({ head: confirm.id, status: 'confirmed' });
    expect(threadState(closed, NOW)).toBe('closed');
  });

  it('an accept may follow a counter and a revised offer, and accepts the revised one', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const counter = k.counter(offer);
    const revised = k.offer(counter, VENDOR_A, { terms: TERMS_B, price: '135.00' });
    const accept = k.accept(revised);
    const snapshot = receive(intent, [offer, counter, revised, accept]);
    expect(snapshot.negotiations.get(offer.id)).toMatchObject({ offer: revised, status: 'accepted' });
  });

  it.each([
    ['open', false],
    ['awaiting-vendor', true],
  ])('a vendor withdraws its offer from a negotiation that is %s', (_, countered) => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const stored = countered ? [offer, k.counter(offer)] : [offer];
    const withdraw = k.withdraw(offer, VENDOR_A);
    const snapshot = receive(intent, [...stored, withdraw]);
    expect(snapshot.negotiations.get(offer.id)).toMatchObject({ head: withdraw.id, status: 'withdrawn' });
    expect(threadState(snapshot, NOW)).toBe('open');
  });

  it('the buyer withdraws the intent while nothing is accepted', () => {
    const k = kit();
    const intent = k.intent();
    const offer = k.offer(intent, VENDOR_A);
    const withdraw = k.withdraw(intent, BUYER);
    const snapshot = receive(intent, [offer, k.counter(offer), withdraw]);
    expect(snapshot.withdrawn).toBe(true);
    expect(snapshot.types.get(withdraw.id)).toBe('withdraw');
    expect(threadState(snapshot, NOW)).toBe('withdrawn');
  });
});

describe('quantity', () => {
  it('an intent for 2 takes one accept per negotiation until it is full, then closes on both confirms', () => {
    const k = kit();
    const intent = k.intent({ quantity: 2 });
    const a = k.offer(intent, VENDOR_A);
    const b = k.offer(intent, VENDOR_B);
    const acceptA = k.accept(a);
    const acceptB = k.accept(b);
    const confirmA = k.confirm(acceptA, VENDOR_A);
    const confirmB = k.confirm(acceptB, VENDOR_B);

    const half = receive(intent, [a, b, acceptA]);
    expect(half.acceptedQuantity).toBe(1);
    expect(threadState(half, NOW)).toBe('open');

    const full = receive(intent, [a, b, acceptA, acceptB]);
    expect(full.acceptedQuantity).toBe(2);
    expect(threadState(full, NOW)).toBe('accepted');

    const oneConfirmed = receive(intent, [a, b, acceptA, acceptB, confirmB]);
    expect(threadState(oneConfirmed, NOW)).toBe('accepted');
    expect(threadState(receive(intent, [a, b, acceptA, acceptB, confirmB, confirmA]), NOW)).toBe('closed');
  });

  it('a partly filled thread takes confirms after the intent expires', () => {
    const k = kit();
    const intent = k.intent({ quantity: 2 });
    const offer = k.offer(intent, VENDOR_A);
    const accept = k.accept(offer);
    const late = INTENT_EXPIRES + HOUR;
    const snapshot = unwrap(
      applyToThread(receive(intent, [offer, accept]), k.confirm(accept, VENDOR_A), { now: late }),
    );
    expect(snapshot.negotiations.get(offer.id)?.status).toBe('confirmed');
    // What was accepted stands: expiry ends the thread as accepted, then closed once confirmed.
    expect(threadState(receive(intent, [offer, accept]), late)).toBe('accepted');
    expect(threadState(snapshot, late)).toBe('closed');
    expect(applyToThread(snapshot, k.offer(intent, VENDOR_B), { now: late })).toEqual(
      refusal('ERR_LIFECYCLE_CLOSED', 'the thread is closed: every accepted offer is confirmed'),
    );
  });

  it('one accept of an offer for the whole quantity fills the thread', () => {
    const k = kit();
    const intent = k.intent({ quantity: 3 });
    const offer = k.offer(intent, VENDOR_A, { quantity: 3 });
    expect(threadState(receive(intent, [offer, k.accept(offer)]), NOW)).toBe('accepted');
  });
});

describe('refusals: the thread as a whole', () => {
  const k = kit();
  const intent = k.intent();
  const other = k.intent({ by: STRANGER });
  const offer = k.offer(intent, VENDOR_A);
  const accept = k.accept(offer);

  it('an intent starts a thread of its own', () => {
    expect(judge([intent], other)).toEqual(
      refusal('ERR_LIFECYCLE_WRONG_THREAD', 'an intent starts a thread of its own'),
    );
    expect(judge([intent], intent)).toEqual(
      refusal('ERR_LIFECYCLE_WRONG_THREAD', 'an intent starts a thread of its own'),
    );
  });

  it('a message of another thread is refused', () => {
    expect(judge([intent], k.offer(other, VENDOR_A))).toEqual(
      refusal(
        'ERR_LIFECYCLE_WRONG_THREAD',
        `message belongs to thread ${other.id}, not ${intent.id}`,
        '/thread',
      ),
    );
  });

  it('a message the thread holds is refused as a duplicate, even once the thread is closed', () => {
    const duplicate = refusal('ERR_LIFECYCLE_DUPLICATE', 'message is already in the thread', '/id');
    expect(judge([intent, offer], offer)).toEqual(duplicate);
    expect(judge([intent, offer, accept, k.confirm(accept, VENDOR_A)], accept)).toEqual(duplicate);
  });

  it('a message answering one the thread does not hold is refused', () => {
    const unknown = refusal('ERR_LIFECYCLE_UNKNOWN_REF', 'ref names no message of this thread', '/ref');
    const counter = k.counter(offer);
    expect(judge([intent, offer], k.offer(counter, VENDOR_A))).toEqual(unknown);
    const foreignOffer = k.offer(other, VENDOR_A);
    const crossing = k.raw('reply', foreignOffer, { decision: 'question', text: 'Which floor?' }, BUYER, {
      thread: intent.id,
    });
    expect(judge([intent, offer], crossing)).toEqual(unknown);
  });

  it('nothing follows a withdrawn intent', () => {
    const withdrawn = [intent, offer, k.withdraw(intent, BUYER)] as const;
    const closed = refusal('ERR_LIFECYCLE_CLOSED', 'the intent was withdrawn');
    expect(judge(withdrawn, k.offer(intent, VENDOR_B))).toEqual(closed);
    expect(judge(withdrawn, k.accept(offer))).toEqual(closed);
    expect(judge(withdrawn, k.withdraw(intent, BUYER))).toEqual(closed);
  });

  it('nothing follows a closed thread, not even a confirm', () => {
    const confirm = k.confirm(accept, VENDOR_A);
    const closed = refusal('ERR_LIFECYCLE_CLOSED', 'the thread is closed: every accepted offer is confirmed');
    expect(judge([intent, offer, accept, confirm], k.offer(intent, VENDOR_B))).toEqual(closed);
    expect(judge([intent, offer, accept, confirm], k.confirm(accept, VENDOR_A))).toEqual(closed);
  });

  it('once the intent is accepted in full only a message that settles an accept may follow', () => {
    const b = k.offer(intent, VENDOR_B);
    const thread = [intent, offer, b, accept] as const;
    const full = refusal('ERR_LIFECYCLE_ALREADY_ACCEPTED', 'the intent has been accepted in full');
    expect(judge(thread, k.offer(intent, VENDOR_C))).toEqual(full);
    expect(judge(thread, k.decline(b))).toEqual(full);
    expect(judge(thread, k.withdraw(b, VENDOR_B))).toEqual(full);
    expect(judge(thread, k.confirm(accept, VENDOR_A)).ok).toBe(true);
    expect(judge(thread, k.withdraw(offer, VENDOR_A)).ok).toBe(true);
    expect(judge(thread, k.withdraw(intent, BUYER)).ok).toBe(true);
    const confirmed = [...thread, k.confirm(accept, VENDOR_A)] as const;
    expect(judge(confirmed, k.withdraw(intent, BUYER))).toEqual(
      refusal('ERR_LIFECYCLE_CLOSED', 'the thread is closed: every accepted offer is confirmed'),
    );
  });

  it('nothing but a confirm follows an expired intent', () => {
    const expired = refusal('ERR_LIFECYCLE_EXPIRED', `the intent expired at ${intent.expires}`);
    expect(judge([intent], k.offer(intent, VENDOR_A), INTENT_EXPIRES)).toEqual(expired);
    expect(judge([intent, offer], k.counter(offer), INTENT_EXPIRES)).toEqual(expired);
    expect(judge([intent], k.withdraw(intent, BUYER), INTENT_EXPIRES)).toEqual(expired);
    expect(judge([intent], k.offer(intent, VENDOR_A), INTENT_EXPIRES - 1).ok).toBe(true);
  });
});

describe('the order of the checks', () => {
  const k = kit();
  const intent = k.intent();
  const other = k.intent({ by: STRANGER });
  const offer = k.offer(intent, VENDOR_A);
  const withdrawn = [intent, offer, k.withdraw(intent, BUYER)] as const;

  it('checks on the message alone come before the state of the thread', () => {
    expect(judge(withdrawn, k.offer(other, VENDOR_B))).toMatchObject({ code: 'ERR_LIFECYCLE_WRONG_THREAD' });
    expect(judge(withdrawn, offer)).toMatchObject({ code: 'ERR_LIFECYCLE_DUPLICATE' });
    expect(judge(withdrawn, k.offer(k.counter(offer), VENDOR_A))).toMatchObject({
      code: 'ERR_LIFECYCLE_UNKNOWN_REF',
    });
  });

  it('the state of the thread comes before the rules of each type', () => {
    const accepted = [intent, offer, k.accept(offer)] as const;
    expect(judge(accepted, k.offer(intent, BUYER))).toMatchObject({ code: 'ERR_LIFECYCLE_ALREADY_ACCEPTED' });
    expect(judge([intent], k.offer(intent, BUYER), INTENT_EXPIRES)).toMatchObject({
      code: 'ERR_LIFECYCLE_EXPIRED',
    });
    expect(judge(withdrawn, k.withdraw(intent, VENDOR_A))).toMatchObject({ code: 'ERR_LIFECYCLE_CLOSED' });
  });

  it('an accept is checked for firmness, then terms, then quantity', () => {
    const k2 = kit();
    const two = k2.intent({ quantity: 2 });
    const a = k2.offer(two, VENDOR_A);
    const big = k2.offer(two, VENDOR_B, { quantity: 2 });
    const thread = [two, a, big, k2.accept(a)] as const;
    const wrongTerms = k2.accept(big, { terms: TERMS_B });
    expect(judge(thread, wrongTerms, OFFER_EXPIRES)).toMatchObject({ code: 'ERR_LIFECYCLE_OFFER_EXPIRED' });
    expect(judge(thread, wrongTerms)).toMatchObject({ code: 'ERR_LIFECYCLE_TERMS' });
  });
});

describe('refusals: first and revised offers', () => {
  const k = kit();
  const intent = k.intent({ offerCap: 2 });
  const a = k.offer(intent, VENDOR_A);
  const b = k.offer(intent, VENDOR_B);

  it('the buyer cannot offer on their own intent', () => {
    expect(judge([intent], k.offer(intent, BUYER))).toEqual(
      refusal('ERR_LIFECYCLE_NOT_AUTHOR', 'the buyer cannot offer on their own intent', '/author'),
    );
  });

  it('a vendor has one negotiation per intent, even after it ended', () => {
    const again = k.offer(intent, VENDOR_A, { price: '120.00' });
    const expected = refusal(
      'ERR_LIFECYCLE_DUPLICATE_OFFER',
      `this vendor already negotiates in offer ${a.id}`,
      '/ref',
    );
    expect(judge([intent, a], again)).toEqual(expected);
    expect(judge([intent, a, k.decline(a)], again)).toEqual(expected);
    expect(judge([intent, a, k.withdraw(a, VENDOR_A)], again)).toEqual(expected);
  });

  it('the offer cap counts live negotiations: a declined or withdrawn one frees its place', () => {
    const third = k.offer(intent, VENDOR_C);
    const capped = refusal(
      'ERR_LIFECYCLE_OFFER_CAP',
      'the buyer wants at most 2 live negotiations, and has as many',
    );
    expect(judge([intent, a, b], third)).toEqual(capped);
    expect(judge([intent, a, b, k.counter(a)], third)).toEqual(capped);
    expect(judge([intent, a, b, k.decline(a)], third)).toMatchObject({ ok: true });
    expect(judge([intent, a, b, k.withdraw(b, VENDOR_B)], third)).toMatchObject({ ok: true });
    const freed = receive(intent, [a, b, k.decline(a), k.withdraw(b, VENDOR_B)]);
    expect(freed.live).toBe(0);
    expect(freed.negotiations.size).toBe(2);
  });

  it('an accepted or confirmed negotiation keeps its place under the cap', () => {
    const k2 = kit();
    const two = k2.intent({ quantity: 2, offerCap: 1 });
    const offer = k2.offer(two, VENDOR_A);
    const accept = k2.accept(offer);
    const capped = refusal(
      'ERR_LIFECYCLE_OFFER_CAP',
      'the buyer wants at most 1 live negotiations, and has as many',
    );
    expect(judge([two, offer, accept], k2.offer(two, VENDOR_B))).toEqual(capped);
    expect(judge([two, offer, accept, k2.confirm(accept, VENDOR_A)], k2.offer(two, VENDOR_B))).toEqual(
      capped,
    );
  });

  it("an offer's terms must be among the intent's", () => {
    const foreign = refusal(
      'ERR_LIFECYCLE_TERMS',
      "the offer's terms are not among the intent's terms",
      '/body/terms',
    );
    expect(judge([intent], k.offer(intent, VENDOR_A, { terms: TERMS_FOREIGN }))).toEqual(foreign);
    expect(judge([intent, a], k.offer(a, VENDOR_A, { terms: TERMS_FOREIGN }))).toEqual(foreign);
    expect(judge([intent], k.offer(intent, VENDOR_A, { terms: TERMS_B })).ok).toBe(true);
  });

  it('an offer may be for no more than the intent has left to fill', () => {
    expect(judge([intent], k.offer(intent, VENDOR_A, { quantity: 2 }))).toEqual(
      refusal('ERR_LIFECYCLE_QUANTITY', 'the offer is for 2; 1 left', '/body/quantity'),
    );
    const k3 = kit();
    const three = k3.intent({ quantity: 3 });
    const big = k3.offer(three, VENDOR_A, { quantity: 2 });
    const filled = [three, big, k3.accept(big)] as const;
    expect(judge(filled, k3.offer(three, VENDOR_B, { quantity: 2 }))).toEqual(
      refusal('ERR_LIFECYCLE_QUANTITY', 'the offer is for 2; 1 left', '/body/quantity'),
    );
    const small = k3.offer(three, VENDOR_B);
    expect(judge([...filled, small], k3.offer(small, VENDOR_B, { quantity: 2 }))).toEqual(
      refusal('ERR_LIFECYCLE_QUANTITY', 'the offer is for 2; 1 left', '/body/quantity'),
    );
  });

  it('only the vendor of a negotiation may revise in it', () => {
    const notAuthor = refusal(
      'ERR_LIFECYCLE_NOT_AUTHOR',
      'only the author of an offer may revise it',
      '/author',
    );
    expect(judge([intent, a], k.offer(a, VENDOR_B))).toEqual(notAuthor);
    const counter = k.counter(a);
    expect(judge([intent, a, counter], k.offer(counter, VENDOR_B))).toEqual(notAuthor);
    expect(judge([intent, a, counter], k.offer(counter, BUYER))).toEqual(notAuthor);
  });

  it('a revised offer answers the latest message of its negotiation', () => {
    const counter = k.counter(a);
    expect(judge([intent, a, counter], k.offer(a, VENDOR_A))).toEqual(
      refusal(
        'ERR_LIFECYCLE_NOT_HEAD',
        `a revised offer must answer ${counter.id}, the latest of its negotiation`,
        '/ref',
      ),
    );
  });

  it('no offer follows a decline, an accept or a withdrawal in its negotiation', () => {
    const decline = k.decline(a);
    expect(judge([intent, a, decline], k.offer(decline, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is declined'),
    );
    const withdraw = k.withdraw(a, VENDOR_A);
    const afterWithdraw = k.raw('offer', withdraw, a.body, VENDOR_A);
    expect(judge([intent, a, withdraw], afterWithdraw)).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is withdrawn'),
    );
    const k2 = kit();
    const two = k2.intent({ quantity: 2 });
    const offer = k2.offer(two, VENDOR_A);
    const accept = k2.accept(offer);
    expect(judge([two, offer, accept], k2.offer(accept, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is accepted'),
    );
  });
});

describe('refusals: replies', () => {
  const k = kit();
  const intent = k.intent({ quantity: 2 });
  const a = k.offer(intent, VENDOR_A);

  it("only the intent's author may reply", () => {
    const notAuthor = refusal(
      'ERR_LIFECYCLE_NOT_AUTHOR',
      "only the intent's author may reply to offers",
      '/author',
    );
    expect(judge([intent, a], k.accept(a, { by: VENDOR_A }))).toEqual(notAuthor);
    expect(judge([intent, a], k.question(a, { by: STRANGER }))).toEqual(notAuthor);
  });

  it('a reply answers an offer, not a reply', () => {
    const counter = k.counter(a);
    expect(
      judge([intent, a, counter], k.raw('reply', counter, { decision: 'decline', reason: 'price' }, BUYER)),
    ).toEqual(refusal('ERR_LIFECYCLE_REF_TYPE', 'a reply answers an offer, not a reply', '/ref'));
  });

  it('a reply to the intent itself is refused', () => {
    const result = judge([intent], k.raw('reply', intent, { decision: 'question', text: 'Anyone?' }, BUYER));
    expect(result).toMatchObject({ ok: false, code: 'ERR_LIFECYCLE_REF_TYPE', path: '/ref' });
  });

  it('a reply to the intent itself says it answers "not an intent"', () => {
    expect(judge([intent], k.raw('reply', intent, { decision: 'question', text: 'Anyone?' }, BUYER))).toEqual(
      refusal('ERR_LIFECYCLE_REF_TYPE', 'a reply answers an offer, not an intent', '/ref'),
    );
  });

  it('a reply answers the latest offer of its negotiation, and the buyer speaks once per turn', () => {
    const revised = k.offer(a, VENDOR_A, { price: '140.00' });
    expect(judge([intent, a, revised], k.accept(a))).toEqual(
      refusal(
        'ERR_LIFECYCLE_NOT_HEAD',
        `a reply must answer ${revised.id}, the latest of its negotiation`,
        '/ref',
      ),
    );
    // After a counter the vendor has the turn: the negotiation awaits the vendor.
    const counter = k.counter(a);
    expect(judge([intent, a, counter], k.question(a))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is awaiting-vendor'),
    );
  });

  it('a negotiation takes one accept, and no reply after it ends', () => {
    const accept = k.accept(a);
    expect(judge([intent, a, accept], k.accept(a))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is accepted'),
    );
    const withdraw = k.withdraw(a, VENDOR_A);
    expect(judge([intent, a, withdraw], k.accept(a))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is withdrawn'),
    );
  });

  it('an accept comes while the offer is firm; other replies may come later', () => {
    expect(judge([intent, a], k.accept(a), OFFER_EXPIRES)).toEqual(
      refusal('ERR_LIFECYCLE_OFFER_EXPIRED', `the offer was firm until ${a.expires}`, '/ref'),
    );
    expect(judge([intent, a], k.accept(a), OFFER_EXPIRES - 1).ok).toBe(true);
    expect(judge([intent, a], k.counter(a), OFFER_EXPIRES).ok).toBe(true);
    expect(judge([intent, a], k.decline(a), OFFER_EXPIRES).ok).toBe(true);
  });

  it("an accept names the offer's terms", () => {
    expect(judge([intent, a], k.accept(a, { terms: TERMS_B }))).toEqual(
      refusal('ERR_LIFECYCLE_TERMS', "an accept must name the offer's terms", '/body/terms'),
    );
  });

  it('an accept takes no more than the intent has left', () => {
    const big = k.offer(intent, VENDOR_B, { quantity: 2 });
    expect(judge([intent, a, big, k.accept(a)], k.accept(big))).toEqual(
      refusal('ERR_LIFECYCLE_QUANTITY', 'the offer is for 2; 1 left', '/ref'),
    );
  });
});

describe('refusals: withdrawals', () => {
  const k = kit();
  const intent = k.intent({ quantity: 2 });
  const a = k.offer(intent, VENDOR_A);

  it('only the buyer withdraws the intent, and only while no accept is confirmed', () => {
    expect(judge([intent, a], k.withdraw(intent, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an intent may withdraw it', '/author'),
    );
    const accept = k.accept(a);
    expect(judge([intent, a, accept], k.withdraw(intent, BUYER))).toMatchObject({
      ok: true,
      value: { withdrawn: true },
    });
    expect(judge([intent, a, accept, k.confirm(accept, VENDOR_A)], k.withdraw(intent, BUYER))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'an intent with a confirmed accept cannot be withdrawn'),
    );
  });

  it('only the vendor withdraws its offer', () => {
    const notAuthor = refusal(
      'ERR_LIFECYCLE_NOT_AUTHOR',
      'only the author of an offer may withdraw it',
      '/author',
    );
    expect(judge([intent, a], k.withdraw(a, BUYER))).toEqual(notAuthor);
    expect(judge([intent, a], k.withdraw(a, VENDOR_B))).toEqual(notAuthor);
  });

  it('a withdraw names the latest offer, and only an intent or an offer', () => {
    const revised = k.offer(a, VENDOR_A, { price: '140.00' });
    expect(judge([intent, a, revised], k.withdraw(a, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_NOT_HEAD', `a withdraw must name ${revised.id}, the latest offer`, '/ref'),
    );
    const counter = k.counter(a);
    expect(judge([intent, a, counter], k.withdraw(counter, BUYER))).toEqual(
      refusal('ERR_LIFECYCLE_REF_TYPE', 'a withdraw names an intent or an offer, not a reply', '/ref'),
    );
    const withdraw = k.withdraw(a, VENDOR_A);
    expect(judge([intent, a, withdraw], k.withdraw(withdraw, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_REF_TYPE', 'a withdraw names an intent or an offer, not a withdraw', '/ref'),
    );
  });

  it('an offer that was declined, confirmed or withdrawn cannot be withdrawn', () => {
    const withdraw = k.withdraw(a, VENDOR_A);
    expect(judge([intent, a, k.decline(a)], withdraw)).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is declined'),
    );
    const accept = k.accept(a);
    expect(judge([intent, a, accept, k.confirm(accept, VENDOR_A)], withdraw)).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is confirmed'),
    );
    expect(judge([intent, a, k.withdraw(a, VENDOR_A)], withdraw)).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is withdrawn'),
    );
  });
});

describe('refusals: confirms', () => {
  const k = kit();
  const intent = k.intent({ quantity: 2 });
  const a = k.offer(intent, VENDOR_A);
  const b = k.offer(intent, VENDOR_B);
  const accept = k.accept(a);
  const thread = [intent, a, b, accept] as const;

  it('a confirm answers an accept', () => {
    const counter = k.counter(b);
    expect(judge([...thread, counter], k.confirm(counter, VENDOR_B))).toEqual(
      refusal('ERR_LIFECYCLE_REF_TYPE', 'a confirm answers an accept', '/ref'),
    );
    expect(judge(thread, k.confirm(a, VENDOR_A))).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_REF_TYPE',
      path: '/ref',
    });
  });

  it('a confirm of an offer says it answers "not an offer"', () => {
    expect(judge(thread, k.confirm(a, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_REF_TYPE', 'a confirm answers an accept, not an offer', '/ref'),
    );
  });

  it('only the vendor whose offer was accepted confirms', () => {
    const notAuthor = refusal(
      'ERR_LIFECYCLE_NOT_AUTHOR',
      'only the vendor whose offer was accepted may confirm',
      '/author',
    );
    expect(judge(thread, k.confirm(accept, VENDOR_B))).toEqual(notAuthor);
    expect(judge(thread, k.confirm(accept, BUYER))).toEqual(notAuthor);
  });

  it('an accept is confirmed once', () => {
    const first = k.confirm(accept, VENDOR_A);
    expect(judge([...thread, first], k.confirm(accept, VENDOR_A))).toEqual(
      refusal('ERR_LIFECYCLE_STATE', 'the negotiation is confirmed'),
    );
  });
});

describe('purity', () => {
  const k = kit();
  const intent = k.intent({ quantity: 2 });
  const offer = k.offer(intent, VENDOR_A);
  const messages = [offer, k.counter(offer)];

  it('applying a message leaves the snapshot as it was, and the same step gives the same result', () => {
    const before = receive(intent, messages);
    const copy = structuredClone(before);
    const revised = k.offer(messages[1] as Message, VENDOR_A, { price: '135.00' });
    const once = applyToThread(before, revised, { now: NOW });
    const twice = applyToThread(before, revised, { now: NOW });
    expect(before).toEqual(copy);
    expect(once).toEqual(twice);
    expect(unwrap(once)).not.toBe(before);
  });

  it('assertApplies throws the IntentcastError that applyToThread returns', () => {
    const snapshot = receive(intent, messages);
    const second = k.offer(intent, VENDOR_A);
    const failure = applyToThread(snapshot, second, { now: NOW });
    expect(() => assertApplies(snapshot, second, { now: NOW })).toThrow(IntentcastError);
    try {
      assertApplies(snapshot, second, { now: NOW });
    } catch (err) {
      expect(err).toBeInstanceOf(IntentcastError);
      expect({ ok: false, ...(err as IntentcastError).toJSON() }).toEqual(failure);
    }
  });

  // A clock that is not a time makes every comparison false, so the time rules would pass silently.
  test.each([
    ['NaN', Number.NaN],
    ['an Invalid Date', new Date('not a time')],
  ])('a clock of %s throws a TypeError instead of skipping the time rules', (_, now) => {
    const opened = receive(intent, [offer]);
    const accept = k.accept(offer);
    expect(applyToThread(opened, accept, { now: NOW + 40 * DAY })).toMatchObject({
      ok: false,
      code: 'ERR_LIFECYCLE_EXPIRED',
    });
    expect(() => applyToThread(opened, accept, { now })).toThrow(TypeError);
    expect(() => assertApplies(opened, accept, { now })).toThrow(/^"now" expected a finite time/);
    expect(() => foldThread(intent, [offer], { now })).toThrow(TypeError);
    expect(() => checkThreadMessage({ intent, messages: [offer] }, accept, now)).toThrow(TypeError);
    expect(() => threadState(opened, now)).toThrow(TypeError);
  });

  it('takes `now` as a Date as well as epoch milliseconds', () => {
    const late = k.offer(intent, VENDOR_B);
    expect(applyToThread(startThread(intent), late, { now: new Date(INTENT_EXPIRES) })).toEqual(
      applyToThread(startThread(intent), late, { now: INTENT_EXPIRES }),
    );
  });
});

describe('foldThread and checkThreadMessage', () => {
  const k = kit();
  const intent = k.intent();
  const a = k.offer(intent, VENDOR_A);
  const b = k.offer(intent, VENDOR_B);
  const counter = k.counter(a);
  const revised = k.offer(counter, VENDOR_A, { price: '135.00' });
  const accept = k.accept(revised);
  const confirm = k.confirm(accept, VENDOR_A);
  const messages = [a, b, counter, revised, accept, confirm];

  it('folding a thread gives the snapshot of applying its messages one by one', () => {
    expect(unwrap(foldThread(intent, messages, { now: NOW }))).toEqual(receive(intent, messages));
    expect(unwrap(foldThread(intent, messages))).toEqual(receive(intent, messages));
    expect(unwrap(foldThread(intent, []))).toEqual(startThread(intent));
  });

  it('stops at the first message that is refused, with its reason', () => {
    expect(foldThread(intent, [a, accept, b], { now: NOW })).toEqual(
      refusal('ERR_LIFECYCLE_UNKNOWN_REF', 'ref names no message of this thread', '/ref'),
    );
  });

  it('replays without `now` a thread that was valid when received, long after everything expired', () => {
    const later = INTENT_EXPIRES + 30 * DAY;
    expect(unwrap(foldThread(intent, messages))).toEqual(receive(intent, messages));
    expect(
      checkThreadMessage({ intent, messages: [a, b, counter, revised, accept] }, confirm, later),
    ).toMatchObject({ ok: true, state: 'closed' });
    expect(foldThread(intent, [a, b, counter, revised, accept], { now: later })).toEqual(
      refusal('ERR_LIFECYCLE_EXPIRED', `the intent expired at ${intent.expires}`),
    );
  });

  it('checkThreadMessage judges the new message at `now` and says the state it leads to', () => {
    const stored = { intent, messages: [a, b, counter, revised] };
    const verdict = checkThreadMessage(stored, accept, NOW);
    expect(verdict).toEqual({
      ok: true,
      state: 'accepted',
      snapshot: receive(intent, [...stored.messages, accept]),
    });
    expect(checkThreadMessage(stored, accept, OFFER_EXPIRES)).toEqual(
      refusal('ERR_LIFECYCLE_OFFER_EXPIRED', `the offer was firm until ${revised.expires}`, '/ref'),
    );
    expect(
      checkThreadMessage({ intent, messages: [a, b, counter, revised, accept] }, confirm, NOW),
    ).toMatchObject({ ok: true, state: 'closed' });
  });

  it('checkThreadMessage replays the stored messages without time rules, and reports a broken store', () => {
    const stored = { intent, messages: [a, b, counter, revised] };
    const verdict = checkThreadMessage(stored, k.question(revised), INTENT_EXPIRES - 1);
    expect(verdict).toMatchObject({ ok: true, state: 'open' });
    expect(checkThreadMessage({ intent, messages: [a, a] }, b, NOW)).toEqual(
      refusal('ERR_LIFECYCLE_DUPLICATE', 'message is already in the thread', '/id'),
    );
  });
});

describe('replay is linear in the length of the thread', () => {
  /**
   * The entries that Map and Set constructors copy while `run` runs. Copying every map for every message
   * makes replay quadratic; the count shows it without timing anything.
   */
  function entriesCopied(run: () => void): number {
    const RealMap = globalThis.Map;
    const RealSet = globalThis.Set;
    let copied = 0;
    class CountingMap<K, V> extends RealMap<K, V> {
      constructor(entries?: Iterable<readonly [K, V]> | null) {
        super(entries);
        if (entries) copied += this.size;
      }
    }
    class CountingSet<T> extends RealSet<T> {
      constructor(values?: Iterable<T> | null) {
        super(values);
        if (values) copied += this.size;
      }
    }
    globalThis.Map = CountingMap as MapConstructor;
    globalThis.Set = CountingSet as SetConstructor;
    try {
      run();
    } finally {
      globalThis.Map = RealMap;
      globalThis.Set = RealSet;
    }
    return copied;
  }

  // Vendors come and go: each offers and withdraws, which frees its place under the offer cap, so a thread
  // can grow without end. The lifecycle checks no signatures, so ids and authors need only be distinct.
  const k = kit();
  const intent = k.intent({ offerCap: 1 });
  const offer = k.offer(intent, VENDOR_A);
  const withdrawal = k.withdraw(offer, VENDOR_A);
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  function comings(vendors: number): Message[] {
    const messages: Message[] = [];
    for (let i = 0; i < vendors; i++) {
      const author = `${offer.author.slice(0, -6)}${i.toString(36).padStart(6, '0')}`;
      messages.push({ ...offer, id: hex(2 * i + 1), author });
      messages.push({ ...withdrawal, id: hex(2 * i + 2), ref: hex(2 * i + 1), author });
    }
    return messages;
  }

  it('foldThread copies nothing per message, however long the thread', () => {
    for (const vendors of [500, 1000]) {
      const messages = comings(vendors);
      let folded: ReturnType<typeof foldThread> | undefined;
      const copied = entriesCopied(() => {
        folded = foldThread(intent, messages);
      });
      expect(unwrap(folded!).negotiations.size).toBe(vendors);
      // Only the new thread's map of types, which holds the intent.
      expect(copied).toBe(1);
    }
  });

  it('checkThreadMessage folds once and copies nothing per message', () => {
    const messages = comings(500);
    const next = { ...offer, id: hex(5000), author: `${offer.author.slice(0, -6)}zzzzzz` };
    const copied = entriesCopied(() => {
      expect(checkThreadMessage({ intent, messages }, next, NOW)).toMatchObject({ ok: true });
    });
    expect(copied).toBe(1);
  });

  it('applyToThread copies the snapshot once, and leaves it as it was', () => {
    const snapshot = unwrap(foldThread(intent, comings(300)));
    const size =
      snapshot.negotiations.size +
      snapshot.owner.size +
      snapshot.types.size +
      snapshot.vendors.size +
      snapshot.sealed.size;
    const next = { ...offer, id: hex(5000), author: `${offer.author.slice(0, -6)}zzzzzz` };
    let applied: ReturnType<typeof applyToThread> | undefined;
    expect(entriesCopied(() => (applied = applyToThread(snapshot, next, { now: NOW })))).toBe(size);
    expect(unwrap(applied!).negotiations.size).toBe(301);
    expect(snapshot.negotiations.size).toBe(300);
  });
});
