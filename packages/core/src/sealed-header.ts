import { fromBase64url } from './encoding.js';
import { IntentcastError } from './errors.js';
import { type JsonValue, parseJson } from './json.js';
import { SCHEMAS } from './schemas.js';
import { assertSealKey } from './seal-keys.js';

/**
 * The form of a sealed part that can be checked without a key (spec/sealed.md#the-sealed-part): the compact
 * serialization, the length of each part and the protected header. Validators run it on every message
 * (spec/validation.md, step 15), openers before they use a key.
 */

/**
 * The fixed members of every sealed part's protected header (spec/sealed.md#protected-header); `thr` and
 * `epk` complete it.
 *
 * @example
 * header.alg === SEALED_HEADER.alg; // 'ECDH-ES'
 */
export const SEALED_HEADER = { alg: 'ECDH-ES', enc: 'A256GCM', cty: 'intentcast-sealed+json' } as const;

/** Longest protected header and ciphertext, in base64url characters. */
export const SEALED_PART_LIMITS = { header: 2048, ciphertext: 14_000 } as const;

const HEADER_MEMBERS = ['alg', 'enc', 'cty', 'thr', 'epk'];
const SEALED_RE = new RegExp(SCHEMAS.defs.$defs.sealed.pattern, 'u');
const SEALED_MAX_LENGTH = SCHEMAS.defs.$defs.sealed.maxLength;
const ID_RE = new RegExp(SCHEMAS.defs.$defs.id.pattern, 'u');

export function sealError(message: string, cause?: unknown): IntentcastError {
  return new IntentcastError('ERR_SEAL', message, cause === undefined ? {} : { cause });
}

/** True when `value` is a message id: 64 lowercase hexadecimal digits. */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && ID_RE.test(value);
}

function checkForm(jwe: unknown): asserts jwe is string {
  if (typeof jwe !== 'string' || jwe.length > SEALED_MAX_LENGTH || !SEALED_RE.test(jwe)) {
    throw sealError(
      'sealed part is not a compact JWE of the allowed form (header, empty encrypted key, 12-byte IV, ciphertext, 16-byte tag)',
    );
  }
}

function checkLength(name: string, part: string, limit: number): void {
  if (part.length > limit)
    throw sealError(`sealed part: the ${name} is ${part.length} characters; the limit is ${limit}`);
}

/**
 * Checks the compact form, the length and encoding of every part and the protected header of a sealed part,
 * and returns the header's `thr`. Throws ERR_SEAL. Uses no key, so it runs before any key is used: no
 * algorithm but the protocol's is ever reached.
 *
 * @example
 * readSealedHeader(offer.body.sealed); // the thread id the part was sealed for
 */
export function readSealedHeader(jwe: unknown): string {
  checkForm(jwe);
  const [encodedHeader, , iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
  checkLength('protected header', encodedHeader, SEALED_PART_LIMITS.header);
  checkLength('ciphertext', ciphertext, SEALED_PART_LIMITS.ciphertext);
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
  for (const [member, expected] of Object.entries(SEALED_HEADER)) {
    const got = header[member];
    if (got !== expected) {
      const shown = got === undefined ? 'nothing' : JSON.stringify(got);
      throw sealError(`sealed part: header "${member}" must be "${expected}", got ${shown}`);
    }
  }
  const thr = header.thr;
  if (!isMessageId(thr))
    throw sealError('sealed part: header "thr" must be a message id (64 lowercase hexadecimal digits)');
  try {
    assertSealKey(header.epk, 'header epk');
  } catch (cause) {
    throw sealError(`sealed part: ${(cause as Error).message}`, cause);
  }
  return thr;
}

/**
 * Checks a sealed part as readSealedHeader does, and that it was sealed for `thread`. Throws ERR_SEAL.
 *
 * @example
 * assertSealedPart(offer.body.sealed, offer.thread);
 */
export function assertSealedPart(jwe: unknown, thread: string): void {
  const thr = readSealedHeader(jwe);
  if (thr !== thread)
    throw sealError(`sealed part belongs to thread ${thr}, not to thread ${thread} of the message`);
}
