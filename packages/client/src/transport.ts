/**
 * The seams between the SDK and the network. The SDK speaks to relays only through these interfaces, so
 * Node (undici and ws), browsers (fetch and WebSocket) and tests (undici MockAgent, fake sockets) plug in
 * the same way.
 */

/**
 * One HTTP request to a relay.
 *
 * @example
 * await http.send({ method: 'GET', url: 'https://relay.example/healthz' });
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** JSON text. */
  body?: string;
  signal?: AbortSignal;
}

/**
 * A response whose body has not been read yet: read it with `text()` or `chunks()`, or `cancel()` it.
 *
 * @example
 * const response = await http.send(request);
 * if (response.status === 200) console.log(await response.text());
 */
export interface HttpResponse {
  readonly status: number;
  header(name: string): string | null;
  text(): Promise<string>;
  chunks(): AsyncIterable<Uint8Array>;
  cancel(): void;
}

/**
 * Sends HTTP requests. Implementations keep connections alive between requests.
 *
 * @example
 * const transport: Transport = { http: fetchHttpClient(fetch) };
 */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Releases pooled connections, when the client owns them. */
  close?(): Promise<void>;
}

/**
 * The part of a WebSocket the SDK uses; both `ws` and the browser's WebSocket have it.
 *
 * @example
 * const socket: WebSocketLike = new WebSocket('wss://relay.example/v1/ws');
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/**
 * Opens a WebSocket to a `ws:` or `wss:` URL.
 *
 * @example
 * const webSocket: WebSocketFactory = (url) => new WebSocket(url);
 */
export type WebSocketFactory = (url: string) => WebSocketLike;

/**
 * How the SDK reaches relays: HTTP for everything, and WebSocket for live streams when it has one.
 *
 * @example
 * new Buyer({ relays, keystore, transport: { http: fetchHttpClient(fetch), webSocket: (url) => new WebSocket(url) } });
 */
export interface Transport {
  http: HttpClient;
  /** Without it, live streams use server-sent events over `http`. */
  webSocket?: WebSocketFactory;
}

/**
 * An HttpClient over a `fetch` function: the browser's, or any other with the same shape.
 *
 * @example
 * const http = fetchHttpClient(globalThis.fetch.bind(globalThis));
 * const response = await http.send({ method: 'GET', url: 'https://relay.example/healthz' });
 */
export function fetchHttpClient(fetchImpl: typeof fetch): HttpClient {
  return {
    async send(request) {
      const response = await fetchImpl(request.url, {
        method: request.method,
        ...(request.headers === undefined ? {} : { headers: request.headers }),
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      return {
        status: response.status,
        header: (name) => response.headers.get(name),
        text: () => response.text(),
        chunks: () => readerChunks(response.body),
        cancel: () => {
          response.body?.cancel().catch(() => {});
        },
      };
    },
  };
}

async function* readerChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
