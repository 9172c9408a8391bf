/**
 * Server memory per idle subscription: the relay's RSS (after full collections) before and after a client
 * process opens N idle subscriptions, divided by N. Measured for WebSocket with one subscription per
 * connection (the worst case, the connection included), WebSocket with 16 per connection, and SSE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from './child.mjs';
import { subscriptionFilters } from './filters.mjs';
import { sleep } from './stats.mjs';

const RELAY = new URL('./relay-server.mjs', import.meta.url).pathname;
const CLIENT = new URL('./stream-client.mjs', import.meta.url).pathname;

const VARIANTS = {
  wsOnePerConnection: { transport: 'ws', perConnection: 1 },
  wsSixteenPerConnection: { transport: 'ws', perConnection: 16 },
  sse: { transport: 'sse', perConnection: 1 },
};

async function measureVariant(client, variant, count, catchAll) {
  const dir = mkdtempSync(join(tmpdir(), 'intentcast-bench-memory-'));
  const relay = await startChild(RELAY, { dbPath: join(dir, 'relay.sqlite') }, { execArgv: ['--expose-gc'] });
  try {
    const filters = subscriptionFilters(count, catchAll);
    // A first round loads the stream code and warms the server's pools, so the baseline includes them.
    await client.call('open', { origin: relay.info.origin, filters: filters.slice(0, 64), ...variant });
    await client.call('close');
    await sleep(300);
    const before = await relay.call('memory');
    const opened = await client.call('open', { origin: relay.info.origin, filters, ...variant });
    await sleep(500);
    const after = await relay.call('memory');
    const stats = await relay.call('hubStats');
    await client.call('close');
    return {
      subscriptions: count,
      connections: opened.connections,
      liveOnRelay: stats?.subscriptions ?? null,
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssBytesPerSubscription: Math.round((after.rss - before.rss) / count),
      heapBytesPerSubscription: Math.round((after.heapUsed - before.heapUsed) / count),
      openSeconds: Math.round(opened.seconds * 100) / 100,
    };
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureMemory({ count, catchAll }) {
  const result = {};
  // One client process opens every variant's subscriptions; each variant gets a fresh relay.
  const client = await startChild(CLIENT, {});
  try {
    for (const [name, variant] of Object.entries(VARIANTS)) {
      try {
        result[name] = await measureVariant(client, variant, count, catchAll);
      } catch (err) {
        result[name] = { error: String(err?.message ?? err).slice(0, 500) };
        await client.call('close').catch(() => {});
      }
    }
  } finally {
    await client.stop();
  }
  return result;
}
