import {
  type Ed25519Backend,
  generateSealKeyPair,
  type Intent,
  IntentcastError,
  type Money,
  type Offer,
  type OfferBody,
  type SealKeyPair,
  seal,
  type TermsRef,
  type TimeWindow,
} from '@intentcast/core';

/**
 * Who the vendor is, as every offer says.
 *
 * @example
 * new Vendor({ relays, keystore, policy, profile: { name: 'Casa Azul', url: 'https://casa-azul.example' } });
 */
export interface VendorProfile {
  name: string;
  /** An https URL. */
  url?: string;
}

/**
 * What the vendor agrees to: which of a buyer's personal terms it accepts.
 *
 * @example
 * const policy: VendorPolicy = { acceptsTerms: (terms) => terms.uri === 'https://customercommons.org/terms/nostalking' };
 */
export interface VendorPolicy {
  acceptsTerms(terms: TermsRef, intent: Intent): boolean;
}

/**
 * An offer as the vendor writes it.
 *
 * @example
 * await vendor.offer(intent, { price: { amount: '139.00', currency: 'EUR' }, description: 'Room 12', quantity: 1, sealPrice: true });
 */
export interface OfferInput {
  price: Money;
  description: string;
  quantity: number;
  when?: TimeWindow;
  note?: string;
  /** Seal the price to the intent's seal key, so that only the buyer sees it. */
  sealPrice?: boolean;
  /** How long the offer is firm, in milliseconds; 24 hours unless given. */
  expiresIn?: number;
  /** Publish a fresh seal key in the offer, so that the buyer can seal replies. Default true. */
  sealReplies?: boolean;
  signal?: AbortSignal;
}

/**
 * Changes for a revised offer; what is not given stays as in the latest offer.
 *
 * @example
 * await vendor.revise(counter, { price: { amount: '125.00', currency: 'EUR' } });
 */
export type RevisionInput = Partial<OfferInput>;

/** What the vendor remembers of a negotiation, to revise and confirm without asking a relay. */
export interface NegotiationState {
  intent: Intent;
  /** The vendor's latest offer. */
  latest: Offer;
  /** The price of the latest offer in clear, when the vendor knows it (it cannot open what it sealed). */
  price: Money | undefined;
  sealed: boolean;
}

/**
 * The first of the intent's terms that the policy accepts. Throws ERR_LIFECYCLE_TERMS, and nothing is
 * sent, when it accepts none: an offer must accept one of the buyer's terms.
 */
export function pickTerms(intent: Intent, policy: VendorPolicy): TermsRef {
  const terms = intent.body.terms.find((candidate) => policy.acceptsTerms(candidate, intent));
  if (terms === undefined) {
    const uris = intent.body.terms.map((t) => t.uri).join(', ');
    throw new IntentcastError(
      'ERR_LIFECYCLE_TERMS',
      `the vendor's policy accepts none of the intent's terms (${uris}); no offer was sent`,
      { path: '/body/terms' },
    );
  }
  return terms;
}

/**
 * The body of an offer, and the fresh seal key it publishes (if any). The price is sealed to the intent's
 * seal key when asked; an intent without one cannot take a sealed price.
 */
export async function offerBody(
  intent: Intent,
  terms: TermsRef,
  profile: VendorProfile,
  input: Omit<OfferInput, 'signal' | 'expiresIn'>,
): Promise<{ body: OfferBody; replyKey: SealKeyPair | undefined }> {
  const replyKey = input.sealReplies === false ? undefined : await generateSealKeyPair();
  const body: OfferBody = {
    description: input.description,
    quantity: input.quantity,
    terms,
    vendor: { name: profile.name, ...(profile.url === undefined ? {} : { url: profile.url }) },
    ...(input.when === undefined ? {} : { when: input.when }),
    ...(input.note === undefined ? {} : { note: input.note }),
    ...(replyKey === undefined ? {} : { sealKey: replyKey.publicJwk }),
  };
  if (input.sealPrice === true) {
    const sealKey = intent.body.sealKey;
    if (sealKey === undefined) {
      throw new IntentcastError(
        'ERR_SEAL',
        'the intent publishes no sealKey, so the price cannot be sealed to the buyer',
        { path: '/body/sealKey' },
      );
    }
    body.sealed = await seal({ price: input.price }, sealKey, { thread: intent.id, for: { type: 'offer' } });
  } else {
    body.price = input.price;
  }
  return { body, replyKey };
}

/**
 * The input of a revised offer: the changes over the latest offer. Refuses (nothing sent) when the policy
 * no longer accepts the negotiation's terms, or when the price is needed and was sealed: the vendor cannot
 * open what it sealed to the buyer.
 */
export function revisedInput(
  state: NegotiationState,
  changes: RevisionInput,
  policy: VendorPolicy,
): OfferInput {
  const base = state.latest.body;
  const price = changes.price ?? state.price;
  if (price === undefined) {
    throw new IntentcastError(
      'ERR_SEAL',
      'the latest offer sealed its price to the buyer, and this vendor does not hold it in clear; give "price"',
    );
  }
  if (!policy.acceptsTerms(base.terms, state.intent)) {
    throw new IntentcastError(
      'ERR_LIFECYCLE_TERMS',
      `the vendor's policy no longer accepts the terms of this negotiation (${base.terms.uri}); no offer was sent`,
      { path: '/body/terms' },
    );
  }
  const when = changes.when ?? base.when;
  const note = changes.note ?? base.note;
  return {
    price,
    description: changes.description ?? base.description,
    quantity: changes.quantity ?? base.quantity,
    sealPrice: changes.sealPrice ?? state.sealed,
    sealReplies: changes.sealReplies ?? base.sealKey !== undefined,
    ...(when === undefined ? {} : { when }),
    ...(note === undefined ? {} : { note }),
    ...(changes.expiresIn === undefined ? {} : { expiresIn: changes.expiresIn }),
    ...(changes.signal === undefined ? {} : { signal: changes.signal }),
  };
}

/** The parts of BuildOptions every vendor message uses. */
export function buildOptions(now: number, backend: Ed25519Backend | undefined, expiresIn?: number) {
  return {
    now,
    ...(expiresIn === undefined ? {} : { expires: now + expiresIn }),
    ...(backend === undefined ? {} : { backend }),
  };
}
