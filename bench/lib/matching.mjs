/**
 * Matching cost per published message at a small and a large number of live subscriptions, in this
 * process: the stream layer's own micro-benchmark of its subscription index (benchMatching), and
 * hub.publish timed directly with this benchmark's filters and intents and sinks that only count.
 */
import { intentBody } from './corpus.mjs';
import { subscriptionFilters } from './filters.mjs';
import { relay } from './relay-package.mjs';
import { ratio } from './stats.mjs';

const STREAM_LIMITS = {
  maxSubscriptionsPerConnection: 16,
  maxBufferedBytes: 1024 * 1024 * 1024,
  maxQueuedEvents: 1_000_000_000,
  maxFrameBytes: 16 * 1024,
  maxPendingFrames: 32,
  pageSize: 256,
  drainTimeoutMs: 30_000,
  heartbeatMs: 15_000,
  pingIntervalMs: 30_000,
  closeGraceMs: 5_000,
  retryMs: 2_000,
};

function fakeIntent(index) {
  return {
    protocol: 'intentcast/1',
    type: 'intent',
    author: 'did:key:z6MkbenchmarkAuthorNotARealKeyxxxxxxxxxxxxxxxxx',
    created: new Date(Date.UTC(2026, 0, 15, 12)).toISOString(),
    expires: new Date(Date.UTC(2026, 0, 22, 12)).toISOString(),
    nonce: index.toString(16).padStart(32, '0'),
    body: intentBody(index, 99),
    id: index.toString(16).padStart(64, '0'),
    sig: '0'.repeat(128),
  };
}

/** ns per hub.publish with `count` live subscriptions (`catchAll` of them empty filters). */
function timeHubPublish(count, catchAll, events, rounds) {
  const hub = relay.createHub({ limits: { maxSubscriptions: count + 1 } });
  let delivered = 0;
  const sink = {
    event(out) {
      // A real sink writes the serialized message: serialization happens once per event, here too.
      if (out.messageJson.length > 0) delivered++;
    },
    caughtUp() {},
    ended() {},
    bufferedBytes: () => 0,
    queuedEvents: () => 0,
    drained: () => Promise.resolve(),
  };
  const source = { intentsAfter: () => [], mailboxAfter: () => [], lastSeq: () => 0 };
  for (const query of subscriptionFilters(count, catchAll)) {
    hub.subscribe({ filter: relay.parseFilter(query), source, sink, limits: STREAM_LIMITS }).start();
  }
  const intents = Array.from({ length: events }, (_, i) => fakeIntent(i));
  let seq = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds + 1; round++) {
    delivered = 0;
    const start = process.hrtime.bigint();
    for (const message of intents) hub.publish({ seq: ++seq, message, recipients: [], receivedAt: 0 });
    const ns = Number(process.hrtime.bigint() - start) / events;
    if (round > 0) best = Math.min(best, ns); // the first round warms the JIT up
  }
  hub.close('done');
  return {
    subscriptions: count,
    catchAll,
    events,
    nsPerPublish: Math.round(best),
    deliveriesPerPublish: delivered / events,
  };
}

export function measureMatching({ small, large, events, rounds, catchAll }) {
  const result = {};
  if (typeof relay.benchMatching === 'function') {
    const a = relay.benchMatching({ subscriptions: small, events, rounds });
    const b = relay.benchMatching({ subscriptions: large, events, rounds });
    // A scan of every filter, for scale: a few events are enough, it is slow.
    const scan = relay.benchMatching({ subscriptions: large, events: 20, rounds: 1, compareScan: true });
    result.index = {
      small: a,
      large: { ...b, scanNsPerEvent: scan.scanNsPerEvent },
      ratio: ratio(b.nsPerEvent, a.nsPerEvent),
    };
  } else {
    result.index = { skipped: 'the built relay does not export benchMatching' };
  }
  if (typeof relay.createHub === 'function') {
    const a = timeHubPublish(small, catchAll, events, rounds);
    const b = timeHubPublish(large, catchAll, events, rounds);
    result.hubPublish = { small: a, large: b, ratio: ratio(b.nsPerPublish, a.nsPerPublish) };
  } else {
    result.hubPublish = { skipped: 'the built relay does not export createHub' };
  }
  return result;
}
