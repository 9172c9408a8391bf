import {
  compareAmounts,
  type Intent,
  IntentcastError,
  parseTimestamp,
  type Result,
  toFailure,
} from '@intentcast/core';

/**
 * The filter language shared by `GET /v1/intents`, the SSE stream, the WebSocket stream and webhooks
 * (spec/relay-api.md#filters). Every field narrows the match; an empty filter matches every intent.
 */
export interface IntentFilter {
  /** Category names; a dotted name matches itself and its children (`lodging` matches `lodging.hotel`). */
  categories?: string[];
  /** Region codes; a country code matches its subdivisions (`PT` matches `PT-11`). */
  regions?: string[];
  /** Intents whose geo circle overlaps this circle. */
  near?: { lat: number; lon: number; radiusKm: number };
  /** Intents whose budget, in this currency, overlaps [min, max]. */
  budget?: { currency: string; min?: string; max?: string };
  /** Created at or after this time (epoch ms). */
  since?: number;
  /** Created before this time (epoch ms). */
  until?: number;
  /** Words that must all appear in the description (case-insensitive, whole words). */
  text?: string;
}

/** The query-string parameters of a filter, as a route receives them. */
export interface FilterQuery {
  category?: string;
  region?: string;
  near?: string;
  currency?: string;
  budgetMin?: string;
  budgetMax?: string;
  since?: string;
  until?: string;
  q?: string;
}

/** The names of the filter parameters, the one list that routes, streams and webhooks accept. */
export const FILTER_PARAMS = [
  'category',
  'region',
  'near',
  'currency',
  'budgetMin',
  'budgetMax',
  'since',
  'until',
  'q',
] as const satisfies readonly (keyof FilterQuery)[];

type FilterParamSchemas = Record<(typeof FILTER_PARAMS)[number], { type: 'string'; maxLength: number }>;

/** JSON Schema properties for the filter parameters, as routes declare them (values are parsed by parseFilter). */
export const filterParamSchemas = Object.fromEntries(
  FILTER_PARAMS.map((name) => [name, { type: 'string', maxLength: 1024 }]),
) as FilterParamSchemas;

export const MAX_FILTER_VALUES = 16;
const CATEGORY_RE = /^(?:[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*|https:\/\/[!-~]+|urn:[!-~]+)$/;
const REGION_RE = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
const AMOUNT_RE = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;
const CURRENCY_RE = /^[A-Z]{3}$/;
const TIMESTAMP_RE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?Z$/;
const MAX_TEXT_LENGTH = 200;

function invalid(param: string, message: string): never {
  throw new IntentcastError('ERR_FILTER_INVALID', `${param}: ${message}`, { path: `/${param}` });
}

function list(param: string, value: string, re: RegExp, what: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.length > MAX_FILTER_VALUES) invalid(param, `at most ${MAX_FILTER_VALUES} values`);
  for (const item of items) if (!re.test(item)) invalid(param, `${JSON.stringify(item)} is not ${what}`);
  return [...new Set(items)];
}

function timestamp(param: string, value: string): number {
  if (!TIMESTAMP_RE.test(value)) invalid(param, 'expected a UTC timestamp like 2026-01-15T12:00:00Z');
  try {
    return parseTimestamp(value);
  } catch {
    return invalid(param, `${value} is not a real time`);
  }
}

/**
 * Parses filter parameters. Unknown parameters are the caller's business (routes declare theirs).
 *
 * @example
 * parseFilter({ category: 'lodging', region: 'PT', near: '38.72,-9.14,25' });
 */
export function parseFilter(query: FilterQuery): IntentFilter {
  const filter: IntentFilter = {};
  if (query.category !== undefined) {
    filter.categories = list('category', query.category, CATEGORY_RE, 'a category');
  }
  if (query.region !== undefined) filter.regions = list('region', query.region, REGION_RE, 'a region code');
  if (query.near !== undefined) {
    const parts = query.near.split(',').map(Number);
    const [lat, lon, radiusKm] = parts;
    if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n)))
      invalid('near', 'expected lat,lon,radiusKm');
    if (lat! < -90 || lat! > 90 || lon! < -180 || lon! > 180)
      invalid('near', 'latitude or longitude out of range');
    if (!(radiusKm! > 0 && radiusKm! <= 20000))
      invalid('near', 'radius must be above 0 and at most 20000 km');
    filter.near = { lat: lat!, lon: lon!, radiusKm: radiusKm! };
  }
  if (query.budgetMin !== undefined || query.budgetMax !== undefined || query.currency !== undefined) {
    if (query.currency === undefined || !CURRENCY_RE.test(query.currency)) {
      invalid('currency', 'a budget filter needs an ISO 4217 currency code');
    }
    const budget: NonNullable<IntentFilter['budget']> = { currency: query.currency };
    for (const key of ['budgetMin', 'budgetMax'] as const) {
      const value = query[key];
      if (value === undefined) continue;
      if (!AMOUNT_RE.test(value)) invalid(key, 'expected a decimal amount like 120.50');
      budget[key === 'budgetMin' ? 'min' : 'max'] = value;
    }
    if (budget.min !== undefined && budget.max !== undefined && compareAmounts(budget.min, budget.max) > 0) {
      invalid('budgetMin', 'is greater than budgetMax');
    }
    filter.budget = budget;
  }
  if (query.since !== undefined) filter.since = timestamp('since', query.since);
  if (query.until !== undefined) filter.until = timestamp('until', query.until);
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    invalid('until', 'must be after since');
  }
  if (query.q !== undefined) {
    const text = query.q.trim();
    if (text.length === 0 || text.length > MAX_TEXT_LENGTH)
      invalid('q', `expected 1 to ${MAX_TEXT_LENGTH} characters`);
    filter.text = text;
  }
  return filter;
}

/** The Result form of parseFilter. */
export function validateFilter(query: FilterQuery): Result<IntentFilter> {
  try {
    return { ok: true, value: parseFilter(query) };
  } catch (err) {
    return toFailure(err);
  }
}

/** True when `category` is `prefix` or one of its dotted children. URIs match only themselves. */
export function categoryMatches(prefix: string, category: string): boolean {
  if (category === prefix) return true;
  return !prefix.includes(':') && category.startsWith(prefix) && category.charCodeAt(prefix.length) === 0x2e;
}

/** True when `region` is `wanted` or one of its subdivisions. */
export function regionMatches(wanted: string, region: string): boolean {
  return (
    region === wanted || (wanted.length === 2 && region.startsWith(wanted) && region.charCodeAt(2) === 0x2d)
  );
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The lowercase words of a text, for the stream's text match (queries use SQLite FTS5). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * An intent with what every filter check needs worked out once: its creation time and the words of its
 * description. One new intent is checked against many candidate filters, and parsing these per check
 * would cost more than the checks themselves.
 */
export class PreparedIntent {
  readonly intent: Intent;
  #created: number | undefined;
  #words: Set<string> | undefined;

  constructor(intent: Intent) {
    this.intent = intent;
  }

  /** The creation time, epoch ms. */
  get created(): number {
    this.#created ??= Date.parse(this.intent.created);
    return this.#created;
  }

  get words(): ReadonlySet<string> {
    this.#words ??= new Set(words(this.intent.body.what.description));
    return this.#words;
  }
}

/** A filter with the words of its text query split once. */
export interface PreparedFilter {
  filter: IntentFilter;
  textWords: readonly string[] | undefined;
}

export function prepareFilter(filter: IntentFilter): PreparedFilter {
  return { filter, textWords: filter.text === undefined ? undefined : words(filter.text) };
}

/**
 * True when a prepared intent matches a prepared filter: the one implementation of the filter rules that
 * streams and webhooks use per candidate, after the subscription index has narrowed them; queries use the
 * equivalent SQL.
 *
 * @example
 * matchesPrepared(prepareFilter({ categories: ['lodging'] }), new PreparedIntent(intent));
 */
export function matchesPrepared({ filter, textWords }: PreparedFilter, prepared: PreparedIntent): boolean {
  const body = prepared.intent.body;
  if (filter.categories && !filter.categories.some((c) => categoryMatches(c, body.what.category)))
    return false;
  if (filter.regions) {
    const region = body.where?.region;
    if (region === undefined || !filter.regions.some((r) => regionMatches(r, region))) return false;
  }
  if (filter.near) {
    const geo = body.where?.geo;
    if (geo === undefined || distanceKm(filter.near, geo) > filter.near.radiusKm + geo.radiusKm) return false;
  }
  if (filter.budget) {
    const budget = body.budget;
    if (budget === undefined || budget.currency !== filter.budget.currency) return false;
    if (filter.budget.min !== undefined && compareAmounts(budget.max, filter.budget.min) < 0) return false;
    if (filter.budget.max !== undefined && compareAmounts(budget.min ?? '0', filter.budget.max) > 0)
      return false;
  }
  if (filter.since !== undefined && prepared.created < filter.since) return false;
  if (filter.until !== undefined && prepared.created >= filter.until) return false;
  if (textWords !== undefined) {
    const have = prepared.words;
    if (!textWords.every((word) => have.has(word))) return false;
  }
  return true;
}

/** True when an intent matches a filter: matchesPrepared for a single check. */
export function matchesFilter(filter: IntentFilter, intent: Intent): boolean {
  return matchesPrepared(prepareFilter(filter), new PreparedIntent(intent));
}
