/**
 * The stored corpus of the query section: `count` signed intents written through the relay's Store API
 * (not HTTP) in large transactions, cached under bench/results/cache/ and reused while the generator and
 * the count are the same, the intents are still open, and the cached file has the store's schema (directly,
 * or after the store's own migrations have brought it forward).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThread, threadState } from '@intentcast/core';
import { openSqliteStore } from '@intentcast/relay';
import Database from 'better-sqlite3';
import { GENERATOR_VERSION } from './corpus.mjs';
import { signIntents } from './signing.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Intents are created over the 30 days before the corpus is made and live 365 days. */
const SPREAD_MS = 30 * DAY_MS;
const LIFETIME_MS = 365 * DAY_MS;
/** A cache older than this is rebuilt, well before its intents expire. */
const MAX_CACHE_AGE_MS = 300 * DAY_MS;

/** The thread facts of a newly stored intent, derived as the relay's ingest path derives them. */
function newThreadFacts(intent) {
  const next = startThread(intent);
  return {
    state: threadState(next),
    acceptedQuantity: next.acceptedQuantity,
    unconfirmed: next.unconfirmed ?? 0,
  };
}

/** The schema of a store file: its version and a hash of every table and index definition. */
function fileFingerprint(path) {
  // Read-write, so that closing the last connection folds and removes the write-ahead log files.
  const db = new Database(path);
  try {
    const rows = db
      .prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name')
      .all();
    const version = db.prepare('SELECT MAX(version) AS v FROM schema_version').get().v;
    const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
    return { version, hash };
  } finally {
    db.close();
  }
}

/** The schema the built store creates: a cache with another schema is migrated forward or rebuilt. */
export function schemaFingerprint() {
  const dir = mkdtempSync(join(tmpdir(), 'intentcast-bench-schema-'));
  try {
    const path = join(dir, 'schema.sqlite');
    openSqliteStore(path).close();
    return fileFingerprint(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseName = (count, schema) =>
  `intents-${count}-schema${schema.version}-${schema.hash}-gen${GENERATOR_VERSION}`;

/**
 * A cached corpus of `count` intents usable with `schema`: one made with it, or an older one that the
 * store's own migrations bring to exactly it (as a relay upgrading in place would); undefined if none.
 */
async function reuseCache(cacheDir, count, schema) {
  const prefix = `intents-${count}-`;
  const suffix = `-gen${GENERATOR_VERSION}.json`;
  for (const file of readdirSync(cacheDir)) {
    if (!file.startsWith(prefix) || !file.endsWith(suffix)) continue;
    const oldName = file.slice(0, -'.json'.length);
    const oldPath = join(cacheDir, `${oldName}.sqlite`);
    if (!existsSync(oldPath)) continue;
    const meta = JSON.parse(readFileSync(join(cacheDir, file), 'utf8'));
    if (Date.now() - meta.madeAt >= MAX_CACHE_AGE_MS) continue;
    if (meta.schema.hash !== schema.hash) {
      if (meta.schema.version >= schema.version) continue;
      try {
        await openSqliteStore(oldPath).close();
      } catch {
        continue;
      }
      if (fileFingerprint(oldPath).hash !== schema.hash) continue;
    }
    const name = baseName(count, schema);
    const path = join(cacheDir, `${name}.sqlite`);
    if (name !== oldName) {
      for (const extra of ['', '-wal', '-shm']) {
        if (existsSync(`${oldPath}${extra}`)) renameSync(`${oldPath}${extra}`, `${path}${extra}`);
      }
      rmSync(join(cacheDir, file), { force: true });
      meta.schema = schema;
      writeFileSync(join(cacheDir, `${name}.json`), `${JSON.stringify(meta, null, 2)}\n`);
    }
    return { path, meta };
  }
  return undefined;
}

/**
 * The path of a store holding `count` intents, built now if no usable cache exists. `log` reports progress.
 * Returns { path, meta, cached, buildSeconds }.
 */
export async function queryCorpus({ count, cacheDir, log }) {
  mkdirSync(cacheDir, { recursive: true });
  const schema = schemaFingerprint();
  const reused = await reuseCache(cacheDir, count, schema);
  if (reused) return { ...reused, cached: true, buildSeconds: 0 };
  const name = baseName(count, schema);
  const path = join(cacheDir, `${name}.sqlite`);
  const metaPath = join(cacheDir, `${name}.json`);
  // Older caches of the same size are of no further use: drop them rather than let them pile up.
  for (const file of readdirSync(cacheDir)) {
    if (file.startsWith(`intents-${count}-`)) rmSync(join(cacheDir, file), { force: true });
  }

  const start = performance.now();
  const madeAt = Date.now();
  const createdBase = madeAt - SPREAD_MS;
  const createdStep = SPREAD_MS / count;
  const building = join(cacheDir, `${name}.building`);
  for (const leftover of [building, `${building}-wal`, `${building}-shm`]) rmSync(leftover, { force: true });
  const store = openSqliteStore(building, { synchronous: 'NORMAL' });
  let done = 0;
  let facts;
  let lastLog = performance.now();
  try {
    let pending = [];
    await signIntents(
      { count, seed: 11, run: madeAt, keyCount: 256, createdBase, createdStep, lifetimeMs: LIFETIME_MS },
      async (texts) => {
        for (const text of texts) {
          const message = JSON.parse(text);
          facts ??= newThreadFacts(message);
          pending.push({
            message,
            text,
            recipients: [],
            receivedAt: Date.parse(message.created),
            thread: facts,
          });
        }
        if (pending.length >= 20_000) {
          await store.commit(pending);
          done += pending.length;
          pending = [];
        }
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          log(`  query corpus: ${done.toLocaleString('en')} of ${count.toLocaleString('en')} stored`);
        }
      },
    );
    if (pending.length > 0) await store.commit(pending);
  } finally {
    await store.close();
  }
  // Fold the write-ahead log into the file, so that the file alone is the whole corpus.
  const db = new Database(building);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  renameSync(building, path);
  const meta = {
    count,
    madeAt,
    createdBase,
    createdStep,
    lifetimeMs: LIFETIME_MS,
    schema,
    generator: GENERATOR_VERSION,
  };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { path, meta, cached: false, buildSeconds: (performance.now() - start) / 1000 };
}
