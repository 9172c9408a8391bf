import { type Failure, failureOf, type Result } from './errors.js';
import {
  checkSealed,
  confirm,
  type Effect,
  fail,
  firstOffer,
  negotiationOf,
  reply,
  revisedOffer,
  withdraw,
} from './lifecycle-rules.js';
import {
  initialState,
  type Negotiation,
  type NegotiationStatus,
  type ThreadSnapshot,
  type ThreadState,
  type WorkingState,
  workingCopy,
} from './lifecycle-state.js';
import type { Intent, Message } from './types.js';

/**
 * The thread lifecycle (spec/lifecycle.md): which message may follow which, and what state a thread is in.
 * The public functions are pure: a snapshot given to them is never changed. Inside, the rules change one
 * working state in place, so replaying a thread of n messages takes time linear in n.
 */

export type { Negotiation, NegotiationStatus, ThreadSnapshot, ThreadState };

export interface ApplyOptions {
  /**
   * The time the message is received, in epoch milliseconds or as a Date; the rules about expiry are judged
   * at this time. Leave it out only to replay messages that were accepted before (time rules are skipped).
   * A value that is not a finite time (NaN, an Invalid Date) throws a TypeError: it is a bug, not bad input.
   */
  now?: number | Date;
}

/**
 * Starts the snapshot of a new thread from its (already validated) intent.
 *
 * @example
 * const snapshot = startThread(intent);
 * threadState(snapshot, Date.now()); // 'open'
 */
export function startThread(intent: Intent): ThreadSnapshot {
  return initialState(intent);
}

/**
 * The state of a thread at a time.
 *
 * @example
 * threadState(snapshot, Date.now()); // 'open'
 */
export function threadState(snapshot: ThreadSnapshot, now?: number | Date): ThreadState {
  return stateAt(snapshot, now === undefined ? undefined : toMs(now));
}

function stateAt(snapshot: ThreadSnapshot, now: number | undefined): ThreadState {
  if (snapshot.withdrawn) return 'withdrawn';
  const expired = isExpired(snapshot, now);
  // A thread is done once it is filled, or once it expires with part of it filled: what was accepted
  // stands, and the thread closes when every accept is confirmed.
  if (isFilled(snapshot) || (expired && snapshot.acceptedQuantity > 0)) {
    return snapshot.unconfirmed > 0 ? 'accepted' : 'closed';
  }
  return expired ? 'expired' : 'open';
}

function isFilled(snapshot: ThreadSnapshot): boolean {
  return snapshot.acceptedQuantity >= snapshot.intent.body.what.quantity;
}

function isExpired(snapshot: ThreadSnapshot, now: number | undefined): boolean {
  return now !== undefined && now >= Date.parse(snapshot.intent.expires);
}

/**
 * Applies one (already validated) message to a thread: the new snapshot, or a Failure with an
 * ERR_LIFECYCLE_* code (or ERR_SEAL) saying why the message is not allowed. Pure; `snapshot` is not
 * changed.
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
  const now = nowOf(options);
  try {
    return { ok: true, value: applyCopy(snapshot, message, now) };
  } catch (err) {
    return failureOf(err);
  }
}

/**
 * Like applyToThread, but throws the IntentcastError.
 *
 * @example
 * snapshot = assertApplies(snapshot, offer, { now: Date.now() });
 */
export function assertApplies(
  snapshot: ThreadSnapshot,
  message: Message,
  options: ApplyOptions = {},
): ThreadSnapshot {
  return applyCopy(snapshot, message, nowOf(options));
}

function applyCopy(snapshot: ThreadSnapshot, message: Message, now: number | undefined): ThreadSnapshot {
  // One copy per call; a refused message leaves only the copy half changed, and the copy is dropped.
  const state = workingCopy(snapshot);
  apply(state, message, now);
  return state;
}

/**
 * Folds a whole thread, in order, into a snapshot: the intent, then the messages that reference it directly
 * or through the chain. Each message is judged at `now` if given; leave it out to replay a stored thread.
 *
 * @example
 * const folded = foldThread(intent, stored);
 * if (folded.ok) threadState(folded.value, Date.now());
 */
export function foldThread(
  intent: Intent,
  messages: readonly Message[],
  options: ApplyOptions = {},
): Result<ThreadSnapshot> {
  const now = nowOf(options);
  try {
    return { ok: true, value: fold(intent, messages, now) };
  } catch (err) {
    return failureOf(err);
  }
}

/** A fresh working state with every message applied in place. */
function fold(intent: Intent, messages: readonly Message[], now: number | undefined): WorkingState {
  const state = initialState(intent);
  for (const message of messages) apply(state, message, now);
  return state;
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
  const at = toMs(now);
  try {
    // The stored messages are replayed without time rules; the new one is judged at `now`.
    const state = fold(thread.intent, thread.messages, undefined);
    apply(state, message, at);
    return { ok: true, state: stateAt(state, at), snapshot: state };
  } catch (err) {
    return failureOf(err);
  }
}

function nowOf(options: ApplyOptions): number | undefined {
  return options.now === undefined ? undefined : toMs(options.now);
}

function toMs(time: number | Date): number {
  const ms = typeof time === 'number' ? time : time instanceof Date ? time.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new TypeError(
      `"now" expected a finite time (epoch milliseconds or a valid Date), got ${String(time)}`,
    );
  }
  return ms;
}

/**
 * True when the message settles an accept: a confirm, the vendor's withdrawal of an accepted offer, or the
 * buyer's withdrawal of the intent while an accept awaits its confirm. Such messages may still come once
 * the intent is filled or expired, so an unconfirmed accept never holds a thread for good.
 */
function settlesAnAccept(state: WorkingState, message: Message, refType: Message['type']): boolean {
  if (message.type === 'confirm') return true;
  if (message.type !== 'withdraw') return false;
  if (refType === 'intent') return state.unconfirmed > 0;
  return refType === 'offer' && negotiationOf(state, message.ref)?.status === 'accepted';
}

/** Applies one message to a working state it owns, in place; throws if a rule refuses it. */
function apply(state: WorkingState, message: Message, now: number | undefined): void {
  const { intent } = state;
  if (message.type === 'intent') fail('ERR_LIFECYCLE_WRONG_THREAD', 'an intent starts a thread of its own');
  if (message.thread !== intent.id) {
    fail(
      'ERR_LIFECYCLE_WRONG_THREAD',
      `message belongs to thread ${message.thread}, not ${intent.id}`,
      '/thread',
    );
  }
  if (state.types.has(message.id)) fail('ERR_LIFECYCLE_DUPLICATE', 'message is already in the thread', '/id');
  const refType = state.types.get(message.ref);
  if (refType === undefined) fail('ERR_LIFECYCLE_UNKNOWN_REF', 'ref names no message of this thread', '/ref');

  // Thread-wide states come first: nothing follows a withdrawn or closed thread, and once the intent is
  // filled or expired only a message that settles an accept can still arrive.
  const current = stateAt(state, now);
  if (current === 'withdrawn') fail('ERR_LIFECYCLE_CLOSED', 'the intent was withdrawn');
  if (current === 'closed')
    fail('ERR_LIFECYCLE_CLOSED', 'the thread is closed: every accepted offer is confirmed');
  if (!settlesAnAccept(state, message, refType)) {
    if (isFilled(state)) fail('ERR_LIFECYCLE_ALREADY_ACCEPTED', 'the intent has been accepted in full');
    if (isExpired(state, now)) fail('ERR_LIFECYCLE_EXPIRED', `the intent expired at ${intent.expires}`);
  }

  let effect: Effect;
  switch (message.type) {
    case 'offer':
      effect = refType === 'intent' ? firstOffer(state, message) : revisedOffer(state, message);
      break;
    case 'reply':
      effect = reply(state, message, refType, now);
      break;
    case 'withdraw':
      effect = withdraw(state, message, refType);
      break;
    case 'confirm':
      effect = confirm(state, message, refType);
      break;
  }
  checkSealed(state, message);

  effect();
  state.types.set(message.id, message.type);
  if (message.type !== 'withdraw' && message.body.sealed !== undefined) state.sealed.add(message.body.sealed);
}
