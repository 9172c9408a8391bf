import { ERROR_CATALOGUE, type ErrorCode, IntentcastError, isIntentcastError } from '@intentcast/core';

/** The code a status stands for when a relay answers without an error body of the protocol. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'ERR_BAD_REQUEST';
    case 401:
      return 'ERR_UNAUTHORIZED';
    case 403:
      return 'ERR_KEY_DENIED';
    case 404:
      return 'ERR_NOT_FOUND';
    case 413:
      return 'ERR_TOO_LARGE';
    case 429:
      return 'ERR_RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'ERR_UNAVAILABLE';
    default:
      return status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_INTERNAL';
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/**
 * The IntentcastError a relay's error response stands for. A body `{"error":{"code","message","path"}}`
 * keeps its code, message and path; any other body (a proxy's HTML page, a code this SDK does not know)
 * gets the code of its status, and the message says what came back.
 *
 * @example
 * relayError(409, '{"error":{"code":"ERR_LIFECYCLE_OFFER_CAP","message":"the intent has 5 offers"}}');
 * // IntentcastError { code: 'ERR_LIFECYCLE_OFFER_CAP', message: 'the intent has 5 offers' }
 */
export function relayError(status: number, text: string): IntentcastError {
  let error: Record<string, unknown> | undefined;
  try {
    const body = JSON.parse(text) as unknown;
    const inner = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof inner === 'object' && inner !== null) error = inner as Record<string, unknown>;
  } catch {}
  const message = typeof error?.message === 'string' ? error.message : undefined;
  const path = typeof error?.path === 'string' ? error.path : undefined;
  if (isErrorCode(error?.code)) {
    return new IntentcastError(
      error.code,
      message ?? `the relay answered ${status} ${error.code}`,
      path === undefined ? {} : { path },
    );
  }
  const what =
    error?.code === undefined
      ? `${text.length} bytes that are not a protocol error body`
      : `the unknown code ${JSON.stringify(error.code).slice(0, 64)}`;
  return new IntentcastError(codeForStatus(status), `the relay answered ${status} with ${what}`);
}

/** A relay that could not be reached, or that broke off the exchange. */
export function unreachable(url: string, cause: unknown): IntentcastError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new IntentcastError('ERR_UNAVAILABLE', `${url} could not be reached: ${reason}`, { cause });
}

/** A relay answered 2xx with something that is not what the protocol says it answers. */
export function malformed(url: string, what: string): IntentcastError {
  return new IntentcastError('ERR_INTERNAL', `${url} answered with a malformed ${what}`);
}

/** Codes that say the relay could not do it now, and that the same request may work later. */
const TRANSIENT = new Set<ErrorCode>(['ERR_UNAVAILABLE', 'ERR_RATE_LIMITED', 'ERR_INTERNAL']);

/** True for failures worth retrying: the relay was down, busy, or failed on its own. */
export function isTransient(err: unknown): boolean {
  return isIntentcastError(err) && TRANSIENT.has(err.code);
}

/** Anything thrown, as an IntentcastError; errors of other kinds are bugs and are rethrown. */
export function asIntentcastError(err: unknown): IntentcastError {
  if (isIntentcastError(err)) return err;
  throw err;
}

/**
 * The IntentcastError of an error a relay sent inside a stream (`{"code","message"}`): its own code when
 * it is one of the catalogue, ERR_INTERNAL otherwise.
 */
export function streamError(value: unknown, fallback: string): IntentcastError {
  const data = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const message = typeof data.message === 'string' ? data.message : fallback;
  return isErrorCode(data.code)
    ? new IntentcastError(data.code, message)
    : new IntentcastError('ERR_INTERNAL', `${fallback} (the relay gave no known code)`);
}
