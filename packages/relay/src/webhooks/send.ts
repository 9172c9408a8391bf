import { signWebhook } from '@intentcast/core';
import { type Dispatcher, request } from 'undici';
import { SOFTWARE } from '../version.js';
import { checkTargetForm, type TargetPolicy, TargetRefusedError } from './target.js';

/** What one attempt came to. */
export interface SendResult {
  /** A 2xx answer. */
  ok: boolean;
  /** The HTTP status, when the receiver answered. */
  status: number | null;
  /** What went wrong, for the owner to read; null on success. */
  error: string | null;
  durationMs: number;
  /** The relay stopped the attempt (it is shutting down): it counts for nothing. */
  aborted: boolean;
}

export interface SendInput {
  url: string;
  /** The webhook-id: the delivery's id, the same on every attempt. */
  id: string;
  body: string;
  /** Every active secret, oldest first. */
  secrets: readonly string[];
  /** When the attempt is signed, epoch ms (`webhook-timestamp` is this in whole seconds). */
  now: number;
  dispatcher: Dispatcher;
  timeoutMs: number;
  policy: Omit<TargetPolicy, 'resolve'>;
  /** Aborts the attempt when the relay shuts down. */
  signal: AbortSignal;
}

const USER_AGENT = `intentcast-relay/${SOFTWARE.version}`;
const MAX_ERROR = 300;
const MAX_DRAINED_BYTES = 64 * 1024;

function clip(text: string): string {
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 3)}...` : text;
}

/** A failure as the owner reads it: what happened, without stack or internals. */
function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof TargetRefusedError) return `refused: ${err.message}`;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (e.cause instanceof TargetRefusedError) return `refused: ${e.cause.message}`;
  switch (e.code) {
    case 'ERR_TARGET_REFUSED':
      return `refused: ${String(e.message)}`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before an answer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `no answer within ${timeoutMs / 1000} s`;
  }
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  return clip(`${typeof e.message === 'string' ? e.message : 'the request failed'}${code}`);
}

/**
 * Makes one attempt of a delivery: signs it the Standard Webhooks way with every active secret (with the
 * timestamp of this attempt), posts the body, and reads the answer. Success is a 2xx status; a redirect
 * is not followed and counts as a failure. Never throws.
 */
export async function sendDelivery(input: SendInput): Promise<SendResult> {
  const started = performance.now();
  const done = (result: Omit<SendResult, 'durationMs' | 'aborted'>): SendResult => ({
    ...result,
    durationMs: Math.round(performance.now() - started),
    aborted: input.signal.aborted,
  });
  // A timer of our own, not AbortSignal.timeout: in Node 20, a timeout signal held only by AbortSignal.any
  // can be collected before it fires, and a target that never answers would then hold its lane forever.
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException('the target did not answer in time', 'TimeoutError')),
    input.timeoutMs,
  );
  try {
    // The URL was checked at registration; an address in it is checked again here (a host name is checked
    // by the dispatcher's lookup, at connect time), in case the operator's policy has changed since.
    checkTargetForm(input.url, input.policy);
    const headers = signWebhook({
      id: input.id,
      timestamp: Math.floor(input.now / 1000),
      body: input.body,
      secret: input.secrets,
    });
    const response = await request(input.url, {
      method: 'POST',
      dispatcher: input.dispatcher,
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: input.body,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
      signal: AbortSignal.any([input.signal, timeout.signal]),
    });
    const status = response.statusCode;
    // The answer's body means nothing to the relay; reading a bounded part lets the connection be reused.
    await response.body.dump({ limit: MAX_DRAINED_BYTES }).catch(() => {});
    if (status >= 200 && status < 300) return done({ ok: true, status, error: null });
    if (status >= 300 && status < 400) {
      const location = response.headers.location;
      const where = typeof location === 'string' ? ` to ${clip(location)}` : '';
      return done({ ok: false, status, error: `redirect${where} not followed` });
    }
    return done({ ok: false, status, error: `answered ${status}` });
  } catch (err) {
    return done({ ok: false, status: null, error: describeError(err, input.timeoutMs) });
  } finally {
    clearTimeout(timer);
  }
}
