import type { IntentcastError, KeyPair } from '@intentcast/core';
import type { BackoffOptions } from '../backoff.js';
import type { IntentFilter } from '../filter.js';
import type { HealthTracker } from '../health.js';
import type { Transport } from '../transport.js';

/**
 * What a stream selects, and where it starts.
 *
 * @example
 * relay.subscribe({ mailbox: key, cursor: 0 }, sink, { signal });
 */
export interface StreamSpec {
  /** Public intents matching this filter. */
  filter?: IntentFilter;
  /** The mailbox of this key; the stream authenticates as it. */
  mailbox?: KeyPair;
  /** The last seq already seen: 0 starts with everything stored; undefined starts with live events only. */
  cursor?: number;
}

/**
 * Receives what a stream carries.
 *
 * @example
 * relay.subscribe(spec, { event: (seq, message) => console.log(seq, message) }, { signal });
 */
export interface StreamSink {
  /** A message, untrusted until checked, with its seq on the relay. */
  event(seq: number, message: unknown): void;
  /** The relay has sent everything stored after the cursor; live events follow (WebSocket only). */
  caughtUp?(): void;
}

/**
 * How a stream runs: until its signal aborts, over WebSocket or server-sent events.
 *
 * @example
 * await relay.subscribe({ filter, cursor: 0 }, sink, { signal, via: 'sse' });
 */
export interface StreamOptions {
  /** Ends the stream. */
  signal: AbortSignal;
  /** `ws` (the default when the transport has WebSocket) or `sse`. */
  via?: 'ws' | 'sse';
}

/** How one connection ended. */
export interface ConnectionEnd {
  /** The connection was established and the subscription sent. */
  opened: boolean;
  /** The relay said the backlog was sent, or an event arrived: the connection worked. */
  healthy: boolean;
  /** Why it ended, when the relay said, or when it could not be reached. */
  error?: IntentcastError;
  /** The relay refused the access token. */
  authRefused?: boolean;
}

/** What a stream needs from its relay client. */
export interface StreamHost {
  url: string;
  transport: Transport;
  tracker: HealthTracker;
  backoff: BackoffOptions;
  random: () => number;
  token(key: KeyPair, signal: AbortSignal): Promise<string>;
  dropToken(key: KeyPair): void;
}

/** One connection attempt: resolves when the connection ends, never rejects. */
export type Connect = (
  host: StreamHost,
  request: { spec: StreamSpec; cursor: number | undefined; token: string | undefined },
  sink: StreamSink & { opened(): void },
  signal: AbortSignal,
) => Promise<ConnectionEnd>;
