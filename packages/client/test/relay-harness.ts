/**
 * A real relay in this process, for integration tests: the relay's own buildRelay on SQLite in a temporary
 * directory, with the stream plugin registered as its documentation says, listening on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type KeyPair } from '@intentcast/core';
import type { FastifyInstance } from 'fastify';
import { buildRelay, openSqliteStore, type RelayLimits, type Store } from '../../relay/src/index.js';
import { createHub, streamPlugin } from '../../relay/src/stream/index.js';

export interface RunningRelay {
  url: string;
  key: KeyPair;
  /** Stops the relay and starts it again on the same data directory and port. */
  restart(): Promise<void>;
  /** Stops the relay and deletes its data. */
  close(): Promise<void>;
}

export async function startRelay(options: { limits?: Partial<RelayLimits> } = {}): Promise<RunningRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intentcast-client-relay-'));
  const key = generateKeyPair();
  let store: Store;
  let app: FastifyInstance;

  const up = async (port: number): Promise<number> => {
    store = openSqliteStore(join(dataDir, 'relay.sqlite'), { synchronous: 'NORMAL' });
    const hub = createHub();
    app = await buildRelay({
      store,
      key,
      hub,
      plugins: [streamPlugin({ hub })],
      ...(options.limits ? { limits: options.limits } : {}),
    });
    await app.listen({ host: '127.0.0.1', port });
    return (app.server.address() as AddressInfo).port;
  };
  const down = async () => {
    await app.close();
    await store.close();
  };

  const port = await up(0);
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    async restart() {
      await down();
      await up(port);
    },
    async close() {
      await down();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
