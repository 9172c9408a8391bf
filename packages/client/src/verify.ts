import {
  type Ed25519Backend,
  type ErrorCode,
  type Failure,
  type Message,
  type Result,
  type SealedContent,
  validateMessage,
} from '@intentcast/core';

/**
 * A message a relay sent that failed a check and was dropped instead of being handed over.
 *
 * @example
 * new Buyer({ relays, keystore, onInvalid: (report) => console.warn(report.relay, report.code, report.message) });
 */
export interface InvalidMessage {
  /** The relay it came from. */
  relay: string;
  /** Its seq on that relay, when it came from a stream. */
  seq: number | undefined;
  code: ErrorCode;
  message: string;
  path?: string;
  /** What the relay sent, untrusted. */
  received: unknown;
}

/**
 * Told of every message that was dropped because it failed a check.
 *
 * @example
 * const onInvalid: InvalidHandler = (report) => metrics.count(report.code);
 */
export type InvalidHandler = (report: InvalidMessage) => void;

/**
 * A verified message as the SDK hands it over, with what it learned on the way. The extra members are
 * not enumerable: the object still serializes to exactly the signed message.
 *
 * @example
 * for await (const offer of buyer.offers(intent.id)) console.log(offer.opened?.price ?? offer.body.price, offer.relay);
 */
export type Received<M extends Message = Message> = M & {
  /** The content of the sealed part, opened with the keystore's key; undefined when there is none. */
  readonly opened: SealedContent | undefined;
  /** The relay it came from first. */
  readonly relay: string;
  /** Its seq on that relay, when it came from a stream. */
  readonly seq: number | undefined;
};

/** What checking incoming messages needs. */
export interface VerifyContext {
  backend?: Ed25519Backend;
  now: () => number;
}

/**
 * Checks a message a relay sent. Intents and offers must not have expired: an expired intent takes no
 * offers, and an expired offer can no longer be accepted. Other messages are kept whatever their expiry,
 * since a reply or a confirm still means what it said.
 */
export function checkIncoming(raw: unknown, context: VerifyContext): Result<Message> {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const checkTime = type === 'intent' || type === 'offer';
  return validateMessage(raw, {
    now: context.now(),
    checkTime,
    ...(context.backend === undefined ? {} : { backend: context.backend }),
  });
}

/** The report of a dropped message. */
export function invalid(
  failure: Pick<Failure, 'code' | 'message' | 'path'>,
  relay: string,
  seq: number | undefined,
  raw: unknown,
): InvalidMessage {
  return {
    relay,
    seq,
    code: failure.code,
    message: failure.message,
    ...(failure.path === undefined ? {} : { path: failure.path }),
    received: raw,
  };
}

/** Marks a checked message (a fresh copy the caller owns) with where it came from and what it sealed. */
export function asReceived<M extends Message>(
  message: M,
  meta: { opened: SealedContent | undefined; relay: string; seq: number | undefined },
): Received<M> {
  return Object.defineProperties(message, {
    opened: { value: meta.opened, enumerable: false },
    relay: { value: meta.relay, enumerable: false },
    seq: { value: meta.seq, enumerable: false },
  }) as Received<M>;
}
