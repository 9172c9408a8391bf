/**
 * The limits of the live streams (spec/streams.md#limits), one set for the hub and the routes: give the
 * same values to `createHub` and `streamPlugin`. The hub enforces the relay-wide counts; the routes
 * enforce the rest, per connection and per subscription.
 */
export interface StreamLimits {
  /** Subscriptions open at once on the whole relay (hub). */
  maxSubscriptions: number;
  /** Subscriptions open at once by one authenticated key, over all its connections (hub). */
  maxSubscriptionsPerKey: number;
  /** Subscriptions open at once without a token from one client address, over all its connections (hub). */
  maxSubscriptionsPerAddress: number;
  /** Subscriptions open at once on one WebSocket connection. */
  maxSubscriptionsPerConnection: number;
  /** Bytes a consumer may leave unread in the relay's send buffer before it is cut off. */
  maxBufferedBytes: number;
  /** Frames a consumer may leave unflushed before it is cut off. */
  maxQueuedEvents: number;
  /** Largest WebSocket frame a client may send, in bytes. */
  maxFrameBytes: number;
  /** Frames a WebSocket client may send while its `auth` is still being checked. */
  maxPendingFrames: number;
  /** Stored events read per page while a subscription catches up. */
  pageSize: number;
  /** How long catch-up waits for a consumer to read its buffer before cutting it off, in ms. */
  drainTimeoutMs: number;
  /** Interval of SSE comment heartbeats, in ms. */
  heartbeatMs: number;
  /** Interval of WebSocket pings; a connection that did not answer the previous one is dropped, in ms. */
  pingIntervalMs: number;
  /** How long a cut-off connection may take to read its last frames before it is destroyed, in ms. */
  closeGraceMs: number;
  /** The `retry:` delay an SSE client is told to wait before reconnecting, in ms. */
  retryMs: number;
}

export const DEFAULT_STREAM_LIMITS: Readonly<StreamLimits> = Object.freeze({
  maxSubscriptions: 100_000,
  maxSubscriptionsPerKey: 64,
  maxSubscriptionsPerAddress: 256,
  maxSubscriptionsPerConnection: 16,
  maxBufferedBytes: 1024 * 1024,
  maxQueuedEvents: 4096,
  maxFrameBytes: 16 * 1024,
  maxPendingFrames: 32,
  pageSize: 256,
  drainTimeoutMs: 30_000,
  heartbeatMs: 15_000,
  pingIntervalMs: 30_000,
  closeGraceMs: 5_000,
  retryMs: 2_000,
});

/**
 * The defaults overridden by `overrides`. Throws a TypeError for a name that is not a limit (a misspelt
 * limit must not be ignored) and for a value that is not a positive integer.
 *
 * @example
 * resolveStreamLimits({ heartbeatMs: 5_000 }).heartbeatMs; // 5000
 */
export function resolveStreamLimits(
  overrides: Readonly<Partial<Record<string, unknown>>> = {},
): StreamLimits {
  const limits: StreamLimits = { ...DEFAULT_STREAM_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(DEFAULT_STREAM_LIMITS, name)) {
      throw new TypeError(
        `"${name}" is not a stream limit; expected one of ${Object.keys(DEFAULT_STREAM_LIMITS).join(', ')}`,
      );
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`"${name}" expected a positive integer, got ${String(value)}`);
    }
    limits[name as keyof StreamLimits] = value;
  }
  return limits;
}
