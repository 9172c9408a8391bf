/**
 * Publish-to-delivery latency: a relay (child process, durable store) with N live WebSocket subscriptions
 * opened by a separate client process, which then publishes intents over HTTP at a steady rate and times,
 * on its own clock, from the start of each POST to each matching subscriber receiving the event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from './child.mjs';
import { subscriptionFilters } from './filters.mjs';
import { runLoad } from './load.mjs';

const RELAY = new URL('./relay-server.mjs', import.meta.url).pathname;
const CLIENT = new URL('./stream-client.mjs', import.meta.url).pathname;
/** Intents posted before the subscriptions open, to warm the relay up; not measured. */
const WARMUP = 100;

/**
 * Each count gets a fresh relay and its own share of `texts`, so the runs are independent; the first part
 * of each share (at most WARMUP) warms the relay up. For each count in `subscriptionCounts`: `catchAll` subscriptions see everything, the rest are narrow;
 * `perConnection` subscriptions share each WebSocket; `texts` are published at `ratePerSecond`.
 */
export async function measureFanout({ subscriptionCounts, catchAll, perConnection, texts, ratePerSecond }) {
  const results = {};
  let used = 0;
  // One client process serves every count; each count gets a fresh relay.
  const client = await startChild(CLIENT, {});
  try {
    for (const count of subscriptionCounts) {
      const dir = mkdtempSync(join(tmpdir(), 'intentcast-bench-fanout-'));
      const relay = await startChild(RELAY, { dbPath: join(dir, 'relay.sqlite'), synchronous: 'FULL' });
      try {
        // Warm the relay up (schema compilation, JIT, the store's statements) before anyone listens.
        const share = texts.slice(used, used + Math.floor(texts.length / subscriptionCounts.length));
        used += share.length;
        const warm = share.splice(0, Math.min(WARMUP, Math.floor(share.length / 4)));
        await runLoad({
          origin: relay.info.origin,
          items: warm.map((body) => ({ path: '/v1/messages', body })),
          concurrency: 4,
          maxSeconds: 20,
        });
        const opened = await client.call('open', {
          origin: relay.info.origin,
          filters: subscriptionFilters(count, catchAll),
          perConnection,
          transport: 'ws',
        });
        const hub = await relay.call('hubStats');
        const published = await client.call('publish', {
          origin: relay.info.origin,
          texts: share,
          ratePerSecond,
        });
        results[count] = {
          subscriptions: count,
          catchAll,
          perConnection,
          connections: opened.connections,
          openSeconds: Math.round(opened.seconds * 100) / 100,
          liveOnRelay: hub?.intentSubscriptions ?? null,
          ...published,
        };
      } finally {
        await client.call('close').catch(() => {});
        await relay.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await client.stop();
  }
  return results;
}
