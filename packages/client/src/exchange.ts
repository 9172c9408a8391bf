import type { IntentcastError } from '@intentcast/core';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js';
import { isTransient, malformed, relayError, unreachable } from './errors.js';
import type { HealthTracker } from './health.js';
import type { Transport } from './transport.js';

/** A JSON object as a relay answered it, untrusted. */
export type Json = Record<string, unknown>;

export interface ExchangeRequest {
  /** JSON text. */
  body?: string;
  /** An access token, sent as a Bearer token. */
  token?: string;
  signal?: AbortSignal | undefined;
  /** False for a request that must not be sent twice (an answer to a single-use challenge). */
  retry?: boolean;
}

type Outcome = { ok: true; value: Json } | { ok: false; error: IntentcastError; retryAfterMs?: number };

/**
 * The JSON requests of one relay: sent, answered, mapped to IntentcastErrors, retried with backoff when the
 * failure is transient (unreachable, 5xx, 429, honouring Retry-After up to the backoff ceiling), and
 * recorded in the relay's health.
 */
export class Exchange {
  readonly #url: string;
  readonly #transport: Transport;
  readonly #tracker: HealthTracker;
  readonly #backoff: Required<BackoffOptions>;
  readonly #random: () => number;
  readonly #retries: number;

  constructor(options: {
    url: string;
    transport: Transport;
    tracker: HealthTracker;
    backoff: BackoffOptions;
    random: () => number;
    retries: number;
  }) {
    this.#url = options.url;
    this.#transport = options.transport;
    this.#tracker = options.tracker;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#random = options.random;
    this.#retries = options.retries;
  }

  async request(method: 'GET' | 'POST', path: string, options: ExchangeRequest = {}): Promise<Json> {
    const retries = options.retry === false ? 0 : this.#retries;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#once(method, path, options);
      if (outcome.ok) {
        this.#tracker.success();
        return outcome.value;
      }
      this.#tracker.failure(outcome.error);
      if (attempt >= retries || !isTransient(outcome.error)) throw outcome.error;
      const delay = Math.max(
        backoffDelay(attempt, this.#backoff, this.#random),
        Math.min(outcome.retryAfterMs ?? 0, this.#backoff.maxMs),
      );
      this.#tracker.waiting(attempt + 1, delay);
      await sleep(delay, options.signal);
      this.#tracker.done();
      options.signal?.throwIfAborted();
    }
  }

  async #once(method: 'GET' | 'POST', path: string, options: ExchangeRequest): Promise<Outcome> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await this.#transport.http.send({
        method,
        url: this.#url + path,
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      status = response.status;
      retryAfter = response.header('retry-after');
      text = await response.text();
    } catch (cause) {
      options.signal?.throwIfAborted();
      return { ok: false, error: unreachable(this.#url, cause) };
    }
    if (status >= 200 && status < 300) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {}
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, error: malformed(this.#url, `response to ${method} ${path.split('?')[0]}`) };
      }
      return { ok: true, value: value as Json };
    }
    const seconds = retryAfter !== null && /^[0-9]{1,6}$/.test(retryAfter) ? Number(retryAfter) : undefined;
    return {
      ok: false,
      error: relayError(status, text),
      ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }),
    };
  }
}
