import { type ErrorCode, isIntentcastError } from '@intentcast/core';
import type { EventSource, StoredEvent } from '../events.js';
import { type EventKind, readBacklog, type Selection } from './backlog.js';
import type { StreamLimits } from './limits.js';

/** An event on its way out, its message serialized at most once however many subscribers receive it. */
export class Outgoing {
  readonly event: StoredEvent;
  #json: string | undefined;

  constructor(event: StoredEvent) {
    this.event = event;
  }

  get messageJson(): string {
    this.#json ??= JSON.stringify(this.event.message);
    return this.#json;
  }
}

/** The transport side of a subscription: frames events for the wire and reports its backlog. */
export interface SubscriptionSink {
  event(out: Outgoing, kind: EventKind): void;
  /** The stored backlog has been sent; live events follow. */
  caughtUp(): void;
  /** The relay ended the subscription; the sink tells the client why. */
  ended(code: ErrorCode, message: string): void;
  /** Bytes written to the connection and not yet taken by the operating system. */
  bufferedBytes(): number;
  /** Frames written to the connection and not yet flushed. */
  queuedEvents(): number;
  /** Resolves once the connection accepts writes again, or has closed. */
  drained(): Promise<void>;
}

/** What a subscription needs from its hub. */
export interface SubscriptionHost {
  /** Files the subscription in the index: from now on the hub offers it new events. */
  goLive(sub: Subscription): void;
  /** Forgets the subscription. */
  release(sub: Subscription): void;
  /** The seq of the last event published, the start of a subscription without a cursor. */
  lastPublished(): number;
}

export interface SubscriptionSpec extends Selection {
  /** The authenticated key of the connection, counted against the per-key limit. */
  owner?: string;
  /** The client's address, counted against the per-address limit when there is no `owner`. */
  address?: string;
  /** The last seq the client saw; undefined for live events only. */
  cursor?: number;
  /**
   * For a mailbox subscription: milliseconds until the access token it was opened with lapses. It then
   * ends with ERR_AUTH_INVALID, and the client reconnects with a new token from where it stopped.
   */
  authExpiresInMs?: number;
}

/** setTimeout's longest delay; a token valid longer is checked again when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type SubscriptionState = 'new' | 'catching-up' | 'live' | 'ended';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One subscription: it catches up from the store after its cursor, then receives live events. Each event
 * is sent once, in seq order: `position` is the last seq accounted for, and anything at or below it is
 * dropped. While catching up the subscription is not in the hub's index, so live events are not offered
 * to it: the store holds them, since the hub publishes only committed events. The switch to live happens
 * in the same turn as a read that found nothing more, so no commit can fall between the two.
 */
export class Subscription {
  readonly spec: SubscriptionSpec;
  #state: SubscriptionState = 'new';
  #position = 0;
  readonly #host: SubscriptionHost;
  readonly #source: EventSource;
  readonly #sink: SubscriptionSink;
  readonly #limits: StreamLimits;
  #lapse: NodeJS.Timeout | undefined;

  constructor(
    host: SubscriptionHost,
    source: EventSource,
    spec: SubscriptionSpec,
    sink: SubscriptionSink,
    limits: StreamLimits,
  ) {
    this.#host = host;
    this.#source = source;
    this.spec = spec;
    this.#sink = sink;
    this.#limits = limits;
  }

  get state(): SubscriptionState {
    return this.#state;
  }

  /** The last seq sent or passed over. */
  get position(): number {
    return this.#position;
  }

  /** Starts the catch-up (with a cursor) or goes live at once (without one). */
  start(): void {
    if (this.#state !== 'new') return;
    if (this.spec.mailbox !== undefined && this.spec.authExpiresInMs !== undefined) {
      this.#endWhenTokenLapses(Date.now() + this.spec.authExpiresInMs);
    }
    if (this.spec.cursor === undefined) {
      this.#position = this.#host.lastPublished();
      this.#goLive();
      return;
    }
    this.#position = this.spec.cursor;
    this.#state = 'catching-up';
    this.#catchUp().catch((err: unknown) => {
      const message = isIntentcastError(err) ? err.message : 'The stored events could not be read';
      this.end('ERR_INTERNAL', message);
    });
  }

  /** Called by the hub with each new event this subscription selects. */
  offer(out: Outgoing, kind: EventKind): void {
    if (this.#state !== 'live' || out.event.seq <= this.#position) return;
    this.#position = out.event.seq;
    this.#sink.event(out, kind);
    if (this.#sink.bufferedBytes() > this.#limits.maxBufferedBytes) {
      this.end(
        'ERR_SLOW_CONSUMER',
        `More than ${this.#limits.maxBufferedBytes} bytes are waiting to be read`,
      );
    } else if (this.#sink.queuedEvents() > this.#limits.maxQueuedEvents) {
      this.end(
        'ERR_SLOW_CONSUMER',
        `More than ${this.#limits.maxQueuedEvents} events are waiting to be read`,
      );
    }
  }

  /** Ends the subscription for `code` and lets the sink tell the client. */
  end(code: ErrorCode, message: string): void {
    if (this.#state === 'ended') return;
    this.cancel();
    this.#sink.ended(code, message);
  }

  /** Ends the subscription quietly: the client asked, or is gone. */
  cancel(): void {
    if (this.#state === 'ended') return;
    this.#state = 'ended';
    clearTimeout(this.#lapse);
    this.#host.release(this);
  }

  #endWhenTokenLapses(at: number): void {
    const wait = at - Date.now();
    this.#lapse = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) this.#endWhenTokenLapses(at);
        else
          this.end(
            'ERR_AUTH_INVALID',
            'The access token of this mailbox stream expired; reconnect with a new one',
          );
      },
      Math.min(Math.max(0, wait), MAX_TIMER_MS),
    );
    this.#lapse.unref();
  }

  #goLive(): void {
    this.#state = 'live';
    this.#host.goLive(this);
    this.#sink.caughtUp();
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      const page = readBacklog(this.#source, this.spec, this.#position, this.#limits.pageSize);
      let waited = false;
      for (const { event, kind } of page.items) {
        if (this.#state !== 'catching-up') return;
        this.#position = event.seq;
        this.#sink.event(new Outgoing(event), kind);
        if (this.#underPressure()) {
          waited = true;
          if (!(await this.#drain())) return;
        }
      }
      if (this.#state !== 'catching-up') return;
      this.#position = Math.max(this.#position, page.through);
      if (page.done && !waited) {
        this.#goLive();
        return;
      }
      await nextTurn();
      if (this.#state !== 'catching-up') return;
    }
  }

  #underPressure(): boolean {
    return (
      this.#sink.bufferedBytes() >= this.#limits.maxBufferedBytes / 2 ||
      this.#sink.queuedEvents() >= this.#limits.maxQueuedEvents / 2
    );
  }

  /** Waits for the consumer to read; false when the subscription ended meanwhile. */
  async #drain(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.#sink.drained().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.#limits.drainTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (this.#state !== 'catching-up') return false;
    if (timedOut) {
      this.end(
        'ERR_SLOW_CONSUMER',
        `The stored events were not read within ${this.#limits.drainTimeoutMs} ms`,
      );
      return false;
    }
    return true;
  }
}
