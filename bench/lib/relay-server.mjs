/**
 * The relay under test, in its own process: the built @intentcast/relay with its SQLite store in the
 * given file, the live-stream hub when the package provides it, listening on 127.0.0.1 on a free port.
 * Rate limits are raised out of the way: the benchmark measures throughput, not the limiter's refusals.
 */
import { generateKeyPair } from '@intentcast/core';
import { serveChild, settledMemory } from './child.mjs';
import { relay as relayPackage, streamsMissing } from './relay-package.mjs';

serveChild(async (config) => {
  const { buildRelay, openSqliteStore } = relayPackage;
  const store = openSqliteStore(config.dbPath, { synchronous: config.synchronous ?? 'FULL' });
  const streams = streamsMissing() === undefined;
  const hub = streams
    ? relayPackage.createHub({
        limits: { maxSubscriptions: 1_000_000, maxSubscriptionsPerAddress: 1_000_000 },
      })
    : undefined;
  const relay = await buildRelay({
    store,
    key: generateKeyPair(),
    // As the served relay does by default (ingest.workers): checks and receipts in a worker thread.
    cryptoWorkers: config.cryptoWorkers ?? 1,
    limits: {
      rateLimitPerIp: 1_000_000_000,
      rateLimitPerKey: 1_000_000_000,
      ...(config.limits ?? {}),
    },
    // Nothing the benchmark stores expires during a run; the purge stays out of the measurements.
    retention: { days: 36_500 },
    ...(hub
      ? {
          hub,
          plugins: [
            relayPackage.streamPlugin({
              hub,
              ...(config.streamLimits ? { limits: config.streamLimits } : {}),
            }),
          ],
        }
      : {}),
  });
  await relay.listen({ port: 0, host: '127.0.0.1' });
  const { port } = relay.server.address();
  return {
    info: { origin: `http://127.0.0.1:${port}`, streams, pid: process.pid },
    handlers: {
      memory: () => settledMemory(),
      hubStats: () => hub?.stats() ?? null,
      async stop() {
        await relay.close();
        await store.close();
      },
    },
  };
});
