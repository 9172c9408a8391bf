import { fetchHttpClient, type Transport, type WebSocketLike } from './transport.js';

/**
 * The browser transport: `fetch` for HTTP, the global WebSocket for streams (server-sent events over
 * fetch when there is none, or when `stream` is `sse`).
 *
 * @example
 * const relay = new RelayClient('https://relay.example', { transport: browserTransport() });
 */
export function browserTransport(options: { stream?: 'ws' | 'sse' } = {}): Transport {
  const scope = globalThis as { fetch?: typeof fetch; WebSocket?: new (url: string) => unknown };
  if (typeof scope.fetch !== 'function') throw new TypeError('browserTransport: this runtime has no fetch');
  const WebSocketClass = scope.WebSocket;
  return {
    http: fetchHttpClient(scope.fetch.bind(globalThis)),
    ...(WebSocketClass === undefined || options.stream === 'sse'
      ? {}
      : { webSocket: (url: string) => new WebSocketClass(url) as WebSocketLike }),
  };
}
