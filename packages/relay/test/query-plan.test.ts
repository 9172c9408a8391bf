import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { distanceKm, type IntentFilter } from '../src/filter.js';
import { circleBox } from '../src/geo.js';
import { categoryPrefixes, paddedAmount } from '../src/store/columns.js';
import { migrate } from '../src/store/sqlite/migrations.js';
import { type IntentQueryOptions, intentQuerySql } from '../src/store/sqlite/query.js';
import type { IntentQuery, StateFilter } from '../src/store/store.js';

/**
 * The plans of intent queries read one page, not every match: each starts from a table in descending seq
 * order (no `USE TEMP B-TREE FOR ORDER BY`, which sorts all matches) and looks each candidate's thread
 * and message up by key. Plans, not timings, so the test is deterministic; bench/ measures the speed.
 */

const T0 = Date.UTC(2026, 0, 15);

function emptyStore(): Database.Database {
  const db = new Database(':memory:');
  db.function('distance_km', { deterministic: true }, (_a, _b, _c, _d) => 0);
  migrate(db, T0);
  return db;
}

/** A store with planner statistics over skewed rows, as `PRAGMA optimize` leaves a large one. */
function analyzedStore(): Database.Database {
  const db = emptyStore();
  const categories = ['lodging.hotel', 'lodging.hostel', 'travel.flight', 'urn:cat:bikes'];
  const states = ['open', 'open', 'open', 'accepted', 'closed', 'withdrawn'];
  db.transaction(() => {
    for (let seq = 1; seq <= 3000; seq++) {
      const category = categories[seq % categories.length]!;
      const region = seq % 3 === 0 ? null : `PT-1${seq % 7}`;
      db.prepare(
        "INSERT INTO messages (seq, id, type, author, thread, received, recipients, json) VALUES (?, ?, 'intent', 'a', ?, ?, '[]', '{}')",
      ).run(seq, `i${seq}`, `i${seq}`, T0 + seq);
      db.prepare(
        `INSERT INTO intents (seq, category, region, country, created, currency, budget_min, budget_max)
         VALUES (?, ?, ?, ?, ?, ?, '000000000000000.000000', '000000000000100.000000')`,
      ).run(
        seq,
        `${category}.`,
        region,
        region?.slice(0, 2) ?? null,
        T0 + seq,
        seq % 5 === 0 ? 'USD' : 'EUR',
      );
      for (const prefix of categoryPrefixes(category)) {
        db.prepare(
          `INSERT INTO intent_categories (prefix, seq, region, country, currency, budget_min, budget_max, created)
           SELECT ?, seq, region, country, currency, budget_min, budget_max, created FROM intents WHERE seq = ?`,
        ).run(prefix, seq);
      }
      db.prepare('INSERT INTO intent_text (rowid, words) VALUES (?, ?)').run(seq, `quiet room ${seq % 10}`);
      db.prepare('INSERT INTO threads VALUES (?, ?, ?, 0, 0, ?)').run(
        seq,
        `i${seq}`,
        states[seq % states.length],
        T0 + seq * 1000,
      );
    }
  })();
  db.exec('ANALYZE');
  return db;
}

const stores = { empty: emptyStore(), analyzed: analyzedStore() };
afterAll(() => {
  for (const db of Object.values(stores)) db.close();
});

function plan(db: Database.Database, query: IntentQuery, options?: IntentQueryOptions): string[] {
  const { sql, params } = intentQuerySql(query, options);
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((row) => row.detail);
}

interface Case {
  description: string;
  filter: IntentFilter;
  /** The first step of the plan: where it starts reading. */
  starts: RegExp;
  options?: IntentQueryOptions;
}

/** The intents themselves, newest first, from the cursor on. */
const BY_SEQ = /^(SCAN i|SEARCH i USING INTEGER PRIMARY KEY \(rowid<\?\))$/;
/** One currency's intents in seq order, or (when statistics say most intents have it) all intents. */
const BY_CURRENCY =
  /^(SEARCH i USING INDEX intents_currency \(currency=\?|SCAN i$|SEARCH i USING INTEGER PRIMARY KEY)/;

const cases: Case[] = [
  { description: 'no filter', filter: {}, starts: BY_SEQ },
  {
    description: 'a region',
    filter: { regions: ['PT-11'] },
    starts: /^SEARCH i USING (COVERING )?INDEX intents_region \(region=\?/,
  },
  {
    description: 'a country',
    filter: { regions: ['PT'] },
    starts: /^SEARCH i USING (COVERING )?INDEX intents_country \(country=\?/,
  },
  { description: 'several regions', filter: { regions: ['PT', 'ES-M'] }, starts: BY_SEQ },
  {
    description: 'a top-level category',
    filter: { categories: ['lodging'] },
    starts: /^SEARCH c USING PRIMARY KEY \(prefix=\?/,
  },
  {
    description: 'a nested category',
    filter: { categories: ['lodging.hotel'] },
    starts: /^SEARCH c USING PRIMARY KEY \(prefix=\?/,
  },
  {
    description: 'a category URI',
    filter: { categories: ['urn:cat:bikes'] },
    starts: /^SEARCH c USING PRIMARY KEY \(prefix=\?/,
  },
  { description: 'several categories', filter: { categories: ['lodging', 'travel'] }, starts: BY_SEQ },
  {
    description: 'a budget range',
    filter: { budget: { currency: 'EUR', min: '50', max: '120' } },
    starts: BY_CURRENCY,
  },
  {
    description: 'a budget minimum',
    filter: { budget: { currency: 'USD', min: '50' } },
    starts: BY_CURRENCY,
  },
  { description: 'a time range', filter: { since: T0, until: T0 + 1000 }, starts: BY_SEQ },
  { description: 'words', filter: { text: 'quiet room' }, starts: /^SCAN f VIRTUAL TABLE INDEX/ },
  {
    description: 'words in a category and region',
    filter: { text: 'quiet', categories: ['lodging'], regions: ['PT'] },
    starts: /^SCAN f VIRTUAL TABLE INDEX/,
  },
  {
    description: 'a category and a budget',
    filter: { categories: ['lodging'], budget: { currency: 'EUR', max: '80' } },
    starts: /^SEARCH c USING PRIMARY KEY \(prefix=\?/,
  },
  {
    description: 'a category and a country',
    filter: { categories: ['lodging'], regions: ['PT'] },
    starts: /^SEARCH c USING PRIMARY KEY \(prefix=\?/,
  },
  {
    description: 'a category, a country and a budget',
    filter: { categories: ['lodging'], regions: ['PT'], budget: { currency: 'EUR', max: '80' } },
    starts: /^SEARCH c USING INDEX intent_categories_place \(prefix=\? AND country=\? AND currency=\?/,
  },
  {
    description: 'a category, a region and a budget',
    filter: { categories: ['lodging.hotel'], regions: ['PT-11'], budget: { currency: 'USD', min: '10' } },
    starts: /^SEARCH c USING INDEX intent_categories_place \(prefix=\? AND country=\? AND currency=\?/,
  },
  {
    description: 'near a point with many circles around',
    filter: { near: { lat: 38.7, lon: -9.1, radiusKm: 25 } },
    starts: BY_SEQ,
  },
];

const STATES: StateFilter[] = ['open', 'any', 'expired', 'accepted', 'closed', 'withdrawn'];

describe.each(Object.keys(stores) as (keyof typeof stores)[])('on the %s store', (name) => {
  const db = stores[name];

  test.each(cases)('$description: one page in seq order, from the intended index', ({ filter, starts }) => {
    for (const state of STATES) {
      for (const beforeSeq of [undefined, 1000]) {
        const steps = plan(db, { filter, state, now: T0, beforeSeq, limit: 50 });
        expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
        expect(steps[0]).toMatch(starts);
        // The thread and the message of each candidate, by key.
        expect(steps).toContain('SEARCH t USING INTEGER PRIMARY KEY (rowid=?)');
        expect(steps).toContain('SEARCH m USING INTEGER PRIMARY KEY (rowid=?)');
      }
    }
  });

  test('near a point with few circles around: those circles, sorted (fewer than NEAR_DENSE_ROWS)', () => {
    const filter = { near: { lat: 0, lon: 0, radiusKm: 5 } };
    const steps = plan(db, { filter, state: 'open', now: T0, limit: 50 }, { sparseNear: true });
    expect(steps[0]).toBe('SEARCH i USING INTEGER PRIMARY KEY (rowid=?)');
    expect(steps).toContain('SCAN intent_geo VIRTUAL TABLE INDEX 2:B0D1B2D3');
  });
});

describe('near, both plans', () => {
  test('find the same intents', () => {
    const db = emptyStore();
    db.function('distance_km', { deterministic: true }, (a, b, c, d) =>
      distanceKm({ lat: Number(a), lon: Number(b) }, { lat: Number(c), lon: Number(d) }),
    );
    for (let seq = 1; seq <= 400; seq++) {
      const lat = 38 + (seq % 20) / 10;
      const lon = -9 + (seq % 17) / 10;
      const radiusKm = 1 + (seq % 30);
      const box = circleBox(lat, lon, radiusKm);
      db.prepare(
        "INSERT INTO messages (seq, id, type, author, thread, received, recipients, json) VALUES (?, ?, 'intent', 'a', ?, 0, '[]', '{}')",
      ).run(seq, `i${seq}`, `i${seq}`);
      db.prepare(
        "INSERT INTO intents (seq, category, created, lat, lon, radius_km) VALUES (?, 'x.', 0, ?, ?, ?)",
      ).run(seq, lat, lon, radiusKm);
      db.prepare('INSERT INTO intent_geo VALUES (?, ?, ?, ?, ?)').run(
        seq,
        box.south,
        box.north,
        box.west,
        box.east,
      );
      db.prepare("INSERT INTO threads VALUES (?, ?, 'open', 0, 0, ?)").run(seq, `i${seq}`, T0 + seq);
    }
    let found = 0;
    for (const near of [
      { lat: 38.5, lon: -8.5, radiusKm: 10 },
      { lat: 39, lon: -8, radiusKm: 50 },
      { lat: 10, lon: 10, radiusKm: 5 },
    ]) {
      for (const beforeSeq of [undefined, 200]) {
        const query: IntentQuery = { filter: { near }, state: 'open', now: T0 + 100, beforeSeq, limit: 30 };
        const seqs = (options: IntentQueryOptions) => {
          const { sql, params } = intentQuerySql(query, options);
          return (db.prepare(sql).all(...params) as { seq: number }[]).map((row) => row.seq);
        };
        const dense = seqs({ sparseNear: false });
        expect(dense).toEqual(seqs({ sparseNear: true }));
        found += dense.length;
      }
    }
    expect(found).toBeGreaterThan(30);
    db.close();
  });

  test('keep a circle that just touches the point along a meridian, and drop one just beyond', () => {
    const db = emptyStore();
    db.function('distance_km', { deterministic: true }, (a, b, c, d) =>
      distanceKm({ lat: Number(a), lon: Number(b) }, { lat: Number(c), lon: Number(d) }),
    );
    const near = { lat: 45, lon: 7, radiusKm: 10 };
    const radiusKm = 2;
    // Due north, 11.99 km and 12.01 km away: the circles of 2 km reach the 10 km circle, or just miss it.
    const kmPerDegree = distanceKm({ lat: 45, lon: 7 }, { lat: 46, lon: 7 });
    const rows = [11.99, 12.01].map((km, i) => ({ seq: i + 1, lat: 45 + km / kmPerDegree }));
    for (const { seq, lat } of rows) {
      const box = circleBox(lat, near.lon, radiusKm);
      db.prepare(
        "INSERT INTO messages (seq, id, type, author, thread, received, recipients, json) VALUES (?, ?, 'intent', 'a', ?, 0, '[]', '{}')",
      ).run(seq, `i${seq}`, `i${seq}`);
      db.prepare(
        "INSERT INTO intents (seq, category, created, lat, lon, radius_km) VALUES (?, 'x.', 0, ?, ?, ?)",
      ).run(seq, lat, near.lon, radiusKm);
      db.prepare('INSERT INTO intent_geo VALUES (?, ?, ?, ?, ?)').run(
        seq,
        box.south,
        box.north,
        box.west,
        box.east,
      );
      db.prepare("INSERT INTO threads VALUES (?, ?, 'open', 0, 0, ?)").run(seq, `i${seq}`, T0 + seq);
    }
    const query: IntentQuery = { filter: { near }, state: 'open', now: T0, limit: 10 };
    for (const sparseNear of [false, true]) {
      const { sql, params } = intentQuerySql(query, { sparseNear });
      expect((db.prepare(sql).all(...params) as { seq: number }[]).map((row) => row.seq)).toEqual([1]);
    }
    db.close();
  });
});

describe('intent_categories', () => {
  test('lists each intent under every filter value that matches it', () => {
    expect(categoryPrefixes('lodging')).toEqual(['lodging']);
    expect(categoryPrefixes('lodging.hotel.boutique')).toEqual([
      'lodging',
      'lodging.hotel',
      'lodging.hotel.boutique',
    ]);
    expect(categoryPrefixes('https://cats.example/bikes.x')).toEqual(['https://cats.example/bikes.x']);
    expect(categoryPrefixes('urn:cat:bikes')).toEqual(['urn:cat:bikes']);
  });

  test('the upgrade backfills the same rows as the store writes', () => {
    const db = new Database(':memory:');
    const categories = ['lodging', 'lodging.hotel.boutique', 'https://cats.example/bikes.x', 'urn:cat:a.b'];
    db.exec(
      'CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied INTEGER NOT NULL)',
    );
    db.exec("INSERT INTO schema_version VALUES (1, 'v1', 0), (2, 'v2', 0)");
    // Only the intents table matters to the backfills: a version 2 store's rows, written as version 1 did.
    db.exec(
      `CREATE TABLE intents (seq INTEGER PRIMARY KEY, category TEXT NOT NULL, region TEXT, country TEXT,
         created INTEGER NOT NULL, currency TEXT, budget_min TEXT, budget_max TEXT)`,
    );
    const facets = (i: number) => ({
      region: i % 2 === 0 ? `PT-1${i}` : null,
      country: i % 2 === 0 ? 'PT' : null,
      currency: i % 3 === 0 ? null : 'EUR',
      budget_min: i % 3 === 0 ? null : paddedAmount(String(10 * i)),
      budget_max: i % 3 === 0 ? null : paddedAmount(String(100 * i)),
      created: T0 + i,
    });
    categories.forEach((category, i) => {
      db.prepare(
        `INSERT INTO intents (seq, category, region, country, created, currency, budget_min, budget_max)
         VALUES (@seq, @category, @region, @country, @created, @currency, @budget_min, @budget_max)`,
      ).run({ seq: i + 1, category: `${category}.`, ...facets(i) });
    });
    migrate(db, T0);
    const rows = db
      .prepare(
        `SELECT prefix, seq, region, country, currency, budget_min, budget_max, created FROM intent_categories
         ORDER BY seq, prefix`,
      )
      .all();
    const expected = categories.flatMap((category, i) =>
      categoryPrefixes(category)
        .sort()
        .map((prefix) => ({ prefix, seq: i + 1, ...facets(i) })),
    );
    expect(rows).toEqual(expected);
    db.close();
  });
});
