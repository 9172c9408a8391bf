import type { Intent } from '@intentcast/core';
import { words } from '../filter.js';
import { type Box, circleBox } from '../geo.js';

/**
 * The columns a store extracts from an intent so every filter of filter.ts is an index lookup. Any store
 * (SQLite today) uses the same values, so they answer queries the same way.
 */
export interface IntentColumns {
  /** The category followed by a dot: a prefix `p` matches the range ['p.', 'p/'), since '/' follows '.'. */
  categoryKey: string;
  /** Every category filter value that matches the intent (see categoryPrefixes). */
  categoryPrefixes: string[];
  region: string | null;
  /** The country part of the region (its first two letters), for country-wide filters. */
  country: string | null;
  created: number;
  expires: number;
  currency: string | null;
  /** Fixed-width amounts (see paddedAmount) that compare as strings exactly as the amounts compare. */
  budgetMin: string | null;
  budgetMax: string | null;
  geo: { lat: number; lon: number; radiusKm: number; box: Box } | null;
  /** The description's words, lowercase, space-separated: what the text index holds. */
  text: string;
}

const INTEGER_DIGITS = 15;
const FRACTION_DIGITS = 6;

/**
 * A protocol amount as a fixed-width string of 15 integer and 6 fraction digits: string order is numeric
 * order, with no rounding (amounts have at most 15 and 6 digits).
 *
 * @example
 * paddedAmount('149.9'); // '000000000000149.900000'
 */
export function paddedAmount(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole.padStart(INTEGER_DIGITS, '0')}.${fraction.padEnd(FRACTION_DIGITS, '0')}`;
}

/** The key a category filter value is compared with: categories are stored as `category + '.'`. */
export function categoryKey(category: string): string {
  return `${category}.`;
}

/** The exclusive upper end of the key range of a category prefix. */
export function categoryKeyEnd(prefix: string): string {
  return `${prefix}/`;
}

/**
 * The category filter values that match a category, as categoryMatches (filter.ts) judges: the category
 * itself and every dotted prefix that is not part of a URI.
 *
 * @example
 * categoryPrefixes('lodging.hotel'); // ['lodging', 'lodging.hotel']
 * categoryPrefixes('urn:cat:bikes.x'); // ['urn:cat:bikes.x']
 */
export function categoryPrefixes(category: string): string[] {
  const prefixes: string[] = [];
  for (let dot = category.indexOf('.'); dot !== -1; dot = category.indexOf('.', dot + 1)) {
    const prefix = category.slice(0, dot);
    if (prefix.includes(':')) break;
    prefixes.push(prefix);
  }
  prefixes.push(category);
  return prefixes;
}

/** Extracts the filter columns of an intent. */
export function intentColumns(intent: Intent): IntentColumns {
  const { what, where, budget } = intent.body;
  const region = where?.region ?? null;
  const geo = where?.geo;
  return {
    categoryKey: categoryKey(what.category),
    categoryPrefixes: categoryPrefixes(what.category),
    region,
    country: region === null ? null : region.slice(0, 2),
    created: Date.parse(intent.created),
    expires: Date.parse(intent.expires),
    currency: budget?.currency ?? null,
    budgetMin: budget === undefined ? null : paddedAmount(budget.min ?? '0'),
    budgetMax: budget === undefined ? null : paddedAmount(budget.max),
    geo: geo === undefined ? null : { ...geo, box: circleBox(geo.lat, geo.lon, geo.radiusKm) },
    text: words(what.description).join(' '),
  };
}
