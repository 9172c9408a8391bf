import type Database from 'better-sqlite3';

/**
 * Queues `intent.expired` deliveries (spec/relay-webhooks.md#events), in the caller's transaction: for each
 * intent whose thread is still open and which expired after the cursor and at or before `now`, oldest expiry
 * first, at most `limit`, one delivery for each enabled endpoint that wants the event and whose owner wrote
 * a message of the thread (the intent included). The cursor, kept in `webhook_cursors`, moves past what was
 * done; the first call only sets it to `now`, so intents that expired before webhooks were running are not
 * announced. The unique index on (endpoint, seq) of `intent.expired` rows keeps any repeat out.
 */
export function queueExpired(
  run: (sql: string) => Database.Statement,
  now: number,
  limit: number,
  newId: () => string,
): { endpoints: string[]; more: boolean } {
  const cursor = run("SELECT expires, seq FROM webhook_cursors WHERE name = 'expired'").get() as
    | { expires: number; seq: number }
    | undefined;
  if (cursor === undefined) {
    run("INSERT INTO webhook_cursors (name, expires, seq) VALUES ('expired', ?, ?)").run(
      now,
      Number.MAX_SAFE_INTEGER,
    );
    return { endpoints: [], more: false };
  }
  const threads = run(
    `SELECT intent_seq, intent_id, expires FROM threads
     WHERE state = 'open' AND expires <= ? AND (expires > ? OR (expires = ? AND intent_seq > ?))
     ORDER BY expires, intent_seq LIMIT ?`,
  ).all(now, cursor.expires, cursor.expires, cursor.seq, limit) as {
    intent_seq: number;
    intent_id: string;
    expires: number;
  }[];
  const woken = new Set<string>();
  const insert = run(
    `INSERT OR IGNORE INTO webhook_deliveries (id, endpoint, type, seq, event_time, status, next_attempt, queued)
     VALUES (?, ?, 'intent.expired', ?, ?, 'pending', ?, ?)`,
  );
  for (const thread of threads) {
    const owners = run('SELECT DISTINCT author FROM messages WHERE thread = ?').all(thread.intent_id) as {
      author: string;
    }[];
    for (const { author } of owners) {
      const endpoints = run('SELECT id, events FROM webhook_endpoints WHERE owner = ? AND enabled = 1').all(
        author,
      ) as { id: string; events: string }[];
      for (const endpoint of endpoints) {
        if (!(JSON.parse(endpoint.events) as string[]).includes('intent.expired')) continue;
        const added = insert.run(newId(), endpoint.id, thread.intent_seq, now, now, now);
        if (added.changes > 0) woken.add(endpoint.id);
      }
    }
  }
  const last = threads[threads.length - 1];
  const more = threads.length === limit && last !== undefined;
  // With a full page, go on after its last intent; otherwise every intent expired by `now` is done.
  if (more) {
    run("UPDATE webhook_cursors SET expires = ?, seq = ? WHERE name = 'expired'").run(
      last.expires,
      last.intent_seq,
    );
  } else if (now > cursor.expires) {
    run("UPDATE webhook_cursors SET expires = ?, seq = ? WHERE name = 'expired'").run(
      now,
      Number.MAX_SAFE_INTEGER,
    );
  }
  return { endpoints: [...woken], more };
}
