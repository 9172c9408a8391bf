import type Database from 'better-sqlite3';
import { queueExpired } from './sqlite-expired.js';
import {
  type AttemptRow,
  DELIVERY_COLUMNS,
  type DeliveryRow,
  type EndpointRow,
  endpointColumns,
  toDelivery,
  toEndpoint,
} from './sqlite-rows.js';
import {
  type AttemptOutcome,
  type AttemptRecord,
  type DeliveryRecord,
  type DeliveryStatus,
  type DeliveryWithAttempts,
  type EndpointChanges,
  type EndpointRecord,
  MAX_ATTEMPTS_KEPT,
  type NewBodyDelivery,
  type NewDelivery,
  type OutboxStats,
  type WebhookStore,
} from './store.js';

/** What the webhook tables need from the store whose connection they share. */
export interface WebhookStoreHost {
  /** Throws when the store takes no more writes. */
  writable(): void;
  /** Resolves once everything written so far is on disk. */
  durable(): Promise<void>;
  /** The last message seq on disk: deliveries of later messages wait until their commit is durable. */
  visibleSeq(): number;
}

const IMMEDIATE: WebhookStoreHost = {
  writable: () => {},
  durable: () => Promise.resolve(),
  visibleSeq: () => Number.MAX_SAFE_INTEGER,
};

/**
 * The webhook tables of the SQLite store (migration 2). It shares the store's connection, so deliveries
 * written by `insertDeliveries` join the transaction of the messages they are about, and are handed out
 * only once that transaction is on disk. Every other write resolves only once it is on disk too, as the
 * store's commits do.
 */
export class SqliteWebhookStore implements WebhookStore {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #host: WebhookStoreHost;

  constructor(db: Database.Database, host: WebhookStoreHost = IMMEDIATE) {
    this.#db = db;
    this.#host = host;
  }

  #durable(): Promise<void> {
    return this.#host.durable();
  }

  /** Runs `write` in one transaction and resolves with its result once the transaction is durable. */
  async #durably<T>(write: () => T): Promise<T> {
    this.#host.writable();
    const result = this.#db.transaction(write)();
    await this.#durable();
    return result;
  }

  #run(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Writes the deliveries of a message; called inside the commit transaction that stores it. */
  insertDeliveries(seq: number, eventTime: number, deliveries: readonly NewDelivery[]): void {
    const insert = this.#run(
      `INSERT INTO webhook_deliveries (id, endpoint, type, seq, event_time, status, next_attempt, queued)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    for (const d of deliveries) insert.run(d.id, d.endpoint, d.type, seq, eventTime, eventTime, eventTime);
  }

  async createEndpoint(e: EndpointRecord): Promise<void> {
    this.#host.writable();
    this.#run(
      `INSERT INTO webhook_endpoints (id, owner, url, filter, events, description, secret, previous_secret,
         previous_secret_until, enabled, disabled_reason, disabled_detail, disabled_at, failing_since, failures,
         created, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.id,
      e.owner,
      e.url,
      JSON.stringify(e.filter),
      JSON.stringify(e.events),
      e.description,
      e.secret,
      e.previousSecret,
      e.previousSecretUntil,
      e.enabled ? 1 : 0,
      e.disabled?.reason ?? null,
      e.disabled?.detail ?? null,
      e.disabled?.at ?? null,
      e.failingSince,
      e.failures,
      e.created,
      e.updated,
    );
    await this.#durable();
  }

  async getEndpoint(id: string): Promise<EndpointRecord | undefined> {
    const row = this.#run('SELECT * FROM webhook_endpoints WHERE id = ?').get(id) as EndpointRow | undefined;
    return row === undefined ? undefined : toEndpoint(row);
  }

  async listEndpoints(owner: string): Promise<EndpointRecord[]> {
    const rows = this.#run('SELECT * FROM webhook_endpoints WHERE owner = ? ORDER BY created, id').all(
      owner,
    ) as EndpointRow[];
    return rows.map(toEndpoint);
  }

  async enabledEndpoints(): Promise<EndpointRecord[]> {
    const rows = this.#run('SELECT * FROM webhook_endpoints WHERE enabled = 1').all() as EndpointRow[];
    return rows.map(toEndpoint);
  }

  async updateEndpoint(id: string, changes: EndpointChanges): Promise<EndpointRecord | undefined> {
    const columns = endpointColumns(changes);
    const names = Object.keys(columns);
    if (names.length > 0) {
      this.#host.writable();
      this.#run(`UPDATE webhook_endpoints SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(
        ...Object.values(columns),
        id,
      );
      await this.#durable();
    }
    return this.getEndpoint(id);
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    return this.#durably(() => {
      this.#run(
        'DELETE FROM webhook_attempts WHERE delivery IN (SELECT id FROM webhook_deliveries WHERE endpoint = ?)',
      ).run(id);
      this.#run('DELETE FROM webhook_deliveries WHERE endpoint = ?').run(id);
      return this.#run('DELETE FROM webhook_endpoints WHERE id = ?').run(id).changes === 1;
    });
  }

  async enableEndpoint(id: string, now: number): Promise<EndpointRecord | undefined> {
    this.#host.writable();
    this.#db.transaction(() => {
      this.#run(
        `UPDATE webhook_endpoints SET enabled = 1, disabled_reason = NULL, disabled_detail = NULL,
           disabled_at = NULL, failing_since = NULL, failures = 0, updated = ? WHERE id = ?`,
      ).run(now, id);
      this.#run(
        "UPDATE webhook_deliveries SET tries = 0, next_attempt = ? WHERE endpoint = ? AND status = 'pending'",
      ).run(now, id);
    })();
    await this.#durable();
    return this.getEndpoint(id);
  }

  async enqueue(d: NewBodyDelivery): Promise<DeliveryRecord> {
    this.#host.writable();
    const info = this.#run(
      `INSERT INTO webhook_deliveries (id, endpoint, type, body, event_time, status, next_attempt, queued)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    ).run(d.id, d.endpoint, d.type, d.body, d.eventTime, d.eventTime, d.eventTime);
    await this.#durable();
    return this.#byOrder(Number(info.lastInsertRowid));
  }

  async recordOnce(d: NewBodyDelivery, attempt: AttemptRecord, delivered: boolean): Promise<void> {
    await this.#durably(() => {
      this.#run(
        `INSERT INTO webhook_deliveries (id, endpoint, type, body, event_time, status, queued, attempts)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
      ).run(d.id, d.endpoint, d.type, d.body, d.eventTime, delivered ? 'delivered' : 'failed', d.eventTime);
      this.#insertAttempt(d.id, attempt);
    });
  }

  #byOrder(ord: number): DeliveryRecord {
    return toDelivery(
      this.#run(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ord = ?`).get(ord) as DeliveryRow,
    );
  }

  async head(endpoint: string): Promise<DeliveryRecord | undefined> {
    const row = this.#run(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint = ? AND status = 'pending'
       ORDER BY ord LIMIT 1`,
    ).get(endpoint) as DeliveryRow | undefined;
    // The head is sent only once the message it is about is on disk; until then the lane waits.
    if (row?.seq != null && row.type !== 'intent.expired' && row.seq > this.#host.visibleSeq()) {
      return undefined;
    }
    return row === undefined ? undefined : toDelivery(row);
  }

  async pendingEndpoints(): Promise<{ endpoint: string; due: number }[]> {
    const rows = this.#run(
      `SELECT d.endpoint, d.next_attempt FROM webhook_deliveries d
       JOIN webhook_endpoints e ON e.id = d.endpoint AND e.enabled = 1
       WHERE d.ord IN (SELECT MIN(ord) FROM webhook_deliveries WHERE status = 'pending' GROUP BY endpoint)`,
    ).all() as { endpoint: string; next_attempt: number | null }[];
    return rows.map((row) => ({ endpoint: row.endpoint, due: row.next_attempt ?? 0 }));
  }

  async messageText(seq: number): Promise<string | undefined> {
    const row = this.#run('SELECT json FROM messages WHERE seq = ?').get(seq) as { json: string } | undefined;
    return row?.json;
  }

  #insertAttempt(delivery: string, a: AttemptRecord): void {
    this.#run(
      'INSERT INTO webhook_attempts (delivery, at, duration_ms, status, error) VALUES (?, ?, ?, ?, ?)',
    ).run(delivery, a.at, a.durationMs, a.status, a.error);
    this.#run(
      `DELETE FROM webhook_attempts WHERE delivery = ? AND rowid <= (
         SELECT rowid FROM webhook_attempts WHERE delivery = ? ORDER BY rowid DESC LIMIT 1 OFFSET ?)`,
    ).run(delivery, delivery, MAX_ATTEMPTS_KEPT);
  }

  async recordAttempt(
    delivery: DeliveryRecord,
    attempt: AttemptRecord,
    outcome: AttemptOutcome,
  ): Promise<{ failingSince: number | null }> {
    return this.#durably(() => {
      const updated = this.#run(
        `UPDATE webhook_deliveries SET status = ?, tries = ?, next_attempt = ?, attempts = attempts + 1
         WHERE id = ? AND status = 'pending'`,
      ).run(outcome.status, outcome.tries, outcome.nextAttempt, delivery.id);
      // Deleted (with its endpoint) while the attempt was under way: nothing to record.
      if (updated.changes === 0) return { failingSince: null };
      this.#insertAttempt(delivery.id, attempt);
      if (outcome.counts === 'none') return { failingSince: null };
      if (outcome.counts === 'success') {
        this.#run('UPDATE webhook_endpoints SET failures = 0, failing_since = NULL WHERE id = ?').run(
          delivery.endpoint,
        );
        return { failingSince: null };
      }
      const row = this.#run(
        `UPDATE webhook_endpoints SET failures = failures + 1, failing_since = COALESCE(failing_since, ?)
         WHERE id = ? RETURNING failing_since`,
      ).get(attempt.at, delivery.endpoint) as { failing_since: number } | undefined;
      return { failingSince: row?.failing_since ?? null };
    });
  }

  #attemptsOf(deliveries: DeliveryRow[]): DeliveryWithAttempts[] {
    if (deliveries.length === 0) return [];
    const rows = this.#db
      .prepare(
        `SELECT delivery, at, duration_ms, status, error FROM webhook_attempts
         WHERE delivery IN (${deliveries.map(() => '?').join(', ')}) ORDER BY rowid`,
      )
      .all(...deliveries.map((d) => d.id)) as AttemptRow[];
    const byDelivery = new Map<string, AttemptRecord[]>();
    for (const row of rows) {
      const list = byDelivery.get(row.delivery) ?? [];
      list.push({ at: row.at, durationMs: row.duration_ms, status: row.status, error: row.error });
      byDelivery.set(row.delivery, list);
    }
    return deliveries.map((row) => ({
      ...toDelivery(row),
      attempts: byDelivery.get(row.id) ?? [],
      attemptCount: row.attempts,
    }));
  }

  async getDelivery(endpoint: string, id: string): Promise<DeliveryWithAttempts | undefined> {
    const row = this.#run(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND endpoint = ?`,
    ).get(id, endpoint) as DeliveryRow | undefined;
    return row === undefined ? undefined : this.#attemptsOf([row])[0];
  }

  async listDeliveries(
    endpoint: string,
    query: { status?: DeliveryStatus; beforeOrder?: number; limit: number },
  ): Promise<{ deliveries: DeliveryWithAttempts[]; more: boolean }> {
    const where = ['endpoint = ?'];
    const params: (string | number)[] = [endpoint];
    if (query.status !== undefined) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.beforeOrder !== undefined) {
      where.push('ord < ?');
      params.push(query.beforeOrder);
    }
    params.push(query.limit + 1);
    const rows = this.#run(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY ord DESC LIMIT ?`,
    ).all(...params) as DeliveryRow[];
    return { deliveries: this.#attemptsOf(rows.slice(0, query.limit)), more: rows.length > query.limit };
  }

  async requeue(endpoint: string, id: string, now: number): Promise<DeliveryRecord | undefined> {
    return this.#durably(() => {
      const row = this.#run(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND endpoint = ?`,
      ).get(id, endpoint) as DeliveryRow | undefined;
      if (row === undefined || row.status === 'pending') return undefined;
      // A new row, so that the delivery takes its place after every delivery queued so far.
      this.#run('DELETE FROM webhook_deliveries WHERE ord = ?').run(row.ord);
      const info = this.#run(
        `INSERT INTO webhook_deliveries (id, endpoint, type, seq, body, event_time, status, tries, next_attempt,
           queued, attempts)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      ).run(row.id, row.endpoint, row.type, row.seq, row.body, row.event_time, now, now, row.attempts);
      return this.#byOrder(Number(info.lastInsertRowid));
    });
  }

  async enqueueExpired(
    now: number,
    limit: number,
    newId: () => string,
  ): Promise<{ endpoints: string[]; more: boolean }> {
    return this.#durably(() => queueExpired((sql) => this.#run(sql), now, limit, newId));
  }

  async pruneDeliveries(before: number, limit: number): Promise<number> {
    return this.#db.transaction(() => {
      const ids = this.#run(
        "SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND queued < ? LIMIT ?",
      ).all(before, limit) as { id: string }[];
      const attempts = this.#run('DELETE FROM webhook_attempts WHERE delivery = ?');
      const delivery = this.#run('DELETE FROM webhook_deliveries WHERE id = ?');
      for (const { id } of ids) {
        attempts.run(id);
        delivery.run(id);
      }
      return ids.length;
    })();
  }

  async outboxStats(): Promise<OutboxStats> {
    const endpoints = this.#run(
      'SELECT COUNT(*) AS total, COALESCE(SUM(enabled = 0), 0) AS disabled FROM webhook_endpoints',
    ).get() as { total: number; disabled: number };
    const pending = this.#run(
      "SELECT COUNT(*) AS n, MIN(queued) AS oldest FROM webhook_deliveries WHERE status = 'pending'",
    ).get() as { n: number; oldest: number | null };
    return {
      endpoints: endpoints.total,
      disabledEndpoints: endpoints.disabled,
      pending: pending.n,
      oldestPending: pending.oldest,
    };
  }
}
