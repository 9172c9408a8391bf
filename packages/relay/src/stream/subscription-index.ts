import type { Intent } from '@intentcast/core';
import {
  type IntentFilter,
  matchesPrepared,
  type PreparedFilter,
  PreparedIntent,
  prepareFilter,
  words,
} from '../filter.js';
import { Buckets } from './buckets.js';
import { coverCircle } from './geo-grid.js';
import { GeoIndex } from './geo-index.js';

/** Where a subscription is filed: the one filter field it is found by. */
export type IndexField = 'near' | 'category+region' | 'category' | 'region' | 'text' | 'currency' | 'any';

/** A `near` circle indexed at this level or finer (cells under about 11 degrees) is filed by place first. */
const FINE_GEO_LEVEL = 4;

/** Most category-region pairs a filter is filed under; past this it is filed under one of the two. */
const MAX_PAIRS = 16;

/** How specific the least specific of some categories is: its depth, three for a URI. */
function categoryDepth(categories: readonly string[]): number {
  return Math.min(...categories.map((c) => (c.includes(':') ? 3 : c.split('.').length)));
}

/** How specific the least specific of some regions is: two for a subdivision, one for a country. */
function regionDepth(regions: readonly string[]): number {
  return Math.min(...regions.map((r) => (r.length > 2 ? 2 : 1)));
}

/**
 * The field a filter is filed under: the one likely to narrow the most. Every field of the filter is
 * still checked exactly; this only decides which bucket finds the subscription.
 */
export function indexFieldOf(filter: IntentFilter): IndexField {
  if (filter.near && coverCircle(filter.near).level >= FINE_GEO_LEVEL) return 'near';
  if (filter.categories && filter.regions) {
    if (filter.categories.length * filter.regions.length <= MAX_PAIRS) return 'category+region';
    return regionDepth(filter.regions) >= categoryDepth(filter.categories) ? 'region' : 'category';
  }
  if (filter.categories) return 'category';
  if (filter.regions) return 'region';
  if (filter.near) return 'near';
  if (filter.text !== undefined && words(filter.text).length > 0) return 'text';
  if (filter.budget) return 'currency';
  return 'any';
}

/** A category and its dotted ancestors: the names a category filter can match it by. */
function categoryKeys(category: string): string[] {
  const keys = [category];
  if (category.includes(':')) return keys;
  for (let dot = category.lastIndexOf('.'); dot > 0; dot = category.lastIndexOf('.', dot - 1)) {
    keys.push(category.slice(0, dot));
  }
  return keys;
}

/** A region and its country: the codes a region filter can match it by. */
function regionKeys(region: string): string[] {
  return region.length > 2 && region.charCodeAt(2) === 0x2d ? [region, region.slice(0, 2)] : [region];
}

function longestWord(text: string): string {
  return words(text).reduce((best, word) => (word.length > best.length ? word : best), '');
}

interface Entry<S> {
  sub: S;
  prepared: PreparedFilter;
  /** The query that last reached this entry, so that one query counts it once. */
  seen: number;
}

/**
 * Live intent subscriptions, indexed on their filter fields so that a new intent finds the subscriptions
 * it may match without visiting the others: by category prefix (the intent's category and its dotted
 * ancestors), by region (the intent's region and its country), by both together, by geo grid cell, by a
 * word of the text query, by budget currency, and a bucket of filters with none of these. The candidates are then
 * checked exactly, with the same rules as matchesFilter.
 *
 * @example
 * const index = new SubscriptionIndex<string>();
 * index.add('hotels', { categories: ['lodging'] });
 * index.match(intent); // ['hotels'] when intent.body.what.category is 'lodging.hotel'
 */
export class SubscriptionIndex<S> {
  readonly #entries = new Map<S, Entry<S>>();
  readonly #category = new Buckets<string, Entry<S>>();
  readonly #region = new Buckets<string, Entry<S>>();
  /** Category, then region: filters that name both. */
  readonly #pair = new Map<string, Buckets<string, Entry<S>>>();
  readonly #word = new Buckets<string, Entry<S>>();
  readonly #currency = new Buckets<string, Entry<S>>();
  readonly #geo = new GeoIndex<Entry<S>>();
  readonly #any = new Set<Entry<S>>();
  #queries = 0;

  /** Files `sub` under `filter`, replacing any filter it had. */
  add(sub: S, filter: IntentFilter): void {
    this.delete(sub);
    const entry: Entry<S> = { sub, prepared: prepareFilter(filter), seen: 0 };
    this.#entries.set(sub, entry);
    this.#file(entry, true);
  }

  delete(sub: S): void {
    const entry = this.#entries.get(sub);
    if (entry === undefined) return;
    this.#entries.delete(sub);
    this.#file(entry, false);
  }

  has(sub: S): boolean {
    return this.#entries.has(sub);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The subscriptions whose buckets `intent` falls in, each once: a superset of those it matches. */
  candidates(intent: Intent | PreparedIntent): S[] {
    return this.#gather(intent instanceof PreparedIntent ? intent : new PreparedIntent(intent)).map(
      (e) => e.sub,
    );
  }

  /** The subscriptions whose filter `intent` matches. */
  match(intent: Intent): S[] {
    const prepared = new PreparedIntent(intent);
    const out: S[] = [];
    for (const entry of this.#gather(prepared))
      if (matchesPrepared(entry.prepared, prepared)) out.push(entry.sub);
    return out;
  }

  #gather(prepared: PreparedIntent): Entry<S>[] {
    const query = ++this.#queries;
    const out: Entry<S>[] = [];
    const take = (entry: Entry<S>) => {
      if (entry.seen === query) return;
      entry.seen = query;
      out.push(entry);
    };
    for (const entry of this.#any) take(entry);
    const { what, where, budget } = prepared.intent.body;
    const categories = categoryKeys(what.category);
    if (this.#category.keyCount > 0) for (const key of categories) this.#category.each(key, take);
    if (where?.region !== undefined) {
      const regions = regionKeys(where.region);
      if (this.#region.keyCount > 0) for (const key of regions) this.#region.each(key, take);
      if (this.#pair.size > 0) {
        for (const category of categories) {
          const byRegion = this.#pair.get(category);
          if (byRegion !== undefined) for (const region of regions) byRegion.each(region, take);
        }
      }
    }
    if (where?.geo !== undefined) this.#geo.each(where.geo, take);
    if (budget !== undefined) this.#currency.each(budget.currency, take);
    if (this.#word.keyCount > 0) for (const word of prepared.words) this.#word.each(word, take);
    return out;
  }

  #file(entry: Entry<S>, add: boolean): void {
    const { filter } = entry.prepared;
    const put = <K>(buckets: Buckets<K, Entry<S>>, key: K) =>
      add ? buckets.add(key, entry) : buckets.delete(key, entry);
    switch (indexFieldOf(filter)) {
      case 'near':
        if (add) this.#geo.add(entry, filter.near!);
        else this.#geo.delete(entry);
        return;
      case 'category+region':
        for (const category of new Set(filter.categories)) {
          let byRegion = this.#pair.get(category);
          if (byRegion === undefined) {
            byRegion = new Buckets();
            this.#pair.set(category, byRegion);
          }
          for (const region of new Set(filter.regions)) put(byRegion, region);
          if (byRegion.keyCount === 0) this.#pair.delete(category);
        }
        return;
      case 'category':
        for (const category of new Set(filter.categories)) put(this.#category, category);
        return;
      case 'region':
        for (const region of new Set(filter.regions)) put(this.#region, region);
        return;
      case 'text':
        put(this.#word, longestWord(filter.text!));
        return;
      case 'currency':
        put(this.#currency, filter.budget!.currency);
        return;
      case 'any':
        if (add) this.#any.add(entry);
        else this.#any.delete(entry);
        return;
    }
  }
}
