import { sha256 } from '@noble/hashes/sha2.js';
import { compareAmounts } from './amount.js';
import { canonicalBytes } from './canonical.js';
import type { Ed25519Backend } from './ed25519/backend.js';
import { nobleBackend } from './ed25519/noble.js';
import { fromHex, toHex } from './encoding.js';
import { failureOf, IntentcastError, isIntentcastError, type Result } from './errors.js';
import { assertJsonValue, type JsonValue, parseJson } from './json.js';
import { didKeyBytes, publicKeyFromDidKey } from './keys.js';
import { LIMITS } from './limits.js';
import { assertSchema } from './schemas.js';
import { assertSealKey } from './seal-keys.js';
import { assertSealedPart } from './sealed-header.js';
import { messageSigningInput } from './signing-input.js';
import { parseTimestamp } from './time.js';
import {
  MESSAGE_TYPES,
  type Message,
  type MessageType,
  PROTOCOL,
  type SealKey,
  type TimeWindow,
} from './types.js';

export interface VerifyOptions {
  /** The Ed25519 implementation; @noble/ed25519 unless given. */
  backend?: Ed25519Backend;
  /**
   * The verifier's clock, for expiry: a Date or epoch milliseconds. Defaults to the current time. A value that
   * is not a finite time (NaN, an Invalid Date) throws a TypeError.
   */
  now?: Date | number;
  /** Set false to skip the expiry and clock-skew checks (for archived messages). Default true. */
  checkTime?: boolean;
}

/**
 * Checks a message completely, in the order spec/validation.md gives: size and JSON form, version and type,
 * schema, times and amounts, the form of a sealed part, author key, id, signature, then expiry against
 * `now`. Accepts JSON text, UTF-8 bytes or an already parsed value. Never throws on bad input, however
 * hostile the value: the result says what was wrong, and a failure of core itself is ERR_INTERNAL. A `now`
 * that is not a time is a bug of the caller and throws a TypeError.
 *
 * @example
 * const result = validateMessage(text);
 * if (!result.ok) console.error(result.code, result.message, result.path);
 */
export function validateMessage(input: unknown, options: VerifyOptions = {}): Result<Message> {
  const now = clockFor(options);
  try {
    return { ok: true, value: checkMessage(input, options, now) };
  } catch (err) {
    return failureOf(err);
  }
}

/**
 * Like validateMessage, but returns the message or throws an IntentcastError.
 *
 * @example
 * const message = parseMessage(await request.text(), { backend });
 */
export function parseMessage(input: unknown, options: VerifyOptions = {}): Message {
  return assertMessage(input, options);
}

/**
 * True when the message passes every check of validateMessage. Never throws, whatever it is given.
 *
 * @example
 * if (!verifyMessage(received)) drop(received);
 */
export function verifyMessage(input: unknown, options: VerifyOptions = {}): boolean {
  try {
    assertMessage(input, options);
    return true;
  } catch {
    return false;
  }
}

/** The boolean form of validateMessage; the same check as verifyMessage. */
export const isValidMessage: (input: unknown, options?: VerifyOptions) => boolean = verifyMessage;

/** Checks a message and returns it typed, or throws an IntentcastError. */
export function assertMessage(input: unknown, options: VerifyOptions = {}): Message {
  return checkMessage(input, options, clockFor(options));
}

/** The checks of assertMessage, at the verifier's time `now` (undefined: no time checks). */
function checkMessage(input: unknown, options: VerifyOptions, now: number | undefined): Message {
  const value =
    typeof input === 'string' || input instanceof Uint8Array ? parseJson(input) : plainCopy(input);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IntentcastError('ERR_SCHEMA', 'a message must be a JSON object', { path: '' });
  }
  const message = value as Record<string, unknown>;
  const content = canonicalBytes(message);
  if (content.length > LIMITS.maxMessageBytes) {
    throw new IntentcastError(
      'ERR_TOO_LARGE',
      `canonical form is ${content.length} bytes; the limit is ${LIMITS.maxMessageBytes}`,
    );
  }
  const type = checkVersionAndType(message);
  assertSchema(type, message);
  const typed = message as unknown as Message;
  checkValues(typed);
  checkSealedPart(typed);
  // The author step in two halves: the checks that cost no curve arithmetic now, and the decoding of the
  // point only if a later step fails. A signature verifies only under a key that decodes, so when every
  // step passes the key is known good, and when one fails the code is still the first failing step's.
  const publicKey = authorKey(typed.author, didKeyBytes);
  const backend = options.backend ?? nobleBackend;
  const id = toHex(backend.sha256 ? backend.sha256(content) : sha256(content));
  if (id !== typed.id) {
    authorKey(typed.author, publicKeyFromDidKey);
    throw new IntentcastError('ERR_ID_MISMATCH', `id does not match the content; expected ${id}`, {
      path: '/id',
    });
  }
  if (!backend.verify(fromHex(typed.sig), messageSigningInput(id), publicKey)) {
    authorKey(typed.author, publicKeyFromDidKey);
    throw new IntentcastError('ERR_SIGNATURE_INVALID', 'signature does not verify under the author key', {
      path: '/sig',
    });
  }
  if (now !== undefined) checkTime(typed, now);
  return typed;
}

/**
 * A checked copy of a value given in memory, which the rest of the checks use. The value may be hostile:
 * a Proxy, a getter that throws or answers differently each time it is read. The copy is plain data read
 * once, so it is checked again; whatever cannot be copied is not JSON data.
 */
function plainCopy(input: unknown): JsonValue {
  let copy: unknown;
  try {
    assertJsonValue(input);
    // A copy with ordinary prototypes: objects made with Object.create(null) are fine JSON data, but the
    // schema validator calls methods such as valueOf on what it compares.
    copy = structuredClone(input);
  } catch (err) {
    if (isIntentcastError(err)) throw err;
    // A Proxy that cannot be cloned, a getter or trap that throws: not bad JSON, but not JSON data either.
    throw new IntentcastError('ERR_JSON', 'the value is not plain JSON data', { cause: err });
  }
  assertJsonValue(copy);
  return copy;
}

function checkVersionAndType(message: Record<string, unknown>): MessageType {
  if (message.protocol !== PROTOCOL) {
    throw new IntentcastError(
      'ERR_UNSUPPORTED_VERSION',
      `protocol must be "${PROTOCOL}", got ${JSON.stringify(message.protocol) ?? 'nothing'}`,
      { path: '/protocol' },
    );
  }
  const type = message.type;
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new IntentcastError(
      'ERR_UNKNOWN_TYPE',
      `type must be one of ${MESSAGE_TYPES.join(', ')}, got ${JSON.stringify(type) ?? 'nothing'}`,
      { path: '/type' },
    );
  }
  return type as MessageType;
}

function authorKey(author: string, decode: (did: string) => Uint8Array): Uint8Array {
  try {
    return decode(author);
  } catch (err) {
    throw new IntentcastError('ERR_KEY_INVALID', `author: ${(err as Error).message}`, { path: '/author' });
  }
}

function checkWindow(window: TimeWindow | undefined, path: string): void {
  if (!window) return;
  const start = parseTimestamp(window.start, `${path}/start`);
  const end = parseTimestamp(window.end, `${path}/end`);
  if (end <= start)
    throw new IntentcastError('ERR_TIME_RANGE', `${path}/end must be after start`, { path: `${path}/end` });
}

function checkSealKey(sealKey: SealKey | undefined): void {
  if (sealKey === undefined) return;
  try {
    assertSealKey(sealKey);
  } catch (err) {
    throw new IntentcastError('ERR_KEY_INVALID', `body.sealKey: ${(err as Error).message}`, {
      path: '/body/sealKey/x',
    });
  }
}

/** The checks of values that a JSON Schema cannot state: real dates, order of times, order of amounts. */
function checkValues(message: Message): void {
  const created = parseTimestamp(message.created, '/created');
  const expires = parseTimestamp(message.expires, '/expires');
  if (expires <= created) {
    throw new IntentcastError('ERR_TIME_RANGE', '/expires must be after /created', { path: '/expires' });
  }
  if (expires - created > LIMITS.maxLifetimeMs) {
    throw new IntentcastError('ERR_TIME_RANGE', '/expires is more than 366 days after /created', {
      path: '/expires',
    });
  }
  switch (message.type) {
    case 'intent': {
      checkSealKey(message.body.sealKey);
      checkWindow(message.body.when, '/body/when');
      const budget = message.body.budget;
      if (budget?.min !== undefined && compareAmounts(budget.min, budget.max) > 0) {
        throw new IntentcastError('ERR_AMOUNT_RANGE', '/body/budget/min is greater than max', {
          path: '/body/budget/min',
        });
      }
      break;
    }
    case 'offer':
      checkSealKey(message.body.sealKey);
      checkWindow(message.body.when, '/body/when');
      break;
    case 'reply':
      checkWindow(message.body.counter?.when, '/body/counter/when');
      break;
    default:
      break;
  }
}

/**
 * Step 15: the form and protected header of a sealed part, which a verifier can check without any key
 * (spec/sealed.md#the-sealed-part).
 */
function checkSealedPart(message: Message): void {
  if (message.type !== 'offer' && message.type !== 'reply' && message.type !== 'confirm') return;
  const sealed = message.body.sealed;
  if (sealed === undefined) return;
  try {
    assertSealedPart(sealed, message.thread);
  } catch (err) {
    throw new IntentcastError('ERR_SEAL', (err as Error).message, { path: '/body/sealed', cause: err });
  }
}

/**
 * The time to check expiry against, or undefined when it is not checked. Read before anything else, so a
 * broken clock is reported whatever the message holds, and as the caller's bug rather than a failed check.
 */
function clockFor(options: VerifyOptions): number | undefined {
  return options.checkTime === false ? undefined : clockOf(options.now);
}

/** Epoch milliseconds of the verifier's clock; a clock that is not a time is a bug of the caller. */
function clockOf(now: Date | number | undefined): number {
  const at = now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(at)) {
    throw new TypeError(
      `"now" expected a finite time (epoch milliseconds or a valid Date), got ${String(now)}`,
    );
  }
  return at;
}

function checkTime(message: Message, at: number): void {
  if (Date.parse(message.created) > at + LIMITS.maxClockSkewMs) {
    throw new IntentcastError('ERR_NOT_YET_VALID', 'created is in the future beyond the allowed clock skew', {
      path: '/created',
    });
  }
  if (Date.parse(message.expires) <= at) {
    throw new IntentcastError('ERR_EXPIRED', `message expired at ${message.expires}`, { path: '/expires' });
  }
}
