/**
 * The catalogue of stable error codes. Each code is listed once, with its meaning and the HTTP status a
 * relay answers it with; spec/errors.md is checked against this table by a test.
 */
export const ERROR_CATALOGUE = {
  ERR_JSON: { status: 400, meaning: 'The input is not a single well-formed JSON value (I-JSON).' },
  ERR_TOO_LARGE: { status: 413, meaning: 'The message is larger than the protocol allows.' },
  ERR_TOO_DEEP: {
    status: 400,
    meaning: 'The message nests objects or arrays deeper than the protocol allows.',
  },
  ERR_UNSUPPORTED_VERSION: {
    status: 400,
    meaning: 'The `protocol` field names a version this software does not speak.',
  },
  ERR_UNKNOWN_TYPE: { status: 400, meaning: 'The `type` field names no known message type.' },
  ERR_SCHEMA: { status: 400, meaning: "The message does not match its type's JSON Schema." },
  ERR_TIME_INVALID: { status: 400, meaning: 'A timestamp names a date or time that does not exist.' },
  ERR_TIME_RANGE: {
    status: 400,
    meaning: 'Two timestamps are out of order, or a lifetime is longer than allowed.',
  },
  ERR_AMOUNT_RANGE: { status: 400, meaning: 'A minimum amount is greater than its maximum.' },
  ERR_KEY_INVALID: {
    status: 400,
    meaning: 'A key is not a valid Ed25519 or X25519 public key in the stated form.',
  },
  ERR_ID_MISMATCH: {
    status: 400,
    meaning: 'The `id` is not the SHA-256 of the canonical form of the message.',
  },
  ERR_SIGNATURE_INVALID: { status: 400, meaning: 'The signature does not verify under the author key.' },
  ERR_EXPIRED: { status: 400, meaning: 'The message has expired.' },
  ERR_NOT_YET_VALID: {
    status: 400,
    meaning: 'The message is created further in the future than the allowed clock skew.',
  },
  ERR_SEAL: { status: 400, meaning: 'A sealed part cannot be opened or does not hold what it must.' },
  ERR_WEBHOOK_INVALID: { status: 400, meaning: 'A webhook delivery does not verify.' },
  ERR_LIFECYCLE_WRONG_THREAD: { status: 409, meaning: 'The message does not belong to this thread.' },
  ERR_LIFECYCLE_DUPLICATE: { status: 409, meaning: 'The message is already part of the thread.' },
  ERR_LIFECYCLE_UNKNOWN_REF: {
    status: 409,
    meaning: 'The message answers a message the thread does not hold.',
  },
  ERR_LIFECYCLE_REF_TYPE: {
    status: 409,
    meaning: 'The message answers a message of a type it cannot answer.',
  },
  ERR_LIFECYCLE_NOT_AUTHOR: {
    status: 403,
    meaning: 'The author of the message may not send it in this thread.',
  },
  ERR_LIFECYCLE_NOT_HEAD: {
    status: 409,
    meaning: 'The message does not answer the latest message of its negotiation.',
  },
  ERR_LIFECYCLE_STATE: {
    status: 409,
    meaning: 'The negotiation or thread is in a state that does not allow the message.',
  },
  ERR_LIFECYCLE_CLOSED: { status: 409, meaning: 'The thread is closed or withdrawn.' },
  ERR_LIFECYCLE_EXPIRED: { status: 409, meaning: 'The intent has expired.' },
  ERR_LIFECYCLE_ALREADY_ACCEPTED: { status: 409, meaning: 'The intent has already been accepted in full.' },
  ERR_LIFECYCLE_OFFER_CAP: {
    status: 409,
    meaning: "The intent already has as many offers as the buyer's offer cap allows.",
  },
  ERR_LIFECYCLE_DUPLICATE_OFFER: {
    status: 409,
    meaning: 'The vendor already has a negotiation on this intent.',
  },
  ERR_LIFECYCLE_OFFER_EXPIRED: { status: 409, meaning: 'The offer is no longer firm.' },
  ERR_LIFECYCLE_TERMS: {
    status: 409,
    meaning: "The terms named are not among the buyer's terms, or not the offer's.",
  },
  ERR_LIFECYCLE_QUANTITY: { status: 409, meaning: 'The quantity is more than the intent has left to fill.' },
  ERR_LIFECYCLE_TOO_LONG: {
    status: 409,
    meaning: 'The negotiation has as many messages as the protocol allows.',
  },
  ERR_BAD_REQUEST: {
    status: 400,
    meaning: 'The request is malformed: a parameter, header or body the route cannot use.',
  },
  ERR_FILTER_INVALID: { status: 400, meaning: 'A filter parameter is malformed or out of range.' },
  ERR_CURSOR_INVALID: { status: 400, meaning: 'A pagination or stream cursor is not one this relay issued.' },
  ERR_UNAUTHORIZED: { status: 401, meaning: 'The request needs a valid access token.' },
  ERR_AUTH_INVALID: {
    status: 401,
    meaning: 'A challenge response or access token does not verify, or has expired.',
  },
  ERR_NOT_FOUND: { status: 404, meaning: 'Nothing here is visible to the caller.' },
  ERR_KEY_DENIED: { status: 403, meaning: "The relay's policy does not accept messages from this key." },
  ERR_RATE_LIMITED: { status: 429, meaning: 'Too many requests; retry after the time given.' },
  ERR_TOO_MANY_SUBSCRIPTIONS: {
    status: 429,
    meaning: 'The connection or key has as many subscriptions as allowed.',
  },
  ERR_SLOW_CONSUMER: { status: 429, meaning: 'A stream consumer fell too far behind and was disconnected.' },
  ERR_UNAVAILABLE: { status: 503, meaning: 'The relay is starting or shutting down; retry later.' },
  ERR_INTERNAL: {
    status: 500,
    meaning: "The relay or library failed for a reason of its own, not the input's.",
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

/** A stable error code. `switch (err.code)` narrows on it. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every error code, in catalogue order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/**
 * The one error class of Intentcast. `code` is stable across versions; `message` is for people;
 * `path` is a JSON Pointer (RFC 6901) into the message where the problem is, when there is one.
 *
 * @example
 * try { parseMessage(text) } catch (err) {
 *   if (err instanceof IntentcastError && err.code === 'ERR_EXPIRED') { ... }
 * }
 */
export class IntentcastError extends Error {
  override name = 'IntentcastError' as const;
  readonly code: ErrorCode;
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
  }

  /** The HTTP status a relay answers this error with. */
  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  toJSON(): { code: ErrorCode; message: string; path?: string } {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

/** A failed check, as returned by the `validate...` functions. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  path?: string;
}

/** The result of a `validate...` function: the value, or why it was refused. */
export type Result<T> = { ok: true; value: T } | Failure;

/** True when `value` is an IntentcastError (also across package copies). */
export function isIntentcastError(value: unknown): value is IntentcastError {
  return (
    value instanceof IntentcastError ||
    (value instanceof Error &&
      value.name === 'IntentcastError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/** Turns a thrown IntentcastError into a Failure; anything else is rethrown (it is a bug, not bad input). */
export function toFailure(err: unknown): Failure {
  if (!isIntentcastError(err)) throw err;
  return err.path === undefined
    ? { ok: false, code: err.code, message: err.message }
    : { ok: false, code: err.code, message: err.message, path: err.path };
}

/**
 * What a function that never throws returns for whatever its checks threw: an IntentcastError as its
 * Failure, anything else (a bug, or a runtime that refuses something core does) as ERR_INTERNAL, so the
 * promise holds. Internal: not exported from the package.
 */
export function failureOf(err: unknown): Failure {
  if (isIntentcastError(err)) return toFailure(err);
  return { ok: false, code: 'ERR_INTERNAL', message: `internal error: ${describeThrown(err)}` };
}

/** A short text for a thrown value, whatever it is: even reading its name or message may throw. */
function describeThrown(err: unknown): string {
  try {
    if (err instanceof Error) return `${err.name}: ${err.message}`;
    return typeof err === 'string' ? err : `a thrown ${typeof err}`;
  } catch {
    return 'a thrown value that cannot be described';
  }
}

/** Turns a Failure back into a throwable error. */
export function fromFailure(failure: Failure): IntentcastError {
  return new IntentcastError(
    failure.code,
    failure.message,
    failure.path === undefined ? {} : { path: failure.path },
  );
}
