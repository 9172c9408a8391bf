import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildRelay } from '../app.js';
import { dataPaths } from '../config/data-dir.js';
import { relayOptionsFromConfig } from '../config/relay-options.js';
import { maskSecrets } from '../config/render.js';
import type { RelayConfig } from '../config/types.js';
import { loadOrCreateRelayKey } from '../key-file.js';
import type { RelayOptions } from '../options.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

/** Collaborators the process entry adds to the served relay: the live-stream hub and its routes. */
export type ServeExtras = (config: RelayConfig) => Pick<RelayOptions, 'hub' | 'plugins'>;

export interface RunningServer {
  relay: FastifyInstance;
  store: Store;
  /** The address it listens on, as a URL. */
  url: string;
  /** Stops accepting, closes streams, finishes requests in flight and their commits, closes the store. */
  stop(): Promise<void>;
}

/**
 * Runs a relay from a configuration: creates the data directory (mode 700), loads or makes the relay key,
 * opens the store (running any pending migration), builds the relay and listens.
 *
 * @example
 * const { config } = await loadConfig({ file: 'relay.yaml' });
 * const server = await startServer(config);
 * await server.stop();
 */
export async function startServer(config: RelayConfig, extras?: ServeExtras): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const paths = dataPaths(config.dataDir);
  const { key, created } = await loadOrCreateRelayKey(paths.key);
  // The relay's logger exists only once the relay is built; checkpoints start at the first write, later.
  let reportCheckpoint: (error: string) => void = () => {};
  const store = openSqliteStore(paths.database, {
    synchronous: config.store.synchronous,
    busyTimeoutMs: config.store.busyTimeoutMs,
    onCheckpoint: (outcome) => {
      if (outcome.kind === 'failed') reportCheckpoint(outcome.error);
    },
  });
  let relay: FastifyInstance;
  try {
    relay = await buildRelay({
      ...relayOptionsFromConfig(config),
      ...extras?.(config),
      store,
      key,
    });
    await relay.listen({ port: config.listen.port, host: config.listen.host });
  } catch (err) {
    await store.close();
    throw err;
  }
  reportCheckpoint = (error) =>
    relay.log.error(
      { error },
      'a checkpoint of the write-ahead log failed; commits checkpoint the log themselves past 10,000 pages',
    );
  relay.log.info({ config: maskSecrets(config), keyCreated: created, did: relay.relayDid }, 'relay started');
  const { port } = relay.server.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  let stopping: Promise<void> | undefined;
  return {
    relay,
    store,
    url: `http://${host}:${port}`,
    stop() {
      stopping ??= relay.close().finally(() => store.close());
      return stopping;
    },
  };
}

/** Stops the server on SIGINT or SIGTERM; a second signal exits at once. */
export function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.relay.log.warn({ signal }, 'second signal: exiting without finishing');
      process.exit(1);
    }
    stopping = true;
    server.relay.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.relay.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
