/**
 * Builders for lifecycle tests: fixed keys, a fixed clock and deterministic nonces, so every thread a test
 * builds has the same ids on every run.
 */
import {
  type BodyByType,
  type Confirm,
  createConfirm,
  createIntent,
  createOffer,
  createReply,
  createWithdraw,
  didKeyFromPublicKey,
  formatTimestamp,
  type Intent,
  keyPairFromSecretKey,
  type Message,
  type Offer,
  PROTOCOL,
  type Reply,
  type Result,
  type SignableMessage,
  signMessage,
  type TermsRef,
  type Withdraw,
} from '@intentcast/core';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The time the tests receive messages at: 2026-01-15T12:00:00Z. */
export const NOW = Date.UTC(2026, 0, 15, 12);
/** When a fixture intent created at NOW expires unless told otherwise: seven days later. */
export const INTENT_EXPIRES = NOW + 7 * DAY;
/** When a fixture offer created at NOW stops being firm unless told otherwise: a day later. */
export const OFFER_EXPIRES = NOW + DAY;

/** Fixed secret seeds: the buyer, three vendors and a key that has no part in the thread. */
export const BUYER = new Uint8Array(32).fill(1);
export const VENDOR_A = new Uint8Array(32).fill(2);
export const VENDOR_B = new Uint8Array(32).fill(3);
export const VENDOR_C = new Uint8Array(32).fill(4);
export const STRANGER = new Uint8Array(32).fill(9);

/** The value of a successful Result; a failure throws, naming its code and message. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.value;
}

/** The did:key of a secret seed. */
export function didOf(secretKey: Uint8Array): string {
  return didKeyFromPublicKey(keyPairFromSecretKey(secretKey).publicKey);
}

/** The two sets of personal terms the fixture buyer offers, and one the buyer does not. */
export const TERMS_A: TermsRef = { uri: 'https://terms.example/no-stalking', sha256: 'a1'.repeat(32) };
export const TERMS_B: TermsRef = { uri: 'https://terms.example/no-resale', sha256: 'b2'.repeat(32) };
export const TERMS_FOREIGN: TermsRef = { uri: 'https://vendor.example/our-terms', sha256: 'c3'.repeat(32) };

export interface TimeOptions {
  /** Creation time; NOW unless given. */
  at?: number;
  expires?: number;
}

export interface IntentOptions extends TimeOptions {
  quantity?: number;
  offerCap?: number;
  terms?: TermsRef[];
  /** The buyer's key; BUYER unless given. */
  by?: Uint8Array;
}

export interface OfferOptions extends TimeOptions {
  quantity?: number;
  terms?: TermsRef;
  price?: string;
}

export interface ReplyOptions extends TimeOptions {
  /** The author's key; BUYER unless given. */
  by?: Uint8Array;
  /** For an accept: the terms it names; the offer's unless given. */
  terms?: TermsRef;
}

type Answer = 'offer' | 'reply' | 'withdraw' | 'confirm';

/** The message-making helpers of one test, sharing a nonce counter so ids are reproducible. */
export interface Kit {
  intent(options?: IntentOptions): Intent;
  /** A first offer (answering the intent) or a revised one (answering a counter, a question or an offer). */
  offer(answering: Message, vendor: Uint8Array, options?: OfferOptions): Offer;
  accept(offer: Message, options?: ReplyOptions): Reply;
  decline(offer: Message, options?: ReplyOptions): Reply;
  counter(offer: Message, options?: ReplyOptions): Reply;
  question(offer: Message, options?: ReplyOptions): Reply;
  withdraw(target: Message, by: Uint8Array, options?: TimeOptions): Withdraw;
  confirm(accept: Message, vendor: Uint8Array, options?: TimeOptions): Confirm;
  /**
   * Any answering type, answering any message and claiming any thread: for the cases the typed builders
   * are not meant to make.
   */
  raw<T extends Answer>(
    type: T,
    answering: Message,
    body: BodyByType[T],
    by: Uint8Array,
    options?: TimeOptions & { thread?: string },
  ): Message<T>;
}

/** A fresh kit; its n-th message carries nonce n, so the same calls give the same ids. */
export function kit(): Kit {
  let count = 0;
  const nextNonce = () => {
    count += 1;
    return count.toString(16).padStart(32, '0');
  };
  const build = (options: TimeOptions = {}) => ({
    now: options.at ?? NOW,
    ...(options.expires === undefined ? {} : { expires: options.expires }),
    nonce: nextNonce(),
  });
  const offerOf = (message: Message): Offer => message as Offer;
  const acceptTerms = (offer: Message, options: ReplyOptions): TermsRef =>
    options.terms ?? (offer.type === 'offer' ? offer.body.terms : TERMS_A);

  return {
    intent: (options = {}) =>
      createIntent(
        {
          what: {
            category: 'lodging.hotel',
            description: 'A quiet double room',
            quantity: options.quantity ?? 1,
          },
          where: { region: 'PT-11' },
          budget: { currency: 'EUR', max: '180.00' },
          terms: options.terms ?? [TERMS_A, TERMS_B],
          offerCap: options.offerCap ?? 3,
        },
        options.by ?? BUYER,
        build({ expires: (options.at ?? NOW) + 7 * DAY, ...options }),
      ),
    offer: (answering, vendor, options = {}) =>
      createOffer(
        answering as Intent | Offer | Reply,
        {
          description: 'Double room, garden side',
          price: { amount: options.price ?? '150.00', currency: 'EUR' },
          quantity: options.quantity ?? 1,
          terms: options.terms ?? TERMS_A,
          vendor: { name: 'Casa Exemplo' },
        },
        vendor,
        build({ expires: (options.at ?? NOW) + DAY, ...options }),
      ),
    accept: (offer, options = {}) =>
      createReply(
        offerOf(offer),
        { decision: 'accept', terms: acceptTerms(offer, options) },
        options.by ?? BUYER,
        build(options),
      ),
    decline: (offer, options = {}) =>
      createReply(
        offerOf(offer),
        { decision: 'decline', reason: 'price' },
        options.by ?? BUYER,
        build(options),
      ),
    counter: (offer, options = {}) =>
      createReply(
        offerOf(offer),
        { decision: 'counter', counter: { price: { amount: '130.00', currency: 'EUR' } } },
        options.by ?? BUYER,
        build(options),
      ),
    question: (offer, options = {}) =>
      createReply(
        offerOf(offer),
        { decision: 'question', text: 'Is breakfast included?' },
        options.by ?? BUYER,
        build(options),
      ),
    withdraw: (target, by, options = {}) =>
      createWithdraw(target as Intent | Offer, { reason: 'no-longer-needed' }, by, build(options)),
    confirm: (accept, vendor, options = {}) =>
      createConfirm(accept as Reply, { reference: 'BOOKING-0001' }, vendor, build(options)),
    raw: (type, answering, body, by, options = {}) => {
      const time = build(options);
      const created = time.now;
      const expires = time.expires ?? created + DAY;
      return signMessage(
        {
          protocol: PROTOCOL,
          type,
          created: formatTimestamp(created),
          expires: formatTimestamp(expires),
          ref: answering.id,
          thread: options.thread ?? (answering.type === 'intent' ? answering.id : answering.thread),
          body,
          nonce: time.nonce,
        } as unknown as SignableMessage<typeof type>,
        by,
      ) as Message<typeof type>;
    },
  };
}
