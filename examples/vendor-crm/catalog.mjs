// @ts-check
/**
 * The product catalog: one CSV row per product, priced per unit and night. It decides which product
 * answers an intent, at what price, and how low a counter may bring that price (the floor).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * @typedef {object} Product
 * @property {string} sku
 * @property {string} category     a dotted category; it also answers intents for categories below it
 * @property {string} region       an ISO 3166 code; a country also answers its subdivisions
 * @property {number} guests       how many people it sleeps
 * @property {string} description  what the offer says
 * @property {number} price        in cents, per unit and night
 * @property {number} floor        the lowest price a counter can get, in cents per unit and night
 * @property {string} currency
 * @property {number} capacity     how many units can be sold
 *
 * @typedef {{ amount: string, currency: string }} Money
 * @typedef {import('@intentcast/client').Received} Received
 * @typedef {Extract<Received, { type: 'intent' }>} Intent
 * @typedef {{ product: Product, price: Money, floor: Money, nights: number }} Quote
 */

/** A catalog that cannot be used; the vendor stops with its message. */
export class CatalogError extends Error {
  /** @override */
  name = 'CatalogError';
}

/** @type {[RegExp, string]} */
const AMOUNT = [/^(0|[1-9]\d{0,9})(\.\d{1,2})?$/, 'an amount such as 139.00'];
/** @type {Record<string, [RegExp, string]>} Each column, and what it must look like. */
const COLUMNS = {
  sku: [/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dots, dashes or underscores'],
  category: [/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*){0,4}$/, 'a dotted category such as lodging.hotel'],
  region: [/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 code such as PT or PT-11'],
  guests: [/^[1-9]\d{0,2}$/, 'a number of guests'],
  description: [/^.{1,2000}$/s, 'a description'],
  price: AMOUNT,
  floor: AMOUNT,
  currency: [/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'],
  capacity: [/^(0|[1-9]\d{0,5})$/, 'a whole number'],
};

/**
 * Reads and checks the catalog; throws CatalogError naming the line (and column) of the first problem.
 *
 * @param {string} path
 * @returns {Product[]}
 * @example
 * const catalog = loadCatalog('examples/vendor-crm/catalog.csv');
 */
export function loadCatalog(path) {
  /** @type {{ record: Record<string, string>, info: { lines: number } }[]} */
  let rows;
  try {
    rows = parse(readFileSync(path, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (err) {
    const { code, lines, message } = /** @type {{ code?: string, lines?: number, message?: string }} */ (err);
    // csv-parse's own errors carry the line where parsing stopped.
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : lines === undefined
          ? String(message)
          : `line ${lines}: ${message}`;
    throw new CatalogError(`catalog ${path}: ${reason}`);
  }
  if (rows.length === 0) throw new CatalogError(`catalog ${path}: no products`);
  const skus = new Set();
  return rows.map(({ record, info }) => {
    const where = `catalog ${path} line ${info.lines}`;
    for (const [column, [pattern, expected]] of Object.entries(COLUMNS)) {
      const value = record[column];
      if (value === undefined) throw new CatalogError(`${where}: the column "${column}" is missing`);
      if (!pattern.test(value))
        throw new CatalogError(`${where}: "${column}" expected ${expected}, got "${value}"`);
    }
    if (skus.has(record.sku)) throw new CatalogError(`${where}: the sku ${record.sku} is listed twice`);
    skus.add(record.sku);
    const product = {
      sku: String(record.sku),
      category: String(record.category),
      region: String(record.region),
      guests: Number(record.guests),
      description: String(record.description),
      price: toCents(String(record.price)),
      floor: toCents(String(record.floor)),
      currency: String(record.currency),
      capacity: Number(record.capacity),
    };
    if (product.floor > product.price) throw new CatalogError(`${where}: "floor" is above "price"`);
    return product;
  });
}

/**
 * The filter for the relay's intent stream: the catalog's categories in its regions. The relay does the
 * coarse matching; `quote` does the rest.
 *
 * @param {Product[]} catalog
 */
export function streamFilter(catalog) {
  const unique = (/** @type {string[]} */ values) => [...new Set(values)];
  return { category: unique(catalog.map((p) => p.category)), region: unique(catalog.map((p) => p.region)) };
}

/**
 * The cheapest product that answers the intent, priced for the whole request (units x nights), with the
 * floor a counter may reach; or the reason no product does.
 *
 * @param {Product[]} catalog
 * @param {Intent} intent
 * @param {(sku: string) => number} sold  how many units of a product are already sold
 * @returns {Quote | { reason: string }}
 */
export function quote(catalog, intent, sold) {
  const { what, where, when, budget } = intent.body;
  const region = where?.region ?? '';
  const guests = Number(what.attributes?.guests ?? 1);
  const nights = when === undefined ? 1 : nightsBetween(when.start, when.end);
  const total = (/** @type {number} */ cents) => cents * nights * what.quantity;
  /** @type {[(p: Product) => boolean, string][]} Each test, and what is said when no product passes it. */
  const tests = [
    [
      (p) => under(what.category, p.category, '.') && under(region, p.region, '-'),
      `no product for ${what.category} in ${region || 'no region'}`,
    ],
    [(p) => p.guests >= guests, `nothing for ${guests} guests`],
    [(p) => p.capacity - sold(p.sku) >= what.quantity, 'sold out'],
    [
      (p) => !budget || (p.currency === budget.currency && total(p.price) <= toCents(budget.max)),
      'over budget',
    ],
  ];
  let fits = catalog;
  for (const [test, reason] of tests) {
    fits = fits.filter(test);
    if (fits.length === 0) return { reason };
  }
  const product = fits.reduce((best, p) => (p.price < best.price ? p : best));
  return {
    product,
    price: money(total(product.price), product.currency),
    floor: money(total(product.floor), product.currency),
    nights,
  };
}

/** Whether `wanted` is `offered` or below it (lodging.hotel is below lodging; PT-11 below PT). */
const under = (/** @type {string} */ wanted, /** @type {string} */ offered, /** @type {string} */ sep) =>
  wanted === offered || wanted.startsWith(offered + sep);

/** Nights between two timestamps, counted by calendar date as hotels do. */
const nightsBetween = (/** @type {string} */ start, /** @type {string} */ end) =>
  Math.max(1, Math.round((Date.parse(end.slice(0, 10)) - Date.parse(start.slice(0, 10))) / 86_400_000));

/** @param {string} amount @returns {number} */
export const toCents = (amount) => Math.round(Number(amount) * 100);
/** @param {number} cents @param {string} currency @returns {Money} */
export const money = (cents, currency) => ({ amount: (cents / 100).toFixed(2), currency });
