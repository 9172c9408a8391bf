import type { Dispatcher } from 'undici';
import type { Resolve } from './address.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The waits before each retry of a failed delivery, in milliseconds (spec/relay-webhooks.md#retries):
 * ten retries over about a day. Each wait is drawn at random between zero and the value (full jitter).
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  12 * HOUR,
]);

/** How the relay runs webhooks. Every field is optional; `resolveWebhookOptions` fills in the defaults. */
export interface WebhookOptions {
  /** False turns the feature off: no routes, no deliveries. Default true. */
  enabled?: boolean;
  /**
   * Allow targets on loopback, private, link-local and other non-public addresses. Off by default, and
   * never to be turned on for a relay that strangers can register endpoints with (spec/relay-webhooks.md#ssrf).
   */
  allowPrivateTargets?: boolean;
  /** Allow `http:` target URLs. Off by default: deliveries go over HTTPS. */
  allowHttpTargets?: boolean;
  /** The waits before each retry, in milliseconds. DEFAULT_RETRY_SCHEDULE unless given. */
  retrySchedule?: readonly number[];
  /** An endpoint whose deliveries have failed, with no success, for this long is disabled. Default 24 h. */
  disableAfterMs?: number;
  /** How long one attempt may take, connecting included, in milliseconds. Default 10 s. */
  timeoutMs?: number;
  /** Most endpoints with an attempt in flight at once. Default 16. */
  concurrency?: number;
  /** Most endpoints one key may register. Default 10. */
  maxEndpointsPerKey?: number;
  /** How long the previous secret stays active after a rotation, in milliseconds. Default 24 h. */
  rotationOverlapMs?: number;
  /** How long finished deliveries stay listed, in milliseconds. Default 7 days. */
  historyMs?: number;
  /** How often the relay looks for expired intents and prunes old deliveries, in milliseconds. Default 60 s. */
  maintenanceIntervalMs?: number;
  /** The HTTP client deliveries go through. A guarded undici Agent unless given (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  /** Resolves a host name to its addresses. The system resolver unless given (tests pass their own). */
  resolve?: Resolve;
  /** A random number in [0, 1), for the jitter of retries. Math.random unless given. */
  random?: () => number;
}

export type ResolvedWebhookOptions = Required<Omit<WebhookOptions, 'dispatcher' | 'resolve'>> &
  Pick<WebhookOptions, 'dispatcher' | 'resolve'>;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`webhooks.${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Fills in defaults and checks the webhook options. */
export function resolveWebhookOptions(given: WebhookOptions = {}): ResolvedWebhookOptions {
  const options: ResolvedWebhookOptions = {
    enabled: given.enabled ?? true,
    allowPrivateTargets: given.allowPrivateTargets ?? false,
    allowHttpTargets: given.allowHttpTargets ?? false,
    retrySchedule: given.retrySchedule ?? DEFAULT_RETRY_SCHEDULE,
    disableAfterMs: given.disableAfterMs ?? 24 * HOUR,
    timeoutMs: given.timeoutMs ?? 10 * SECOND,
    concurrency: given.concurrency ?? 16,
    maxEndpointsPerKey: given.maxEndpointsPerKey ?? 10,
    rotationOverlapMs: given.rotationOverlapMs ?? 24 * HOUR,
    historyMs: given.historyMs ?? 7 * 24 * HOUR,
    maintenanceIntervalMs: given.maintenanceIntervalMs ?? MINUTE,
    random: given.random ?? Math.random,
    ...(given.dispatcher ? { dispatcher: given.dispatcher } : {}),
    ...(given.resolve ? { resolve: given.resolve } : {}),
  };
  for (const name of [
    'disableAfterMs',
    'timeoutMs',
    'concurrency',
    'maxEndpointsPerKey',
    'rotationOverlapMs',
    'historyMs',
    'maintenanceIntervalMs',
  ] as const) {
    positiveInteger(name, options[name]);
  }
  if (options.retrySchedule.length === 0 || options.retrySchedule.length > 32) {
    throw new RangeError('webhooks.retrySchedule must hold 1 to 32 waits');
  }
  options.retrySchedule.forEach((wait, i) => {
    positiveInteger(`retrySchedule[${i}]`, wait);
  });
  return options;
}
