/**
 * The filter language of spec/relay-api.md#filters, shared by `GET /v1/intents` and the streams. The relay
 * checks every value and refuses a malformed one with ERR_FILTER_INVALID.
 *
 * @example
 * vendor.intents({ category: ['lodging', 'travel'], region: 'PT', currency: 'EUR', budgetMin: '100' });
 */
export interface IntentFilter {
  /** Dotted names or URIs; a dotted name also matches the categories below it. */
  category?: string | readonly string[];
  /** ISO 3166 codes; a country code also matches its subdivisions. */
  region?: string | readonly string[];
  /** Intents whose circle overlaps this one. */
  near?: { lat: number; lon: number; radiusKm: number };
  /** ISO 4217 code; required by `budgetMin` and `budgetMax`. */
  currency?: string;
  budgetMin?: string;
  budgetMax?: string;
  /** Created at or after this UTC timestamp. */
  since?: string;
  /** Created before this UTC timestamp. */
  until?: string;
  /** Words that must all be in the description. */
  q?: string;
}

const list = (value: string | readonly string[]) => (typeof value === 'string' ? value : value.join(','));

/**
 * The filter as query parameters (and WebSocket filter members): every value a string, lists joined by
 * commas, absent members left out.
 *
 * @example
 * filterParams({ category: ['lodging', 'travel'], near: { lat: 38.7, lon: -9.1, radiusKm: 5 } });
 * // { category: 'lodging,travel', near: '38.7,-9.1,5' }
 */
export function filterParams(filter: IntentFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.category !== undefined) params.category = list(filter.category);
  if (filter.region !== undefined) params.region = list(filter.region);
  if (filter.near !== undefined) {
    const { lat, lon, radiusKm } = filter.near;
    params.near = `${lat},${lon},${radiusKm}`;
  }
  for (const name of ['currency', 'budgetMin', 'budgetMax', 'since', 'until', 'q'] as const) {
    const value = filter[name];
    if (value !== undefined) params[name] = value;
  }
  return params;
}
