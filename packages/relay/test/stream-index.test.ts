import type { Intent, IntentBody } from '@intentcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm, type IntentFilter, matchesFilter } from '../src/filter.js';
import { benchMatching } from '../src/stream/bench.js';
import { coverCircle, MAX_COVER_CELLS, parentCells } from '../src/stream/geo-grid.js';
import { GeoIndex } from '../src/stream/geo-index.js';
import { indexFieldOf, SubscriptionIndex } from '../src/stream/subscription-index.js';

/** An intent as the index sees it; the index never looks at ids or signatures. */
function bare(
  what: { category: string; description?: string },
  where?: IntentBody['where'],
  budget?: IntentBody['budget'],
  created = '2026-01-15T12:00:00Z',
): Intent {
  const body: IntentBody = {
    what: { category: what.category, description: what.description ?? 'a room', quantity: 1 },
    terms: [],
    offerCap: 1,
  };
  if (where) body.where = where;
  if (budget) body.budget = budget;
  return {
    protocol: 'intentcast/1',
    type: 'intent',
    id: '0'.repeat(64),
    sig: '',
    author: 'did:key:test',
    created,
    expires: '2026-01-22T12:00:00Z',
    nonce: '0'.repeat(32),
    body,
  };
}

function indexOf(filters: Record<string, IntentFilter>): SubscriptionIndex<string> {
  const index = new SubscriptionIndex<string>();
  for (const [name, filter] of Object.entries(filters)) index.add(name, filter);
  return index;
}

const sorted = (items: string[]) => [...items].sort();

describe('SubscriptionIndex candidates', () => {
  it('finds category filters by the intent category and its dotted ancestors only', () => {
    const index = indexOf({
      lodging: { categories: ['lodging'] },
      hotel: { categories: ['lodging.hotel'] },
      boutique: { categories: ['lodging.hotel.boutique'] },
      food: { categories: ['food'] },
      lookalike: { categories: ['lodging-x'] },
      uri: { categories: ['https://cat.example/lodging'] },
    });
    expect(sorted(index.candidates(bare({ category: 'lodging.hotel' })))).toEqual(['hotel', 'lodging']);
    expect(sorted(index.candidates(bare({ category: 'https://cat.example/lodging' })))).toEqual(['uri']);
    expect(index.candidates(bare({ category: 'travel' }))).toEqual([]);
  });

  it('finds region filters by the intent region and its country', () => {
    const index = indexOf({
      pt: { regions: ['PT'] },
      lisbon: { regions: ['PT-11'] },
      es: { regions: ['ES', 'FR'] },
    });
    expect(sorted(index.candidates(bare({ category: 'x' }, { region: 'PT-11' })))).toEqual(['lisbon', 'pt']);
    expect(index.candidates(bare({ category: 'x' }, { region: 'PT' }))).toEqual(['pt']);
    expect(index.candidates(bare({ category: 'x' }, { region: 'FR-75' }))).toEqual(['es']);
    expect(index.candidates(bare({ category: 'x' }))).toEqual([]);
  });

  it('finds filters that name a category and a region by the pair', () => {
    const index = indexOf({ lisbonHotels: { categories: ['lodging'], regions: ['PT-11', 'ES'] } });
    expect(index.candidates(bare({ category: 'lodging.hotel' }, { region: 'PT-11' }))).toEqual([
      'lisbonHotels',
    ]);
    expect(index.candidates(bare({ category: 'lodging' }, { region: 'ES-MD' }))).toEqual(['lisbonHotels']);
    expect(index.candidates(bare({ category: 'lodging' }, { region: 'PT-13' }))).toEqual([]);
    expect(index.candidates(bare({ category: 'food' }, { region: 'PT-11' }))).toEqual([]);
    expect(index.candidates(bare({ category: 'lodging' }))).toEqual([]);
  });

  it('finds text filters by their longest word, currency filters by currency, and the rest always', () => {
    const index = indexOf({
      text: { text: 'quiet Room' },
      euro: { budget: { currency: 'EUR', min: '10' } },
      open: {},
      recent: { since: Date.parse('2026-01-01T00:00:00Z') },
    });
    const quiet = bare({ category: 'x', description: 'A QUIET place' }, undefined, {
      currency: 'USD',
      max: '5',
    });
    expect(sorted(index.candidates(quiet))).toEqual(['open', 'recent', 'text']);
    expect(index.match(quiet)).toEqual(['open', 'recent']);
    const euros = bare({ category: 'x', description: 'a quiet room' }, undefined, {
      currency: 'EUR',
      max: '50',
    });
    expect(sorted(index.match(euros))).toEqual(['euro', 'open', 'recent', 'text']);
  });

  it('reaches one of 10,000 subscriptions in distinct categories, and none of 10,000 near other places', () => {
    const index = new SubscriptionIndex<number>();
    for (let i = 0; i < 10_000; i++) index.add(i, { categories: [`c${i}`] });
    // 10,000 circles of 20 km on a grid over Europe, 0.5 degrees apart.
    for (let i = 0; i < 10_000; i++) {
      index.add(10_000 + i, {
        near: { lat: 35 + 0.5 * Math.floor(i / 100), lon: -10 + 0.5 * (i % 100), radiusKm: 20 },
      });
    }
    expect(index.candidates(bare({ category: 'c1234' }))).toEqual([1234]);
    const sydney = bare({ category: 'none' }, { geo: { lat: -33.87, lon: 151.21, radiusKm: 30 } });
    expect(index.candidates(sydney)).toEqual([]);
    // On a grid point: that circle matches, its neighbours 55 km away do not.
    const lisbon = bare({ category: 'none' }, { geo: { lat: 38.5, lon: -9, radiusKm: 5 } });
    expect(index.candidates(lisbon).length).toBeLessThanOrEqual(8);
    expect(index.match(lisbon)).toEqual([10_000 + 7 * 100 + 2]);
  });

  it('forgets a deleted subscription in every bucket', () => {
    const index = indexOf({
      a: { categories: ['lodging', 'food'] },
      b: { regions: ['PT'], categories: ['lodging'] },
      c: { near: { lat: 38.7, lon: -9.1, radiusKm: 10 } },
      d: { text: 'sea view' },
      e: { budget: { currency: 'EUR' } },
      f: {},
    });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) index.delete(name);
    const everything = bare(
      { category: 'lodging', description: 'sea view' },
      { region: 'PT-11', geo: { lat: 38.7, lon: -9.1, radiusKm: 1 } },
      { currency: 'EUR', max: '1' },
    );
    expect(index.candidates(everything)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('files a filter under its most specific field', () => {
    expect(indexFieldOf({ near: { lat: 0, lon: 0, radiusKm: 10 }, categories: ['a'] })).toBe('near');
    expect(indexFieldOf({ near: { lat: 0, lon: 0, radiusKm: 5000 }, categories: ['a'] })).toBe('category');
    expect(indexFieldOf({ categories: ['a.b'], regions: ['PT-11', 'PT-13'] })).toBe('category+region');
    const many = ['a', 'b', 'c', 'd', 'e'];
    expect(indexFieldOf({ categories: many.map((c) => `${c}.x.y`), regions: ['PT', 'ES', 'FR', 'DE'] })).toBe(
      'category',
    );
    expect(indexFieldOf({ categories: many, regions: ['PT-11', 'ES', 'FR', 'DE'] })).toBe('region');
    expect(indexFieldOf({ categories: ['a'] })).toBe('category');
    expect(indexFieldOf({ regions: ['PT'] })).toBe('region');
    expect(indexFieldOf({ near: { lat: 0, lon: 0, radiusKm: 5000 } })).toBe('near');
    expect(indexFieldOf({ text: 'a b', budget: { currency: 'EUR' } })).toBe('text');
    expect(indexFieldOf({ text: '!!!', budget: { currency: 'EUR' } })).toBe('currency');
    expect(indexFieldOf({ since: 0 })).toBe('any');
  });
});

const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const circle = fc.record({
  lat: latitude,
  lon: longitude,
  radiusKm: fc.oneof(
    fc.double({ min: 0.01, max: 50, noNaN: true }),
    fc.double({ min: 50, max: 20_000, noNaN: true }),
  ),
});
const CATEGORIES = ['a', 'a.b', 'a.b.c', 'a.bc', 'b', 'urn:x:a', 'urn:x:a.b'];
const REGIONS = ['PT', 'PT-11', 'PT-13', 'ES', 'ES-MD'];
const WORDS = ['sea', 'view', 'quiet', 'room', 'dog'];
const TIMES = ['2026-01-15T12:00:00Z', '2026-01-10T00:00:00Z', '2026-02-01T00:00:00Z'];
const AMOUNTS = ['0', '10', '99.5', '100', '250'];

const filterArb: fc.Arbitrary<IntentFilter> = fc
  .record(
    {
      categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 3 }),
      regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 2 }),
      near: circle,
      budget: fc.record(
        {
          currency: fc.constantFrom('EUR', 'USD'),
          min: fc.constantFrom(...AMOUNTS),
          max: fc.constantFrom(...AMOUNTS),
        },
        { requiredKeys: ['currency'] },
      ),
      since: fc.constantFrom(...TIMES.map(Date.parse)),
      until: fc.constantFrom(...TIMES.map(Date.parse)),
      text: fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
    },
    { requiredKeys: [] },
  )
  .map((filter) => filter as IntentFilter);

const intentArb = fc
  .record({
    category: fc.constantFrom(...CATEGORIES, 'a.b.c.d', 'c'),
    description: fc
      .uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
      .map((w) => w.join(' ')),
    region: fc.option(fc.constantFrom(...REGIONS, 'FR'), { nil: undefined }),
    geo: fc.option(circle, { nil: undefined }),
    budget: fc.option(
      fc.record(
        {
          currency: fc.constantFrom('EUR', 'USD'),
          max: fc.constantFrom(...AMOUNTS),
          min: fc.constantFrom(...AMOUNTS),
        },
        { requiredKeys: ['currency', 'max'] },
      ),
      { nil: undefined },
    ),
    created: fc.constantFrom(...TIMES),
  })
  .map(({ category, description, region, geo, budget, created }) => {
    const where: NonNullable<IntentBody['where']> = {};
    if (region !== undefined) where.region = region;
    if (geo !== undefined) where.geo = geo;
    return bare({ category, description }, region || geo ? where : undefined, budget, created);
  });

describe('SubscriptionIndex matching', () => {
  it('matches exactly the filters matchesFilter accepts', () => {
    fc.assert(
      fc.property(
        fc.array(filterArb, { minLength: 1, maxLength: 30 }),
        fc.array(intentArb, { maxLength: 10 }),
        (filters, intents) => {
          const index = new SubscriptionIndex<number>();
          for (const [i, filter] of filters.entries()) index.add(i, filter);
          for (const intent of intents) {
            const expected = filters.flatMap((filter, i) => (matchesFilter(filter, intent) ? [i] : []));
            expect(index.match(intent).sort((x, y) => x - y)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('geo grid', () => {
  it('finds every stored circle that overlaps the query, poles and the antimeridian included', () => {
    fc.assert(
      fc.property(fc.array(circle, { minLength: 1, maxLength: 20 }), circle, (stored, query) => {
        const index = new GeoIndex<number>();
        for (const [i, c] of stored.entries()) index.add(i, c);
        const found = index.candidates(query);
        stored.forEach((c, i) => {
          if (distanceKm(c, query) <= c.radiusKm + query.radiusKm) expect(found.has(i)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('finds circles that meet across the antimeridian and around a pole', () => {
    const index = new GeoIndex<string>();
    index.add('fiji', { lat: -17, lon: 179.9, radiusKm: 30 });
    index.add('arctic', { lat: 89.9, lon: 0, radiusKm: 20 });
    expect([...index.candidates({ lat: -17, lon: -179.9, radiusKm: 5 })]).toEqual(['fiji']);
    expect([...index.candidates({ lat: 89.95, lon: 180, radiusKm: 1 })]).toEqual(['arctic']);
  });

  it('covers a circle with at most MAX_COVER_CELLS cells, whose parents are one level up', () => {
    fc.assert(
      fc.property(circle, (c) => {
        const cover = coverCircle(c);
        expect(cover.cells.length).toBeGreaterThan(0);
        expect(cover.cells.length).toBeLessThanOrEqual(MAX_COVER_CELLS);
        if (cover.level > 0) {
          for (const parent of parentCells(cover.cells, cover.level)) {
            expect(parent).toBeLessThan(4 ** (cover.level - 1));
          }
        }
      }),
    );
  });
});

describe('benchMatching', () => {
  it('reports the same matches through the index as a scan of every filter', () => {
    const result = benchMatching({ subscriptions: 500, events: 200, rounds: 1, compareScan: true });
    expect(result.subscriptions).toBe(500);
    expect(result.candidatesPerEvent).toBeGreaterThanOrEqual(result.matchesPerEvent);
    expect(result.candidatesPerEvent).toBeLessThan(50);
    expect(result.scanNsPerEvent).toBeGreaterThan(0);
  });

  it('checks no subscription at all for intents no filter concerns', () => {
    const result = benchMatching({
      subscriptions: 2_000,
      events: 200,
      rounds: 1,
      disjoint: true,
      compareScan: true,
    });
    expect(result.candidatesPerEvent).toBe(0);
    expect(result.matchesPerEvent).toBe(0);
  });
});
