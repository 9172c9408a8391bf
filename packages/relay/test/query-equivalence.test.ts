import { compareAmounts, createIntent, type Intent, type IntentBody } from '@intentcast/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distanceKm, type IntentFilter, matchesFilter } from '../src/filter.js';
import { circleBox } from '../src/geo.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { BUYER, backend, DAY, HOUR, T0, TERMS } from './relay-fixtures.js';

/**
 * The store answers every filter exactly as matchesFilter (the stream's matcher) does: the SQL, the
 * padded amounts, the geo boxes and the text index agree with the reference on random intents and filters.
 */

const CENTRES: [number, number][] = [
  [38.7, -9.1],
  [40.4, -3.7],
  [0, 179.9],
  [0, -179.9],
  [89.5, 0],
  [-89.9, 45],
  [64, 25],
];
const WORDS = ['quiet', 'Room', 'river', 'bike', 'café', 'cafe', 'ZÜRICH', '5$', 'naïve', 'a-b', 'x1'];
const CATEGORIES = ['lodging', 'lodging.hotel', 'lodging.hotel.boutique', 'lodging.hostel', 'travel.flight'];
const URIS = ['https://cats.example/bikes', 'urn:cat:bikes', 'https://cats.example/bikes.x'];

const amount = fc
  .tuple(
    fc.integer({ min: 0, max: 99_999 }),
    fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
  )
  .map(([whole, fraction]) => (fraction === undefined ? `${whole}` : `${whole}.${fraction}`));

const point = fc
  .tuple(
    fc.constantFrom(...CENTRES),
    fc.integer({ min: -4000, max: 4000 }).map((n) => n / 1000),
    fc.integer({ min: -4000, max: 4000 }).map((n) => n / 1000),
  )
  .map(([[lat, lon], dLat, dLon]) => ({
    lat: Math.max(-90, Math.min(90, lat + dLat)),
    lon: ((lon + dLon + 540) % 360) - 180,
  }));

const budget = fc
  .record({ currency: fc.constantFrom('EUR', 'USD'), a: amount, b: fc.option(amount, { nil: undefined }) })
  .map(({ currency, a, b }) => {
    if (b === undefined) return { currency, max: a };
    return compareAmounts(a, b) <= 0 ? { currency, min: a, max: b } : { currency, min: b, max: a };
  });

const intentSpec = fc.record({
  category: fc.constantFrom(...CATEGORIES, ...URIS),
  region: fc.option(fc.constantFrom('PT', 'PT-11', 'PT-13', 'ES', 'ES-M', 'US-CA'), { nil: undefined }),
  geo: fc.option(
    fc.tuple(point, fc.integer({ min: 1, max: 3000 })).map(([p, radiusKm]) => ({ ...p, radiusKm })),
    { nil: undefined },
  ),
  budget: fc.option(budget, { nil: undefined }),
  hoursAgo: fc.integer({ min: 0, max: 200 }),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
});

const filterSpec: fc.Arbitrary<IntentFilter> = fc.record(
  {
    categories: fc.subarray([...CATEGORIES, 'lodging.h', 'travel', ...URIS], { minLength: 1, maxLength: 3 }),
    regions: fc.subarray(['PT', 'PT-11', 'ES', 'US', 'US-CA'], { minLength: 1, maxLength: 2 }),
    near: fc
      .tuple(
        point,
        fc.integer({ min: 1, max: 400_000 }).map((n) => n / 100),
      )
      .map(([p, radiusKm]) => ({ ...p, radiusKm })),
    budget: fc.record(
      { currency: fc.constantFrom('EUR', 'USD'), min: amount, max: amount },
      { requiredKeys: ['currency'] },
    ),
    since: fc.integer({ min: 0, max: 200 }).map((h) => T0 - h * HOUR),
    until: fc.integer({ min: 0, max: 200 }).map((h) => T0 - h * HOUR),
    text: fc.array(fc.constantFrom(...WORDS, '!!'), { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
  },
  { requiredKeys: [] },
);

let store: Store;
let corpus: Intent[];

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const specs = fc.sample(intentSpec, { numRuns: 120, seed: 20260115 });
  corpus = specs.map((spec) => {
    const body: IntentBody = {
      what: { category: spec.category, description: spec.words.join(' '), quantity: 1 },
      terms: [TERMS],
      offerCap: 3,
    };
    if (spec.region !== undefined || spec.geo !== undefined) {
      body.where = {
        ...(spec.region === undefined ? {} : { region: spec.region }),
        ...(spec.geo === undefined ? {} : { geo: spec.geo }),
      };
    }
    if (spec.budget !== undefined) body.budget = spec.budget;
    const created = T0 - spec.hoursAgo * HOUR;
    return createIntent(body, BUYER, { now: created, expires: created + 30 * DAY, backend });
  });
  await store.commit(
    corpus.map((message) => ({
      message,
      text: JSON.stringify(message),
      recipients: [],
      receivedAt: T0,
      thread: { state: 'open' as const, acceptedQuantity: 0, unconfirmed: 0 },
    })),
  );
});
afterAll(() => store.close());

async function queried(filter: IntentFilter): Promise<string[]> {
  const page = await store.queryIntents({ filter, state: 'any', now: T0, limit: 1000 });
  return page.intents.map((stored) => stored.message.id);
}

const expected = (filter: IntentFilter) =>
  corpus
    .filter((intent) => matchesFilter(filter, intent))
    .map((intent) => intent.id)
    .reverse();

describe('intent queries agree with matchesFilter', () => {
  test('on random filters', async () => {
    await fc.assert(
      fc.asyncProperty(filterSpec, async (filter) => {
        expect(await queried(filter)).toEqual(expected(filter));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  test('the corpus exercises every filter (the property is not vacuous)', async () => {
    const hits = await Promise.all([
      queried({ categories: ['lodging'] }),
      queried({ regions: ['PT'] }),
      queried({ near: { lat: 38.7, lon: -9.1, radiusKm: 300 } }),
      queried({ near: { lat: 0, lon: 180, radiusKm: 300 } }),
      queried({ budget: { currency: 'EUR', min: '100' } }),
      queried({ text: 'café' }),
    ]);
    for (const ids of hits) {
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(corpus.length);
    }
  });
});

/** The point `distance` km from (lat, lon) on the initial bearing `bearing` (radians). */
function destination(lat: number, lon: number, bearing: number, distance: number) {
  const rad = Math.PI / 180;
  const angle = distance / 6371.0088;
  const φ1 = lat * rad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(angle) + Math.cos(φ1) * Math.sin(angle) * Math.cos(bearing));
  const λ2 =
    lon * rad +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angle) * Math.cos(φ1),
      Math.cos(angle) - Math.sin(φ1) * Math.sin(φ2),
    );
  return { lat: φ2 / rad, lon: ((((λ2 / rad + 540) % 360) + 360) % 360) - 180 };
}

describe('circleBox', () => {
  test('contains every point of its circle, the edge included', () => {
    fc.assert(
      fc.property(
        // Uniform in degrees and kilometres (fc.double favours values near zero, i.e. the equator).
        fc.integer({ min: -90_000, max: 90_000 }).map((n) => n / 1000),
        fc.integer({ min: -180_000, max: 180_000 }).map((n) => n / 1000),
        fc.oneof(
          fc.integer({ min: 50, max: 2_000_000 }).map((n) => n / 1000),
          fc.integer({ min: 50, max: 20_000_000 }).map((n) => n / 1000),
        ),
        (lat, lon, radiusKm) => {
          const box = circleBox(lat, lon, radiusKm);
          let checked = 0;
          // Points just inside the edge all the way round: the widest longitude is where a box is most
          // easily wrong. What counts is every point the exact test (haversine) accepts.
          for (let step = 0; step < 720; step++) {
            const p = destination(lat, lon, (step * Math.PI) / 360, radiusKm * (1 - 1e-7));
            if (distanceKm({ lat, lon }, p) > radiusKm) continue;
            checked++;
            const inside = p.lat >= box.south && p.lat <= box.north && p.lon >= box.west && p.lon <= box.east;
            if (!inside) return false;
          }
          return checked > 360;
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});
