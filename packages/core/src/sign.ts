import { messageId } from './canonical.js';
import type { Ed25519Backend } from './ed25519/backend.js';
import { nobleBackend } from './ed25519/noble.js';
import { randomBytes, toHex } from './encoding.js';
import { IntentcastError } from './errors.js';
import { didKeyFromPublicKey, keyPairFromSecretKey } from './keys.js';
import { messageSigningInput } from './signing-input.js';
import type { Message, MessageType, UnsignedMessage } from './types.js';
import { assertMessage } from './validate.js';

export interface SignOptions {
  backend?: Ed25519Backend;
}

/** A message to sign: `author` and `nonce` may be left out and are then filled in. */
export type SignableMessage<T extends MessageType = MessageType> = T extends MessageType
  ? Omit<UnsignedMessage<T>, 'author' | 'nonce'> & {
      author?: string;
      nonce?: string;
      id?: never;
      sig?: never;
    }
  : never;

/** A fresh 128-bit nonce in lowercase hex. */
export function newNonce(): string {
  return toHex(randomBytes(16));
}

/**
 * Signs a message with a 32-byte Ed25519 secret seed: fills in `author` (the key's did:key) and `nonce`
 * when they are missing, computes `id` and `sig`, and checks the result against every rule except expiry.
 * Throws an IntentcastError if the message is not valid or `author` names another key.
 *
 * @example
 * const signed = signMessage({ protocol: 'intentcast/1', type: 'intent', created, expires, body }, secretKey);
 */
export function signMessage<T extends MessageType>(
  message: SignableMessage<T>,
  secretKey: Uint8Array,
  options: SignOptions = {},
): Message<T> {
  const backend = options.backend ?? nobleBackend;
  const { publicKey } = keyPairFromSecretKey(secretKey, backend);
  const author = didKeyFromPublicKey(publicKey);
  const input = message as Record<string, unknown>;
  if (input.author !== undefined && input.author !== author) {
    throw new IntentcastError('ERR_KEY_INVALID', 'author is not the did:key of the signing key', {
      path: '/author',
    });
  }
  if ('id' in input || 'sig' in input) {
    throw new IntentcastError(
      'ERR_SCHEMA',
      'the message is already signed: remove id and sig to sign it again',
    );
  }
  const unsigned = inReadingOrder({ ...input, author, nonce: input.nonce ?? newNonce() });
  const id = messageId(unsigned);
  const sig = toHex(backend.sign(messageSigningInput(id), secretKey));
  const signed = inReadingOrder({ ...unsigned, id, sig });
  assertMessage(signed, { backend, checkTime: false });
  return signed as unknown as Message<T>;
}

const READING_ORDER = [
  'protocol',
  'type',
  'author',
  'created',
  'expires',
  'nonce',
  'ref',
  'thread',
  'body',
  'ext',
];

/** Puts the envelope fields in the order the spec lists them. Order never changes the id (JCS sorts). */
function inReadingOrder(message: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of READING_ORDER) if (key in message) ordered[key] = message[key];
  for (const key of Object.keys(message)) if (!(key in ordered)) ordered[key] = message[key];
  return ordered;
}
