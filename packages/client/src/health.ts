import type { ErrorCode, IntentcastError } from '@intentcast/core';
import { isTransient } from './errors.js';

/**
 * What the SDK knows of one relay's health, as `client.health()` reports it.
 *
 * @example
 * for (const relay of buyer.health()) if (relay.status === 'down') console.warn(relay.url, relay.lastError);
 */
export interface RelayHealth {
  /** The relay's base URL. */
  url: string;
  /** The relay's did:key, once known (configured, or read from its well-known document). */
  did: string | undefined;
  /** `up` after the relay last answered, `down` after it last failed, `unknown` before either. */
  status: 'unknown' | 'up' | 'down';
  /** When the relay last answered (a request, or a stream connection), epoch milliseconds. */
  lastSuccess: number | undefined;
  /** The last error, whoever caused it. */
  lastError: { code: ErrorCode; message: string; at: number } | undefined;
  /** Failures of the relay itself (unreachable, 5xx, 429, bad receipts) since it last answered. */
  consecutiveFailures: number;
  /** Set while a retry or a reconnection waits: which attempt, how long, and until when. */
  backoff: { attempt: number; delayMs: number; until: number } | undefined;
  /** Live streams connected to this relay now. */
  streams: number;
}

/** Keeps the health of one relay up to date. */
export class HealthTracker {
  readonly #url: string;
  readonly #now: () => number;
  #did: string | undefined;
  #lastSuccess: number | undefined;
  #lastError: RelayHealth['lastError'];
  #failures = 0;
  #backoff: RelayHealth['backoff'];
  #streams = 0;

  constructor(url: string, now: () => number) {
    this.#url = url;
    this.#now = now;
  }

  set did(did: string) {
    this.#did = did;
  }

  /** The relay answered as it should. */
  success(): void {
    this.#lastSuccess = this.#now();
    this.#failures = 0;
  }

  /**
   * Records an error. A fault is the relay's own (it was unreachable, failed, was overloaded or signed
   * badly); anything else is a proper answer to a request it refused, and shows the relay is up.
   */
  failure(err: IntentcastError, fault: boolean = isTransient(err)): void {
    this.#lastError = { code: err.code, message: err.message, at: this.#now() };
    if (fault) this.#failures++;
    else this.success();
  }

  waiting(attempt: number, delayMs: number): void {
    this.#backoff = { attempt, delayMs, until: this.#now() + delayMs };
  }

  done(): void {
    this.#backoff = undefined;
  }

  streamOpened(): void {
    this.#streams++;
  }

  streamClosed(): void {
    this.#streams = Math.max(0, this.#streams - 1);
  }

  snapshot(): RelayHealth {
    const status = this.#failures > 0 ? 'down' : this.#lastSuccess !== undefined ? 'up' : 'unknown';
    return {
      url: this.#url,
      did: this.#did,
      status,
      lastSuccess: this.#lastSuccess,
      lastError: this.#lastError === undefined ? undefined : { ...this.#lastError },
      consecutiveFailures: this.#failures,
      backoff: this.#backoff === undefined ? undefined : { ...this.#backoff },
      streams: this.#streams,
    };
  }
}
