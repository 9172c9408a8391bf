import { type ErrorCode, IntentcastError } from './errors.js';
import type { Negotiation, WorkingState } from './lifecycle-state.js';
import { LIMITS } from './limits.js';
import type { Message, Offer, Reply, SealKey, TermsRef } from './types.js';

/**
 * The rules of each message type (spec/lifecycle.md, sections 2 to 6). Each check function refuses the
 * message by throwing, or returns its effect: the change to make once every check has passed.
 */
export type Effect = () => void;

export function fail(code: ErrorCode, message: string, path?: string): never {
  throw new IntentcastError(code, message, path === undefined ? {} : { path });
}

function article(type: Message['type']): string {
  return `${type === 'intent' || type === 'offer' ? 'an' : 'a'} ${type}`;
}

function sameTerms(a: TermsRef, b: TermsRef): boolean {
  return a.uri === b.uri && a.sha256 === b.sha256;
}

function remaining(state: WorkingState): number {
  return state.intent.body.what.quantity - state.acceptedQuantity;
}

/** The negotiation the message `id` belongs to, if any. */
export function negotiationOf(state: WorkingState, id: string): Negotiation | undefined {
  const owner = state.owner.get(id);
  return owner === undefined ? undefined : state.negotiations.get(owner);
}

function ownNegotiation(state: WorkingState, id: string): Negotiation {
  const negotiation = negotiationOf(state, id);
  if (!negotiation)
    fail('ERR_LIFECYCLE_REF_TYPE', 'ref names a message that belongs to no negotiation', '/ref');
  return negotiation;
}

/** Records a message of a negotiation and the negotiation's new record. */
function record(state: WorkingState, message: Message, negotiation: Negotiation): void {
  state.negotiations.set(negotiation.id, negotiation);
  state.owner.set(message.id, negotiation.id);
}

/** Revised offers, counters and questions keep two places free: for an accept and what settles it. */
function checkRoom(negotiation: Negotiation): void {
  const most = LIMITS.maxNegotiationMessages - 2;
  if (negotiation.length >= most) {
    fail(
      'ERR_LIFECYCLE_TOO_LONG',
      `the negotiation holds ${negotiation.length} messages; it takes no more than ${most} before its accept`,
    );
  }
}

function checkOfferTerms(state: WorkingState, offer: Offer): void {
  if (!state.intent.body.terms.some((terms) => sameTerms(terms, offer.body.terms))) {
    fail('ERR_LIFECYCLE_TERMS', "the offer's terms are not among the intent's terms", '/body/terms');
  }
  if (offer.body.quantity > remaining(state)) {
    fail(
      'ERR_LIFECYCLE_QUANTITY',
      `the offer is for ${offer.body.quantity}; ${remaining(state)} left`,
      '/body/quantity',
    );
  }
}

/** Section 2: a first offer. */
export function firstOffer(state: WorkingState, offer: Offer): Effect {
  const { intent } = state;
  if (offer.author === intent.author) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'the buyer cannot offer on their own intent', '/author');
  }
  const existing = state.vendors.get(offer.author);
  if (existing !== undefined) {
    fail('ERR_LIFECYCLE_DUPLICATE_OFFER', `this vendor already negotiates in offer ${existing}`, '/ref');
  }
  if (state.live >= intent.body.offerCap) {
    fail(
      'ERR_LIFECYCLE_OFFER_CAP',
      `the buyer wants at most ${intent.body.offerCap} live negotiations, and has as many`,
    );
  }
  checkOfferTerms(state, offer);
  return () => {
    record(state, offer, {
      id: offer.id,
      vendor: offer.author,
      head: offer.id,
      offer,
      status: 'open',
      length: 1,
    });
    state.vendors.set(offer.author, offer.id);
    state.live += 1;
  };
}

/** Section 3: a revised offer. */
export function revisedOffer(state: WorkingState, offer: Offer): Effect {
  const negotiation = ownNegotiation(state, offer.ref);
  if (offer.author !== negotiation.vendor) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an offer may revise it', '/author');
  }
  if (negotiation.head !== offer.ref) {
    fail(
      'ERR_LIFECYCLE_NOT_HEAD',
      `a revised offer must answer ${negotiation.head}, the latest of its negotiation`,
      '/ref',
    );
  }
  if (negotiation.status !== 'open' && negotiation.status !== 'awaiting-vendor') {
    fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  }
  checkRoom(negotiation);
  checkOfferTerms(state, offer);
  return () =>
    record(state, offer, {
      ...negotiation,
      head: offer.id,
      offer,
      status: 'open',
      length: negotiation.length + 1,
    });
}

/** Section 4: a reply. */
export function reply(
  state: WorkingState,
  message: Reply,
  refType: Message['type'],
  now: number | undefined,
): Effect {
  if (message.author !== state.intent.author) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', "only the intent's author may reply to offers", '/author');
  }
  if (refType !== 'offer')
    fail('ERR_LIFECYCLE_REF_TYPE', `a reply answers an offer, not ${article(refType)}`, '/ref');
  const negotiation = ownNegotiation(state, message.ref);
  // Status first: "the negotiation is declined" says more than "that is not the latest message".
  if (negotiation.status !== 'open') fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  if (negotiation.head !== message.ref) {
    fail(
      'ERR_LIFECYCLE_NOT_HEAD',
      `a reply must answer ${negotiation.head}, the latest of its negotiation`,
      '/ref',
    );
  }
  const next = { ...negotiation, head: message.id, length: negotiation.length + 1 };
  const offer = negotiation.offer;
  switch (message.body.decision) {
    case 'accept': {
      if (now !== undefined && now >= Date.parse(offer.expires)) {
        fail('ERR_LIFECYCLE_OFFER_EXPIRED', `the offer was firm until ${offer.expires}`, '/ref');
      }
      if (!message.body.terms || !sameTerms(message.body.terms, offer.body.terms)) {
        fail('ERR_LIFECYCLE_TERMS', "an accept must name the offer's terms", '/body/terms');
      }
      if (offer.body.quantity > remaining(state)) {
        fail(
          'ERR_LIFECYCLE_QUANTITY',
          `the offer is for ${offer.body.quantity}; ${remaining(state)} left`,
          '/ref',
        );
      }
      return () => {
        record(state, message, { ...next, status: 'accepted', accept: message.id });
        state.acceptedQuantity += offer.body.quantity;
        state.unconfirmed += 1;
      };
    }
    case 'decline':
      return () => {
        record(state, message, { ...next, status: 'declined' });
        state.live -= 1;
      };
    case 'counter':
    case 'question':
      checkRoom(negotiation);
      return () => record(state, message, { ...next, status: 'awaiting-vendor' });
  }
}

/** Section 5: a withdraw, of the intent or of a vendor's latest offer. */
export function withdraw(
  state: WorkingState,
  message: Message<'withdraw'>,
  refType: Message['type'],
): Effect {
  if (refType === 'intent') {
    if (message.author !== state.intent.author) {
      fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an intent may withdraw it', '/author');
    }
    if (state.confirmed > 0) {
      fail('ERR_LIFECYCLE_STATE', 'an intent with a confirmed accept cannot be withdrawn');
    }
    // Accepts not yet confirmed lapse with the intent: nothing can follow a withdrawn thread.
    return () => {
      state.withdrawn = true;
    };
  }
  if (refType !== 'offer')
    fail('ERR_LIFECYCLE_REF_TYPE', `a withdraw names an intent or an offer, not ${article(refType)}`, '/ref');
  const negotiation = ownNegotiation(state, message.ref);
  if (message.author !== negotiation.vendor) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an offer may withdraw it', '/author');
  }
  if (negotiation.offer.id !== message.ref) {
    fail('ERR_LIFECYCLE_NOT_HEAD', `a withdraw must name ${negotiation.offer.id}, the latest offer`, '/ref');
  }
  const { status } = negotiation;
  if (status !== 'open' && status !== 'awaiting-vendor' && status !== 'accepted') {
    fail('ERR_LIFECYCLE_STATE', `the negotiation is ${status}`);
  }
  return () => {
    record(state, message, {
      ...negotiation,
      head: message.id,
      status: 'withdrawn',
      length: negotiation.length + 1,
    });
    state.live -= 1;
    // An accept binds once it is confirmed; until then the vendor may back out, and the quantity is free.
    if (status === 'accepted') {
      state.acceptedQuantity -= negotiation.offer.body.quantity;
      state.unconfirmed -= 1;
    }
  };
}

/** Section 6: a confirm. */
export function confirm(state: WorkingState, message: Message<'confirm'>, refType: Message['type']): Effect {
  if (refType !== 'reply')
    fail('ERR_LIFECYCLE_REF_TYPE', `a confirm answers an accept, not ${article(refType)}`, '/ref');
  const negotiation = ownNegotiation(state, message.ref);
  if (negotiation.accept !== message.ref)
    fail('ERR_LIFECYCLE_REF_TYPE', 'a confirm answers an accept', '/ref');
  if (message.author !== negotiation.vendor) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the vendor whose offer was accepted may confirm', '/author');
  }
  if (negotiation.status !== 'accepted')
    fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  return () => {
    record(state, message, {
      ...negotiation,
      head: message.id,
      status: 'confirmed',
      length: negotiation.length + 1,
    });
    state.unconfirmed -= 1;
    state.confirmed += 1;
  };
}

/**
 * Section 7: a sealed part is sealed to a key the counterparty published, and is not one the thread already
 * holds. Runs after the rules of the message's type, so `ref` has been checked.
 */
export function checkSealed(state: WorkingState, message: Message): void {
  if (message.type !== 'offer' && message.type !== 'reply' && message.type !== 'confirm') return;
  const sealed = message.body.sealed;
  if (sealed === undefined) return;
  let key: SealKey | undefined;
  let holder: string;
  if (message.type === 'reply') {
    key = negotiationOf(state, message.ref)?.offer.body.sealKey;
    holder = 'the offer it answers';
  } else {
    key = state.intent.body.sealKey;
    holder = 'the intent';
  }
  if (key === undefined) {
    throw new IntentcastError(
      'ERR_SEAL',
      `the message carries a sealed part, but ${holder} publishes no sealKey to seal it to`,
      { path: '/body/sealed' },
    );
  }
  if (state.sealed.has(sealed)) {
    throw new IntentcastError('ERR_SEAL', 'the sealed part is a copy of one the thread already holds', {
      path: '/body/sealed',
    });
  }
}
