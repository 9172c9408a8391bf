import type { IntentFilter } from '@intentcast/client';
import type { Intent } from '@intentcast/core';
import type { Context } from '../context.js';
import { UsageError } from '../io.js';
import { painter, writeJson } from '../output.js';
import { EXIT } from '../report.js';
import { type SessionOptions, withSession } from '../session.js';

export interface WatchOptions extends SessionOptions {
  category?: string;
  region?: string;
  near?: string;
  currency?: string;
  budgetMin?: string;
  budgetMax?: string;
  q?: string;
  limit?: number;
  /** Seconds. */
  timeout?: number;
  json?: boolean;
}

/** Parses `--near LAT,LON,KM`. */
export function parseNear(value: string): IntentFilter['near'] {
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) {
    throw new UsageError(
      `--near: expected LAT,LON,RADIUS_KM such as 38.7,-9.1,5, got ${JSON.stringify(value)}`,
    );
  }
  const [lat, lon, radiusKm] = parts as [number, number, number];
  return { lat, lon, radiusKm };
}

function filterOf(options: WatchOptions): IntentFilter {
  const filter: IntentFilter = {};
  for (const name of ['category', 'region', 'currency', 'budgetMin', 'budgetMax', 'q'] as const) {
    const value = options[name];
    if (value !== undefined) filter[name] = value;
  }
  if (options.near !== undefined) filter.near = parseNear(options.near);
  return filter;
}

/** One line for an intent: id, category, quantity, region, budget, description. */
export function intentLine(intent: Intent, paint: ReturnType<typeof painter>): string {
  const { what, where, budget } = intent.body;
  const parts = [paint('cyan', intent.id), paint('bold', what.category), `x${what.quantity}`];
  if (where?.region !== undefined) parts.push(where.region);
  if (budget !== undefined) {
    parts.push(`${budget.min === undefined ? '' : `${budget.min}-`}${budget.max} ${budget.currency}`);
  }
  parts.push(JSON.stringify(what.description));
  return parts.join(' ');
}

/**
 * `intentcast watch`: streams the unexpired intents that match the filter, the backlog first, until SIGINT,
 * `--limit` intents or `--timeout` seconds.
 *
 * @example
 * await watch({ category: 'lodging', limit: 1, json: true }, context);
 */
export async function watch(options: WatchOptions, { io, backend }: Context): Promise<number> {
  const filter = filterOf(options);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (io.signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const timer =
    options.timeout === undefined ? undefined : setTimeout(() => stop.abort(), options.timeout * 1000);
  try {
    return await withSession(options, io, backend, async (session) => {
      const paint = painter(io);
      let seen = 0;
      for await (const intent of session.vendor().intents(filter, { signal: stop.signal })) {
        if (options.json) writeJson(io, { relay: intent.relay, seq: intent.seq, intent });
        else io.stdout.write(`${intentLine(intent, paint)}\n`);
        seen += 1;
        if (options.limit !== undefined && seen >= options.limit) break;
      }
      return EXIT.ok;
    });
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
