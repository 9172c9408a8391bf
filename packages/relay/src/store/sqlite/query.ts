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
 * The SQL of an intent query: the same matches as matchesFilter (filter.ts) and the `state` rule, newest
 * first, keyset-paginated by seq. Reads one row more than the page, to tell whether there is a next page.
 * `distance_km` is the haversine function the store registers.
 */
export function intentQuerySql(query: IntentQuery): Sql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const { filter } = query;

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

  if (filter.categories) {
    const any: string[] = [];
    for (const category of filter.categories) {
      // A URI names only itself; a dotted name also names its children.
      if (category.includes(':')) {
        any.push('i.category = ?');
        params.push(categoryKey(category));
      } else {
        any.push('(i.category >= ? AND i.category < ?)');
        params.push(categoryKey(category), categoryKeyEnd(category));
      }
    }
    where.push(`(${any.join(' OR ')})`);
  }

  if (filter.regions) {
    const any: string[] = [];
    for (const region of filter.regions) {
      any.push(region.length === 2 ? 'i.country = ?' : 'i.region = ?');
      params.push(region);
    }
    where.push(`(${any.join(' OR ')})`);
  }

  if (filter.near) {
    const { lat, lon, radiusKm } = filter.near;
    const box = circleBox(lat, lon, radiusKm);
    where.push(
      'i.seq IN (SELECT seq FROM intent_geo WHERE south <= ? AND north >= ? AND west <= ? AND east >= ?)',
      'distance_km(?, ?, i.lat, i.lon) <= ? + i.radius_km',
    );
    params.push(box.north, box.south, box.east, box.west, lat, lon, radiusKm);
  }

  if (filter.budget) {
    where.push('i.currency = ?');
    params.push(filter.budget.currency);
    if (filter.budget.min !== undefined) {
      where.push('i.budget_max >= ?');
      params.push(paddedAmount(filter.budget.min));
    }
    if (filter.budget.max !== undefined) {
      where.push('i.budget_min <= ?');
      params.push(paddedAmount(filter.budget.max));
    }
  }

  if (filter.since !== undefined) {
    where.push('i.created >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('i.created < ?');
    params.push(filter.until);
  }

  if (filter.text !== undefined) {
    // Every word, as a quoted FTS5 string (words hold only letters and digits, so no quoting issue).
    const terms = words(filter.text);
    if (terms.length > 0) {
      where.push('i.seq IN (SELECT rowid FROM intent_text WHERE intent_text MATCH ?)');
      params.push(terms.map((term) => `"${term}"`).join(' '));
    }
  }

  if (query.beforeSeq !== undefined) {
    where.push('i.seq < ?');
    params.push(query.beforeSeq);
  }

  const sql = [
    'SELECT m.seq, m.json, m.recipients, m.received FROM intents i',
    'JOIN threads t ON t.intent_seq = i.seq',
    'JOIN messages m ON m.seq = i.seq',
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    'ORDER BY i.seq DESC LIMIT ?',
  ].join(' ');
  params.push(query.limit + 1);
  return { sql, params };
}
