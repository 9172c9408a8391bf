import { Agent, type Dispatcher, request } from 'undici';
import WebSocket from 'ws';
import type { HttpClient, Transport, WebSocketFactory, WebSocketLike } from '../transport.js';

/**
 * An HttpClient over undici. Without a dispatcher it makes its own Agent, which keeps one keep-alive pool
 * per relay origin, and closes it on `close()`; a dispatcher given (a MockAgent in tests, a shared Agent, a
 * ProxyAgent) is used as is and left open.
 *
 * @example
 * const mock = new MockAgent(); mock.disableNetConnect();
 * const http = undiciHttpClient(mock);
 */
export function undiciHttpClient(dispatcher?: Dispatcher): HttpClient {
  const owned = dispatcher === undefined ? new Agent({ keepAliveTimeout: 10_000 }) : undefined;
  const use = dispatcher ?? owned!;
  return {
    async send(message) {
      const response = await request(message.url, {
        method: message.method,
        dispatcher: use,
        ...(message.headers === undefined ? {} : { headers: message.headers }),
        ...(message.body === undefined ? {} : { body: message.body }),
        ...(message.signal === undefined ? {} : { signal: message.signal }),
      });
      return {
        status: response.statusCode,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        text: () => response.body.text(),
        chunks: () => response.body,
        cancel: () => {
          response.body.destroy();
        },
      };
    },
    async close() {
      await owned?.close();
    },
  };
}

/**
 * A WebSocket factory over the `ws` package.
 *
 * @example
 * const transport = { http: undiciHttpClient(), webSocket: wsFactory() };
 */
export function wsFactory(): WebSocketFactory {
  // ws implements the onopen/onmessage/onclose/onerror members of the browser API the SDK uses.
  return (url) => new WebSocket(url) as unknown as WebSocketLike;
}

/**
 * How the Node transport reaches relays.
 *
 * @example
 * nodeTransport({ dispatcher: new ProxyAgent('http://proxy.example:3128'), stream: 'sse' });
 */
export interface NodeTransportOptions {
  /** The undici dispatcher for HTTP: a MockAgent in tests, or a shared Agent or ProxyAgent. */
  dispatcher?: Dispatcher;
  /** How live streams connect: `ws` (WebSocket, the default) or `sse` (server-sent events over HTTP). */
  stream?: 'ws' | 'sse';
}

/**
 * The Node transport: undici for HTTP, ws for WebSocket streams.
 *
 * @example
 * const relay = new RelayClient('https://relay.example', { transport: nodeTransport() });
 */
export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  return {
    http: undiciHttpClient(options.dispatcher),
    ...(options.stream === 'sse' ? {} : { webSocket: wsFactory() }),
  };
}
