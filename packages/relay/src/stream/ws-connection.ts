import { type ErrorCode, IntentcastError, isIntentcastError } from '@intentcast/core';
import type { RawData, WebSocket } from 'ws';
import type { EventSource } from '../events.js';
import { parseFilter } from '../filter.js';
import type { EventKind } from './backlog.js';
import type { Hub } from './hub.js';
import type { StreamLimits } from './limits.js';
import type { Outgoing, Subscription, SubscriptionSink } from './subscription.js';
import type { TokenLifetime } from './token-expiry.js';
import { type ClientFrame, parseClientFrame } from './ws-protocol.js';

/** WebSocket close codes (RFC 6455 section 7.4.1). */
const GOING_AWAY = 1001;
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;
const MAX_REASON_BYTES = 123;

/** A close reason cut to what a close frame can carry, on a character boundary. */
function clip(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > MAX_REASON_BYTES) out = [...out].slice(0, -1).join('');
  return out;
}

function sizeOf(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function errorOf(err: unknown, fallback: ErrorCode, message: string): { code: ErrorCode; message: string } {
  return isIntentcastError(err) ? { code: err.code, message: err.message } : { code: fallback, message };
}

export interface WsConnectionOptions {
  hub: Hub;
  source: EventSource;
  limits: StreamLimits;
  /** Checks a token sent in an `auth` frame and returns its key; throws ERR_AUTH_INVALID. */
  verifyToken: (token: string) => Promise<string>;
  /** Ends mailbox subscriptions when their token lapses. */
  lifetime: TokenLifetime;
  /** The client's address: subscriptions without a token count against its limit. */
  address: string;
}

/** The frames of one subscription on a shared connection. */
class WsSubscriptionSink implements SubscriptionSink {
  readonly #connection: WsConnection;
  readonly #id: string;
  readonly #idJson: string;

  constructor(connection: WsConnection, id: string) {
    this.#connection = connection;
    this.#id = id;
    this.#idJson = JSON.stringify(id);
  }

  event(out: Outgoing, _kind: EventKind): void {
    this.#connection.send(
      `{"op":"event","sub":${this.#idJson},"seq":${out.event.seq},"message":${out.messageJson}}`,
    );
  }

  caughtUp(): void {
    this.#connection.send(`{"op":"eose","sub":${this.#idJson}}`);
  }

  ended(code: ErrorCode, message: string): void {
    this.#connection.subscriptionEnded(this.#id, code, message);
  }

  bufferedBytes(): number {
    return this.#connection.bufferedBytes();
  }

  queuedEvents(): number {
    return this.#connection.queuedEvents();
  }

  drained(): Promise<void> {
    return this.#connection.drained();
  }
}

/** One WebSocket connection and the subscriptions it carries (spec/streams.md#websocket). */
export class WsConnection {
  readonly #socket: WebSocket;
  readonly #options: WsConnectionOptions;
  readonly #subs = new Map<string, Subscription>();
  #key: string | undefined;
  /** When the connection's token lapses, on the relay's clock; undefined when it states no expiry. */
  #keyExpires: number | undefined;
  #pending = 0;
  #waiters: (() => void)[] = [];
  /** Frames held while an `auth` is being checked, so that frames take effect in order. */
  #held: string[] | undefined;
  #alive = true;
  #closed = false;
  readonly #ping: NodeJS.Timeout;
  readonly #offHubClose: () => void;

  constructor(socket: WebSocket, options: WsConnectionOptions, key: string | undefined, keyExpires?: number) {
    this.#socket = socket;
    this.#options = options;
    this.#key = key;
    this.#keyExpires = keyExpires;
    socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    socket.on('pong', () => {
      this.#alive = true;
    });
    socket.on('close', () => this.#gone());
    this.#ping = setInterval(() => this.#checkAlive(), options.limits.pingIntervalMs);
    this.#ping.unref();
    this.#offHubClose = options.hub.onClose((reason) => this.#hubClosed(reason));
    if (options.hub.closed) this.#cutOff(GOING_AWAY, 'The relay is shutting down');
  }

  send(text: string): void {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    this.#pending++;
    this.#socket.send(text, () => {
      this.#pending--;
      if (this.#waiters.length > 0 && (this.#pending === 0 || !this.#congested())) this.#wake();
    });
  }

  bufferedBytes(): number {
    return this.#socket.bufferedAmount;
  }

  queuedEvents(): number {
    return this.#pending;
  }

  drained(): Promise<void> {
    if (this.#closed || !this.#congested()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  subscriptionEnded(id: string, code: ErrorCode, message: string): void {
    this.#subs.delete(id);
    if (code === 'ERR_SLOW_CONSUMER') this.#cutOff(POLICY_VIOLATION, code);
    else this.#sendJson({ op: 'closed', sub: id, code, message });
  }

  #congested(): boolean {
    const { maxBufferedBytes, maxQueuedEvents } = this.#options.limits;
    return this.bufferedBytes() >= maxBufferedBytes / 2 || this.#pending >= maxQueuedEvents / 2;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #sendJson(frame: Record<string, unknown>): void {
    this.send(JSON.stringify(frame));
  }

  #sendError(code: ErrorCode, message: string): void {
    this.#sendJson({ op: 'error', code, message });
  }

  #receive(data: RawData, isBinary: boolean): void {
    this.#alive = true;
    if (this.#closed) return;
    if (sizeOf(data) > this.#options.limits.maxFrameBytes) {
      this.#cutOff(MESSAGE_TOO_BIG, 'ERR_TOO_LARGE');
      return;
    }
    if (isBinary) {
      this.#sendError('ERR_BAD_REQUEST', 'Frames are JSON text, not binary');
      return;
    }
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : data instanceof ArrayBuffer
        ? Buffer.from(data).toString('utf8')
        : data.toString('utf8');
    if (this.#held === undefined) {
      this.#handle(text);
    } else if (this.#held.length < this.#options.limits.maxPendingFrames) {
      this.#held.push(text);
    } else {
      this.#cutOff(POLICY_VIOLATION, 'ERR_RATE_LIMITED');
    }
  }

  #handle(text: string): void {
    let frame: ClientFrame;
    try {
      frame = parseClientFrame(text);
    } catch (err) {
      const { code, message } = errorOf(err, 'ERR_BAD_REQUEST', 'The frame is malformed');
      this.#sendError(code, message);
      return;
    }
    switch (frame.op) {
      case 'auth':
        this.#auth(frame.token);
        return;
      case 'subscribe':
        this.#subscribe(frame);
        return;
      case 'unsubscribe':
        this.#subs.get(frame.sub)?.cancel();
        this.#subs.delete(frame.sub);
        return;
    }
  }

  #auth(token: string): void {
    this.#held = [];
    this.#options.verifyToken(token).then(
      (key) => {
        this.#key = key;
        this.#keyExpires = this.#options.lifetime.expiry(token);
        this.#release();
      },
      (err: unknown) => {
        const { code, message } = errorOf(err, 'ERR_AUTH_INVALID', 'The access token does not verify');
        this.#sendError(code, message);
        this.#release();
      },
    );
  }

  /** Handles the frames held during an `auth`, holding again from any later `auth` on. */
  #release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    while (held.length > 0 && !this.#closed) {
      if (this.#held !== undefined) {
        (this.#held as string[]).push(...held);
        return;
      }
      this.#handle(held.shift()!);
    }
  }

  #subscribe(frame: Extract<ClientFrame, { op: 'subscribe' }>): void {
    const { hub, source, limits } = this.#options;
    const id = frame.sub;
    const previous = this.#subs.get(id);
    if (previous !== undefined) {
      previous.cancel();
      this.#subs.delete(id);
    }
    try {
      if (this.#subs.size >= limits.maxSubscriptionsPerConnection) {
        throw new IntentcastError(
          'ERR_TOO_MANY_SUBSCRIPTIONS',
          `This connection has ${this.#subs.size} subscriptions open, the most allowed`,
        );
      }
      const mailbox = frame.mailbox === true;
      if (mailbox && this.#key === undefined) {
        throw new IntentcastError(
          'ERR_UNAUTHORIZED',
          'mailbox: send an auth frame with an access token first',
        );
      }
      const filter = frame.filter !== undefined || !mailbox ? parseFilter(frame.filter ?? {}) : undefined;
      const sub = hub.subscribe({
        ...(filter === undefined ? {} : { filter }),
        ...(mailbox ? { mailbox: this.#key } : {}),
        ...(this.#key === undefined ? { address: this.#options.address } : { owner: this.#key }),
        ...(frame.cursor === undefined ? {} : { cursor: frame.cursor }),
        ...(mailbox && this.#keyExpires !== undefined
          ? { authExpiresInMs: Math.max(0, this.#keyExpires - this.#options.lifetime.clock()) }
          : {}),
        source,
        sink: new WsSubscriptionSink(this, id),
        limits,
      });
      this.#subs.set(id, sub);
      sub.start();
    } catch (err) {
      const { code, message } = errorOf(err, 'ERR_INTERNAL', 'The subscription could not be opened');
      this.#sendJson({ op: 'closed', sub: id, code, message });
    }
  }

  #checkAlive(): void {
    if (!this.#alive) {
      this.#socket.terminate();
      return;
    }
    this.#alive = false;
    this.#socket.ping();
  }

  #cancelAll(): void {
    for (const sub of this.#subs.values()) sub.cancel();
    this.#subs.clear();
  }

  #hubClosed(reason: string): void {
    for (const id of [...this.#subs.keys()]) {
      this.#subs.get(id)!.cancel();
      this.#sendJson({ op: 'closed', sub: id, code: 'ERR_UNAVAILABLE', message: reason });
    }
    this.#subs.clear();
    this.#cutOff(GOING_AWAY, reason);
  }

  /** Closes the connection; one that does not read its last frames is dropped after the grace period. */
  #cutOff(code: number, reason: string): void {
    if (this.#closed) return;
    this.#cancelAll();
    this.#closed = true;
    this.#socket.close(code, clip(reason));
    setTimeout(() => this.#socket.terminate(), this.#options.limits.closeGraceMs).unref();
  }

  #gone(): void {
    this.#closed = true;
    this.#cancelAll();
    clearInterval(this.#ping);
    this.#offHubClose();
    this.#wake();
  }
}
