import { words } from '../../filter.js';
import { circleBox } from '../../geo.js';
import { categoryKey, categoryKeyEnd, paddedAmount } from '../columns.js';
import type { IntentQuery } from '../store.js';

/** A statement and its parameters. */
export interface Sql {
  sql: string;
  params: (string | number)[];
}

/**
 * Where the plan starts: a table read in descending seq order, so SQLite stops after one page instead of
 * sorting every match. The FTS5 table (rowid = seq) when there are words to find, the category prefixes
 * for a single category, else the intents themselves.
 */
interface Driver {
  from: string;
  join: string;
  seq: string;
}

const JOINS = 'CROSS JOIN threads t CROSS JOIN messages m';

export interface IntentQueryOptions {
  /**
   * Fewer than NEAR_DENSE_ROWS geo circles overlap the box of `near` (see nearProbeSql): the plan then
   * starts from those and sorts them, instead of walking every intent in seq order to find them.
   */
  sparseNear?: boolean;
}

/**
 * A little less than the length of one degree of latitude on the sphere distance_km uses (6371.0088 km:
 * 111.195 km), so the latitude test of a `near` query never refuses a point the haversine accepts.
 */
export const KM_PER_DEGREE_BELOW = 111.1;

/** Circles in the box of `near` from which walking the intents in seq order finds a page sooner. */
export const NEAR_DENSE_ROWS = 5000;

/**
 * Counts the geo circles overlapping the box of a `near` filter, up to NEAR_DENSE_ROWS: a cheap R-tree
 * probe that tells which plan of intentQuerySql suits the place.
 */
export function nearProbeSql(near: NonNullable<IntentQuery['filter']['near']>): Sql {
  const box = circleBox(near.lat, near.lon, near.radiusKm);
  return {
    sql: 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM intent_geo WHERE south <= ? AND north >= ? AND west <= ? AND east >= ? LIMIT ?)',
    params: [box.north, box.south, box.east, box.west, NEAR_DENSE_ROWS],
  };
}

/**
 * The SQL of an intent query: the same matches as matchesFilter (filter.ts) and the `state` rule, newest
 * first, keyset-paginated by seq. Reads one row more than the page, to tell whether there is a next page.
 * `distance_km` is the haversine function the store registers.
 *
 * The join order is fixed (CROSS JOIN) and starts from a table in seq order; every other filter is a test
 * on the candidate's row. A unary `+` keeps SQLite off an index whose order is not seq order, which would
 * make it sort all matches to return one page.
 */
export function intentQuerySql(query: IntentQuery, options: IntentQueryOptions = {}): Sql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const { filter } = query;

  const terms = filter.text === undefined ? [] : words(filter.text);
  const oneCategory = filter.categories?.length === 1 ? filter.categories[0] : undefined;
  let driver: Driver;
  if (terms.length > 0) {
    // Every word, as a quoted FTS5 string (words hold only letters and digits, so no quoting issue).
    driver = { from: 'intent_text f CROSS JOIN intents i', join: 'i.seq = f.rowid', seq: 'f.rowid' };
    where.push('intent_text MATCH ?');
    params.push(terms.map((term) => `"${term}"`).join(' '));
  } else if (oneCategory !== undefined) {
    // intent_categories holds each intent under every name that matches it (categoryPrefixes).
    driver = { from: 'intent_categories c CROSS JOIN intents i', join: 'i.seq = c.seq', seq: 'c.seq' };
    where.push('c.prefix = ?');
    params.push(oneCategory);
  } else {
    driver = { from: 'intents i', join: '', seq: 'i.seq' };
  }
  const byIntents = driver.seq === 'i.seq';
  const byCategory = driver.seq === 'c.seq';
  // The columns region, country, currency, budget_min, budget_max and created are in intent_categories too:
  // when it drives, they are tested in its rows, and an intent's own row is read only for a match. A unary
  // + keeps SQLite from an index whose order is not seq order.
  const at = (column: string) => (byCategory ? `+c.${column}` : `+i.${column}`);
  // One place and a currency with one category: intent_categories_place lists those rows in seq order.
  // Named, not left to the planner: its statistics cannot tell how few rows the three together match.
  const place = filter.regions?.length === 1 ? filter.regions[0]! : undefined;
  // The index's equalities then test the country and the currency: they are not tested again below.
  const placed = byCategory && place !== undefined && filter.budget !== undefined;
  if (placed) {
    driver.from = 'intent_categories c INDEXED BY intent_categories_place CROSS JOIN intents i';
    where.push('c.country = ?', 'c.currency = ?');
    params.push(place!.slice(0, 2), filter.budget!.currency);
  }

  // The rule of stateAt (store.ts): a thread still open at its intent's expiry is expired, or done with
  // what it accepted.
  const lapsed = "(t.state = 'open' AND t.expires <= ? AND t.accepted_quantity > 0";
  switch (query.state) {
    case 'any':
      break;
    case 'open':
      where.push("t.state = 'open' AND t.expires > ?");
      params.push(query.now);
      break;
    case 'expired':
      where.push("t.state = 'open' AND t.expires <= ? AND t.accepted_quantity = 0");
      params.push(query.now);
      break;
    case 'accepted':
      where.push(`(t.state = 'accepted' OR ${lapsed} AND t.unconfirmed > 0))`);
      params.push(query.now);
      break;
    case 'closed':
      where.push(`(t.state = 'closed' OR ${lapsed} AND t.unconfirmed = 0))`);
      params.push(query.now);
      break;
    case 'withdrawn':
      where.push("t.state = 'withdrawn'");
      break;
  }

  if (filter.categories && driver.seq !== 'c.seq') {
    const any: string[] = [];
    for (const category of filter.categories) {
      // A URI names only itself; a dotted name also names its children.
      if (category.includes(':')) {
        any.push('+i.category = ?');
        params.push(categoryKey(category));
      } else {
        any.push('(+i.category >= ? AND +i.category < ?)');
        params.push(categoryKey(category), categoryKeyEnd(category));
      }
    }
    where.push(`(${any.join(' OR ')})`);
  }

  if (filter.regions && !(placed && place!.length === 2)) {
    // One region is an equality, whose index lists intents in seq order; several would be a union to sort.
    const column = (name: string) => (byIntents && filter.regions!.length === 1 ? `i.${name}` : at(name));
    const any: string[] = [];
    for (const region of filter.regions) {
      any.push(region.length === 2 ? `${column('country')} = ?` : `${column('region')} = ?`);
      params.push(region);
    }
    where.push(`(${any.join(' OR ')})`);
  }

  if (filter.near) {
    const { lat, lon, radiusKm } = filter.near;
    const box = circleBox(lat, lon, radiusKm);
    if (options.sparseNear) {
      // Few circles in the box: look them up and sort them, rather than walk the store to find them.
      where.push(
        'i.seq IN (SELECT seq FROM intent_geo WHERE south <= ? AND north >= ? AND west <= ? AND east >= ?)',
      );
      params.push(box.north, box.south, box.east, box.west);
    } else {
      // Many: walk in seq order until a page is found, testing each candidate in its own row. Two points
      // are at least their difference in latitude apart along a meridian (KM_PER_DEGREE_BELOW of it per
      // degree), so that cheap test leaves the haversine for the candidates near enough in latitude.
      where.push('abs(i.lat - ?) * ? <= ? + i.radius_km');
      params.push(lat, KM_PER_DEGREE_BELOW, radiusKm);
    }
    where.push('distance_km(?, ?, i.lat, i.lon) <= ? + i.radius_km');
    params.push(lat, lon, radiusKm);
  }

  if (filter.budget) {
    // intents_currency lists one currency's intents in seq order; the amount indexes would not.
    if (!placed) {
      where.push(byIntents ? 'i.currency = ?' : `${at('currency')} = ?`);
      params.push(filter.budget.currency);
    }
    if (filter.budget.min !== undefined) {
      where.push(`${at('budget_max')} >= ?`);
      params.push(paddedAmount(filter.budget.min));
    }
    if (filter.budget.max !== undefined) {
      where.push(`${at('budget_min')} <= ?`);
      params.push(paddedAmount(filter.budget.max));
    }
  }

  if (filter.since !== undefined) {
    where.push(`${at('created')} >= ?`);
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push(`${at('created')} < ?`);
    params.push(filter.until);
  }

  if (query.beforeSeq !== undefined) {
    where.push(`${driver.seq} < ?`);
    params.push(query.beforeSeq);
  }

  const joins = [driver.join, 't.intent_seq = i.seq', 'm.seq = i.seq'].filter((s) => s !== '');
  const sql = [
    `SELECT m.seq, m.json, m.recipients, m.received FROM ${driver.from} ${JOINS}`,
    `WHERE ${[...joins, ...where].join(' AND ')}`,
    `ORDER BY ${driver.seq} DESC LIMIT ?`,
  ].join(' ');
  params.push(query.limit + 1);
  return { sql, params };
}
