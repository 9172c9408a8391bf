import type { Intent, Message, Offer } from './types.js';

/**
 * The state the lifecycle keeps for a thread (spec/lifecycle.md#state), as the public read-only snapshot
 * and as the mutable working state the rules change in place.
 */

/** The state of a thread as a whole. */
export type ThreadState = 'open' | 'accepted' | 'closed' | 'withdrawn' | 'expired';

/**
 * The state of one negotiation: a vendor's first offer and the chain of replies and revised offers after it.
 * - `open`: the latest message is the vendor's offer; the buyer may answer it.
 * - `awaiting-vendor`: the buyer countered or asked; the vendor may revise.
 * - `declined`, `withdrawn`: ended without a deal.
 * - `accepted`: the buyer accepted the latest offer; the vendor may confirm, or withdraw the offer.
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
  /** How many messages the chain holds, the first offer included; at most LIMITS.maxNegotiationMessages. */
  readonly length: number;
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
  /** The negotiation of each vendor that ever offered, by the vendor's did:key. */
  readonly vendors: ReadonlyMap<string, string>;
  /** Every `body.sealed` of the thread, so a sealed part copied from another message is refused. */
  readonly sealed: ReadonlySet<string>;
  /** The sum of the quantities of accepted and confirmed offers. */
  readonly acceptedQuantity: number;
  /** How many negotiations count against the offer cap: those open, awaiting-vendor, accepted or confirmed. */
  readonly live: number;
  /** How many negotiations are accepted and not yet confirmed. */
  readonly unconfirmed: number;
  /** How many negotiations are confirmed. */
  readonly confirmed: number;
  readonly withdrawn: boolean;
}

/** The state the rules change in place: owned by whoever applies messages to it, never shared. */
export interface WorkingState {
  readonly intent: Intent;
  readonly negotiations: Map<string, Negotiation>;
  readonly owner: Map<string, string>;
  readonly types: Map<string, Message['type']>;
  readonly vendors: Map<string, string>;
  readonly sealed: Set<string>;
  acceptedQuantity: number;
  live: number;
  unconfirmed: number;
  confirmed: number;
  withdrawn: boolean;
}

/** A fresh working state holding only the intent. */
export function initialState(intent: Intent): WorkingState {
  return {
    intent,
    negotiations: new Map(),
    owner: new Map(),
    types: new Map([[intent.id, 'intent']]),
    vendors: new Map(),
    sealed: new Set(),
    acceptedQuantity: 0,
    live: 0,
    unconfirmed: 0,
    confirmed: 0,
    withdrawn: false,
  };
}

/**
 * A working copy of a snapshot: the one copy applyToThread makes, so the snapshot it was given stays as it
 * was. Negotiations are immutable records and are shared.
 */
export function workingCopy(snapshot: ThreadSnapshot): WorkingState {
  return {
    ...snapshot,
    negotiations: new Map(snapshot.negotiations),
    owner: new Map(snapshot.owner),
    types: new Map(snapshot.types),
    vendors: new Map(snapshot.vendors),
    sealed: new Set(snapshot.sealed),
  };
}
