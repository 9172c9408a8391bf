import type { Intent } from '@intentcast/core';
import { type IntentFilter, matchesFilter } from '../filter.js';
import { SubscriptionIndex } from './subscription-index.js';

/**
 * A micro-benchmark of live matching: how long the subscription index takes to find the subscriptions a
 * new intent matches, as the number of subscriptions grows. Filters and intents are drawn from the same
 * synthetic world (categories three levels deep, regions, cities, currencies, a vocabulary), with a
 * seeded generator so runs are comparable.
 */
export interface MatchBenchOptions {
  /** Subscriptions in the index. */
  subscriptions: number;
  /** Intents matched per timed round. */
  events?: number;
  /** Timed rounds; the fastest is reported, to shed scheduler noise. */
  rounds?: number;
  seed?: number;
  /** Also time a scan of every filter, for comparison. */
  compareScan?: boolean;
  /**
   * Draw the intents from categories, regions, places and words that no filter names, so that nothing
   * matches: what remains is the cost of holding subscriptions an event does not concern.
   */
  disjoint?: boolean;
}

export interface MatchBenchResult {
  subscriptions: number;
  events: number;
  /** Nanoseconds to match one intent through the index. */
  nsPerEvent: number;
  /** Subscriptions checked exactly per intent. */
  candidatesPerEvent: number;
  /** Subscriptions matched per intent. */
  matchesPerEvent: number;
  /** Nanoseconds to match one intent by checking every filter, when asked for. */
  scanNsPerEvent?: number;
}

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  random: () => number;
  pick: (n: number) => number;
}

const COUNTRIES = [
  'PT',
  'ES',
  'FR',
  'DE',
  'IT',
  'NL',
  'BE',
  'IE',
  'GB',
  'US',
  'CA',
  'BR',
  'JP',
  'AU',
  'IN',
  'MX',
];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'BRL', 'CAD', 'AUD', 'INR', 'MXN', 'CHF'];

// 4,000 leaf categories under 400 middle and 40 top ones; 960 regions; 5,000 cities; 20,000 words.
const category = (w: World, depth: number) =>
  [`c${w.pick(40)}`, `s${w.pick(10)}`, `l${w.pick(10)}`].slice(0, depth).join('.');
const region = (w: World) => `${COUNTRIES[w.pick(COUNTRIES.length)]}-${w.pick(60)}`;
const city = (w: World) => {
  // Fixed places, so that filters and intents meet in the same cities.
  const place = generator(1 + w.pick(5000));
  return { lat: place() * 120 - 60, lon: place() * 360 - 180 };
};
const word = (w: World) => `w${w.pick(20_000)}`;

/** A vendor's filter: mostly a category (often with a region or a budget), else a place or a phrase. */
function randomFilter(w: World): IntentFilter {
  const shape = w.random();
  if (shape < 0.4) {
    const filter: IntentFilter = { categories: [category(w, w.random() < 0.7 ? 3 : 2)] };
    if (w.random() < 0.5) filter.regions = [region(w)];
    if (w.random() < 0.2) filter.budget = { currency: CURRENCIES[w.pick(CURRENCIES.length)]!, max: '500' };
    return filter;
  }
  if (shape < 0.6) return { regions: [region(w)], categories: [category(w, 2)] };
  if (shape < 0.85) return { near: { ...city(w), radiusKm: 5 + w.pick(45) } };
  return { text: `${word(w)} ${word(w)}` };
}

/** An intent from the same world as the filters or, `elsewhere`, from names and places no filter uses. */
function randomIntent(w: World, n: number, elsewhere: boolean): Intent {
  const centre = elsewhere ? { lat: 70 + w.random() * 10, lon: w.random() * 360 - 180 } : city(w);
  const words = Array.from({ length: 12 }, () => word(w));
  const description = (elsewhere ? words.map((x) => `v${x}`) : words).join(' ');
  const prefix = elsewhere ? 'x' : '';
  return {
    protocol: 'intentcast/1',
    type: 'intent',
    id: n.toString(16).padStart(64, '0'),
    sig: '',
    author: 'did:key:bench',
    created: '2026-01-15T12:00:00Z',
    expires: '2026-01-22T12:00:00Z',
    nonce: '00000000000000000000000000000000',
    body: {
      what: { category: `${prefix}${category(w, 3)}`, description, quantity: 1 },
      where: {
        region: elsewhere ? `ZZ-${w.pick(60)}` : region(w),
        geo: { lat: centre.lat + w.random() * 0.1, lon: centre.lon, radiusKm: 3 },
      },
      budget: { currency: CURRENCIES[w.pick(CURRENCIES.length)]!, max: String(100 + w.pick(900)) },
      terms: [],
      offerCap: 5,
    },
  };
}

function timeRounds(rounds: number, events: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start));
  }
  return best / events;
}

/**
 * Builds an index of `subscriptions` varied filters and times matching intents against it.
 *
 * @example
 * for (const n of [100, 1_000, 10_000]) console.log(benchMatching({ subscriptions: n }));
 */
export function benchMatching(options: MatchBenchOptions): MatchBenchResult {
  const { subscriptions, events = 2_000, rounds = 10, seed = 42 } = options;
  const random = generator(seed);
  const world: World = { random, pick: (n) => Math.floor(random() * n) };
  const index = new SubscriptionIndex<number>();
  const filters: IntentFilter[] = [];
  for (let i = 0; i < subscriptions; i++) {
    const filter = randomFilter(world);
    filters.push(filter);
    index.add(i, filter);
  }
  const intents = Array.from({ length: events }, (_, n) => randomIntent(world, n, options.disjoint === true));

  let candidates = 0;
  for (const intent of intents) candidates += index.candidates(intent).length;
  // The match counts are summed and reported, so the timed work cannot be optimized away.
  let matched = 0;
  const nsPerEvent = timeRounds(rounds, events, () => {
    for (const intent of intents) matched += index.match(intent).length;
  });
  const result: MatchBenchResult = {
    subscriptions,
    events,
    nsPerEvent: Math.round(nsPerEvent),
    candidatesPerEvent: candidates / events,
    matchesPerEvent: matched / (rounds * events),
  };
  if (options.compareScan) {
    let scanned = 0;
    result.scanNsPerEvent = Math.round(
      timeRounds(rounds, events, () => {
        for (const intent of intents)
          for (const filter of filters) if (matchesFilter(filter, intent)) scanned++;
      }),
    );
    if (scanned !== matched) throw new Error(`the index matched ${matched} times, a scan ${scanned}`);
  }
  return result;
}
