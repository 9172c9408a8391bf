import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intent, Offer } from '@intentcast/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { dataPaths } from '../src/config/data-dir.js';
import type { IntentFilter } from '../src/filter.js';
import { paddedAmount } from '../src/store/columns.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { BUYER, DAY, didOf, intentBody, make, post, startRelay, stopRelay, T0 } from './relay-fixtures.js';

/**
 * Upgrading a data directory in place. A fixture generator writes a store as an older relay left it: the
 * migrations up to that version, and rows in the shape version 1 gave them, written with plain SQL as that
 * relay wrote them. The current store opens it, migrates it, and serves the old data unchanged.
 */

const root = mkdtempSync(join(tmpdir(), 'intentcast-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const OLDER = MIGRATIONS.filter((m) => m.version < SCHEMA_VERSION).map((m) => m.version);

interface OldThread {
  intent: Intent;
  offer: Offer;
}

function oldThread(): OldThread {
  const intent = make.intent(
    { at: T0, expires: T0 + 10 * DAY },
    intentBody(
      {
        where: { region: 'PT-11', geo: { lat: 38.72, lon: -9.14, radiusKm: 20 } },
        budget: { currency: 'EUR', max: '150.00' },
      },
      { category: 'lodging.hotel', description: 'A quiet double room near the river' },
    ),
  );
  return { intent, offer: make.offer({ at: T0 + 1000 }, intent) };
}

/** Writes a data directory whose store stopped at schema version `version`, holding `thread`. */
function writeOldDataDir(dir: string, version: number, thread: OldThread): void {
  mkdirSync(dir, { recursive: true });
  const db = new Database(dataPaths(dir).database);
  db.pragma('journal_mode = WAL');
  db.exec(
    'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied INTEGER NOT NULL)',
  );
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(
      migration.version,
      migration.description,
      T0,
    );
  }
  const { intent, offer } = thread;
  const buyer = didOf(BUYER);
  const insertMessage = db.prepare(
    'INSERT INTO messages (id, type, author, thread, received, recipients, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const intentSeq = Number(
    insertMessage.run(intent.id, 'intent', intent.author, intent.id, T0, '[]', JSON.stringify(intent))
      .lastInsertRowid,
  );
  // Version 1 rows: the category with a trailing dot, amounts padded to a fixed width, the geo box, words.
  db.prepare(
    `INSERT INTO intents (seq, category, region, country, created, currency, budget_min, budget_max, lat, lon, radius_km)
     VALUES (?, 'lodging.hotel.', 'PT-11', 'PT', ?, 'EUR', ?, ?, 38.72, -9.14, 20)`,
  ).run(intentSeq, Date.parse(intent.created), paddedAmount('0'), paddedAmount('150.00'));
  // Version 3 rows: the intent under each of its category prefixes; from version 4 with its filter columns.
  for (const prefix of version >= 3 ? ['lodging', 'lodging.hotel'] : []) {
    if (version === 3) {
      db.prepare('INSERT INTO intent_categories (prefix, seq) VALUES (?, ?)').run(prefix, intentSeq);
    } else {
      db.prepare(
        `INSERT INTO intent_categories (prefix, seq, region, country, currency, budget_min, budget_max, created)
         SELECT ?, seq, region, country, currency, budget_min, budget_max, created FROM intents WHERE seq = ?`,
      ).run(prefix, intentSeq);
    }
  }
  db.prepare('INSERT INTO intent_geo (seq, south, north, west, east) VALUES (?, 38.5, 38.9, -9.4, -8.9)').run(
    intentSeq,
  );
  db.prepare('INSERT INTO intent_text (rowid, words) VALUES (?, ?)').run(
    intentSeq,
    'a quiet double room near the river',
  );
  db.prepare(
    `INSERT INTO threads (intent_seq, intent_id, state, accepted_quantity, unconfirmed, expires)
     VALUES (?, ?, 'open', 0, 0, ?)`,
  ).run(intentSeq, intent.id, Date.parse(intent.expires));
  const offerSeq = Number(
    insertMessage.run(
      offer.id,
      'offer',
      offer.author,
      intent.id,
      T0 + 1000,
      JSON.stringify([buyer]),
      JSON.stringify(offer),
    ).lastInsertRowid,
  );
  db.prepare('INSERT INTO mailbox (key, seq) VALUES (?, ?)').run(buyer, offerSeq);
  db.close();
}

function versionsOf(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]
    ).map((row) => row.version);
  } finally {
    db.close();
  }
}

const io = () => {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
      env: {},
      cwd: root,
    },
  };
};

test('there is an older schema version to upgrade from', () => {
  expect(OLDER.length).toBeGreaterThan(0);
});

describe.each(OLDER)('a store left at schema version %i', (version) => {
  test('opens with the current store, migrated, its data intact and served', async () => {
    const dir = join(root, `v${version}-open`);
    const thread = oldThread();
    writeOldDataDir(dir, version, thread);
    const path = dataPaths(dir).database;
    expect(versionsOf(path)).toEqual(MIGRATIONS.filter((m) => m.version <= version).map((m) => m.version));

    const store = openSqliteStore(path);
    expect(versionsOf(path)).toEqual(MIGRATIONS.map((m) => m.version));
    const { intent, offer } = thread;
    expect((await store.getMessage(intent.id))?.text).toBe(JSON.stringify(intent));
    const stored = await store.getThread(intent.id);
    expect(stored?.messages.map((m) => m.message)).toEqual([offer]);
    expect(stored?.state).toBe('open');
    expect(store.lastSeq()).toBe(2);
    expect(store.mailboxAfter(didOf(BUYER), 0, 10).map((e) => e.message.id)).toEqual([offer.id]);
    // Each index of version 1 answers: the intent matches each filter, and not its opposite.
    const filters: [IntentFilter, IntentFilter][] = [
      [{ categories: ['lodging'] }, { categories: ['travel'] }],
      [{ regions: ['PT'] }, { regions: ['ES'] }],
      [{ text: 'river' }, { text: 'mountain' }],
      [{ near: { lat: 38.7, lon: -9.1, radiusKm: 5 } }, { near: { lat: 41.15, lon: -8.61, radiusKm: 5 } }],
      [{ budget: { currency: 'EUR', min: '100' } }, { budget: { currency: 'EUR', min: '200' } }],
    ];
    for (const [matching, other] of filters) {
      const query = (filter: IntentFilter) =>
        store.queryIntents({ filter, state: 'open', now: T0, limit: 10 });
      expect(
        (await query(matching)).intents.map((m) => m.message.id),
        JSON.stringify(matching),
      ).toEqual([intent.id]);
      expect((await query(other)).intents, JSON.stringify(other)).toEqual([]);
    }

    // The relay carries on from where the old one stopped: the thread goes on, seqs keep counting.
    const relay = await startRelay({ store });
    try {
      const second = make.offer({ at: T0 + 2000 }, intent, new Uint8Array(32).fill(7));
      const res = await post(relay.app, second);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().receipt.seq).toBe(3);
      const read = await relay.app.inject({ method: 'GET', url: `/v1/intents/${intent.id}/thread` });
      expect(read.json()).toMatchObject({ intent, state: 'open' });
    } finally {
      await stopRelay(relay);
    }
  });

  test('`intentcast-relay migrate` upgrades it and says so, then finds it current', async () => {
    const dir = join(root, `v${version}-cli`);
    writeOldDataDir(dir, version, oldThread());
    const first = io();
    expect(await runCli(['migrate', '--data', dir], first.io)).toEqual({ exitCode: 0 });
    expect(first.out.stdout).toBe(
      `${dataPaths(dir).database}: migrated from schema version ${version} to ${SCHEMA_VERSION}\n`,
    );
    expect(versionsOf(dataPaths(dir).database).at(-1)).toBe(SCHEMA_VERSION);
    const again = io();
    expect(await runCli(['migrate', '--data', dir], again.io)).toEqual({ exitCode: 0 });
    expect(again.out.stdout).toBe(
      `${dataPaths(dir).database}: schema version ${SCHEMA_VERSION}, already current\n`,
    );
  });
});

describe('refusals', () => {
  test('a store written by a newer relay is left alone', async () => {
    const dir = join(root, 'newer');
    writeOldDataDir(dir, SCHEMA_VERSION, oldThread());
    const db = new Database(dataPaths(dir).database);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', T0);
    db.close();
    const run = io();
    expect(await runCli(['migrate', '--data', dir], run.io)).toEqual({ exitCode: 1 });
    expect(run.out.stderr).toBe(
      `intentcast-relay: ${dataPaths(dir).database} has schema version ${SCHEMA_VERSION + 1}; this relay knows versions up to ${SCHEMA_VERSION}: upgrade the relay\n`,
    );
    expect(() => openSqliteStore(dataPaths(dir).database)).toThrow(
      `the database has schema version ${SCHEMA_VERSION + 1}; this relay knows versions up to ${SCHEMA_VERSION}`,
    );
  });

  test('a directory without a store is not made into one', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    const run = io();
    expect(await runCli(['migrate', '--data', dir], run.io)).toEqual({ exitCode: 1 });
    expect(run.out.stderr).toBe(`intentcast-relay: no relay store at ${dataPaths(dir).database}\n`);
  });
});
