import { type ErrorCode, type Failure, IntentcastError, type Result, toFailure } from './errors.js';
import type { Intent, Message, Offer, Reply, TermsRef } from './types.js';

/**
 * The thread lifecycle (spec/lifecycle.md): which message may follow which, and what state a thread is in.
 * Everything here is pure: a snapshot is never changed, each step returns a new one.
 */

/** The state of a thread as a whole. */
export type ThreadState = 'open' | 'accepted' | 'closed' | 'withdrawn' | 'expired';

/**
 * The state of one negotiation: a vendor's first offer and the chain of replies and revised offers after it.
 * - `open`: the latest message is the vendor's offer; the buyer may answer it.
 * - `awaiting-vendor`: the buyer countered or asked; the vendor may revise.
 * - `declined`, `withdrawn`: ended without a deal.
 * - `accepted`: the buyer accepted the latest offer; the vendor may confirm.
 * - `confirmed`: the vendor confirmed; the deal is done.
 */
export type NegotiationStatus =
  | 'open'
  | 'awaiting-vendor'
  | 'declined'
  | 'withdrawn'
  | 'accepted'
  | 'confirmed';

export interface Negotiation {
  /** The id of the vendor's first offer, which names the negotiation. */
  readonly id: string;
  /** The vendor's did:key. */
  readonly vendor: string;
  /** The id of the latest message of the chain. */
  readonly head: string;
  /** The vendor's latest offer. */
  readonly offer: Offer;
  readonly status: NegotiationStatus;
  /** The id of the buyer's accept, once there is one. */
  readonly accept?: string;
}

/** Everything the lifecycle needs to know about a thread; built by startThread and applyToThread. */
export interface ThreadSnapshot {
  readonly intent: Intent;
  /** Negotiations by the id of their first offer, in the order they began. */
  readonly negotiations: ReadonlyMap<string, Negotiation>;
  /** The negotiation each message of the thread (but the intent) belongs to, by message id. */
  readonly owner: ReadonlyMap<string, string>;
  /** Messages by id, the intent included, so a new message's `ref` can be checked. */
  readonly types: ReadonlyMap<string, Message['type']>;
  /** The sum of the quantities of accepted offers. */
  readonly acceptedQuantity: number;
  readonly withdrawn: boolean;
}

export interface ApplyOptions {
  /**
   * The time the message is received, in epoch milliseconds or as a Date; the rules about expiry are judged
   * at this time. Leave it out only to replay messages that were accepted before (time rules are skipped).
   */
  now?: number | Date;
}

/** Starts the snapshot of a new thread from its (already validated) intent. */
export function startThread(intent: Intent): ThreadSnapshot {
  return {
    intent,
    negotiations: new Map(),
    owner: new Map(),
    types: new Map([[intent.id, 'intent']]),
    acceptedQuantity: 0,
    withdrawn: false,
  };
}

/**
 * The state of a thread at a time.
 *
 * @example
 * threadState(snapshot, Date.now()); // 'open'
 */
export function threadState(snapshot: ThreadSnapshot, now?: number | Date): ThreadState {
  if (snapshot.withdrawn) return 'withdrawn';
  const expired = isExpired(snapshot, now);
  // A thread is done once it is filled, or once it expires with part of it filled: what was accepted
  // stands, and the thread closes when every accept is confirmed.
  if (isFilled(snapshot) || (expired && snapshot.acceptedQuantity > 0)) {
    for (const negotiation of snapshot.negotiations.values()) {
      if (negotiation.status === 'accepted') return 'accepted';
    }
    return 'closed';
  }
  return expired ? 'expired' : 'open';
}

function isFilled(snapshot: ThreadSnapshot): boolean {
  return snapshot.acceptedQuantity >= snapshot.intent.body.what.quantity;
}

function isExpired(snapshot: ThreadSnapshot, now: number | Date | undefined): boolean {
  return now !== undefined && toMs(now) >= Date.parse(snapshot.intent.expires);
}

/**
 * Applies one (already validated) message to a thread: the new snapshot, or a Failure with an
 * ERR_LIFECYCLE_* code saying why the message is not allowed. Pure; `snapshot` is not changed.
 *
 * @example
 * const next = applyToThread(snapshot, offer, { now: Date.now() });
 * if (!next.ok) reject(next.code);
 */
export function applyToThread(
  snapshot: ThreadSnapshot,
  message: Message,
  options: ApplyOptions = {},
): Result<ThreadSnapshot> {
  try {
    return {
      ok: true,
      value: apply(snapshot, message, options.now === undefined ? undefined : toMs(options.now)),
    };
  } catch (err) {
    return toFailure(err);
  }
}

/** Like applyToThread, but throws the IntentcastError. */
export function assertApplies(
  snapshot: ThreadSnapshot,
  message: Message,
  options: ApplyOptions = {},
): ThreadSnapshot {
  return apply(snapshot, message, options.now === undefined ? undefined : toMs(options.now));
}

/**
 * Folds a whole thread, in order, into a snapshot: the intent, then the messages that reference it directly
 * or through the chain. Each message is judged at `now` if given; leave it out to replay a stored thread.
 */
export function foldThread(
  intent: Intent,
  messages: readonly Message[],
  options: ApplyOptions = {},
): Result<ThreadSnapshot> {
  let snapshot = startThread(intent);
  for (const message of messages) {
    const next = applyToThread(snapshot, message, options);
    if (!next.ok) return next;
    snapshot = next.value;
  }
  return { ok: true, value: snapshot };
}

/**
 * Says whether `message` may follow the thread `{ intent, messages }` at `now`, and what the thread's state
 * becomes. This is the lifecycle's whole rule book in one call.
 *
 * @example
 * const verdict = checkThreadMessage({ intent, messages: [offer] }, accept, Date.now());
 * verdict.ok ? verdict.state : verdict.code; // 'accepted' or 'ERR_LIFECYCLE_...'
 */
export function checkThreadMessage(
  thread: { intent: Intent; messages: readonly Message[] },
  message: Message,
  now: number | Date,
): { ok: true; state: ThreadState; snapshot: ThreadSnapshot } | Failure {
  const folded = foldThread(thread.intent, thread.messages);
  if (!folded.ok) return folded;
  const next = applyToThread(folded.value, message, { now });
  if (!next.ok) return next;
  return { ok: true, state: threadState(next.value, now), snapshot: next.value };
}

function toMs(time: number | Date): number {
  return typeof time === 'number' ? time : time.getTime();
}

function article(type: Message['type']): string {
  return `${type === 'intent' || type === 'offer' ? 'an' : 'a'} ${type}`;
}

function fail(code: ErrorCode, message: string, path?: string): never {
  throw new IntentcastError(code, message, path === undefined ? {} : { path });
}

function sameTerms(a: TermsRef, b: TermsRef): boolean {
  return a.uri === b.uri && a.sha256 === b.sha256;
}

function apply(snapshot: ThreadSnapshot, message: Message, now: number | undefined): ThreadSnapshot {
  const { intent } = snapshot;
  if (message.type === 'intent') fail('ERR_LIFECYCLE_WRONG_THREAD', 'an intent starts a thread of its own');
  if (message.thread !== intent.id) {
    fail(
      'ERR_LIFECYCLE_WRONG_THREAD',
      `message belongs to thread ${message.thread}, not ${intent.id}`,
      '/thread',
    );
  }
  if (snapshot.types.has(message.id))
    fail('ERR_LIFECYCLE_DUPLICATE', 'message is already in the thread', '/id');
  const refType = snapshot.types.get(message.ref);
  if (refType === undefined) fail('ERR_LIFECYCLE_UNKNOWN_REF', 'ref names no message of this thread', '/ref');

  // Thread-wide states come first: nothing follows a withdrawn or closed thread, and once the intent is
  // filled or expired only a vendor's confirmation of an accept can still arrive.
  const state = threadState(snapshot, now);
  if (state === 'withdrawn') fail('ERR_LIFECYCLE_CLOSED', 'the intent was withdrawn');
  if (state === 'closed')
    fail('ERR_LIFECYCLE_CLOSED', 'the thread is closed: every accepted offer is confirmed');
  if (message.type !== 'confirm') {
    if (isFilled(snapshot)) fail('ERR_LIFECYCLE_ALREADY_ACCEPTED', 'the intent has been accepted in full');
    if (isExpired(snapshot, now)) fail('ERR_LIFECYCLE_EXPIRED', `the intent expired at ${intent.expires}`);
  }

  switch (message.type) {
    case 'offer':
      return refType === 'intent' ? openNegotiation(snapshot, message) : reviseOffer(snapshot, message);
    case 'reply':
      return reply(snapshot, message, refType, now);
    case 'withdraw':
      return withdraw(snapshot, message, refType);
    case 'confirm':
      return confirm(snapshot, message, refType);
  }
}

function remaining(snapshot: ThreadSnapshot): number {
  return snapshot.intent.body.what.quantity - snapshot.acceptedQuantity;
}

function checkOfferTerms(snapshot: ThreadSnapshot, offer: Offer): void {
  if (!snapshot.intent.body.terms.some((terms) => sameTerms(terms, offer.body.terms))) {
    fail('ERR_LIFECYCLE_TERMS', "the offer's terms are not among the intent's terms", '/body/terms');
  }
  if (offer.body.quantity > remaining(snapshot)) {
    fail(
      'ERR_LIFECYCLE_QUANTITY',
      `the offer is for ${offer.body.quantity}; ${remaining(snapshot)} left`,
      '/body/quantity',
    );
  }
}

function record(
  snapshot: ThreadSnapshot,
  message: Message,
  negotiation: Negotiation,
  change: Partial<Pick<ThreadSnapshot, 'acceptedQuantity' | 'withdrawn'>> = {},
): ThreadSnapshot {
  const negotiations = new Map(snapshot.negotiations);
  negotiations.set(negotiation.id, negotiation);
  const owner = new Map(snapshot.owner);
  owner.set(message.id, negotiation.id);
  const types = new Map(snapshot.types);
  types.set(message.id, message.type);
  return { ...snapshot, ...change, negotiations, owner, types };
}

function openNegotiation(snapshot: ThreadSnapshot, offer: Offer): ThreadSnapshot {
  if (offer.author === snapshot.intent.author) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'the buyer cannot offer on their own intent', '/author');
  }
  for (const negotiation of snapshot.negotiations.values()) {
    if (negotiation.vendor === offer.author) {
      fail(
        'ERR_LIFECYCLE_DUPLICATE_OFFER',
        `this vendor already negotiates in offer ${negotiation.id}`,
        '/ref',
      );
    }
  }
  if (snapshot.negotiations.size >= snapshot.intent.body.offerCap) {
    fail('ERR_LIFECYCLE_OFFER_CAP', `the buyer wants at most ${snapshot.intent.body.offerCap} offers`);
  }
  checkOfferTerms(snapshot, offer);
  return record(snapshot, offer, {
    id: offer.id,
    vendor: offer.author,
    head: offer.id,
    offer,
    status: 'open',
  });
}

function negotiationOf(snapshot: ThreadSnapshot, id: string): Negotiation {
  const negotiation = snapshot.negotiations.get(snapshot.owner.get(id) ?? '');
  if (!negotiation)
    fail('ERR_LIFECYCLE_REF_TYPE', 'ref names a message that belongs to no negotiation', '/ref');
  return negotiation;
}

function reviseOffer(snapshot: ThreadSnapshot, offer: Offer): ThreadSnapshot {
  const negotiation = negotiationOf(snapshot, offer.ref);
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
  checkOfferTerms(snapshot, offer);
  return record(snapshot, offer, { ...negotiation, head: offer.id, offer, status: 'open' });
}

function reply(
  snapshot: ThreadSnapshot,
  message: Reply,
  refType: Message['type'],
  now: number | undefined,
): ThreadSnapshot {
  if (message.author !== snapshot.intent.author) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', "only the intent's author may reply to offers", '/author');
  }
  if (refType !== 'offer')
    fail('ERR_LIFECYCLE_REF_TYPE', `a reply answers an offer, not ${article(refType)}`, '/ref');
  const negotiation = negotiationOf(snapshot, message.ref);
  // Status first: "the negotiation is declined" says more than "that is not the latest message".
  if (negotiation.status !== 'open') fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  if (negotiation.head !== message.ref) {
    fail(
      'ERR_LIFECYCLE_NOT_HEAD',
      `a reply must answer ${negotiation.head}, the latest of its negotiation`,
      '/ref',
    );
  }
  const offer = negotiation.offer;
  switch (message.body.decision) {
    case 'accept': {
      if (now !== undefined && now >= Date.parse(offer.expires)) {
        fail('ERR_LIFECYCLE_OFFER_EXPIRED', `the offer was firm until ${offer.expires}`, '/ref');
      }
      if (!message.body.terms || !sameTerms(message.body.terms, offer.body.terms)) {
        fail('ERR_LIFECYCLE_TERMS', "an accept must name the offer's terms", '/body/terms');
      }
      if (offer.body.quantity > remaining(snapshot)) {
        fail(
          'ERR_LIFECYCLE_QUANTITY',
          `the offer is for ${offer.body.quantity}; ${remaining(snapshot)} left`,
          '/ref',
        );
      }
      return record(
        snapshot,
        message,
        { ...negotiation, head: message.id, status: 'accepted', accept: message.id },
        { acceptedQuantity: snapshot.acceptedQuantity + offer.body.quantity },
      );
    }
    case 'decline':
      return record(snapshot, message, { ...negotiation, head: message.id, status: 'declined' });
    case 'counter':
    case 'question':
      return record(snapshot, message, { ...negotiation, head: message.id, status: 'awaiting-vendor' });
  }
}

function withdraw(
  snapshot: ThreadSnapshot,
  message: Message<'withdraw'>,
  refType: Message['type'],
): ThreadSnapshot {
  if (refType === 'intent') {
    if (message.author !== snapshot.intent.author) {
      fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an intent may withdraw it', '/author');
    }
    if (snapshot.acceptedQuantity > 0) {
      fail('ERR_LIFECYCLE_STATE', 'an intent with an accepted offer cannot be withdrawn');
    }
    const types = new Map(snapshot.types);
    types.set(message.id, message.type);
    return { ...snapshot, types, withdrawn: true };
  }
  if (refType !== 'offer')
    fail('ERR_LIFECYCLE_REF_TYPE', `a withdraw names an intent or an offer, not ${article(refType)}`, '/ref');
  const negotiation = negotiationOf(snapshot, message.ref);
  if (message.author !== negotiation.vendor) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the author of an offer may withdraw it', '/author');
  }
  if (negotiation.offer.id !== message.ref) {
    fail('ERR_LIFECYCLE_NOT_HEAD', `a withdraw must name ${negotiation.offer.id}, the latest offer`, '/ref');
  }
  if (negotiation.status !== 'open' && negotiation.status !== 'awaiting-vendor') {
    fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  }
  return record(snapshot, message, { ...negotiation, head: message.id, status: 'withdrawn' });
}

function confirm(
  snapshot: ThreadSnapshot,
  message: Message<'confirm'>,
  refType: Message['type'],
): ThreadSnapshot {
  if (refType !== 'reply')
    fail('ERR_LIFECYCLE_REF_TYPE', `a confirm answers an accept, not ${article(refType)}`, '/ref');
  const negotiation = negotiationOf(snapshot, message.ref);
  if (negotiation.accept !== message.ref)
    fail('ERR_LIFECYCLE_REF_TYPE', 'a confirm answers an accept', '/ref');
  if (message.author !== negotiation.vendor) {
    fail('ERR_LIFECYCLE_NOT_AUTHOR', 'only the vendor whose offer was accepted may confirm', '/author');
  }
  if (negotiation.status !== 'accepted')
    fail('ERR_LIFECYCLE_STATE', `the negotiation is ${negotiation.status}`);
  return record(snapshot, message, { ...negotiation, head: message.id, status: 'confirmed' });
}
