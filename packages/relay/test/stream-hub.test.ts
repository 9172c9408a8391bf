import type { ErrorCode } from '@intentcast/core';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../src/events.js';
import { type EventKind, readBacklog } from '../src/stream/backlog.js';
import {
  createHub,
  DEFAULT_STREAM_LIMITS,
  type Hub,
  resolveStreamLimits,
  type StreamLimits,
  streamPlugin,
} from '../src/stream/index.js';
import type {
  Outgoing,
  Subscription,
  SubscriptionSink,
  SubscriptionSpec,
} from '../src/stream/subscription.js';
import { BUYER, commitAndPublish, didOf, intent, MemorySource, offer, until } from './stream-helpers.js';

/** A transport whose send buffer the test controls: each event adds `bytesPerEvent` until `read()`. */
class FakeSink implements SubscriptionSink {
  readonly received: { seq: number; kind: EventKind }[] = [];
  caughtUpAt: number | undefined;
  endedWith: { code: ErrorCode; message: string } | undefined;
  buffered = 0;
  maxBuffered = 0;
  queued = 0;
  bytesPerEvent = 0;
  throwOnEvent = false;
  #waiters: (() => void)[] = [];

  event(out: Outgoing, kind: EventKind): void {
    if (this.throwOnEvent) throw new Error('socket exploded');
    this.received.push({ seq: out.event.seq, kind });
    this.buffered += this.bytesPerEvent;
    this.maxBuffered = Math.max(this.maxBuffered, this.buffered);
  }

  caughtUp(): void {
    this.caughtUpAt = this.received.length;
  }

  ended(code: ErrorCode, message: string): void {
    this.endedWith = { code, message };
  }

  bufferedBytes(): number {
    return this.buffered;
  }

  queuedEvents(): number {
    return this.queued;
  }

  drained(): Promise<void> {
    if (this.buffered === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The consumer reads everything buffered. */
  read(): void {
    this.buffered = 0;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  get seqs(): number[] {
    return this.received.map((r) => r.seq);
  }
}

const limits = (overrides: Partial<StreamLimits> = {}): StreamLimits => ({
  ...DEFAULT_STREAM_LIMITS,
  ...overrides,
});

function subscribe(
  hub: Hub,
  source: MemorySource,
  spec: SubscriptionSpec,
  streamLimits: StreamLimits = limits(),
): { sub: Subscription; sink: FakeSink } {
  const sink = new FakeSink();
  const sub = hub.subscribe({ ...spec, source, sink, limits: streamLimits });
  sub.start();
  return { sub, sink };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('catch-up and resume', () => {
  it('reads the backlog in pages, then goes live, sending each event once and in order', async () => {
    const hub = createHub();
    const source = new MemorySource();
    const message = intent();
    for (let i = 0; i < 10; i++) commitAndPublish(source, hub, message);
    const { sink } = subscribe(hub, source, { filter: {}, cursor: 3 }, limits({ pageSize: 4 }));
    await until(() => sink.caughtUpAt !== undefined, 'the switch to live');
    commitAndPublish(source, hub, message);
    expect(sink.seqs).toEqual(range(4, 11));
    expect(sink.caughtUpAt).toBe(7);
    expect(source.reads).toBe(2);
  });

  it('loses and repeats nothing when events arrive while a slow reader is catching up, and bounds its buffer', async () => {
    const hub = createHub();
    const source = new MemorySource();
    const message = intent();
    for (let i = 0; i < 20; i++) commitAndPublish(source, hub, message);
    const streamLimits = limits({ pageSize: 5, maxBufferedBytes: 1000 });
    const { sink } = subscribe(hub, source, { filter: {}, cursor: 0 }, streamLimits);
    sink.bytesPerEvent = 300;
    // The reader takes its time; events keep coming meanwhile.
    for (let round = 0; round < 40 && sink.caughtUpAt === undefined; round++) {
      commitAndPublish(source, hub, message);
      await new Promise((resolve) => setImmediate(resolve));
      sink.read();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sink.caughtUpAt).toBeDefined();
    commitAndPublish(source, hub, message);
    sink.read();
    expect(sink.seqs).toEqual(range(1, source.lastSeq()));
    expect(sink.maxBuffered).toBeLessThanOrEqual(streamLimits.maxBufferedBytes / 2 + sink.bytesPerEvent);
  });

  it('does not repeat an event that was committed before the switch to live and published after it', async () => {
    const hub = createHub();
    const source = new MemorySource();
    const late = source.commit(intent());
    const { sink } = subscribe(hub, source, { filter: {}, cursor: 0 });
    await until(() => sink.caughtUpAt !== undefined, 'the switch to live');
    hub.publish(late);
    commitAndPublish(source, hub, intent());
    expect(sink.seqs).toEqual([1, 2]);
  });

  it('without a cursor, starts after the last event published', () => {
    const hub = createHub();
    const source = new MemorySource();
    commitAndPublish(source, hub, intent());
    const { sink } = subscribe(hub, source, { filter: {} });
    expect(sink.caughtUpAt).toBe(0);
    commitAndPublish(source, hub, intent());
    expect(sink.seqs).toEqual([2]);
  });

  it('refuses a cursor after the last event, or one that is not a non-negative integer', () => {
    const hub = createHub();
    const source = new MemorySource();
    for (let i = 0; i < 3; i++) source.commit(intent());
    const attempt = (cursor: number) => () => subscribe(hub, source, { filter: {}, cursor });
    expect(attempt(4)).toThrow(
      expect.objectContaining({
        code: 'ERR_CURSOR_INVALID',
        message: 'cursor: 4 is after the last event this relay has issued (3)',
      }),
    );
    expect(attempt(1.5)).toThrow(
      expect.objectContaining({
        code: 'ERR_CURSOR_INVALID',
        message: 'cursor: expected a non-negative integer, got 1.5',
      }),
    );
    expect(attempt(3)).not.toThrow();
    expect(hub.stats().subscriptions).toBe(1);
  });

  it('merges the public intents and the mailbox in seq order, page by page', () => {
    const source = new MemorySource();
    const key = didOf(BUYER);
    const first = intent();
    for (let i = 0; i < 4; i++) {
      source.commit(first);
      source.commit(offer(first), [key]);
      source.commit(offer(first), ['did:key:someone-else']);
    }
    const seen: string[] = [];
    let after = 0;
    for (let page = 0; page < 20; page++) {
      const result = readBacklog(source, { filter: {}, mailbox: key }, after, 2);
      for (const item of result.items) seen.push(`${item.event.seq}${item.kind[0]}`);
      after = result.through;
      if (result.done) break;
    }
    expect(seen).toEqual(['1i', '2m', '4i', '5m', '7i', '8m', '10i', '11m']);
    expect(after).toBe(12);
  });
});

describe('live delivery', () => {
  it('delivers mailbox messages to the recipient only, and an event matched twice once', () => {
    const hub = createHub();
    const source = new MemorySource();
    const key = didOf(BUYER);
    const mine = subscribe(hub, source, { mailbox: key, owner: key });
    const both = subscribe(hub, source, { mailbox: key, owner: key, filter: { categories: ['lodging'] } });
    const other = subscribe(hub, source, { mailbox: 'did:key:other' });
    const hotel = intent();
    commitAndPublish(source, hub, hotel);
    commitAndPublish(source, hub, offer(hotel), [key]);
    // An intent can reach a subscription both by its filter and by its mailbox: it is sent once.
    commitAndPublish(source, hub, intent({ category: 'lodging' }), [key]);
    expect(mine.sink.received).toEqual([
      { seq: 2, kind: 'mailbox' },
      { seq: 3, kind: 'mailbox' },
    ]);
    expect(both.sink.received).toEqual([
      { seq: 1, kind: 'intent' },
      { seq: 2, kind: 'mailbox' },
      { seq: 3, kind: 'intent' },
    ]);
    expect(other.sink.received).toEqual([]);
    expect(hub.stats()).toMatchObject({ subscriptions: 3, intentSubscriptions: 1, mailboxSubscriptions: 3 });
  });

  it('ends a live consumer whose buffer passes the limit with ERR_SLOW_CONSUMER, and forgets it', () => {
    const hub = createHub();
    const source = new MemorySource();
    const { sink } = subscribe(hub, source, { filter: {} }, limits({ maxBufferedBytes: 100 }));
    sink.bytesPerEvent = 40;
    for (let i = 0; i < 5; i++) commitAndPublish(source, hub, intent());
    expect(sink.seqs).toEqual([1, 2, 3]);
    expect(sink.endedWith).toEqual({
      code: 'ERR_SLOW_CONSUMER',
      message: 'More than 100 bytes are waiting to be read',
    });
    expect(sink.maxBuffered).toBeLessThanOrEqual(100 + sink.bytesPerEvent);
    expect(hub.stats()).toMatchObject({ subscriptions: 0, intentSubscriptions: 0 });
  });

  it('ends a live consumer with too many unflushed events', () => {
    const hub = createHub();
    const source = new MemorySource();
    const { sink } = subscribe(hub, source, { filter: {} }, limits({ maxQueuedEvents: 2 }));
    sink.queued = 3;
    commitAndPublish(source, hub, intent());
    expect(sink.endedWith).toEqual({
      code: 'ERR_SLOW_CONSUMER',
      message: 'More than 2 events are waiting to be read',
    });
  });

  it('ends a catch-up the consumer does not read within the drain timeout', async () => {
    const hub = createHub();
    const source = new MemorySource();
    for (let i = 0; i < 3; i++) source.commit(intent());
    const sink = new FakeSink();
    sink.bytesPerEvent = 1_000_000;
    const sub = hub.subscribe({
      filter: {},
      cursor: 0,
      source,
      sink,
      limits: limits({ drainTimeoutMs: 20 }),
    });
    sub.start();
    await until(() => sink.endedWith !== undefined, 'the cut');
    expect(sink.endedWith).toEqual({
      code: 'ERR_SLOW_CONSUMER',
      message: 'The stored events were not read within 20 ms',
    });
    expect(sink.seqs).toEqual([1]);
    expect(hub.stats().subscriptions).toBe(0);
  });

  it('keeps delivering to the others when one sink throws, and ends that one', () => {
    const hub = createHub();
    const source = new MemorySource();
    const broken = subscribe(hub, source, { filter: {} });
    const healthy = subscribe(hub, source, { filter: {} });
    broken.sink.throwOnEvent = true;
    commitAndPublish(source, hub, intent());
    expect(broken.sink.endedWith?.code).toBe('ERR_INTERNAL');
    expect(healthy.sink.seqs).toEqual([1]);
    expect(hub.stats().subscriptions).toBe(1);
  });
});

describe('limits and closing', () => {
  it('counts subscriptions per key and in all, and releases them on cancel', () => {
    const hub = createHub({ limits: { maxSubscriptions: 3, maxSubscriptionsPerKey: 2 } });
    const source = new MemorySource();
    const a = subscribe(hub, source, { filter: {}, owner: 'did:key:a' });
    subscribe(hub, source, { filter: {}, owner: 'did:key:a' });
    expect(() => subscribe(hub, source, { filter: {}, owner: 'did:key:a' })).toThrow(
      expect.objectContaining({
        code: 'ERR_TOO_MANY_SUBSCRIPTIONS',
        message: 'This key has 2 subscriptions open, the most allowed',
      }),
    );
    subscribe(hub, source, { filter: {} });
    expect(() => subscribe(hub, source, { filter: {} })).toThrow(
      expect.objectContaining({
        code: 'ERR_TOO_MANY_SUBSCRIPTIONS',
        message: 'The relay has as many subscriptions as it allows',
      }),
    );
    a.sub.cancel();
    expect(() => subscribe(hub, source, { filter: {}, owner: 'did:key:a' })).not.toThrow();
  });

  it('counts subscriptions without a token per address, apart from those of keys, and releases them', () => {
    const hub = createHub({ limits: { maxSubscriptionsPerAddress: 2, maxSubscriptionsPerKey: 5 } });
    const source = new MemorySource();
    const first = subscribe(hub, source, { filter: {}, address: '203.0.113.7' });
    subscribe(hub, source, { filter: {}, address: '203.0.113.7' });
    expect(() => subscribe(hub, source, { filter: {}, address: '203.0.113.7' })).toThrow(
      expect.objectContaining({
        code: 'ERR_TOO_MANY_SUBSCRIPTIONS',
        message: 'This address has 2 subscriptions open, the most allowed',
      }),
    );
    // Another address, and a key from the same address, have quotas of their own.
    expect(() => subscribe(hub, source, { filter: {}, address: '198.51.100.1' })).not.toThrow();
    expect(() =>
      subscribe(hub, source, { filter: {}, address: '203.0.113.7', owner: 'did:key:a' }),
    ).not.toThrow();
    first.sub.cancel();
    expect(() => subscribe(hub, source, { filter: {}, address: '203.0.113.7' })).not.toThrow();
  });

  it('close tells each listener the reason once, forgets every subscription and refuses new ones', () => {
    const hub = createHub();
    const source = new MemorySource();
    const { sink } = subscribe(hub, source, { filter: {} });
    const reasons: string[] = [];
    hub.onClose((reason) => reasons.push(reason));
    const off = hub.onClose(() => reasons.push('unregistered listener'));
    off();
    hub.close('Upgrading');
    hub.close('Again');
    expect(reasons).toEqual(['Upgrading']);
    expect(hub.closed).toBe(true);
    expect(hub.stats().subscriptions).toBe(0);
    commitAndPublish(source, hub, intent());
    expect(sink.seqs).toEqual([]);
    expect(() => subscribe(hub, source, { filter: {} })).toThrow(
      expect.objectContaining({ code: 'ERR_UNAVAILABLE', message: 'The relay is shutting down' }),
    );
  });

  it('refuses a misspelt limit and a limit that is not a positive integer', () => {
    expect(() => createHub({ limits: { maxSubscriptionsPerkey: 3 } as Partial<StreamLimits> })).toThrow(
      /^"maxSubscriptionsPerkey" is not a stream limit; expected one of maxSubscriptions, /,
    );
    expect(() => resolveStreamLimits({ heartbeatMs: 0 })).toThrow(
      '"heartbeatMs" expected a positive integer, got 0',
    );
    expect(() => resolveStreamLimits({ pageSize: 2.5 })).toThrow(
      '"pageSize" expected a positive integer, got 2.5',
    );
    expect(resolveStreamLimits({ pageSize: 10 })).toEqual({ ...DEFAULT_STREAM_LIMITS, pageSize: 10 });
  });

  it('refuses to register the routes without a source or an authenticator', async () => {
    const hub = createHub();
    await expect(Fastify().register(streamPlugin({ hub })).ready()).rejects.toThrow(
      'streamPlugin: "source" expected an EventSource, or a `store` decoration that is one',
    );
    const source = new MemorySource();
    await expect(Fastify().register(streamPlugin({ hub, source })).ready()).rejects.toThrow(
      'streamPlugin: "authenticate" expected a function, or an `authenticate` decoration',
    );
  });

  it('refuses a subscription that selects nothing', () => {
    const hub = createHub();
    expect(() => subscribe(hub, new MemorySource(), {})).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_REQUEST' }),
    );
  });
});

describe('publish', () => {
  it('offers filter subscriptions intents only', () => {
    const hub = createHub();
    const source = new MemorySource();
    const { sink } = subscribe(hub, source, { filter: {} });
    const event: StoredEvent = source.commit(offer(intent()), ['did:key:buyer']);
    hub.publish(event);
    expect(sink.seqs).toEqual([]);
  });
});
