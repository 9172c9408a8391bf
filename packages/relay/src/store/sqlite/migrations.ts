import type Database from 'better-sqlite3';

/**
 * The versioned schema of the SQLite store. Migrations run in order on open, each in its own transaction,
 * and the `schema_version` table records which have run. Never edit a migration that has shipped: add one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'messages, intents with filter columns, threads, mailboxes, text and geo indexes',
    sql: `
      -- Every message, in commit order. AUTOINCREMENT so a seq is never reused, even after a purge: seq is
      -- the cursor of every stream.
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        author TEXT NOT NULL,
        thread TEXT NOT NULL,          -- the intent id; an intent's own id for an intent
        received INTEGER NOT NULL,     -- epoch ms
        recipients TEXT NOT NULL,      -- JSON array of did:keys
        json TEXT NOT NULL             -- the message exactly as received
      );
      CREATE INDEX messages_thread ON messages (thread, seq);

      -- One row per intent: the columns every filter of filter.ts reads.
      CREATE TABLE intents (
        seq INTEGER PRIMARY KEY,       -- the intent's messages.seq
        category TEXT NOT NULL,        -- category || '.', so a prefix is a range
        region TEXT,
        country TEXT,
        created INTEGER NOT NULL,
        currency TEXT,
        budget_min TEXT,               -- fixed-width, compares as the amount does
        budget_max TEXT,
        lat REAL,
        lon REAL,
        radius_km REAL
      );
      CREATE INDEX intents_category ON intents (category);
      CREATE INDEX intents_region ON intents (region) WHERE region IS NOT NULL;
      CREATE INDEX intents_country ON intents (country) WHERE country IS NOT NULL;
      CREATE INDEX intents_created ON intents (created);
      CREATE INDEX intents_budget_max ON intents (currency, budget_max) WHERE currency IS NOT NULL;
      CREATE INDEX intents_budget_min ON intents (currency, budget_min) WHERE currency IS NOT NULL;

      -- Bounding boxes of the intents' geo circles: the pre-filter of near=, before the exact distance.
      CREATE VIRTUAL TABLE intent_geo USING rtree (seq, south, north, west, east);

      -- The descriptions' words, for q=. Contentless: the text lives in messages.json.
      CREATE VIRTUAL TABLE intent_text USING fts5 (
        words, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );

      -- The lasting state of each thread, kept up to date by every commit, so state= is an index lookup.
      CREATE TABLE threads (
        intent_seq INTEGER PRIMARY KEY,
        intent_id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,           -- open | accepted | closed | withdrawn, judged without a time
        accepted_quantity INTEGER NOT NULL,
        unconfirmed INTEGER NOT NULL,  -- accepted negotiations not yet confirmed
        expires INTEGER NOT NULL       -- the intent's expiry, epoch ms
      );
      CREATE INDEX threads_state ON threads (state, expires);
      CREATE INDEX threads_expires ON threads (expires);

      -- Who each private message is for.
      CREATE TABLE mailbox (
        key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (key, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'webhook endpoints, the outbox of their deliveries, attempts',
    sql: `
      -- Webhook endpoints (spec/relay-webhooks.md). The secrets are HMAC keys the relay must use, so they are
      -- kept as they are, like the relay's own key.
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,             -- the did:key that registered it
        url TEXT NOT NULL,
        filter TEXT NOT NULL,            -- JSON object of filter parameters
        events TEXT NOT NULL,            -- JSON array of event types
        description TEXT,
        secret TEXT NOT NULL,
        previous_secret TEXT,            -- active until previous_secret_until, after a rotation
        previous_secret_until INTEGER,
        enabled INTEGER NOT NULL,
        disabled_reason TEXT,            -- failures | owner | operator
        disabled_detail TEXT,
        disabled_at INTEGER,
        failing_since INTEGER,           -- the first failed attempt since the last success
        failures INTEGER NOT NULL DEFAULT 0,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL
      );
      CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner, created);

      -- The outbox: one row per event and endpoint, written in the transaction that stores the message.
      CREATE TABLE webhook_deliveries (
        ord INTEGER PRIMARY KEY AUTOINCREMENT, -- the order deliveries are sent in, per endpoint
        id TEXT NOT NULL UNIQUE,         -- the webhook-id of every attempt
        endpoint TEXT NOT NULL,
        type TEXT NOT NULL,
        seq INTEGER,                     -- the message, for message events; the body is built from it
        body TEXT,                       -- the body, for events without a message
        event_time INTEGER NOT NULL,
        status TEXT NOT NULL,            -- pending | delivered | failed
        tries INTEGER NOT NULL DEFAULT 0,  -- failed attempts since queued: the place in the retry schedule
        next_attempt INTEGER,
        queued INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint, ord) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint, ord);
      CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (queued) WHERE status <> 'pending';
      CREATE UNIQUE INDEX webhook_deliveries_expired ON webhook_deliveries (endpoint, seq)
        WHERE type = 'intent.expired';

      -- The latest attempts of each delivery.
      CREATE TABLE webhook_attempts (
        delivery TEXT NOT NULL,
        at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        status INTEGER,                  -- the HTTP status, when there was an answer
        error TEXT
      );
      CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery);

      -- Where periodic scans stopped (intent.expired: the last expiry and intent seq looked at).
      CREATE TABLE webhook_cursors (
        name TEXT PRIMARY KEY,
        expires INTEGER NOT NULL,
        seq INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: 'category prefixes and a currency index, so intent queries read in seq order',
    sql: `
      -- Each intent under every category filter value that matches it (columns.ts categoryPrefixes): a
      -- category filter is an equality whose rows come in seq order.
      CREATE TABLE intent_categories (
        prefix TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (prefix, seq)
      ) WITHOUT ROWID;

      -- The stored intents: intents.category is the category and a dot, so each step peels one name off the
      -- rest; a prefix holding a ':' belongs to a URI, which matches only itself (the last step).
      WITH RECURSIVE step (seq, prefix, rest) AS (
        SELECT seq, substr(category, 1, instr(category, '.') - 1), substr(category, instr(category, '.') + 1)
        FROM intents
        UNION ALL
        SELECT seq, prefix || '.' || substr(rest, 1, instr(rest, '.') - 1), substr(rest, instr(rest, '.') + 1)
        FROM step WHERE rest <> ''
      )
      INSERT INTO intent_categories (prefix, seq)
      SELECT prefix, seq FROM step WHERE rest = '' OR instr(prefix, ':') = 0 ORDER BY prefix, seq;

      -- One currency's intents in seq order, for budget filters.
      CREATE INDEX intents_currency ON intents (currency) WHERE currency IS NOT NULL;
    `,
  },
  {
    version: 4,
    description: 'the filter columns beside each category prefix, so a category query tests them in place',
    sql: `
      -- A query driven by a category walks intent_categories in seq order; with the other filter columns in
      -- the same row it tests them there, and reads an intent's own row only when it matches.
      CREATE TABLE intent_facets (
        prefix TEXT NOT NULL,
        seq INTEGER NOT NULL,
        region TEXT,
        country TEXT,
        currency TEXT,
        budget_min TEXT,
        budget_max TEXT,
        created INTEGER NOT NULL,
        PRIMARY KEY (prefix, seq)
      ) WITHOUT ROWID;
      INSERT INTO intent_facets (prefix, seq, region, country, currency, budget_min, budget_max, created)
      SELECT c.prefix, c.seq, i.region, i.country, i.currency, i.budget_min, i.budget_max, i.created
      FROM intent_categories c JOIN intents i ON i.seq = c.seq ORDER BY c.prefix, c.seq;
      DROP TABLE intent_categories;
      ALTER TABLE intent_facets RENAME TO intent_categories;
    `,
  },
  {
    version: 5,
    description: 'an index of category prefixes by country and currency, for place-and-budget queries',
    sql: `
      -- A category, a place and a budget together match few intents of the category: this index lists
      -- exactly those of one country and currency, in seq order (its entries end with the key, prefix and
      -- seq), so such a query reads about one row per match instead of most of the category.
      CREATE INDEX intent_categories_place ON intent_categories (prefix, country, currency)
        WHERE country IS NOT NULL AND currency IS NOT NULL;
    `,
  },
];

/** The schema version this software writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings a database up to SCHEMA_VERSION. Refuses a database written by newer software, whose schema this
 * code does not know.
 */
export function migrate(db: Database.Database, now: number): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the database has schema version ${current}; this relay knows versions up to ${SCHEMA_VERSION}`,
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, now);
    })();
  }
  return SCHEMA_VERSION;
}
