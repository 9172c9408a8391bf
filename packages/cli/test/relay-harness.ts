/**
 * A real relay in this process: the relay's own buildRelay on SQLite in a temporary directory, with the
 * stream plugin registered as its documentation says, listening on 127.0.0.1 on a free port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '@intentcast/core';
import { buildRelay, createHub, openSqliteStore, streamPlugin } from '../../relay/src/index.js';

export interface RunningRelay {
  url: string;
  close(): Promise<void>;
}

export async function startRelay(): Promise<RunningRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'intentcast-cli-relay-'));
  const store = openSqliteStore(join(dataDir, 'relay.sqlite'), { synchronous: 'NORMAL' });
  const hub = createHub();
  const app = await buildRelay({ store, key: generateKeyPair(), hub, plugins: [streamPlugin({ hub })] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
