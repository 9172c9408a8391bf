import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../store/sqlite/migrations.js';

/** An operator command failed for a reason the operator can act on; its message says which. */
export class OperatorError extends Error {
  override name = 'OperatorError' as const;
}

/** What a relay database holds, and whether SQLite finds it sound. */
export interface DatabaseReport {
  path: string;
  bytes: number;
  /** The highest migration applied. */
  schemaVersion: number;
  /** The seq of the last message ever committed. */
  lastSeq: number;
  /** Messages stored now. */
  messages: number;
}

const INTEGRITY_PROBLEMS_SHOWN = 10;

/** Runs `fn` on a read-only connection to the relay database at `path`. */
export function withReadOnly<T>(path: string, fn: (db: Database.Database) => T): T {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new OperatorError(`cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    return fn(db);
  } catch (err) {
    if (err instanceof OperatorError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new OperatorError(`${path} is not a SQLite database`);
    throw new OperatorError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/** The schema version recorded in an open relay database; throws if it is not a relay database. */
export function schemaVersionOf(db: Database.Database, path: string): number {
  const table = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (table === undefined)
    throw new OperatorError(`${path} is not a relay database (it has no schema_version)`);
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Checks a relay database, read-only: SQLite's `integrity_check`, then what it holds. Throws an
 * OperatorError naming the problems when the file is not a sound relay database, or was written by a newer
 * relay than this one.
 *
 * @example
 * inspectDatabase('./backups/relay-2026-01-15.sqlite').messages; // 1042
 */
export function inspectDatabase(path: string): DatabaseReport {
  return withReadOnly(path, (db) => {
    const problems = (
      db.pragma(`integrity_check(${INTEGRITY_PROBLEMS_SHOWN})`) as { integrity_check: string }[]
    )
      .map((row) => row.integrity_check)
      .filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw new OperatorError(`${path} fails SQLite's integrity check:\n  ${problems.join('\n  ')}`);
    }
    const schemaVersion = schemaVersionOf(db, path);
    if (schemaVersion > SCHEMA_VERSION) {
      throw new OperatorError(
        `${path} has schema version ${schemaVersion}; this relay knows versions up to ${SCHEMA_VERSION}`,
      );
    }
    const count = (sql: string) => (db.prepare(sql).get() as { n: number | null } | undefined)?.n ?? 0;
    const hasMessages = schemaVersion >= 1;
    return {
      path,
      bytes: statSync(path).size,
      schemaVersion,
      lastSeq: hasMessages ? count("SELECT seq AS n FROM sqlite_sequence WHERE name = 'messages'") : 0,
      messages: hasMessages ? count('SELECT COUNT(*) AS n FROM messages') : 0,
    };
  });
}
