import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Ed25519Backend } from './ed25519/backend.js';
import { concatBytes, equalBytes, randomBytes, utf8 } from './encoding.js';
import { failureOf, IntentcastError, type Result } from './errors.js';
import { webhookEvent as validateEvent } from './generated/validators.js';
import { escapePointer, type JsonValue, parseJson } from './json.js';
import type { Confirm, Intent, Offer, Reply, Timestamp, Withdraw } from './types.js';
import { validateMessage } from './validate.js';

/** The event types of spec/webhooks.md, in the order of the schema. */
export const WEBHOOK_EVENT_TYPES = [
  'intent.matched',
  'mailbox.offer',
  'mailbox.reply',
  'mailbox.withdraw',
  'mailbox.confirm',
  'intent.expired',
  'endpoint.disabled',
  'test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How far `webhook-timestamp` may be from the receiver's clock, either way, unless told otherwise. */
export const WEBHOOK_TOLERANCE_SEC = 300;

/** What an event about a message carries: the endpoint, the relay's seq and the signed message itself. */
export interface WebhookMessageData<M> {
  endpoint: string;
  seq: number;
  message: M;
}

export interface WebhookEventData {
  'intent.matched': WebhookMessageData<Intent>;
  'mailbox.offer': WebhookMessageData<Offer>;
  'mailbox.reply': WebhookMessageData<Reply>;
  'mailbox.withdraw': WebhookMessageData<Withdraw>;
  'mailbox.confirm': WebhookMessageData<Confirm>;
  'intent.expired': WebhookMessageData<Intent>;
  'endpoint.disabled': { endpoint: string; reason: 'failures' | 'owner' | 'operator' };
  test: { endpoint: string };
}

/** The JSON body of a delivery (spec/schemas/webhook-event.json); `switch (event.type)` narrows `data`. */
export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = T extends WebhookEventType
  ? { type: T; timestamp: Timestamp; data: WebhookEventData[T] }
  : never;

/** The three headers of a delivery, as signWebhook writes them (a type, so it fits `HeadersInit`). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Request headers: a plain object with names in any case (as Node gives them), or a fetch `Headers`. */
export type WebhookHeaderInput =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SignWebhookInput {
  /** The delivery's id: 1 to 128 of A-Z, a-z, 0-9, `_`, `-`. A retry keeps the id of the first attempt. */
  id: string;
  /** Unix time in whole seconds (not milliseconds). Defaults to the current time. */
  timestamp?: number;
  /** The exact body sent: the JSON text of the event, or its UTF-8 bytes. */
  body: string | Uint8Array;
  /** A `whsec_` secret, or every active secret during a rotation (one signature each). */
  secret: string | readonly string[];
}

export interface WebhookVerifyOptions {
  /** The receiver's clock: a Date or epoch milliseconds. Defaults to the current time. */
  now?: Date | number;
  /** Seconds `webhook-timestamp` may be from `now`, either way. Default 300. */
  toleranceSec?: number;
}

export interface WebhookValidateOptions extends WebhookVerifyOptions {
  /** The Ed25519 implementation for the message inside; @noble/ed25519 unless given. */
  backend?: Ed25519Backend;
  /** Set false to check only the form of the message inside, not its id and signature. Default true. */
  checkMessage?: boolean;
}

/** A delivery that verified: its id (drop it if seen before), its Unix timestamp and its event. */
export interface WebhookDelivery {
  id: string;
  timestamp: number;
  event: WebhookEvent;
}

const PREFIX = 'whsec_';
const ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const TIMESTAMP_RE = /^(?:0|[1-9][0-9]{0,10})$/;
const MAX_SIGNATURE_HEADER = 4096;

const fail = (message: string, path?: string) =>
  new IntentcastError('ERR_WEBHOOK_INVALID', message, path === undefined ? {} : { path });

/** Shows at most 32 characters of untrusted text in an error message. */
const quote = (text: string) => JSON.stringify(text.length > 32 ? `${text.slice(0, 32)}...` : text);

/**
 * A new random secret: `whsec_` and the standard base64 of `bytes` random bytes (24 to 64, default 32).
 *
 * @example
 * const secret = generateWebhookSecret(); // 'whsec_...' (43 characters after the prefix)
 */
export function generateWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 24 || bytes > 64) {
    throw new RangeError(`"bytes" expected an integer from 24 to 64, got ${bytes}`);
  }
  return PREFIX + base64.encode(randomBytes(bytes));
}

/**
 * True when `secret` has the form `whsec_` + canonical standard base64 of 24 to 64 bytes.
 *
 * @example
 * isValidWebhookSecret('whsec_' + 'A'.repeat(32)); // true (24 zero bytes)
 */
export function isValidWebhookSecret(secret: unknown): boolean {
  try {
    secretKey(secret);
    return true;
  } catch {
    return false;
  }
}

/** The HMAC key a secret names; the message never quotes the secret. */
function secretKey(secret: unknown): Uint8Array {
  if (typeof secret !== 'string' || !secret.startsWith(PREFIX)) {
    throw fail('secret must be "whsec_" followed by base64');
  }
  const text = secret.slice(PREFIX.length);
  let key: Uint8Array;
  try {
    // Strict: refuses a missing or extra `=` and non-zero unused bits, so each key has one spelling.
    key = base64.decode(text);
  } catch {
    throw fail('secret: the part after "whsec_" is not canonical base64 with padding (RFC 4648 section 4)');
  }
  if (key.length < 24 || key.length > 64) {
    throw fail(`secret must hold 24 to 64 bytes, got ${key.length}`);
  }
  return key;
}

function secretKeys(secret: unknown): Uint8Array[] {
  const list = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) throw fail('no secret given');
  return list.map(secretKey);
}

function bodyBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (typeof body !== 'string') throw fail('body must be a string or a Uint8Array');
  if (!body.isWellFormed()) throw fail('body holds a lone surrogate');
  return utf8(body);
}

/** `v1,` and the base64 of HMAC-SHA256 over `${id}.${timestamp}.${body}`. */
function signature(key: Uint8Array, id: string, timestamp: string, body: Uint8Array): string {
  return `v1,${base64.encode(hmac(sha256, key, concatBytes(utf8(`${id}.${timestamp}.`), body)))}`;
}

/**
 * Signs a delivery the Standard Webhooks way and returns its three headers. With several secrets (during a
 * rotation) the signature header holds one `v1,` entry per secret, in the order given.
 *
 * @example
 * const headers = signWebhook({ id: 'msg_01', body: JSON.stringify(event), secret });
 * await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
 */
export function signWebhook(input: SignWebhookInput): WebhookHeaders {
  const { id, body } = input;
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    throw fail('id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-"');
  }
  const seconds = input.timestamp ?? Math.floor(Date.now() / 1000);
  const timestamp = String(seconds);
  if (!Number.isSafeInteger(seconds) || !TIMESTAMP_RE.test(timestamp)) {
    throw fail(`timestamp must be whole Unix seconds (at most 11 digits), got ${timestamp}`);
  }
  const bytes = bodyBytes(body);
  const signatures = secretKeys(input.secret).map((key) => signature(key, id, timestamp, bytes));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}

/** One header's value; repeated signature headers are joined by a space, other headers must appear once. */
function header(headers: WebhookHeaderInput, name: keyof WebhookHeaders): string {
  if (typeof headers !== 'object' || headers === null) {
    throw fail('headers must be an object or a Headers instance');
  }
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    if (value === null) throw fail(`missing header ${name}`);
    return value;
  }
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'string') throw fail(`header ${name} must be a string`);
      values.push(item);
    }
  }
  if (values.length === 0) throw fail(`missing header ${name}`);
  if (values.length > 1 && name !== 'webhook-signature') throw fail(`header ${name} appears more than once`);
  return values.join(' ');
}

interface Clock {
  nowSec: number;
  tolerance: number;
}

/** The receiver's time and tolerance; options that are not a time or a tolerance are the caller's bug. */
function clock(options: WebhookVerifyOptions): Clock {
  const { now, toleranceSec = WEBHOOK_TOLERANCE_SEC } = options;
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(ms)) throw new TypeError('"now" expected a Date or epoch milliseconds');
  if (!Number.isFinite(toleranceSec) || toleranceSec < 0) {
    throw new TypeError(`"toleranceSec" expected a non-negative number, got ${toleranceSec}`);
  }
  return { nowSec: Math.floor(ms / 1000), tolerance: toleranceSec };
}

/** The checks of the headers and signature, in the order of spec/webhooks.md#verifying; throws. */
function checkDelivery(
  headers: WebhookHeaderInput,
  body: unknown,
  secret: unknown,
  { nowSec, tolerance }: Clock,
): { id: string; timestamp: number; bytes: Uint8Array } {
  const keys = secretKeys(secret);
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!ID_RE.test(id)) {
    throw fail(`webhook-id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-", got ${quote(id)}`);
  }
  if (!TIMESTAMP_RE.test(timestampText)) {
    throw fail(`webhook-timestamp must be whole Unix seconds, got ${quote(timestampText)}`);
  }
  const timestamp = Number(timestampText);
  const age = nowSec - timestamp;
  if (Math.abs(age) > tolerance) {
    const where = age > 0 ? 'behind' : 'ahead of';
    throw fail(
      `webhook-timestamp is ${Math.abs(age)} seconds ${where} the receiver's clock; the tolerance is ${tolerance}`,
    );
  }
  if (signatures.length > MAX_SIGNATURE_HEADER) {
    throw fail(`webhook-signature is longer than ${MAX_SIGNATURE_HEADER} characters`);
  }
  // Headers.get joins repeated headers with ", ", which leaves a comma at the end of all but the last entry.
  const offered = signatures
    .split(' ')
    .map((entry) => (entry.endsWith(',') ? entry.slice(0, -1) : entry))
    .filter((entry) => entry.startsWith('v1,'))
    .map(utf8);
  if (offered.length === 0) throw fail('webhook-signature holds no v1 signature');
  const bytes = bodyBytes(body);
  const expected = keys.map((key) => utf8(signature(key, id, timestampText, bytes)));
  // Every pair is compared, each in constant time, so the time taken says nothing about which one matched.
  let match = false;
  for (const mine of expected) for (const theirs of offered) match = equalBytes(mine, theirs) || match;
  if (!match) throw fail('no v1 signature in webhook-signature matches the secret');
  return { id, timestamp, bytes };
}

/**
 * True when the delivery is authentic and fresh: a `v1` signature matches a secret and `webhook-timestamp`
 * is within the tolerance. It does not look inside the body, so it works for any Standard Webhooks
 * delivery; validateWebhook also checks the event. Never throws, whatever it is given.
 *
 * @example
 * if (!verifyWebhook(req.headers, rawBody, secret)) return reply.code(400).send();
 */
export function verifyWebhook(
  headers: WebhookHeaderInput,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: WebhookVerifyOptions = {},
): boolean {
  try {
    checkDelivery(headers, body, secret, clock(options));
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a delivery completely: the headers, signature and time as verifyWebhook does, then that the body
 * is an Intentcast event whose message, if it carries one, validates on its own (expiry not checked). Never
 * throws on bad input: a failure has the code ERR_WEBHOOK_INVALID and says what was wrong, and a failure of
 * core itself is ERR_INTERNAL. A `now` or `toleranceSec` that is not a time is a bug of the caller and
 * throws a TypeError.
 *
 * @example
 * const result = validateWebhook(req.headers, rawBody, secret);
 * if (result.ok && !seen.has(result.value.id)) handle(result.value.event);
 */
export function validateWebhook(
  headers: WebhookHeaderInput,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: WebhookValidateOptions = {},
): Result<WebhookDelivery> {
  const at = clock(options);
  try {
    return { ok: true, value: readDelivery(headers, body, secret, options, at) };
  } catch (err) {
    return failureOf(err);
  }
}

/**
 * Like validateWebhook, but returns the delivery or throws an IntentcastError.
 *
 * @example
 * const { id, event } = parseWebhook(request.headers, await request.text(), secret);
 */
export function parseWebhook(
  headers: WebhookHeaderInput,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: WebhookValidateOptions = {},
): WebhookDelivery {
  return readDelivery(headers, body, secret, options, clock(options));
}

/** The checks of parseWebhook, at the receiver's time `at`. */
function readDelivery(
  headers: WebhookHeaderInput,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: WebhookValidateOptions,
  at: Clock,
): WebhookDelivery {
  const { id, timestamp, bytes } = checkDelivery(headers, body, secret, at);
  return { id, timestamp, event: parseEvent(body, bytes, options) };
}

function describe(error: ErrorObject): { path: string; detail: string } {
  const params = error.params as Record<string, unknown>;
  const name = params.additionalProperty ?? params.unevaluatedProperty ?? params.missingProperty;
  const path =
    name === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(String(name))}`;
  if (error.keyword === 'required') return { path, detail: 'is required' };
  if (name !== undefined || error.keyword === 'false schema') return { path, detail: 'is not allowed here' };
  if (error.keyword === 'const') return { path, detail: `must be ${JSON.stringify(params.allowedValue)}` };
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return { path, detail: `must be one of ${allowed}` };
  }
  return { path, detail: error.message ?? 'is invalid' };
}

function parseEvent(body: unknown, bytes: Uint8Array, options: WebhookValidateOptions): WebhookEvent {
  let value: JsonValue;
  try {
    // The protocol's JSON rules: size, UTF-8, depth, no duplicate names. A valid event nests at most six
    // levels (the message schemas allow four), well within the limit.
    value = parseJson(typeof body === 'string' ? body : bytes);
  } catch (err) {
    throw fail(`body is not acceptable JSON: ${(err as Error).message}`);
  }
  // Compiled from the schemas at build time, as the message validators are (see schemas.ts).
  if (!validateEvent(value)) {
    const { path, detail } = describe(validateEvent.errors![0]!);
    throw fail(`body is not a webhook event: ${path || '/'} ${detail}`, path);
  }
  const event = value as unknown as WebhookEvent;
  if ('message' in event.data && options.checkMessage !== false) {
    const { backend } = options;
    const result = validateMessage(
      event.data.message,
      backend ? { backend, checkTime: false } : { checkTime: false },
    );
    // Core failing to check the message says nothing about the delivery, so it is not reported as invalid.
    if (!result.ok && result.code === 'ERR_INTERNAL') throw new IntentcastError(result.code, result.message);
    if (!result.ok) {
      throw fail(
        `body: the message does not validate: ${result.code} ${result.message}`,
        `/data/message${result.path ?? ''}`,
      );
    }
  }
  return event;
}
