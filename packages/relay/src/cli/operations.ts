import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backupDataDir } from '../backup/backup.js';
import { type DatabaseReport, OperatorError, schemaVersionOf, withReadOnly } from '../backup/inspect.js';
import { restoreDataDir } from '../backup/restore.js';
import { dataPaths } from '../config/data-dir.js';
import { SCHEMA_VERSION } from '../store/sqlite/migrations.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

/** The operator commands other than `serve`, each returning the lines it prints. */

function describe(report: DatabaseReport): string {
  const mib = (report.bytes / 1024 / 1024).toFixed(1);
  return `${report.messages} messages, last seq ${report.lastSeq}, schema version ${report.schemaVersion}, ${mib} MiB`;
}

export async function backupCommand(options: {
  data: string;
  out: string;
  force?: boolean;
}): Promise<string[]> {
  const started = Date.now();
  const report = await backupDataDir(options);
  return [
    `backed up ${dataPaths(resolve(options.data)).database} to ${report.path} in ${Date.now() - started} ms`,
    `integrity ok: ${describe(report)}`,
  ];
}

export async function restoreCommand(options: {
  from: string;
  data: string;
  force?: boolean;
  key?: string;
}): Promise<string[]> {
  const report = await restoreDataDir(options);
  return [
    `restored ${resolve(options.from)} into ${report.path}${report.replaced ? ' (replacing its store)' : ''}`,
    `integrity ok: ${describe(report)}`,
    report.keyInstalled
      ? 'relay key installed'
      : 'relay key: kept as it was (a relay without one makes a new key, and a new identity, on start)',
  ];
}

/**
 * Brings a data directory's store to the current schema and exits. The relay does the same on every
 * start; running it alone lets an operator upgrade (after a backup) and see the result before serving.
 */
export async function migrateCommand(options: { data: string }): Promise<string[]> {
  const path = dataPaths(resolve(options.data)).database;
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  // A mistyped directory must not quietly become a new, empty store.
  if (!exists) throw new OperatorError(`no relay store at ${path}`);
  const before = withReadOnly(path, (db) => schemaVersionOf(db, path));
  if (before > SCHEMA_VERSION) {
    throw new OperatorError(
      `${path} has schema version ${before}; this relay knows versions up to ${SCHEMA_VERSION}: upgrade the relay`,
    );
  }
  const store = openSqliteStore(path);
  await store.close();
  if (before === SCHEMA_VERSION) return [`${path}: schema version ${SCHEMA_VERSION}, already current`];
  return [`${path}: migrated from schema version ${before} to ${SCHEMA_VERSION}`];
}
