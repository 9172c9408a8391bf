/**
 * A relay process for the webhook crash test: the relay library over a data directory, with webhooks
 * allowed to reach receivers on 127.0.0.1 and a fast retry schedule. Usage: node webhook-child.js <dir>.
 * Prints "listening on <url>" once it takes requests.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildRelay } from '../src/app.js';
import { loadOrCreateRelayKey } from '../src/key-file.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: webhook-child <data directory>');
const { key } = await loadOrCreateRelayKey(join(dir, 'relay-key.json'));
const store = openSqliteStore(join(dir, 'relay.sqlite'));
const relay = await buildRelay({
  store,
  key,
  limits: { rateLimitPerIp: 1_000_000, rateLimitPerKey: 1_000_000 },
  webhooks: {
    allowPrivateTargets: true,
    allowHttpTargets: true,
    retrySchedule: Array.from({ length: 30 }, () => 50),
    concurrency: 4,
  },
});
await relay.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on http://127.0.0.1:${(relay.server.address() as AddressInfo).port}\n`);
