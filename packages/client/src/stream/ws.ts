import { IntentcastError } from '@intentcast/core';
import { streamError, unreachable } from '../errors.js';
import { filterParams } from '../filter.js';
import type { Connect, ConnectionEnd } from './types.js';

/** The one subscription id a connection carries. */
const SUB = 'feed';
const NORMAL_CLOSURE = 1000;

/** The WebSocket URL of a relay's `GET /v1/ws`. */
export function webSocketUrl(base: string): string {
  return `${base.replace(/^http/, 'ws')}/v1/ws`;
}

function parse(data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const frame = JSON.parse(data) as unknown;
    return typeof frame === 'object' && frame !== null ? (frame as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One WebSocket connection carrying one subscription (spec/streams.md#websocket): an `auth` frame when the
 * stream reads a mailbox, then `subscribe` with the cursor. Frames take effect in order on the relay, so
 * the subscription sees the token.
 */
export const connectWebSocket: Connect = (host, request, sink, signal) => {
  const factory = host.transport.webSocket;
  if (factory === undefined) throw new TypeError('the transport has no WebSocket factory');
  return new Promise<ConnectionEnd>((resolve) => {
    const end: ConnectionEnd = { opened: false, healthy: false };
    let socket: ReturnType<typeof factory>;
    const close = () => {
      try {
        socket.close(NORMAL_CLOSURE);
      } catch {}
    };
    try {
      socket = factory(webSocketUrl(host.url));
    } catch (cause) {
      resolve({ ...end, error: unreachable(host.url, cause) });
      return;
    }
    signal.addEventListener('abort', close, { once: true });
    socket.onopen = () => {
      end.opened = true;
      sink.opened();
      const { spec, cursor, token } = request;
      if (token !== undefined) socket.send(JSON.stringify({ op: 'auth', token }));
      socket.send(
        JSON.stringify({
          op: 'subscribe',
          sub: SUB,
          ...(spec.filter === undefined ? {} : { filter: filterParams(spec.filter) }),
          ...(spec.mailbox === undefined ? {} : { mailbox: true }),
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
    };
    socket.onmessage = (event) => {
      const frame = parse(event.data);
      if (frame === undefined || (frame.sub !== undefined && frame.sub !== SUB)) return;
      switch (frame.op) {
        case 'event':
          if (typeof frame.seq === 'number' && Number.isSafeInteger(frame.seq) && frame.seq > 0) {
            end.healthy = true;
            sink.event(frame.seq, frame.message);
          }
          return;
        case 'eose':
          end.healthy = true;
          sink.caughtUp?.();
          return;
        case 'closed':
          end.error = streamError(frame, 'the relay closed the subscription');
          close();
          return;
        case 'error': {
          const error = streamError(frame, 'the relay refused a frame');
          if (error.code === 'ERR_AUTH_INVALID') end.authRefused = true;
          end.error = error;
          return;
        }
        default:
          return;
      }
    };
    socket.onerror = () => {
      // A close event always follows; it carries the outcome.
    };
    socket.onclose = (event) => {
      signal.removeEventListener('abort', close);
      if (end.error === undefined && !signal.aborted) {
        const reason = event.reason ? `: ${event.reason}` : '';
        end.error = end.opened
          ? new IntentcastError(
              'ERR_UNAVAILABLE',
              `the stream from ${host.url} closed (${event.code}${reason})`,
            )
          : unreachable(host.url, new Error(`WebSocket closed with ${event.code}${reason}`));
      }
      resolve(end);
    };
  });
};
