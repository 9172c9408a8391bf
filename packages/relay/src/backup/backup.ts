import { randomBytes } from 'node:crypto';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dataPaths } from '../config/data-dir.js';
import { type DatabaseReport, inspectDatabase, OperatorError } from './inspect.js';

/** Every page in one step: a step holds a read snapshot, so the copy is one consistent state. */
const ALL_PAGES = 0x7fffffff;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Flushes a file, or a directory's entries, to disk. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A temporary name beside `path`, in the same directory so that the final rename is atomic. */
export function partialName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
}

export interface BackupOptions {
  /** The relay's data directory; the relay may be running on it. */
  data: string;
  /** The backup file to write. */
  out: string;
  /** Replace `out` if it exists. */
  force?: boolean;
}

/**
 * Backs up a relay's store with SQLite's online backup, through a second, read-only connection: the
 * relay keeps running and writing meanwhile. The copy is one consistent state of the store (every commit
 * before some moment, none after), is checked with `integrity_check`, and only then appears at `out`, by
 * rename, so `out` is never a half-written file. The copy is a single self-contained file (rollback
 * journal mode); the store switches it back to write-ahead logging when it is opened after a restore.
 *
 * The relay key (relay-key.json) is not in the backup: it never changes, so keep a copy of it once, as a
 * secret.
 *
 * @example
 * const report = await backupDataDir({ data: '/var/lib/intentcast', out: '/backups/relay.sqlite' });
 */
export async function backupDataDir(options: BackupOptions): Promise<DatabaseReport> {
  const source = dataPaths(resolve(options.data)).database;
  const out = resolve(options.out);
  if (!(await exists(source))) throw new OperatorError(`no relay store at ${source}`);
  if (!(await exists(dirname(out)))) throw new OperatorError(`the directory of ${out} does not exist`);
  if (!options.force && (await exists(out))) {
    throw new OperatorError(`${out} exists; choose another name or pass --force to replace it`);
  }
  if ((await stat(source)).ino === (await stat(out).catch(() => undefined))?.ino) {
    throw new OperatorError(`${out} is the store itself`);
  }
  const partial = partialName(out);
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      await db.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      db.close();
    }
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const report = inspectDatabase(partial);
    await syncPath(partial);
    await rename(partial, out);
    await syncPath(dirname(out));
    return { ...report, path: out };
  } catch (err) {
    await rm(partial, { force: true });
    if (err instanceof OperatorError) throw err;
    throw new OperatorError(`backup of ${source} failed: ${(err as Error).message}`);
  }
}
