import { statSync } from 'node:fs';
import type { Intent, Message } from '@intentcast/core';
import Database from 'better-sqlite3';
import type { StoredEvent } from '../../events.js';
import { distanceKm } from '../../filter.js';
import { SqliteWebhookStore } from '../../webhooks/sqlite-store.js';
import { categoryPrefixes, intentColumns } from '../columns.js';
import type {
  IntentPage,
  IntentQuery,
  NewRecord,
  Store,
  StoredMessage,
  StoredThreadState,
  StoreStats,
  ThreadRecord,
} from '../store.js';
import { BACKSTOP_PAGES, Checkpointer, type CheckpointerOptions } from './checkpointer.js';
import { migrate } from './migrations.js';
import { intentQuerySql, NEAR_DENSE_ROWS, nearProbeSql } from './query.js';
import { SyncThread } from './sync-thread.js';
import { type Datasync, WalSync } from './wal-sync.js';

export interface SqliteStoreOptions {
  /**
   * Durability of a commit. FULL (the default): the write-ahead log is synced before `commit` resolves, so
   * a receipted message survives power loss; the sync runs off the event loop (wal-sync.ts). NORMAL: no
   * sync before `commit` resolves; a crash of the process loses nothing, a power loss may lose the latest
   * commits. EXTRA: SQLite's own FULL syncs plus the directory's, inside the commit, on the event loop.
   */
  synchronous?: 'FULL' | 'NORMAL' | 'EXTRA';
  /** Milliseconds to wait for a lock held by another connection. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * Checkpoint the write-ahead log from a thread of its own (checkpointer.ts) rather than inside commits,
   * on the event loop. Default true for a database in a file.
   */
  checkpointThread?: boolean;
  /** Told of each checkpoint of that thread. */
  onCheckpoint?: CheckpointerOptions['onCheckpoint'];
  /** The system call that syncs the log (synchronous FULL); tests make it fail. */
  datasync?: Datasync;
}

interface MessageRow {
  seq: number;
  json: string;
  recipients: string;
  received: number;
}

interface ThreadRow {
  intent_seq: number;
  state: StoredThreadState;
  accepted_quantity: number;
  unconfirmed: number;
  expires: number;
}

const STATEMENT_CACHE_SIZE = 128;

/** The page cache of the store's connection, in KiB: 64 MiB at most, filled as pages are read. */
const PAGE_CACHE_KIB = 64 * 1024;

function toStored(row: MessageRow): StoredMessage {
  let message: Message | undefined;
  return {
    seq: row.seq,
    // Parsed when first read: a page of intents is served from the texts alone.
    get message(): Message {
      message ??= JSON.parse(row.json) as Message;
      return message;
    },
    recipients: JSON.parse(row.recipients) as string[],
    receivedAt: row.received,
    text: row.json,
  };
}

function toEvent(row: MessageRow): StoredEvent {
  const { text: _text, ...event } = toStored(row);
  return event;
}

/**
 * Opens (creating if needed) the SQLite store at `path` and brings its schema up to date. The store uses
 * write-ahead logging and commits each batch in one transaction; a commit returns only once SQLite has
 * made it durable under the chosen `synchronous` setting.
 *
 * @example
 * const store = openSqliteStore('./data/relay.sqlite');
 * const relay = await buildRelay({ store, key });
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(path, options);
}

class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #commitTx: (records: readonly NewRecord[]) => StoredEvent[];
  readonly #deleteTx: (ids: readonly string[]) => number;
  #lastSeq: number;
  /** Syncs the log after each commit (synchronous FULL on a file); undefined when SQLite syncs or nothing does. */
  readonly #wal: WalSync | undefined;
  /** Where the log is synced: a thread of the store's own, off libuv's shared pool. */
  readonly #syncThread: SyncThread | undefined;
  readonly #checkpointer: Checkpointer | undefined;
  #failure: Error | undefined;
  readonly webhooks: SqliteWebhookStore;

  constructor(path: string, options: SqliteStoreOptions) {
    const db = new Database(path);
    this.#db = db;
    try {
      db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
      // SQLite's page cache (2 MB by default) holds too few index pages for queries that range over a large
      // store: each then reads most of its pages through the file system again.
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      db.pragma('journal_mode = WAL');
      const synchronous = options.synchronous ?? 'FULL';
      // FULL is kept by syncing the log off the event loop (WalSync), so SQLite itself needs only NORMAL.
      db.pragma(`synchronous = ${synchronous === 'FULL' ? 'NORMAL' : synchronous}`);
      db.function('distance_km', { deterministic: true }, (lat1, lon1, lat2, lon2) =>
        distanceKm({ lat: Number(lat1), lon: Number(lon1) }, { lat: Number(lat2), lon: Number(lon2) }),
      );
      migrate(db, Date.now());
      // Statistics for the query planner, bounded so that opening a large store stays quick.
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
    } catch (err) {
      db.close();
      throw err;
    }
    const row = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").get() as
      | { seq: number }
      | undefined;
    this.#lastSeq = row?.seq ?? 0;
    if ((options.synchronous ?? 'FULL') === 'FULL' && !db.memory) {
      if (options.datasync === undefined) this.#syncThread = new SyncThread();
      this.#wal = new WalSync(path, options.datasync ?? this.#syncThread!.datasync);
    }
    if (!db.memory && options.checkpointThread !== false) {
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
      this.#checkpointer = new Checkpointer(path, {
        busyTimeoutMs: Math.trunc(options.busyTimeoutMs ?? 5000),
        ...(options.onCheckpoint ? { onCheckpoint: options.onCheckpoint } : {}),
      });
    }
    this.webhooks = new SqliteWebhookStore(db, {
      writable: () => this.#assertWritable(),
      durable: () => this.#durable(),
      visibleSeq: () => this.#lastSeq,
    });
    this.#commitTx = db.transaction((records: readonly NewRecord[]) => records.map((r) => this.#insert(r)));
    this.#deleteTx = db.transaction((ids: readonly string[]) => {
      let deleted = 0;
      for (const id of ids) deleted += this.#deleteThread(id);
      return deleted;
    });
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #insert(record: NewRecord): StoredEvent {
    const { message } = record;
    const thread = message.type === 'intent' ? message.id : message.thread;
    const info = this.#statement(
      'INSERT INTO messages (id, type, author, thread, received, recipients, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      message.id,
      message.type,
      message.author,
      thread,
      record.receivedAt,
      JSON.stringify(record.recipients),
      record.text,
    );
    const seq = Number(info.lastInsertRowid);
    if (message.type === 'intent') this.#insertIntent(seq, message, record.thread);
    else {
      const { state, acceptedQuantity, unconfirmed } = record.thread;
      const updated = this.#statement(
        'UPDATE threads SET state = ?, accepted_quantity = ?, unconfirmed = ? WHERE intent_id = ?',
      ).run(state, acceptedQuantity, unconfirmed, thread);
      // The ingest path only admits messages of known threads; a missing one is a fault, not bad input.
      if (updated.changes !== 1) throw new Error(`thread ${thread} is not stored`);
    }
    const mailbox = this.#statement('INSERT INTO mailbox (key, seq) VALUES (?, ?)');
    for (const key of record.recipients) mailbox.run(key, seq);
    if (record.deliveries) this.webhooks.insertDeliveries(seq, record.receivedAt, record.deliveries);
    return { seq, message, recipients: record.recipients, receivedAt: record.receivedAt };
  }

  #insertIntent(seq: number, intent: Intent, thread: NewRecord['thread']): void {
    const c = intentColumns(intent);
    this.#statement(
      `INSERT INTO intents (seq, category, region, country, created, currency, budget_min, budget_max, lat, lon, radius_km)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      seq,
      c.categoryKey,
      c.region,
      c.country,
      c.created,
      c.currency,
      c.budgetMin,
      c.budgetMax,
      c.geo?.lat ?? null,
      c.geo?.lon ?? null,
      c.geo?.radiusKm ?? null,
    );
    if (c.geo) {
      const { box } = c.geo;
      this.#statement('INSERT INTO intent_geo (seq, south, north, west, east) VALUES (?, ?, ?, ?, ?)').run(
        seq,
        box.south,
        box.north,
        box.west,
        box.east,
      );
    }
    const category = this.#statement(
      `INSERT INTO intent_categories (prefix, seq, region, country, currency, budget_min, budget_max, created)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const prefix of c.categoryPrefixes) {
      category.run(prefix, seq, c.region, c.country, c.currency, c.budgetMin, c.budgetMax, c.created);
    }
    if (c.text !== '')
      this.#statement('INSERT INTO intent_text (rowid, words) VALUES (?, ?)').run(seq, c.text);
    this.#statement(
      `INSERT INTO threads (intent_seq, intent_id, state, accepted_quantity, unconfirmed, expires)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(seq, intent.id, thread.state, thread.acceptedQuantity, thread.unconfirmed, c.expires);
  }

  #deleteThread(intentId: string): number {
    const thread = this.#statement('SELECT intent_seq FROM threads WHERE intent_id = ?').get(intentId) as
      | { intent_seq: number }
      | undefined;
    if (thread === undefined) return 0;
    const rows = this.#statement('SELECT seq, recipients FROM messages WHERE thread = ?').all(intentId) as {
      seq: number;
      recipients: string;
    }[];
    const unmail = this.#statement('DELETE FROM mailbox WHERE key = ? AND seq = ?');
    for (const row of rows) {
      for (const key of JSON.parse(row.recipients) as string[]) unmail.run(key, row.seq);
    }
    this.#statement('DELETE FROM messages WHERE thread = ?').run(intentId);
    const seq = thread.intent_seq;
    const intent = this.#statement('SELECT category FROM intents WHERE seq = ?').get(seq) as
      | { category: string }
      | undefined;
    if (intent !== undefined) {
      const unlist = this.#statement('DELETE FROM intent_categories WHERE prefix = ? AND seq = ?');
      // The stored category ends with a dot (categoryKey).
      for (const prefix of categoryPrefixes(intent.category.slice(0, -1))) unlist.run(prefix, seq);
    }
    for (const table of ['intents', 'intent_geo'] as const) {
      this.#statement(`DELETE FROM ${table} WHERE seq = ?`).run(seq);
    }
    this.#statement('DELETE FROM intent_text WHERE rowid = ?').run(seq);
    this.#statement('DELETE FROM threads WHERE intent_seq = ?').run(seq);
    return 1;
  }

  async commit(records: readonly NewRecord[]): Promise<StoredEvent[]> {
    this.#assertWritable();
    const events = this.#commitTx(records);
    // Readers of this connection see the records now; they count as stored (lastSeq, receipts, streams)
    // only once they are durable.
    await this.#durable();
    if (events.length > 0) this.#lastSeq = events[events.length - 1]!.seq;
    return events;
  }

  /**
   * Resolves once every transaction committed so far is as durable as `synchronous` promises. A sync that
   * fails stops the store: the transaction is committed and visible but perhaps not on disk, and after a
   * failed sync Linux may report the next one as a success with the failed pages lost. Only a restart, and
   * SQLite's recovery of the log, can tell what is stored.
   */
  async #durable(): Promise<void> {
    this.#checkpointer?.written();
    if (this.#wal === undefined) return;
    try {
      await this.#wal.sync();
    } catch (err) {
      this.#failure ??= new Error(
        `the store could not sync its write-ahead log (${err instanceof Error ? err.message : String(err)}); ` +
          'it takes no more writes until the relay restarts',
        { cause: err },
      );
      throw this.#failure;
    }
  }

  #assertWritable(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  failure(): Error | undefined {
    return this.#failure;
  }

  getMessage(id: string): Promise<StoredMessage | undefined> {
    const row = this.#statement('SELECT seq, json, recipients, received FROM messages WHERE id = ?').get(
      id,
    ) as MessageRow | undefined;
    return Promise.resolve(row === undefined ? undefined : toStored(row));
  }

  getThread(intentId: string): Promise<ThreadRecord | undefined> {
    const thread = this.#statement(
      'SELECT intent_seq, state, accepted_quantity, unconfirmed, expires FROM threads WHERE intent_id = ?',
    ).get(intentId) as ThreadRow | undefined;
    if (thread === undefined) return Promise.resolve(undefined);
    const rows = this.#statement(
      'SELECT seq, json, recipients, received FROM messages WHERE thread = ? ORDER BY seq',
    ).all(intentId) as MessageRow[];
    const all = rows.map(toStored);
    const intent = all.find((m) => m.seq === thread.intent_seq);
    if (intent === undefined) return Promise.reject(new Error(`thread ${intentId} has no intent`));
    return Promise.resolve({
      intent,
      messages: all.filter((m) => m !== intent),
      state: thread.state,
      acceptedQuantity: thread.accepted_quantity,
      unconfirmed: thread.unconfirmed,
      expires: thread.expires,
    });
  }

  queryIntents(query: IntentQuery): Promise<IntentPage> {
    const { near } = query.filter;
    let sparseNear = false;
    if (near !== undefined) {
      const probe = nearProbeSql(near);
      const { n } = this.#statement(probe.sql).get(...probe.params) as { n: number };
      sparseNear = n < NEAR_DENSE_ROWS;
    }
    const { sql, params } = intentQuerySql(query, { sparseNear });
    const rows = this.#statement(sql).all(...params) as MessageRow[];
    const more = rows.length > query.limit;
    return Promise.resolve({ intents: rows.slice(0, query.limit).map(toStored), more });
  }

  expiredThreads(before: number, limit: number): Promise<string[]> {
    const rows = this.#statement(
      'SELECT intent_id FROM threads WHERE expires <= ? ORDER BY expires LIMIT ?',
    ).all(before, limit) as { intent_id: string }[];
    return Promise.resolve(rows.map((row) => row.intent_id));
  }

  async deleteThreads(intentIds: readonly string[]): Promise<number> {
    this.#assertWritable();
    const deleted = this.#deleteTx(intentIds);
    this.#checkpointer?.written();
    return deleted;
  }

  intentsAfter(afterSeq: number, limit: number): StoredEvent[] {
    const rows = this.#statement(
      `SELECT m.seq, m.json, m.recipients, m.received FROM intents i JOIN messages m ON m.seq = i.seq
       WHERE i.seq > ? AND i.seq <= ? ORDER BY i.seq LIMIT ?`,
    ).all(afterSeq, this.#lastSeq, limit) as MessageRow[];
    return rows.map(toEvent);
  }

  mailboxAfter(key: string, afterSeq: number, limit: number): StoredEvent[] {
    const rows = this.#statement(
      `SELECT m.seq, m.json, m.recipients, m.received FROM mailbox b JOIN messages m ON m.seq = b.seq
       WHERE b.key = ? AND b.seq > ? AND b.seq <= ? ORDER BY b.seq LIMIT ?`,
    ).all(key, afterSeq, this.#lastSeq, limit) as MessageRow[];
    return rows.map(toEvent);
  }

  lastSeq(): number {
    return this.#lastSeq;
  }

  isOpen(): boolean {
    return this.#db.open;
  }

  stats(): StoreStats {
    const rows = this.#statement('SELECT state, COUNT(*) AS n FROM threads GROUP BY state').all() as {
      state: StoredThreadState;
      n: number;
    }[];
    const threads = Object.fromEntries(rows.map((row) => [row.state, row.n]));
    if (this.#db.memory) return { databaseBytes: 0, walBytes: 0, threads };
    const size = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    return { databaseBytes: size(this.#db.name), walBytes: size(`${this.#db.name}-wal`), threads };
  }

  async close(): Promise<void> {
    // A sync under way finishes first: its commit may still be waiting to be acknowledged.
    await this.#wal?.settled();
    await this.#checkpointer?.close();
    if (this.#db.open) this.#db.close();
    // Last: nothing can write, and so reopen the log's descriptor, once the connection is closed.
    this.#wal?.close();
    await this.#syncThread?.close();
  }
}
