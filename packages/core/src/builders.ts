import type { Ed25519Backend } from './ed25519/backend.js';
import { type SignableMessage, signMessage } from './sign.js';
import { formatTimestamp } from './time.js';
import type {
  ConfirmBody,
  Extensions,
  Intent,
  IntentBody,
  Message,
  MessageType,
  Offer,
  OfferBody,
  Reply,
  ReplyBody,
  WithdrawBody,
} from './types.js';
import { PROTOCOL } from './types.js';

const HOUR = 60 * 60 * 1000;

/** How long each type lives when no expiry is given. */
export const DEFAULT_TTL_MS: Record<MessageType, number> = {
  intent: 7 * 24 * HOUR,
  offer: 24 * HOUR,
  reply: 30 * 24 * HOUR,
  withdraw: 30 * 24 * HOUR,
  confirm: 30 * 24 * HOUR,
};

export interface BuildOptions {
  /** The creation time; now unless given. */
  now?: Date | number;
  /** The expiry; `now` plus the type's default lifetime unless given. For an offer, it is when it stops being firm. */
  expires?: Date | number;
  /** A fixed nonce (hex); random unless given. Fix it only for reproducible test vectors. */
  nonce?: string;
  ext?: Extensions;
  backend?: Ed25519Backend;
}

function build<T extends MessageType>(
  type: T,
  body: unknown,
  secretKey: Uint8Array,
  answer: { ref: string; thread: string } | undefined,
  options: BuildOptions,
): Message<T> {
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const expires =
    options.expires === undefined ? now + DEFAULT_TTL_MS[type] : new Date(options.expires).getTime();
  const message: Record<string, unknown> = {
    protocol: PROTOCOL,
    type,
    created: formatTimestamp(now),
    expires: formatTimestamp(expires),
    ...(answer ?? {}),
    body,
  };
  if (options.nonce !== undefined) message.nonce = options.nonce;
  if (options.ext !== undefined) message.ext = options.ext;
  return signMessage(
    message as SignableMessage<T>,
    secretKey,
    options.backend ? { backend: options.backend } : {},
  );
}

/**
 * Creates and signs an intent.
 *
 * @example
 * const intent = createIntent({
 *   what: { category: 'lodging.hotel', description: 'A quiet double room', quantity: 1 },
 *   where: { region: 'PT-11' },
 *   budget: { currency: 'EUR', max: '180.00' },
 *   terms: [{ uri: 'https://customercommons.org/terms/nostalking', sha256: '…' }],
 *   offerCap: 5,
 * }, buyer.secretKey);
 */
export function createIntent(body: IntentBody, secretKey: Uint8Array, options: BuildOptions = {}): Intent {
  return build('intent', body, secretKey, undefined, options);
}

/**
 * Creates and signs an offer. `answering` is the intent for a first offer, or the latest message of the
 * negotiation (the buyer's counter or question, or the vendor's own previous offer) for a revised one.
 */
export function createOffer(
  answering: Intent | Offer | Reply,
  body: OfferBody,
  secretKey: Uint8Array,
  options: BuildOptions = {},
): Offer {
  return build('offer', body, secretKey, answerFields(answering), options);
}

/** Creates and signs the buyer's reply to an offer. */
export function createReply(
  offer: Offer,
  body: ReplyBody,
  secretKey: Uint8Array,
  options: BuildOptions = {},
): Reply {
  return build('reply', body, secretKey, answerFields(offer), options);
}

/** Creates and signs the withdrawal of the author's own intent or offer. */
export function createWithdraw(
  target: Intent | Offer,
  body: WithdrawBody,
  secretKey: Uint8Array,
  options: BuildOptions = {},
): Message<'withdraw'> {
  return build('withdraw', body, secretKey, answerFields(target), options);
}

/** Creates and signs the vendor's confirmation of an accept. */
export function createConfirm(
  accept: Reply,
  body: ConfirmBody,
  secretKey: Uint8Array,
  options: BuildOptions = {},
): Message<'confirm'> {
  return build('confirm', body, secretKey, answerFields(accept), options);
}

function answerFields(message: Message): { ref: string; thread: string } {
  return { ref: message.id, thread: message.type === 'intent' ? message.id : message.thread };
}
