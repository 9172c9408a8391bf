/**
 * Subscription filters for the live-stream sections, as the query-string form the stream routes take.
 * Most are narrow (a category and a region, a place, two words, a budget in one category), so that each
 * published intent reaches a small set of subscribers; a fixed number are catch-alls that receive every
 * intent.
 */
import { CATEGORIES, CURRENCIES, prng, REGIONS, WORDS } from './corpus.mjs';

const LEAVES = ['basic', 'premium', 'used', 'new', 'local', 'express'];

/** The filter of subscription number `index` (not a catch-all). */
export function narrowFilter(index, seed = 7) {
  const rand = prng(Math.imul(index + 1, 2246822519) ^ seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const shape = rand();
  const [region, lat, lon] = pick(REGIONS);
  if (shape < 0.35) return { category: `${pick(CATEGORIES)}.${pick(LEAVES)}`, region };
  if (shape < 0.55) return { category: pick(CATEGORIES), region };
  if (shape < 0.7) {
    const near = [
      (lat + (rand() - 0.5) * 0.6).toFixed(3),
      (lon + (rand() - 0.5) * 0.6).toFixed(3),
      1 + Math.floor(rand() * 5),
    ];
    return { near: near.join(',') };
  }
  if (shape < 0.85) return { q: `${pick(WORDS)} ${pick(WORDS)}` };
  if (shape < 0.95) {
    return {
      category: pick(CATEGORIES),
      currency: pick(CURRENCIES),
      budgetMin: String(100 + Math.floor(rand() * 2000)),
    };
  }
  return { region, q: pick(WORDS) };
}

/** `count` filters of which `catchAll` are empty (every intent) and the rest narrow. */
export function subscriptionFilters(count, catchAll) {
  return Array.from({ length: count }, (_, i) => (i < catchAll ? {} : narrowFilter(i)));
}
