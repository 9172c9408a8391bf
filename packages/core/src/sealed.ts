import { CompactEncrypt, compactDecrypt } from 'jose';
import { canonicalJson } from './canonical.js';
import { equalBytes, utf8 } from './encoding.js';
import { IntentcastError } from './errors.js';
import { assertJsonValue, type JsonValue, parseJson } from './json.js';
import { importSealKey, importSealPrivateKey, type SealPrivateKey } from './seal-keys.js';
import {
  assertSealedFor,
  checkNotAlsoPublic,
  checkSealedRules,
  checkSealedSchema,
  type SealedFor,
} from './sealed-content.js';
import {
  assertSealedPart,
  isMessageId,
  SEALED_HEADER,
  SEALED_PART_LIMITS,
  sealError,
} from './sealed-header.js';
import type { CounterTerms, Decision, Money, SealedContent, SealKey } from './types.js';

export type { SealedFor };
export { SEALED_HEADER };

/**
 * A sealed part holds at most 14,000 base64url characters of ciphertext, and A256GCM ciphertext is exactly
 * as long as the plaintext: 14,000 characters carry 10,500 bytes.
 */
const MAX_PLAINTEXT_BYTES = (SEALED_PART_LIMITS.ciphertext / 4) * 3;

/** Options of seal: the thread is required, the rest exists only for test vectors. */
export interface SealOptions {
  /** The id of the intent that starts the thread; it goes in the header as `thr`. */
  thread: string;
  /**
   * The message the part is for. When given, content that kind of message may not seal is refused before
   * anything is encrypted: an offer seals price, text and contact; a counter seals counter, text and
   * contact; other replies and confirms seal text and contact.
   */
  for?: SealedFor;
  /**
   * A fixed ephemeral private key, ONLY for reproducible test vectors. A fresh one is generated unless given;
   * reusing one across messages links them and, with a fixed `iv`, reuses the AES-GCM key and nonce.
   */
  ephemeralPrivateJwk?: SealPrivateKey;
  /**
   * A fixed 12-byte AES-GCM IV, ONLY for reproducible test vectors. Random unless given. Never fix it in
   * production: the same key and IV twice reveals the XOR of the plaintexts and allows forgeries.
   */
  iv?: Uint8Array;
}

/** Any message that can carry a sealed part: an offer, a reply or a confirm. */
export interface SealedMessage {
  readonly type: 'offer' | 'reply' | 'confirm';
  readonly thread: string;
  readonly body: {
    readonly sealed?: string | undefined;
    readonly decision?: Decision;
    readonly price?: Money | undefined;
    readonly counter?: CounterTerms | undefined;
  };
}

function checkThread(thread: unknown): asserts thread is string {
  if (!isMessageId(thread)) throw sealError('thread must be a message id (64 lowercase hexadecimal digits)');
}

/** The plaintext of a sealed part: UTF-8 of the RFC 8785 form of checked content. */
function plaintextOf(content: unknown, purpose: SealedFor | undefined): Uint8Array {
  try {
    assertJsonValue(content);
  } catch (err) {
    const path = (err as IntentcastError).path;
    throw new IntentcastError('ERR_SEAL', `sealed content: ${(err as Error).message}`, {
      ...(path === undefined ? {} : { path }),
      cause: err,
    });
  }
  checkSealedSchema(content);
  checkSealedRules(content, purpose);
  const plaintext = utf8(canonicalJson(content as JsonValue));
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw sealError(
      `sealed content is ${plaintext.length} bytes in canonical form; the limit is ${MAX_PLAINTEXT_BYTES}`,
    );
  }
  return plaintext;
}

/**
 * Seals private content to the counterparty's seal key, bound to a thread. The result goes in
 * `body.sealed` before the message is signed, so the signature covers the ciphertext. Throws ERR_SEAL for
 * content the sealed-content schema refuses, a time window that is not one, content that is too large, or
 * content the message named by `options.for` may not seal; ERR_KEY_INVALID for an unusable key.
 *
 * @example
 * const sealed = await seal({ price: { amount: '139.00', currency: 'EUR' } }, intent.body.sealKey, {
 *   thread: intent.id,
 *   for: { type: 'offer' },
 * });
 * const offer = createOffer(intent, { ...body, sealed }, vendor.secretKey);
 */
export async function seal(
  content: SealedContent,
  recipient: SealKey,
  options: SealOptions,
): Promise<string> {
  if (options?.for !== undefined) assertSealedFor(options.for, 'for');
  const plaintext = plaintextOf(content, options?.for);
  checkThread(options?.thread);
  const recipientKey = await importSealKey(recipient, 'recipient sealKey');
  const encrypter = new CompactEncrypt(plaintext).setProtectedHeader({
    ...SEALED_HEADER,
    thr: options.thread,
  });
  if (options.ephemeralPrivateJwk !== undefined) {
    // jose writes the ephemeral public key into the header, so the private key must be exportable.
    const epk = await importSealPrivateKey(options.ephemeralPrivateJwk, {
      name: 'ephemeral private key',
      extractable: true,
    });
    encrypter.setKeyManagementParameters({ epk });
  }
  if (options.iv !== undefined) {
    if (!(options.iv instanceof Uint8Array) || options.iv.length !== 12) {
      const got = options.iv instanceof Uint8Array ? `length=${options.iv.length}` : typeof options.iv;
      throw sealError(`"iv" expected Uint8Array of length 12, got ${got}`);
    }
    encrypter.setInitializationVector(options.iv);
  }
  try {
    return await encrypter.encrypt(recipientKey);
  } catch (cause) {
    throw sealError('sealing failed: the key agreement with the recipient key did not succeed', cause);
  }
}

/** Parses and checks opened plaintext. */
function readContent(plaintext: Uint8Array, purpose: SealedFor | undefined): SealedContent {
  let value: JsonValue;
  try {
    value = parseJson(plaintext);
  } catch (cause) {
    throw sealError(`sealed content is not JSON: ${(cause as Error).message}`, cause);
  }
  checkSealedSchema(value);
  if (!equalBytes(utf8(canonicalJson(value as JsonValue)), plaintext))
    throw sealError('sealed content is not in canonical form (RFC 8785)');
  checkSealedRules(value, purpose);
  return value;
}

/** Options of openSealedString. */
export interface OpenOptions {
  /** The message the part came in; when given, content that kind of message may not seal is refused. */
  for?: SealedFor;
}

/**
 * Opens a sealed part given as a compact JWE, for a thread given by the caller (for a message, use
 * openSealed). Refuses any header but the protocol's, a `thr` other than `thread`, a ciphertext that does
 * not open with the key, content the sealed-content schema refuses, a time window that is not one, and,
 * with `options.for`, content that kind of message may not seal. Throws ERR_SEAL, or ERR_KEY_INVALID for a
 * malformed private key. A `path` on the error points into the opened content.
 *
 * @example
 * const content = await openSealedString(offer.body.sealed, buyerSealKey.privateJwk, intent.id);
 */
export async function openSealedString(
  jwe: string,
  privateJwk: SealPrivateKey,
  thread: string,
  options: OpenOptions = {},
): Promise<SealedContent> {
  const key = await importSealPrivateKey(privateJwk);
  checkThread(thread);
  if (options.for !== undefined) assertSealedFor(options.for, 'for');
  // The header is checked here, before any key is used, so no other algorithm is ever reached.
  assertSealedPart(jwe, thread);
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: [SEALED_HEADER.alg],
      contentEncryptionAlgorithms: [SEALED_HEADER.enc],
    }));
  } catch (cause) {
    throw sealError(
      'sealed part does not open with this key: it was sealed to another key, or it was altered',
      cause,
    );
  }
  return readContent(plaintext, options.for);
}

/**
 * Opens the sealed part of an offer, reply or confirm with the recipient's private seal key, checking that
 * it was sealed for the message's own thread, that it holds only what that kind of message may seal, and
 * that it does not repeat a member the message carries in public (the binding price is in one place only).
 * Throws ERR_SEAL (see openSealedString).
 *
 * @example
 * const { price } = await openSealed(offer, buyerSealKey.privateJwk);
 */
export async function openSealed(message: SealedMessage, privateJwk: SealPrivateKey): Promise<SealedContent> {
  const { type, thread, body } = (message ?? {}) as {
    type?: unknown;
    thread?: unknown;
    body?: Record<string, unknown> | null;
  };
  if (typeof thread !== 'string')
    throw sealError('message has no thread: only offers, replies and confirms carry sealed parts');
  if (typeof body !== 'object' || body === null || typeof body.sealed !== 'string')
    throw sealError('message has no sealed part (body.sealed)');
  const purpose = { type, decision: body.decision };
  assertSealedFor(purpose, 'message');
  const content = await openSealedString(body.sealed, privateJwk, thread, {
    for: purpose.type === 'reply' ? purpose : { type: purpose.type },
  });
  checkNotAlsoPublic(content, body);
  return content;
}
