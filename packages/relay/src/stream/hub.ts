import { type Intent, IntentcastError } from '@intentcast/core';
import type { EventSink, EventSource, StoredEvent } from '../events.js';
import type { EventKind } from './backlog.js';
import { Buckets } from './buckets.js';
import { resolveStreamLimits, type StreamLimits } from './limits.js';
import {
  Outgoing,
  Subscription,
  type SubscriptionHost,
  type SubscriptionSink,
  type SubscriptionSpec,
} from './subscription.js';
import { SubscriptionIndex } from './subscription-index.js';

export interface HubOptions {
  /** The hub enforces maxSubscriptions and maxSubscriptionsPerKey; give it the limits the routes get. */
  limits?: Partial<StreamLimits>;
}

export interface SubscribeRequest extends SubscriptionSpec {
  /** Where the catch-up reads the events the client missed. */
  source: EventSource;
  /** The transport of this subscription. */
  sink: SubscriptionSink;
  /** The limits that govern it: buffer, queue, page size, drain timeout. */
  limits: StreamLimits;
}

export interface HubStats {
  /** Subscriptions open, catching up or live. */
  subscriptions: number;
  /** Live subscriptions to public intents, in the index. */
  intentSubscriptions: number;
  /** Live mailbox subscriptions. */
  mailboxSubscriptions: number;
  /** The seq of the last event published. */
  lastPublished: number;
}

/**
 * The live side of the relay: it holds every stream subscription and delivers each committed event to
 * the subscriptions that select it, found through an index rather than by visiting every subscriber.
 */
export interface Hub extends EventSink {
  /**
   * Opens a subscription; call `start()` on the result once the transport is ready to write. Throws
   * ERR_UNAVAILABLE after close, ERR_CURSOR_INVALID for a cursor this relay has not issued, and
   * ERR_TOO_MANY_SUBSCRIPTIONS over a limit.
   */
  subscribe(request: SubscribeRequest): Subscription;
  /** Calls `listener` once, with the reason, when the hub closes. Returns the unregister function. */
  onClose(listener: (reason: string) => void): () => void;
  /** Ends every stream with `reason` and refuses new subscriptions. Idempotent. */
  close(reason: string): void;
  readonly closed: boolean;
  readonly limits: StreamLimits;
  stats(): HubStats;
}

function assertCursor(cursor: number, lastSeq: number): void {
  if (!Number.isSafeInteger(cursor) || cursor < 0) {
    throw new IntentcastError('ERR_CURSOR_INVALID', `cursor: expected a non-negative integer, got ${cursor}`);
  }
  if (cursor > lastSeq) {
    throw new IntentcastError(
      'ERR_CURSOR_INVALID',
      `cursor: ${cursor} is after the last event this relay has issued (${lastSeq})`,
    );
  }
}

/**
 * Creates a hub. The relay calls `publish` after each commit, in seq order; the stream routes subscribe.
 *
 * @example
 * const hub = createHub({ limits: { maxSubscriptionsPerKey: 32 } });
 * const app = await buildRelay({ hub, plugins: [streamPlugin({ hub })] });
 * // on shutdown:
 * hub.close('The relay is restarting');
 */
export function createHub(options: HubOptions = {}): Hub {
  const limits = resolveStreamLimits(options.limits);
  const all = new Set<Subscription>();
  const intents = new SubscriptionIndex<Subscription>();
  const mailboxes = new Buckets<string, Subscription>();
  const liveMailboxes = new Set<Subscription>();
  /** Open subscriptions per authenticated key (`key:…`) and per address without a key (`ip:…`). */
  const perQuota = new Map<string, number>();
  const quotaOf = (spec: SubscriptionSpec): { id: string; max: number; what: string } | undefined => {
    if (spec.owner !== undefined) {
      return { id: `key:${spec.owner}`, max: limits.maxSubscriptionsPerKey, what: 'This key has' };
    }
    if (spec.address !== undefined) {
      return { id: `ip:${spec.address}`, max: limits.maxSubscriptionsPerAddress, what: 'This address has' };
    }
    return undefined;
  };
  const closeListeners = new Set<(reason: string) => void>();
  let lastPublished = 0;
  let closed = false;

  const host: SubscriptionHost = {
    goLive(sub) {
      if (!all.has(sub)) return;
      if (sub.spec.filter !== undefined) intents.add(sub, sub.spec.filter);
      if (sub.spec.mailbox !== undefined) {
        mailboxes.add(sub.spec.mailbox, sub);
        liveMailboxes.add(sub);
      }
    },
    release(sub) {
      if (!all.delete(sub)) return;
      intents.delete(sub);
      if (liveMailboxes.delete(sub)) mailboxes.delete(sub.spec.mailbox!, sub);
      const quota = quotaOf(sub.spec);
      if (quota !== undefined) {
        const count = (perQuota.get(quota.id) ?? 1) - 1;
        if (count === 0) perQuota.delete(quota.id);
        else perQuota.set(quota.id, count);
      }
    },
    lastPublished: () => lastPublished,
  };

  function deliver(sub: Subscription, out: Outgoing, kind: EventKind): void {
    try {
      sub.offer(out, kind);
    } catch {
      // One broken connection must not keep the event from the others, nor fail the commit path.
      try {
        sub.end('ERR_INTERNAL', 'The event could not be written to this stream');
      } catch {
        sub.cancel();
      }
    }
  }

  return {
    get closed() {
      return closed;
    },
    limits,

    publish(event: StoredEvent) {
      if (closed) return;
      lastPublished = Math.max(lastPublished, event.seq);
      const out = new Outgoing(event);
      const reached = new Set<Subscription>();
      if (event.message.type === 'intent') {
        for (const sub of intents.match(event.message as Intent)) {
          reached.add(sub);
          deliver(sub, out, 'intent');
        }
      }
      for (const key of event.recipients) {
        for (const sub of mailboxes.get(key)) {
          if (reached.has(sub)) continue;
          reached.add(sub);
          deliver(sub, out, 'mailbox');
        }
      }
    },

    subscribe(request) {
      if (closed) throw new IntentcastError('ERR_UNAVAILABLE', 'The relay is shutting down');
      const { source, sink, limits: streamLimits, ...spec } = request;
      if (spec.filter === undefined && spec.mailbox === undefined) {
        throw new IntentcastError(
          'ERR_BAD_REQUEST',
          'A subscription selects public intents, a mailbox, or both',
        );
      }
      if (spec.cursor !== undefined) assertCursor(spec.cursor, source.lastSeq());
      if (all.size >= limits.maxSubscriptions) {
        throw new IntentcastError(
          'ERR_TOO_MANY_SUBSCRIPTIONS',
          'The relay has as many subscriptions as it allows',
        );
      }
      const quota = quotaOf(spec);
      if (quota !== undefined) {
        const count = perQuota.get(quota.id) ?? 0;
        if (count >= quota.max) {
          throw new IntentcastError(
            'ERR_TOO_MANY_SUBSCRIPTIONS',
            `${quota.what} ${count} subscriptions open, the most allowed`,
          );
        }
        perQuota.set(quota.id, count + 1);
      }
      const sub = new Subscription(host, source, spec, sink, streamLimits);
      all.add(sub);
      return sub;
    },

    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },

    close(reason: string) {
      if (closed) return;
      closed = true;
      for (const listener of [...closeListeners]) {
        try {
          listener(reason);
        } catch {
          // A connection that fails to say goodbye is still released below.
        }
      }
      closeListeners.clear();
      for (const sub of [...all]) sub.cancel();
    },

    stats() {
      return {
        subscriptions: all.size,
        intentSubscriptions: intents.size,
        mailboxSubscriptions: liveMailboxes.size,
        lastPublished,
      };
    },
  };
}
