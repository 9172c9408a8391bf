import { CompactEncrypt, compactDecrypt } from 'jose';
import { canonicalJson } from './canonical.js';
import { equalBytes, fromBase64url, utf8 } from './encoding.js';
import { IntentcastError } from './errors.js';
import { assertJsonValue, type JsonValue, parseJson } from './json.js';
import { assertSealedContent, SCHEMAS } from './schemas.js';
import { assertSealKey, importSealKey, importSealPrivateKey, type SealPrivateKey } from './seal-keys.js';
import type { SealedContent, SealKey } from './types.js';

/**
 * The fixed members of every sealed part's protected header (spec/sealed.md#protected-header); `thr` and
 * `epk` complete it.
 *
 * @example
 * header.alg === SEALED_HEADER.alg; // 'ECDH-ES'
 */
export const SEALED_HEADER = { alg: 'ECDH-ES', enc: 'A256GCM', cty: 'intentcast-sealed+json' } as const;

const HEADER_MEMBERS = ['alg', 'enc', 'cty', 'thr', 'epk'];
const SEALED_RE = new RegExp(SCHEMAS.defs.$defs.sealed.pattern, 'u');
const SEALED_MAX_LENGTH = SCHEMAS.defs.$defs.sealed.maxLength;
const ID_RE = new RegExp(SCHEMAS.defs.$defs.id.pattern, 'u');
/**
 * The schema allows 14,000 base64url characters of ciphertext, and A256GCM ciphertext is exactly as long
 * as the plaintext: 14,000 characters carry 10,500 bytes.
 */
const MAX_PLAINTEXT_BYTES = 10_500;

/** Options of seal: the thread is required, the rest exists only for test vectors. */
export interface SealOptions {
  /** The id of the intent that starts the thread; it goes in the header as `thr`. */
  thread: string;
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
  readonly thread: string;
  readonly body: { readonly sealed?: string | undefined };
}

function sealError(message: string, cause?: unknown): IntentcastError {
  return new IntentcastError('ERR_SEAL', message, cause === undefined ? {} : { cause });
}

function checkThread(thread: unknown): asserts thread is string {
  if (typeof thread !== 'string' || !ID_RE.test(thread))
    throw sealError('thread must be a message id (64 lowercase hexadecimal digits)');
}

/** The plaintext of a sealed part: UTF-8 of the RFC 8785 form of checked content. */
function plaintextOf(content: unknown): Uint8Array {
  try {
    assertJsonValue(content);
  } catch (err) {
    const path = (err as IntentcastError).path;
    throw new IntentcastError('ERR_SEAL', `sealed content: ${(err as Error).message}`, {
      ...(path === undefined ? {} : { path }),
      cause: err,
    });
  }
  assertSealedContent(content);
  const plaintext = utf8(canonicalJson(content));
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
 * content the sealed-content schema refuses or that is too large, ERR_KEY_INVALID for an unusable key.
 *
 * @example
 * const sealed = await seal({ price: { amount: '139.00', currency: 'EUR' } }, intent.body.sealKey, {
 *   thread: intent.id,
 * });
 * const offer = createOffer(intent, { ...body, sealed }, vendor.secretKey);
 */
export async function seal(
  content: SealedContent,
  recipient: SealKey,
  options: SealOptions,
): Promise<string> {
  const plaintext = plaintextOf(content);
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

/** Checks the compact form and the protected header, and returns the header's thread. */
function readHeader(jwe: unknown): string {
  if (typeof jwe !== 'string' || jwe.length > SEALED_MAX_LENGTH || !SEALED_RE.test(jwe)) {
    throw sealError(
      'sealed part is not a compact JWE of the allowed form (header, empty encrypted key, 12-byte IV, ciphertext, 16-byte tag)',
    );
  }
  const [encodedHeader, , iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
  const parts = { 'protected header': encodedHeader, iv, ciphertext, tag };
  // One encoding per value: otherwise unused trailing bits could be flipped without changing what opens.
  for (const [name, part] of Object.entries(parts)) {
    try {
      fromBase64url(part);
    } catch (cause) {
      throw sealError(`sealed part: the ${name} is not canonical base64url`, cause);
    }
  }
  let header: JsonValue;
  try {
    header = parseJson(fromBase64url(encodedHeader));
  } catch (cause) {
    throw sealError('sealed part: the protected header is not JSON', cause);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw sealError('sealed part: the protected header is not a JSON object');
  for (const member of Object.keys(header)) {
    if (!HEADER_MEMBERS.includes(member))
      throw sealError(`sealed part: header member "${member}" is not allowed`);
  }
  // Checked here, before any key is used, so no other algorithm is ever reached (alg confusion).
  for (const [member, expected] of Object.entries(SEALED_HEADER)) {
    const got = header[member];
    if (got !== expected) {
      const shown = got === undefined ? 'nothing' : JSON.stringify(got);
      throw sealError(`sealed part: header "${member}" must be "${expected}", got ${shown}`);
    }
  }
  const thr = header.thr;
  if (typeof thr !== 'string' || !ID_RE.test(thr))
    throw sealError('sealed part: header "thr" must be a message id (64 lowercase hexadecimal digits)');
  try {
    assertSealKey(header.epk, 'header epk');
  } catch (cause) {
    throw sealError(`sealed part: ${(cause as Error).message}`, cause);
  }
  return thr;
}

/** Parses and checks opened plaintext. */
function readContent(plaintext: Uint8Array): SealedContent {
  let value: JsonValue;
  try {
    value = parseJson(plaintext);
  } catch (cause) {
    throw sealError(`sealed content is not JSON: ${(cause as Error).message}`, cause);
  }
  assertSealedContent(value);
  if (!equalBytes(utf8(canonicalJson(value)), plaintext))
    throw sealError('sealed content is not in canonical form (RFC 8785)');
  return value as SealedContent;
}

/**
 * Opens a sealed part given as a compact JWE, for a thread given by the caller (for a message, use
 * openSealed). Refuses any header but the protocol's, a `thr` other than `thread`, a ciphertext that does
 * not open with the key, and content the sealed-content schema refuses. Throws ERR_SEAL, or
 * ERR_KEY_INVALID for a malformed private key. A `path` on the error points into the opened content.
 *
 * @example
 * const content = await openSealedString(offer.body.sealed, buyerSealKey.privateJwk, intent.id);
 */
export async function openSealedString(
  jwe: string,
  privateJwk: SealPrivateKey,
  thread: string,
): Promise<SealedContent> {
  const key = await importSealPrivateKey(privateJwk);
  checkThread(thread);
  const thr = readHeader(jwe);
  if (thr !== thread)
    throw sealError(`sealed part belongs to thread ${thr}, not to thread ${thread} of the message`);
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
  return readContent(plaintext);
}

/**
 * Opens the sealed part of an offer, reply or confirm with the recipient's private seal key, checking that
 * it was sealed for the message's own thread. Throws ERR_SEAL (see openSealedString).
 *
 * @example
 * const { price } = await openSealed(offer, buyerSealKey.privateJwk);
 */
export async function openSealed(message: SealedMessage, privateJwk: SealPrivateKey): Promise<SealedContent> {
  const { thread, body } = (message ?? {}) as { thread?: unknown; body?: { sealed?: unknown } | null };
  if (typeof thread !== 'string')
    throw sealError('message has no thread: only offers, replies and confirms carry sealed parts');
  if (typeof body !== 'object' || body === null || typeof body.sealed !== 'string')
    throw sealError('message has no sealed part (body.sealed)');
  return openSealedString(body.sealed, privateJwk, thread);
}
