/**
 * How long to wait between attempts: exponential growth with jitter, so clients do not retry in step.
 *
 * @example
 * new Buyer({ relays, keystore, backoff: { initialMs: 250, maxMs: 10_000 } });
 */
export interface BackoffOptions {
  /** The first delay's ceiling, in milliseconds. Default 500. */
  initialMs?: number;
  /** The largest ceiling, in milliseconds. Default 30,000. */
  maxMs?: number;
  /** How much the ceiling grows per attempt. Default 2. */
  factor?: number;
}

/**
 * The backoff used when none is given: 500 ms growing twofold to 30 s.
 *
 * @example
 * backoffDelay(3, DEFAULT_BACKOFF, Math.random); // 2,000 to 4,000
 */
export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
});

/**
 * The delay before retry number `attempt` (0 for the first): a random time between half and all of
 * `min(maxMs, initialMs * factor^attempt)`. Half is kept so that a reconnecting client never hammers a
 * relay; the other half is random so that many clients spread out.
 *
 * @example
 * backoffDelay(0, {}, Math.random); // 250 to 500
 * backoffDelay(10, {}, Math.random); // 15,000 to 30,000
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const { initialMs, maxMs, factor } = { ...DEFAULT_BACKOFF, ...options };
  const ceiling = Math.min(maxMs, initialMs * factor ** Math.min(attempt, 64));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Resolves after `ms`, or as soon as `signal` aborts (it never rejects).
 *
 * @example
 * await sleep(backoffDelay(attempt, {}, Math.random), signal);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
