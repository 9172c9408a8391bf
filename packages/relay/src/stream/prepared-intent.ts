import { compareAmounts, type Intent } from '@intentcast/core';
import { categoryMatches, distanceKm, type IntentFilter, regionMatches, words } from '../filter.js';

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
 * matchesFilter on a prepared filter and intent: the same answer for every filter and intent (a property
 * test holds the two together), computed without parsing either again.
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
