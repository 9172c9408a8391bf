import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { keyPairFromJwk } from '@intentcast/core';
import { dataPaths } from '../config/data-dir.js';
import { partialName, syncPath } from './backup.js';
import { type DatabaseReport, inspectDatabase, OperatorError } from './inspect.js';

export interface RestoreOptions {
  /** The backup file (from `backupDataDir`, or any sound copy of a relay store). */
  from: string;
  /** The data directory to restore into. The relay must not be running on it. */
  data: string;
  /** Replace the store of a data directory that is not empty. */
  force?: boolean;
  /** A relay key file (private JWK) to install as the relay's key. */
  key?: string;
}

export interface RestoreReport extends DatabaseReport {
  /** The data directory held files before. */
  replaced: boolean;
  keyInstalled: boolean;
}

async function readRelayKey(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new OperatorError(`cannot read the key ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    if (keyPairFromJwk(JSON.parse(text)).secretKey === undefined) throw new Error('it holds no private key');
  } catch (err) {
    throw new OperatorError(`${path} is not a relay key (a private Ed25519 JWK): ${(err as Error).message}`);
  }
  return text;
}

/**
 * Restores a relay store from a backup into a data directory, with the relay stopped. The backup is
 * checked first (`integrity_check`, and a schema this relay knows); a data directory that holds anything
 * is refused unless `force`, and then only its store is replaced (its key stays, unless `key` is given).
 * The old store's write-ahead log goes with it, so no stale log is ever applied to the restored store.
 *
 * @example
 * await restoreDataDir({ from: '/backups/relay.sqlite', data: '/var/lib/intentcast', key: '/secrets/relay-key.json' });
 */
export async function restoreDataDir(options: RestoreOptions): Promise<RestoreReport> {
  const from = resolve(options.from);
  const data = resolve(options.data);
  const paths = dataPaths(data);
  inspectDatabase(from);
  const keyText = options.key === undefined ? undefined : await readRelayKey(resolve(options.key));

  await mkdir(data, { recursive: true, mode: 0o700 });
  const entries = (await readdir(data)).filter((name) => !name.endsWith('.partial'));
  if (entries.length > 0 && !options.force) {
    const running = entries.includes('relay.sqlite-wal')
      ? ' Its store has a write-ahead log: a relay may be running on it.'
      : '';
    throw new OperatorError(
      `${data} is not empty (${entries.join(', ')}).${running} Stop the relay, then pass --force to replace its store.`,
    );
  }

  const partial = partialName(paths.database);
  try {
    await copyFile(from, partial);
    await syncPath(partial);
    // The old store's log and shared memory must not outlive it: a log applied to another database corrupts it.
    await rm(`${paths.database}-wal`, { force: true });
    await rm(`${paths.database}-shm`, { force: true });
    await rename(partial, paths.database);
    if (keyText !== undefined) {
      const keyPartial = partialName(paths.key);
      await writeFile(keyPartial, keyText, { mode: 0o600 });
      await chmod(keyPartial, 0o600);
      await syncPath(keyPartial);
      await rename(keyPartial, paths.key);
    }
    await syncPath(data);
  } catch (err) {
    await rm(partial, { force: true });
    throw new OperatorError(`restore into ${data} failed: ${(err as Error).message}`);
  }
  return {
    ...inspectDatabase(paths.database),
    replaced: entries.length > 0,
    keyInstalled: keyText !== undefined,
  };
}
