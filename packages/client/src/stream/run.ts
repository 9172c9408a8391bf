import { type ErrorCode, IntentcastError, isIntentcastError } from '@intentcast/core';
import { backoffDelay, sleep } from '../backoff.js';
import { connectEventStream } from './sse.js';
import type { ConnectionEnd, StreamHost, StreamOptions, StreamSink, StreamSpec } from './types.js';
import { connectWebSocket } from './ws.js';

export type { StreamHost, StreamOptions, StreamSink, StreamSpec } from './types.js';

/** Refusals of the subscription itself: the same request would be refused again, by any relay. */
const FATAL = new Set<ErrorCode>(['ERR_FILTER_INVALID', 'ERR_BAD_REQUEST', 'ERR_KEY_INVALID']);
const AUTH = new Set<ErrorCode>(['ERR_UNAUTHORIZED', 'ERR_AUTH_INVALID']);

/**
 * Keeps a stream going until the signal aborts. Each connection starts after the last seq received, so a
 * reconnection neither loses nor repeats an event of this relay. Between connections it waits with
 * exponential backoff and jitter; a connection that worked resets the backoff. A token the relay refused is
 * renewed; a cursor the relay does not know (its store was replaced) restarts from the beginning.
 */
export async function runStream(
  host: StreamHost,
  spec: StreamSpec,
  sink: StreamSink,
  options: StreamOptions,
): Promise<void> {
  const { signal } = options;
  const via = options.via ?? (host.transport.webSocket === undefined ? 'sse' : 'ws');
  if (via === 'ws' && host.transport.webSocket === undefined) {
    throw new TypeError('stream: "ws" needs a transport with a WebSocket factory');
  }
  const connect = via === 'ws' ? connectWebSocket : connectEventStream;
  let cursor = spec.cursor;
  let attempt = 0;
  while (!signal.aborted) {
    let opened = false;
    const tracked = {
      opened: () => {
        opened = true;
        host.tracker.success();
        host.tracker.streamOpened();
      },
      event: (seq: number, message: unknown) => {
        if (cursor !== undefined && seq <= cursor) return;
        cursor = seq;
        sink.event(seq, message);
      },
      caughtUp: () => sink.caughtUp?.(),
    };
    let end: ConnectionEnd;
    try {
      const token = spec.mailbox === undefined ? undefined : await host.token(spec.mailbox, signal);
      end = await connect(host, { spec, cursor, token }, tracked, signal);
    } catch (err) {
      if (signal.aborted) return;
      if (!isIntentcastError(err)) throw err;
      end = { opened: false, healthy: false, error: err };
    } finally {
      if (opened) host.tracker.streamClosed();
    }
    if (signal.aborted) return;
    const error = end.error ?? new IntentcastError('ERR_UNAVAILABLE', `the stream from ${host.url} ended`);
    if (FATAL.has(error.code)) {
      host.tracker.failure(error, false);
      throw error;
    }
    if (spec.mailbox !== undefined && (end.authRefused || AUTH.has(error.code))) host.dropToken(spec.mailbox);
    if (error.code === 'ERR_CURSOR_INVALID' && cursor !== undefined) cursor = 0;
    host.tracker.failure(error);
    if (end.healthy) attempt = 0;
    const delay = backoffDelay(attempt, host.backoff, host.random);
    attempt++;
    host.tracker.waiting(attempt, delay);
    await sleep(delay, signal);
    host.tracker.done();
  }
}
