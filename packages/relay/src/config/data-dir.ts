import { join } from 'node:path';

/** The files of a relay's data directory. */
export interface DataPaths {
  /** The SQLite store; `-wal` and `-shm` files sit beside it while it is open. */
  database: string;
  /** The relay's private key (JWK, mode 600): its identity. */
  key: string;
}

/**
 * The paths of the files in a data directory.
 *
 * @example
 * dataPaths('/var/lib/intentcast').database; // '/var/lib/intentcast/relay.sqlite'
 */
export function dataPaths(dir: string): DataPaths {
  return { database: join(dir, 'relay.sqlite'), key: join(dir, 'relay-key.json') };
}
